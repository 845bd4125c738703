import type { MailAddress } from '../../common/model/mail';

/** RFC 5322 §2.1.1 asks lines to stay under 998 characters; a shown header value never needs more. */
const MAX_HEADER_TEXT = 998;

/**
 * A header value as a single line of text for the list, the reader and replies: no NUL, no CR
 * or LF (a decoded encoded-word may carry "\r\nBcc: …" into a reply's headers), no other
 * control characters, and not longer than a header line may be.
 */
export function cleanHeaderText(value: string, max = MAX_HEADER_TEXT): string {
  const single = value.replace(/[\r\n\t]+/g, ' ').replace(/\p{Cc}/gu, '');
  return single.length > max ? `${single.slice(0, max)}…` : single;
}

/** Addresses as shown and replied to; an entry with neither a name nor an address (`"" <>`, a bounce's sender) is no address at all. */
export function cleanAddresses(list: MailAddress[]): MailAddress[] {
  return list.map((a) => ({ name: cleanHeaderText(a.name), address: cleanHeaderText(a.address).replace(/\s+/g, '') })).filter((a) => a.name !== '' || a.address !== '');
}

/**
 * mailparser gives raw header lines as one character per byte; UTF-8 headers (RFC 6532) read
 * right only when those bytes are decoded as UTF-8 again. Anything that is not valid UTF-8 stays.
 */
export function rawHeaderAsUtf8(line: string): string {
  if (!/[\u0080-\u00ff]/.test(line) || /[^\p{Cc}\u0020-\u00ff]/u.test(line)) return line;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(line, 'latin1'));
  } catch {
    return line;
  }
}
