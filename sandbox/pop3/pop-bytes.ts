const transmitted = new WeakMap<Buffer, Buffer>();

/**
 * A message as POP3 sends it (RFC 1939 §3): every line ended by CRLF, the last one included.
 * LIST and STAT count these octets; RETR sends them byte-stuffed. Stored messages that already
 * use CRLF throughout are sent exactly as stored.
 */
export function popBytes(raw: Buffer): Buffer {
  let bytes = transmitted.get(raw);
  if (bytes) return bytes;
  const hasBareLf = raw.some((byte, index) => byte === 0x0a && (index === 0 || raw[index - 1] !== 0x0d));
  bytes = hasBareLf ? Buffer.from(raw.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1') : raw;
  if (bytes.length > 0 && !(bytes[bytes.length - 2] === 0x0d && bytes[bytes.length - 1] === 0x0a)) bytes = Buffer.concat([bytes, Buffer.from('\r\n')]);
  transmitted.set(raw, bytes);
  return bytes;
}

/** RFC 1939 §3: a line that starts with "." gets another one; the block ends with ".\r\n". */
export function byteStuffed(bytes: Buffer): Buffer {
  const parts: Buffer[] = [];
  let lineStart = 0;
  while (lineStart < bytes.length) {
    let lineEnd = bytes.indexOf(0x0a, lineStart);
    lineEnd = lineEnd < 0 ? bytes.length : lineEnd + 1;
    if (bytes[lineStart] === 0x2e) parts.push(Buffer.from('.'));
    parts.push(bytes.subarray(lineStart, lineEnd));
    lineStart = lineEnd;
  }
  parts.push(Buffer.from('.\r\n'));
  return Buffer.concat(parts);
}

/** RFC 1939 §7 TOP: the header, the blank line, and the first `lines` lines of the body. */
export function topOf(bytes: Buffer, lines: number): Buffer {
  const blank = bytes.indexOf('\r\n\r\n');
  if (blank < 0) return bytes;
  let end = blank + 4;
  for (let taken = 0; taken < lines && end < bytes.length; taken++) {
    const next = bytes.indexOf(0x0a, end);
    end = next < 0 ? bytes.length : next + 1;
  }
  return bytes.subarray(0, end);
}
