/**
 * A rich message's text part, from the editor's document (ProseMirror's JSON, as TipTap's
 * `getJSON()` gives it): what a recipient whose mail program shows only text reads, with the
 * structure kept in plain-text conventions — a list's items as "- " or "1. ", a quote as "> "
 * lines (RFC 3676's quote marks), a link as its text and its address in angle brackets, a heading
 * as its own line, a line break within a paragraph kept, a blank line between blocks. Read from the
 * document rather than from the HTML so it does not depend on a DOM (main and tests have none).
 */
import { isAttributionLine } from './quote-words';

export interface RichNode {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
  content?: RichNode[];
}

/** The text of inline content: text runs (a link's address after its text), line breaks, images by their description. */
function inline(nodes: readonly RichNode[] | undefined): string {
  let out = '';
  for (const node of nodes ?? []) {
    if (node.type === 'text') {
      const text = node.text ?? '';
      const href = node.marks?.find((m) => m.type === 'link')?.attrs?.href;
      // A link whose text is its address already is written once.
      out += typeof href === 'string' && href && href !== text && `mailto:${text}` !== href ? `${text} <${href}>` : text;
    } else if (node.type === 'hardBreak') out += '\n';
    else if (node.type === 'image') {
      const alt = node.attrs?.alt;
      out += typeof alt === 'string' && alt ? `[${alt}]` : '[image]';
    } else out += inline(node.content);
  }
  return out;
}

/** Prefixes every line of `text`: the first with `first`, the rest with `rest`. */
function prefixed(text: string, first: string, rest: string): string {
  return text
    .split('\n')
    .map((line, i) => (i === 0 ? first : rest) + line)
    .join('\n');
}

function blocks(nodes: readonly RichNode[] | undefined): string[] {
  const out: string[] = [];
  for (const node of nodes ?? []) {
    switch (node.type) {
      case 'paragraph':
      case 'heading':
        out.push(inline(node.content));
        break;
      case 'bulletList':
      case 'orderedList': {
        const start = typeof node.attrs?.start === 'number' ? node.attrs.start : 1;
        const items = (node.content ?? []).map((item, i) => {
          const marker = node.type === 'bulletList' ? '- ' : `${start + i}. `;
          // An item's own paragraphs and nested lists, indented under its marker.
          return prefixed(blocks(item.content).join('\n'), marker, ' '.repeat(marker.length));
        });
        out.push(items.join('\n'));
        break;
      }
      case 'blockquote':
        out.push(
          blocks(node.content)
            .join('\n\n')
            .split('\n')
            .map((line) => (line ? `> ${line}` : '>'))
            .join('\n'),
        );
        break;
      case 'codeBlock':
        out.push(inline(node.content));
        break;
      case 'horizontalRule':
        out.push('---');
        break;
      case 'signature':
        // RFC 3676 §4.3's "-- " line (the editor may have dropped its space), then the signature's
        // lines, without blank lines between: as the plain-text signature reads.
        out.push(blocks(node.content).join('\n').replace(/^--[ \u00a0]?(?=\n|$)/, '-- '));
        break;
      case 'image':
        // An image on its own line (the editor's images are blocks).
        out.push(inline([node]));
        break;
      default:
        out.push(...blocks(node.content));
    }
  }
  return out;
}

/**
 * A rich signature's text (what plain-text messages carry): its blocks one per line, as the
 * signature block of a rich message writes them, so that the two read the same.
 */
export function signatureText(doc: RichNode): string {
  return blocks(doc.content).join('\n').trimEnd();
}

/** The text part of a rich message: its blocks separated by a blank line, list items by a line break. */
export function richTextToPlain(doc: RichNode): string {
  const nodes = doc.content ?? [];
  let text = '';
  nodes.forEach((node, i) => {
    // The attribution line sits right above the quote it introduces, as a plain-text reply has it.
    if (i > 0) text += introducesQuote(nodes[i - 1]!, node) ? '\n' : '\n\n';
    text += blocks([node]).join('\n\n');
  });
  return text.replace(/\n{3,}/g, '\n\n').trimEnd();
}

/** "On Monday, Ann wrote:" followed by the quote. */
function introducesQuote(before: RichNode, node: RichNode): boolean {
  return before.type === 'paragraph' && node.type === 'blockquote' && isAttributionLine(inline(before.content));
}

/** Whether a document has nothing but empty paragraphs. */
export function isEmptyDoc(doc: RichNode): boolean {
  return richTextToPlain(doc).trim() === '';
}
