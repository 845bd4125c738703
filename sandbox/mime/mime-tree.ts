import { headerValue, paramValue, parseHeaderFields, parseParameterized, type HeaderField } from './header';

/**
 * One MIME entity of a stored message, as byte offsets into the exact raw bytes, so that body
 * sections (RFC 3501 §6.4.5) are cut from the original, never rebuilt.
 */
export interface MimeEntity {
  /** Where the entity's header starts. */
  start: number;
  /** Where its body starts: the header and the blank line that ends it are before. */
  bodyStart: number;
  /** Where its body ends (exclusive); for a multipart child, before the CRLF of the delimiter. */
  end: number;
  fields: HeaderField[];
  /** Lower-case media type and subtype, with defaults applied (RFC 2045 §5.2, RFC 2046 §5.1.5). */
  type: string;
  subtype: string;
  params: Array<[string, string]>;
  /** The parts of a multipart entity. */
  children: MimeEntity[];
  /** The message inside a message/rfc822 entity. */
  message: MimeEntity | null;
}

const MAX_DEPTH = 32;
const LF = 0x0a;
const CR = 0x0d;

/** The entity tree of a whole message. Never throws: malformed structure degrades to leaves. */
export function parseMime(raw: Buffer): MimeEntity {
  return parseEntity(raw, 0, raw.length, 0, 'text/plain');
}

/** Where the header block ends: the offset of the blank line and the body start. */
function splitHeader(raw: Buffer, start: number, end: number): { headerEnd: number; bodyStart: number } {
  if (raw[start] === LF) return { headerEnd: start, bodyStart: start + 1 };
  if (raw[start] === CR && raw[start + 1] === LF) return { headerEnd: start, bodyStart: start + 2 };
  const crlf = raw.indexOf('\r\n\r\n', start);
  const lf = raw.indexOf('\n\n', start);
  const candidates = [crlf >= 0 && crlf < end ? { headerEnd: crlf + 2, bodyStart: crlf + 4 } : null, lf >= 0 && lf < end ? { headerEnd: lf + 1, bodyStart: lf + 2 } : null];
  const found = candidates.filter((c) => c !== null).sort((a, b) => a.headerEnd - b.headerEnd)[0];
  return found ?? { headerEnd: end, bodyStart: end };
}

function parseEntity(raw: Buffer, start: number, end: number, depth: number, defaultType: string): MimeEntity {
  const { headerEnd, bodyStart } = splitHeader(raw, start, end);
  const fields = parseHeaderFields(raw, start, headerEnd);
  const contentType = parseParameterized(headerValue(fields, 'content-type') ?? '');
  const [type = '', subtype = ''] = contentType.value.split('/');
  const valid = type !== '' && subtype !== '';
  const [defaultMain = 'text', defaultSub = 'plain'] = defaultType.split('/');
  const entity: MimeEntity = {
    start,
    bodyStart: Math.min(bodyStart, end),
    end,
    fields,
    type: valid ? type : defaultMain,
    subtype: valid ? subtype : defaultSub,
    params: valid ? contentType.params : defaultMain === 'text' ? [['charset', 'us-ascii']] : [],
    children: [],
    message: null,
  };
  if (depth >= MAX_DEPTH) return entity;
  const boundary = paramValue(entity.params, 'boundary');
  if (entity.type === 'multipart' && boundary) {
    const childDefault = entity.subtype === 'digest' ? 'message/rfc822' : 'text/plain';
    entity.children = splitMultipart(raw, entity.bodyStart, end, boundary).map(([from, to]) => parseEntity(raw, from, to, depth + 1, childDefault));
  } else if (entity.type === 'message' && entity.subtype === 'rfc822') {
    entity.message = parseEntity(raw, entity.bodyStart, end, depth + 1, 'text/plain');
  }
  if (entity.type === 'multipart' && entity.children.length === 0) {
    // RFC 3501 needs at least one part in a multipart BODYSTRUCTURE: a broken one is a leaf.
    entity.type = 'text';
    entity.subtype = 'plain';
  }
  return entity;
}

/**
 * The [start, end) of each body part between boundary delimiters (RFC 2046 §5.1.1): a delimiter
 * is "--boundary" at the start of a line, the CRLF before it belongs to it, and the close
 * delimiter adds "--". A missing close delimiter ends the last part at the end of the body.
 */
function splitMultipart(raw: Buffer, bodyStart: number, end: number, boundary: string): Array<[number, number]> {
  const delimiter = Buffer.from(`--${boundary}`, 'utf8');
  const parts: Array<[number, number]> = [];
  let partStart = -1;
  let position = bodyStart;
  while (position < end) {
    const at = raw.indexOf(delimiter, position);
    if (at < 0 || at + delimiter.length > end) break;
    position = at + 1;
    if (at !== bodyStart && raw[at - 1] !== LF) continue;
    let after = at + delimiter.length;
    const isClose = raw[after] === 0x2d && raw[after + 1] === 0x2d;
    if (isClose) after += 2;
    let lineEnd = raw.indexOf(LF, after);
    if (lineEnd < 0 || lineEnd >= end) lineEnd = end;
    // Only transport padding may follow on the line, else this is text that starts like one.
    if (!/^[ \t]*\r?$/.test(raw.toString('latin1', after, lineEnd))) continue;
    if (partStart >= 0) {
      let partEnd = at;
      if (partEnd > partStart && raw[partEnd - 1] === LF) partEnd -= 1;
      if (partEnd > partStart && raw[partEnd - 1] === CR) partEnd -= 1;
      parts.push([partStart, Math.max(partStart, partEnd)]);
    }
    if (isClose) return parts;
    partStart = Math.min(lineEnd + 1, end);
    position = partStart;
  }
  if (partStart >= 0) parts.push([partStart, end]);
  return parts;
}

/**
 * The entities that part numbers count below `entity` (RFC 3501 §6.4.5): the parts of a
 * multipart; for a message that is not multipart, the message itself as part 1; for a
 * message/rfc822 part, the parts of the message inside it.
 */
function numberedParts(entity: MimeEntity, isMessage: boolean): MimeEntity[] {
  if (entity.type === 'multipart') return entity.children;
  if (isMessage) return [entity];
  return entity.message ? numberedParts(entity.message, true) : [];
}

/** The entity that a part number such as [1, 2] names, or null. */
export function findPart(root: MimeEntity, path: readonly number[]): MimeEntity | null {
  let current = root;
  let isMessage = true;
  for (const number of path) {
    const next = numberedParts(current, isMessage)[number - 1];
    if (!next) return null;
    current = next;
    isMessage = false;
  }
  return current;
}
