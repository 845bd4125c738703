import iconv from 'iconv-lite';

/** WHATWG Encoding Standard: these labels mean windows-1252, as every mail client reads them. */
const WINDOWS_1252_LABELS = new Set(['iso-8859-1', 'iso8859-1', 'latin1', 'l1', 'us-ascii', 'ascii', 'cp1252', 'windows-1252', 'x-cp1252']);

/** Decodes bytes in a declared charset; unknown or broken labels fall back to UTF-8, never throw. */
export function decodeCharset(bytes: Uint8Array, charset: string | undefined): string {
  const label = (charset ?? '').trim().toLowerCase();
  const name = WINDOWS_1252_LABELS.has(label) ? 'windows-1252' : label || 'utf-8';
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return iconv.encodingExists(name) ? iconv.decode(buffer, name) : buffer.toString('utf8');
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
