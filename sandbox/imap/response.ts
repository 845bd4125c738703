/**
 * What the server writes (RFC 3501 §4): numbers, NIL, atoms, strings (quoted when safe, else a
 * literal) and parenthesized lists. Atoms are written as given: callers pass only protocol words.
 */
export type Wire = number | null | string | { quoted: string } | { literal: Buffer } | readonly Wire[];

const MAX_QUOTED = 1024;

/** A string argument: quoted if it is short 7-bit text without CR/LF, else a literal. */
export function str(value: string | Buffer): Wire {
  const bytes = Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8');
  if (bytes.length <= MAX_QUOTED && bytes.every((byte) => byte >= 0x20 && byte < 0x7f)) return { quoted: bytes.toString('latin1') };
  return { literal: bytes };
}

/** A string or NIL. */
export function nstr(value: string | Buffer | null | undefined): Wire {
  return value === null || value === undefined ? null : str(value);
}

function isList(value: Wire): value is readonly Wire[] {
  return Array.isArray(value);
}

function write(value: Wire, out: Buffer[]): void {
  if (value === null) out.push(Buffer.from('NIL'));
  else if (typeof value === 'number') out.push(Buffer.from(String(value)));
  else if (typeof value === 'string') out.push(Buffer.from(value, 'utf8'));
  else if (isList(value)) {
    out.push(Buffer.from('('));
    value.forEach((item, index) => {
      if (index > 0) out.push(Buffer.from(' '));
      write(item, out);
    });
    out.push(Buffer.from(')'));
  } else if ('quoted' in value) out.push(Buffer.from(`"${value.quoted.replace(/["\\]/g, '\\$&')}"`, 'latin1'));
  else out.push(Buffer.from(`{${value.literal.length}}\r\n`), value.literal);
}

/** The values separated by spaces, as bytes. */
export function serialize(values: readonly Wire[]): Buffer {
  const out: Buffer[] = [];
  values.forEach((value, index) => {
    if (index > 0) out.push(Buffer.from(' '));
    write(value, out);
  });
  return Buffer.concat(out);
}
