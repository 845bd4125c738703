/**
 * Message-IDs in one canonical form: `<id-left@id-right>` — angle brackets included, no comments,
 * no whitespace outside a quoted local part, case kept as written. That is the form RFC 5322 §3.6.4
 * writes (`msg-id = [CFWS] "<" id-left "@" id-right ">" [CFWS]`) and the form In-Reply-To and
 * References need when a reply is built, so a stored value can be written back as it is.
 *
 * Every place that reads a Message-ID (the parsed header, an IMAP ENVELOPE) stores this form and
 * every comparison goes through it: Dovecot's ENVELOPE hands back the header with its comments
 * (`<a@b> (added by postmaster)`), a parser may add or drop the brackets, and the same message must
 * still be recognised after a POP → IMAP → POP round trip. Case is kept because RFC 5322 gives
 * id-left no case rule; a server that changes it would be changing the identifier.
 */
import { withoutHeaderComments } from './header-comments';

/** The canonical Message-ID in `value`, or '' when it holds none (empty, `<>`, only comments). */
export function normalizeMessageId(value: string): string {
  return messageIdList(value)[0] ?? '';
}

/**
 * Every Message-ID in a header such as References or In-Reply-To (RFC 5322 §3.6.4), in order, each
 * in the canonical form. A header without angle brackets (obsolete or broken mailers) is read as
 * whitespace-separated ids.
 */
export function messageIdList(value: string): string[] {
  const text = withoutHeaderComments(value);
  const bracketed = [...text.matchAll(/<([^<>]*)>/g)].map((match) => withoutWhitespace(match[1]!));
  const ids = bracketed.length > 0 ? bracketed : text.split(/[\s,]+/).map(withoutWhitespace);
  return ids.filter((id) => id !== '').map((id) => `<${id}>`);
}

/** Whether two Message-ID header values name the same message; an empty one never matches. */
export function sameMessageId(a: string, b: string): boolean {
  const left = normalizeMessageId(a);
  return left !== '' && left === normalizeMessageId(b);
}

/** Folding whitespace inside an id is not part of it (RFC 5322 §4.5.4 obs-id-left); a quoted local part keeps its spaces. */
function withoutWhitespace(id: string): string {
  return id.replace(/"[^"]*"|\s+/g, (match) => (match.startsWith('"') ? match : ''));
}
