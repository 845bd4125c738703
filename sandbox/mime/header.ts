/** One header field as stored: its exact bytes (for HEADER.FIELDS) and its unfolded value. */
export interface HeaderField {
  /** Lower-case field name. */
  key: string;
  /** The exact bytes, continuation lines and line end included. */
  raw: Buffer;
  /** Unfolded (RFC 5322 §2.2.3) and trimmed; 8-bit bytes read as UTF-8. */
  value: string;
}

const LF = 0x0a;

/** The fields of the header block `raw[start, end)` (without the blank line that ends it). */
export function parseHeaderFields(raw: Buffer, start: number, end: number): HeaderField[] {
  const fields: HeaderField[] = [];
  let position = start;
  while (position < end) {
    let lineEnd = raw.indexOf(LF, position);
    lineEnd = lineEnd < 0 || lineEnd >= end ? end : lineEnd + 1;
    const first = raw[position];
    const continues = first === 0x20 || first === 0x09;
    const last = fields[fields.length - 1];
    if (continues && last) {
      // A continuation line belongs to the field before it.
      last.raw = Buffer.concat([last.raw, raw.subarray(position, lineEnd)]);
    } else {
      fields.push({ key: '', raw: raw.subarray(position, lineEnd), value: '' });
    }
    position = lineEnd;
  }
  return fields.flatMap((field) => {
    const text = field.raw.toString('utf8');
    const colon = text.indexOf(':');
    // A line without a colon is not a field (RFC 5322 §2.2); it is dropped, as Dovecot does.
    if (colon <= 0) return [];
    const key = text.slice(0, colon).trim().toLowerCase();
    const value = text.slice(colon + 1).replace(/\r?\n(?=[ \t])/g, '').trim();
    return [{ key, raw: field.raw, value }];
  });
}

/** The value of the first field with this name. */
export function headerValue(fields: readonly HeaderField[], name: string): string | undefined {
  const key = name.toLowerCase();
  return fields.find((field) => field.key === key)?.value;
}

export interface ParameterizedValue {
  /** Lower-case main value, e.g. "text/plain" or "attachment". */
  value: string;
  /** Parameters in order, names and values as written (RFC 2231 continuations untouched). */
  params: Array<[string, string]>;
}

/** Parses `value; name=token; name="quoted \" string"` (RFC 2045 §5.1, RFC 2183). */
export function parseParameterized(input: string): ParameterizedValue {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < input.length; i++) {
    const char = input[i]!;
    if (quoted && char === '\\' && i + 1 < input.length) {
      current += char + input[i + 1]!;
      i += 1;
      continue;
    }
    if (char === '"') quoted = !quoted;
    if (char === ';' && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  const [head = '', ...rest] = parts;
  const params: Array<[string, string]> = [];
  for (const part of rest) {
    const equals = part.indexOf('=');
    if (equals <= 0) continue;
    const name = part.slice(0, equals).trim();
    let value = part.slice(equals + 1).trim();
    if (value.startsWith('"')) value = value.replace(/^"|"$/g, '').replace(/\\(.)/g, '$1');
    if (name) params.push([name, value]);
  }
  return { value: head.trim().toLowerCase(), params };
}

/** A parameter's value by case-insensitive name. */
export function paramValue(params: ReadonlyArray<readonly [string, string]>, name: string): string | undefined {
  const key = name.toLowerCase();
  return params.find(([candidate]) => candidate.toLowerCase() === key)?.[1];
}
