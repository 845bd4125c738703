import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

/** WHATWG Encoding Standard: these labels mean windows-1252, as every mail client reads them. */
const WINDOWS_1252_LABELS = new Set(['iso-8859-1', 'iso8859-1', 'latin1', 'l1', 'cp1252', 'windows-1252', 'x-cp1252']);

/**
 * Labels that say nothing about 8-bit bytes: no charset at all; us-ascii, which RFC 2045 §5.2
 * makes the default and which IMAP servers report for a part that declares none (BODYSTRUCTURE);
 * and unknown-8bit (RFC 1428), which says outright that the charset is not known.
 */
const UNDECLARED_LABELS = new Set(['', 'us-ascii', 'ascii', 'us', 'ansi_x3.4-1968', 'unknown-8bit', 'x-unknown']);

/** Whether a charset label leaves 8-bit bytes to the rule of `undeclaredCharset`. */
export function isUndeclaredCharset(charset: string | undefined): boolean {
  return UNDECLARED_LABELS.has((charset ?? '').trim().toLowerCase());
}

/**
 * Decodes bytes in a declared charset; unknown or broken labels fall back to UTF-8, never throw.
 * Text that declares no charset (or us-ascii) follows the one rule the reader uses too
 * (`decodeUndeclared`): valid UTF-8 as UTF-8, anything else as windows-1252.
 */
export function decodeCharset(bytes: Uint8Array, charset: string | undefined): string {
  if (isUndeclaredCharset(charset)) return decodeUndeclared(bytes);
  const label = (charset ?? '').trim().toLowerCase();
  const name = WINDOWS_1252_LABELS.has(label) ? 'windows-1252' : label;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return iconv.encodingExists(name) ? iconv.decode(buffer, name) : buffer.toString('utf8');
}

/** The charset 8-bit text without a declared one is read in: UTF-8 when its bytes are valid UTF-8, else windows-1252. */
export function undeclaredCharset(bytes: Uint8Array): 'utf-8' | 'windows-1252' {
  return utf8Text(bytes) === null ? 'windows-1252' : 'utf-8';
}

/** 8-bit text that declares no charset, read by the rule of `undeclaredCharset`. */
export function decodeUndeclared(bytes: Uint8Array): string {
  const utf8 = utf8Text(bytes);
  if (utf8 === null) return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'windows-1252');
  const text = Buffer.from(utf8.buffer, utf8.byteOffset, utf8.byteLength).toString('utf8');
  // A byte order mark is not content.
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/**
 * The bytes that are UTF-8 text, or null when they are not. A snippet is the first few hundred
 * bytes of a part, so a character cut off at the very end does not make UTF-8 text invalid (it is
 * left out) — unless no multi-byte character came before it: ASCII ending in one 8-bit byte
 * ("caf\xE9") is far more often Latin-1 than UTF-8 cut at its first accent.
 */
function utf8Text(bytes: Uint8Array): Uint8Array | null {
  if (isUtf8(bytes)) return bytes;
  const cut = incompleteLastCharacter(bytes);
  if (cut === 0) return null;
  const complete = bytes.subarray(0, bytes.length - cut);
  return isUtf8(complete) && complete.some((byte) => byte >= 0x80) ? complete : null;
}

/** How many bytes at the end start a UTF-8 character (RFC 3629 §4) without finishing it; 0 if none. */
function incompleteLastCharacter(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!;
    if (byte >= 0x80 && byte < 0xc0) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? back : 0;
  }
  return 0;
}

/** Quoted-printable (RFC 2045 §6.7), tolerant of a cut-off tail (partial fetches end anywhere). */
export function decodeQuotedPrintable(input: string): Uint8Array {
  const text = input.replace(/=\r?\n/g, '');
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 0x3d /* = */) {
      const hex = text.slice(i + 1, i + 3);
      if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
        out.push(parseInt(hex, 16));
        i += 2;
        continue;
      }
      if (i + 3 > text.length) break; // a cut-off escape at the very end
    }
    out.push(char & 0xff);
  }
  return Uint8Array.from(out);
}

/** Base64 that may be cut off mid-quantum or contain line breaks; a padded ending is kept whole. */
export function decodePartialBase64(input: string): Uint8Array {
  const clean = input.replace(/[^A-Za-z0-9+/=]/g, '');
  const padding = clean.indexOf('=');
  if (padding >= 0) return Buffer.from(clean.slice(0, padding), 'base64');
  return Buffer.from(clean.slice(0, clean.length - (clean.length % 4)), 'base64');
}

export function decodeTransfer(bytes: Uint8Array, encoding: string | undefined): Uint8Array {
  const name = (encoding ?? '').toLowerCase();
  if (name === 'base64') return decodePartialBase64(Buffer.from(bytes).toString('latin1'));
  if (name === 'quoted-printable') return decodeQuotedPrintable(Buffer.from(bytes).toString('latin1'));
  return bytes;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Visible text of an HTML fragment, for snippets only (never for display as HTML). */
export function htmlToPlainText(html: string): string {
  return html
    .replace(/<(style|script|head|title)\b[\s\S]*?(<\/\1\s*>|$)/gi, ' ')
    .replace(/<!--[\s\S]*?(-->|$)/g, ' ')
    .replace(/<[^>]*>?/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1]?.toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : ' ';
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    });
}

/** A one-line preview: whitespace collapsed, quoted lines dropped, at most `length` characters. */
export function makeSnippet(text: string, length = 200): string {
  const lines = text.split(/\r?\n/).filter((line) => !line.trimStart().startsWith('>'));
  return lines.join(' ').replace(/\s+/g, ' ').trim().slice(0, length);
}
