import { withoutHeaderComments } from '../../common/model/header-comments';

/** A Content-Type header value, read just far enough to decide how a part is parsed. */
export interface ContentTypeValue {
  /** `type/subtype`, lower case. */
  mediaType: string;
  /** Parameter names lower case, values unquoted. */
  params: Map<string, string>;
}

const TOKEN = "[!#$%&'*+\\-.^_`|~0-9A-Za-z]+";
/** RFC 2045 §5.1: `type "/" subtype *(";" parameter)`, with whitespace allowed around the tokens. */
const VALID = new RegExp(`^\\s*(${TOKEN})\\s*/\\s*(${TOKEN})\\s*(;[\\s\\S]*)?$`);

function parameters(text: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const [, name, quotedValue, plainValue] of text.matchAll(/;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]*))/g)) {
    const key = name!.toLowerCase();
    if (!params.has(key)) params.set(key, quotedValue === undefined ? (plainValue ?? '') : quotedValue.replace(/\\(.)/g, '$1'));
  }
  return params;
}

/** The parsed value, or null when it is not a valid Content-Type (RFC 2045 §5.2 then says text/plain; charset=us-ascii). */
export function parseContentType(value: string): ContentTypeValue | null {
  const match = VALID.exec(withoutHeaderComments(value));
  if (!match) return null;
  return { mediaType: `${match[1]}/${match[2]}`.toLowerCase(), params: parameters(match[3] ?? '') };
}
