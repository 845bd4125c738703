import type { SignaturePlacement } from '../model/identity';
import { FORWARD_DIVIDERS, isAttributionLine } from './quote-words';

/**
 * A signature as placed in a plain-text message: "-- " on a line of its own, then the signature
 * (RFC 3676 §4.3: the separator readers and mail programs recognise, and strip from quotes).
 */
export function signatureBlock(signature: string): string {
  const text = signature.replace(/\r\n/g, '\n').replace(/\s+$/, '');
  return text ? `-- \n${text}` : '';
}

/**
 * Where the quoted original of a reply (its attribution line) or a forward (its divider) starts:
 * the index of the blank line before it, or null.
 */
function quoteStart(text: string): { index: number } | null {
  let offset = 0;
  for (const line of text.split('\n')) {
    if (offset >= 2 && text.startsWith('\n\n', offset - 2) && (isAttributionLine(line) || FORWARD_DIVIDERS.includes(line))) return { index: offset - 2 };
    offset += line.length + 1;
  }
  return null;
}

function insertBlock(text: string, block: string, placement: SignaturePlacement): string {
  const quote = quoteStart(text);
  if (!quote) return text.trim() ? `${text.replace(/\n*$/, '')}\n\n${block}\n` : `\n\n${block}`;
  if (placement === 'below-quote') return `${text.replace(/\n*$/, '')}\n\n${block}\n`;
  return `${text.slice(0, quote.index)}\n\n${block}${text.slice(quote.index)}`;
}

/**
 * The text a composer starts with: a new message gets the signature after room to write; a reply
 * or forward gets it before the quoted original (after the room to write) or after it, as chosen.
 */
export function textWithSignature(text: string, signature: string, placement: SignaturePlacement): string {
  const block = signatureBlock(signature);
  return block ? insertBlock(text, block, placement) : text;
}

/**
 * The text with one identity's signature replaced by another's, as the From chooser changes it.
 * A signature the user edited is left alone (the new one is then added, never written over text).
 */
export function swapSignature(text: string, from: string, to: string, placement: SignaturePlacement): string {
  const old = signatureBlock(from);
  const next = signatureBlock(to);
  const at = old ? wholeBlockAt(text, old) : -1;
  if (at >= 0) {
    // Without a new one, the old one goes with the blank line before it.
    const start = !next && text.slice(at - 2, at) === '\n\n' ? at - 2 : at;
    return text.slice(0, start) + next + text.slice(at + old.length);
  }
  return next && wholeBlockAt(text, next) < 0 ? insertBlock(text, next, placement) : text;
}

/** Where `block` first stands whole in the text from `from` on (its last line not continued by more text), or -1. */
export function wholeBlockAt(text: string, block: string, from = 0): number {
  for (let at = text.indexOf(block, from); at >= 0; at = text.indexOf(block, at + 1)) {
    const after = text[at + block.length];
    if (after === undefined || after === '\n') return at;
  }
  return -1;
}

/**
 * Where the user's own signature block stands in a composer's text: whole, and not inside the
 * quoted or forwarded original (`quoted`, which may hold the same signature); -1 when it is not there.
 */
export function ownSignatureAt(text: string, signature: string, quoted?: string): number {
  const block = signatureBlock(signature);
  if (!block) return -1;
  const quotedAt = quoted ? text.indexOf(quoted) : -1;
  const insideQuote = (at: number): boolean => quotedAt >= 0 && at >= quotedAt && at < quotedAt + quoted!.length;
  let at = wholeBlockAt(text, block);
  while (at >= 0 && insideQuote(at)) at = wholeBlockAt(text, block, at + 1);
  return at;
}
