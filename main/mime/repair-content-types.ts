import { cleanHeaderText } from './clean-header';
import { parseContentType, type ContentTypeValue } from './content-type-field';
import { decodeTransfer, isUndeclaredCharset, undeclaredCharset } from '../../node-lib/text-decoding';

/** The source mailparser is given instead, and what was wrong with the original. */
export interface RepairedSource {
  source: Buffer;
  warnings: string[];
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

interface ContentTypeField {
  value: string;
  /** Byte range of the whole field, folded lines included, without its final line break. */
  start: number;
  end: number;
}

interface EntityHeader {
  contentType: ContentTypeField | null;
  transferEncoding: string | undefined;
  /** Where the body starts, after the blank line. */
  bodyStart: number;
}

/** Deeper nesting than any real message has; a hostile one is left to mailparser as it is. */
const MAX_DEPTH = 40;

function lineEndAt(source: Buffer, at: number): number {
  if (source[at] === 0x0d && source[at + 1] === 0x0a) return 2;
  return source[at] === 0x0a ? 1 : 0;
}

function readHeader(source: Buffer, start: number, end: number): EntityHeader {
  const blank = /\r?\n\r?\n/.exec(source.toString('latin1', start, Math.min(end, start + 256 * 1024)));
  const headerEnd = lineEndAt(source, start) > 0 ? start : blank ? start + blank.index + blank[0].indexOf('\n') + 1 : end;
  const bodyStart = Math.min(end, headerEnd + lineEndAt(source, headerEnd));
  const text = source.toString('latin1', start, headerEnd);
  let contentType: ContentTypeField | null = null;
  let transferEncoding: string | undefined;
  for (const field of text.matchAll(/^([^\s:]+)[ \t]*:([^\n]*(?:\n[ \t][^\n]*)*)/gm)) {
    const name = field[1]!.toLowerCase();
    const value = field[2]!.replace(/\r?\n/g, '').trim();
    const fieldEnd = start + field.index + field[0].replace(/\r$/, '').length;
    if (name === 'content-type' && !contentType) contentType = { value, start: start + field.index, end: fieldEnd };
    if (name === 'content-transfer-encoding' && transferEncoding === undefined) transferEncoding = value.toLowerCase();
  }
  return { contentType, transferEncoding, bodyStart };
}

/** The parts of a multipart body between `--boundary` lines (RFC 2046 §5.1.1), or [] when no such line starts one. */
function splitParts(source: Buffer, start: number, end: number, boundary: string): Array<[number, number]> {
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  const parts: Array<[number, number]> = [];
  let partStart = -1;
  for (let at = source.indexOf(delimiter, start); at !== -1 && at < end; at = source.indexOf(delimiter, at + 1)) {
    if (at !== start && source[at - 1] !== 0x0a) continue;
    let after = at + delimiter.length;
    const closing = source[after] === 0x2d && source[after + 1] === 0x2d;
    if (closing) after += 2;
    while (source[after] === 0x20 || source[after] === 0x09) after++;
    const lineEnd = lineEndAt(source, after);
    if (lineEnd === 0 && after < end) continue;
    if (partStart >= 0) parts.push([partStart, Math.max(partStart, at - (source[at - 2] === 0x0d ? 2 : 1))]);
    if (closing) return parts;
    partStart = after + lineEnd;
  }
  if (partStart >= 0) parts.push([partStart, end]);
  return parts;
}

/** A delimiter line the body does use, when it is not the declared one: `--x` opening a part and `--x--` closing one. */
function boundaryInUse(source: Buffer, start: number, end: number): string | null {
  const body = source.toString('latin1', start, Math.min(end, start + 64 * 1024));
  const candidate = /^--([0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?])[ \t]*\r?$/m.exec(body)?.[1];
  if (!candidate || candidate.endsWith('--')) return null;
  return source.includes(Buffer.from(`\n--${candidate}--`, 'latin1'), start) ? candidate : null;
}

/**
 * Rewrites, in a copy of the source, the Content-Type fields mailparser would misread, so that it
 * shows what a careful reader would: a message or part with an invalid Content-Type is text/plain
 * (RFC 2045 §5.2); a text part that declares no charset (or us-ascii, unknown-8bit) but whose bytes are 8-bit and
 * not UTF-8 is declared windows-1252 (the rule of `undeclaredCharset`, which the list's snippets
 * follow too); a multipart whose boundary never appears is read with the one its parts use, else as
 * text. Parts are found the way mailparser's splitter finds them, by the `--boundary` lines of the
 * enclosing multiparts; nothing else is parsed here, and the source is returned as it is when
 * nothing needs rewriting.
 */
export function repairContentTypes(source: Buffer): RepairedSource {
  const edits: Edit[] = [];
  const warnings: string[] = [];
  const visit = (start: number, end: number, depth: number, inDigest: boolean): void => {
    if (depth > MAX_DEPTH) return;
    const header = readHeader(source, start, end);
    const who = depth === 0 ? 'its' : "a part's";
    let type: ContentTypeValue | null = header.contentType ? parseContentType(header.contentType.value) : null;
    if (header.contentType && !type) {
      warnings.push(`This message is malformed: ${who} Content-Type "${cleanHeaderText(header.contentType.value, 100)}" is not valid, so it is shown as plain text.`);
      type = { mediaType: 'text/plain', params: new Map([['charset', 'us-ascii']]) };
      edits.push({ start: header.contentType.start, end: header.contentType.end, text: 'Content-Type: text/plain; charset=us-ascii' });
    }
    // RFC 2045 §5.2 and RFC 2046 §5.1.5: the default type (message/rfc822 inside a digest).
    if (!type && inDigest) return;
    const mediaType = type?.mediaType ?? 'text/plain';
    if (mediaType.startsWith('multipart/')) {
      const boundary = type?.params.get('boundary') ?? '';
      const parts = boundary ? splitParts(source, header.bodyStart, end, boundary) : [];
      if (parts.length > 0) {
        for (const [partStart, partEnd] of parts) visit(partStart, partEnd, depth + 1, mediaType === 'multipart/digest');
        return;
      }
      const inUse = boundary ? boundaryInUse(source, header.bodyStart, end) : null;
      const subject = depth === 0 ? 'it says its' : 'a part says its';
      if (inUse) {
        warnings.push(`This message is malformed: ${subject} parts are separated by "${cleanHeaderText(boundary, 100)}", but they are separated by "${inUse}"; it is read with the one its parts use.`);
        edits.push({ start: header.contentType!.start, end: header.contentType!.end, text: `Content-Type: ${mediaType}; boundary="${inUse}"` });
        for (const [partStart, partEnd] of splitParts(source, header.bodyStart, end, inUse)) visit(partStart, partEnd, depth + 1, mediaType === 'multipart/digest');
        return;
      }
      warnings.push(
        boundary
          ? `This message is malformed: ${subject} parts are separated by "${cleanHeaderText(boundary, 100)}", but no part starts with that line, so its whole body is shown as plain text.`
          : `This message is malformed: ${depth === 0 ? 'it says it has' : 'a part says it has'} several parts but names no boundary between them, so its whole body is shown as plain text.`,
      );
      const charset = undeclaredCharset(decodeTransfer(source.subarray(header.bodyStart, end), header.transferEncoding));
      edits.push({ start: header.contentType!.start, end: header.contentType!.end, text: `Content-Type: text/plain; charset=${charset}` });
      return;
    }
    if (!mediaType.startsWith('text/')) return;
    if (!isUndeclaredCharset(type?.params.get('charset'))) return;
    const body = decodeTransfer(source.subarray(header.bodyStart, end), header.transferEncoding);
    if (undeclaredCharset(body) === 'utf-8') return;
    // mailparser reads undeclared and us-ascii text as UTF-8 (unknown-8bit too); these bytes are not, so say windows-1252.
    const field = header.contentType;
    if (!field) edits.push({ start, end: start, text: 'Content-Type: text/plain; charset=windows-1252\r\n' });
    else {
      const replaced = edits.find((edit) => edit.start === field.start);
      const current = replaced ? replaced.text : source.toString('latin1', field.start, field.end);
      const text = /;\s*charset\s*=/i.test(current) ? current.replace(/(;\s*charset\s*=\s*)("?)[^";\s]*\2/i, '$1$2windows-1252$2') : `${current}; charset=windows-1252`;
      if (replaced) replaced.text = text;
      else edits.push({ start: field.start, end: field.end, text });
    }
  };
  visit(0, source.length, 0, false);
  if (edits.length === 0) return { source, warnings };
  edits.sort((a, b) => a.start - b.start);
  const pieces: Buffer[] = [];
  let at = 0;
  for (const edit of edits) {
    pieces.push(source.subarray(at, edit.start), Buffer.from(edit.text, 'latin1'));
    at = edit.end;
  }
  pieces.push(source.subarray(at));
  return { source: Buffer.concat(pieces), warnings };
}
