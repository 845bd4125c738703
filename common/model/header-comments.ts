/**
 * Removes RFC 5322 §3.2.2 comments — `(…)`, nested, with quoted-pairs — from a header value,
 * leaving quoted strings intact. One rule for every structured header Porthole reads
 * (Message-ID, References, Content-Type: RFC 2045 §5.1 allows comments between its tokens).
 */
export function withoutHeaderComments(value: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const char = value[i]!;
    if (char === '\\') {
      if (depth === 0) out += value.slice(i, i + 2);
      i++;
    } else if (quoted) {
      out += char;
      if (char === '"') quoted = false;
    } else if (char === '(') {
      depth++;
    } else if (char === ')' && depth > 0) {
      depth--;
    } else if (depth === 0) {
      if (char === '"') quoted = true;
      out += char === ')' ? '' : char;
    }
  }
  return out;
}

