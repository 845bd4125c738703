import { decodeCharset, decodeTransfer, htmlToPlainText } from '../../node-lib/text-decoding';

/** A boundary line as RFC 2046 §5.1.1 allows it: "--", 1–70 boundary characters, optional blanks. */
const BOUNDARY_LINE = /^--([0-9A-Za-z'()+_,./:=? -]{0,69}[0-9A-Za-z'()+_,./:=?-])[ \t]*$/;

interface PartStart {
  type: string;
  charset: string | undefined;
  encoding: string | undefined;
  bodyStart: number;
}

/** The header of a part starting at `offset` (lines up to the first empty one, a Content-* field among them), or null. */
function readPartHeader(text: string, offset: number): PartStart | null {
  const fields = new Map<string, string>();
  let position = offset;
  let last = '';
  for (let lines = 0; lines < 100; lines++) {
    const end = text.indexOf('\n', position);
    if (end < 0) return null;
    const line = text.slice(position, text[end - 1] === '\r' ? end - 1 : end);
    position = end + 1;
    if (line === '') {
      // Part headers name the content ("Hash:" after a PGP armour line is no part header).
      if (![...fields.keys()].some((name) => name.startsWith('content-'))) return null;
      const contentType = fields.get('content-type') ?? 'text/plain';
      const type = (contentType.split(';')[0] ?? '').trim().toLowerCase();
      const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1];
      return { type, charset, encoding: fields.get('content-transfer-encoding')?.trim().toLowerCase(), bodyStart: position };
    }
    if ((line.startsWith(' ') || line.startsWith('\t')) && last) {
      fields.set(last, `${fields.get(last)!} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0 || !/^[\x21-\x39\x3b-\x7e]+$/.test(line.slice(0, colon))) return null;
    last = line.slice(0, colon).toLowerCase();
    fields.set(last, line.slice(colon + 1).trim());
  }
  return null;
}

/**
 * The text of the first text part of a multipart body whose parts use a boundary other than the
 * declared one: servers (Dovecot) then report the whole body as one part, and its first bytes are
 * "--actual-boundary", part headers, then the text. Null when the bytes do not start that way.
 * Only the bytes given are read (a snippet's first few KB): a cut-off part gives its start.
 */
export function snippetOfBrokenMultipart(bytes: Uint8Array): string | null {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  // A preamble of blank lines may come first.
  const start = /^(?:[ \t]*\r?\n){0,20}/.exec(text)![0].length;
  const firstEnd = text.indexOf('\n', start);
  if (firstEnd < 0) return null;
  const boundary = BOUNDARY_LINE.exec(text.slice(start, text[firstEnd - 1] === '\r' ? firstEnd - 1 : firstEnd))?.[1];
  if (!boundary) return null;
  const delimiter = `\n--${boundary}`;
  let partStart = firstEnd + 1;
  let html: string | null = null;
  for (let parts = 0; parts < 20; parts++) {
    const header = readPartHeader(text, partStart);
    if (!header) return html;
    const next = text.indexOf(delimiter, header.bodyStart - 1);
    let bodyEnd = next < 0 ? text.length : next;
    if (text[bodyEnd - 1] === '\r') bodyEnd -= 1;
    const body = bytes.subarray(header.bodyStart, Math.max(header.bodyStart, bodyEnd));
    if (header.type === 'text/plain') return decodeCharset(decodeTransfer(body, header.encoding), header.charset);
    if (header.type === 'text/html' && html === null) html = htmlToPlainText(decodeCharset(decodeTransfer(body, header.encoding), header.charset));
    if (next < 0) return html;
    const lineEnd = text.indexOf('\n', next + 1);
    if (lineEnd < 0 || text.startsWith(`--${boundary}--`, next + 1)) return html;
    partStart = lineEnd + 1;
  }
  return html;
}
