/**
 * One rule for what counts as an attachment (issue 12, item 5): the list's paperclip over IMAP
 * (BODYSTRUCTURE), over POP (the parsed message) and the reader's attachment list all follow it,
 * so a message never has a paperclip in the list and no attachment in the reader.
 *
 * The reader's parts come from mailparser; these are its rules for a leaf part, stated once so
 * that a BODYSTRUCTURE can be judged without the body.
 */

/** A leaf part's MIME facts, lower case, as a header or a BODYSTRUCTURE gives them. */
export interface MimePartFacts {
  /** The media type: "text/plain", "message/rfc822". */
  type: string;
  /** The Content-Disposition value (RFC 2183), or null when the part has none. */
  disposition: string | null;
  /** The Content-Transfer-Encoding (RFC 2045 §6), or null when the part has none. */
  encoding: string | null;
  /** The part has a Content-ID (RFC 2392), which HTML can show in place with cid:. */
  contentId: boolean;
  /** The part is inside a multipart/related (RFC 2387). */
  inRelated: boolean;
}

/** The types shown as the message's own text when not marked as attachments (mailparser's textTypes). */
const TEXT_TYPES = new Set(['text/plain', 'text/html', 'message/delivery-status']);

/**
 * A message/rfc822 part marked inline in an identity encoding (RFC 2045 §6.4: 7bit, 8bit,
 * binary) is read as part of the message: its text is shown in the body, its own parts are the
 * message's parts. Any other message/rfc822 part is one attachment (an .eml file).
 */
export function isEmbeddedMessage(part: Pick<MimePartFacts, 'type' | 'disposition' | 'encoding'>): boolean {
  return part.type === 'message/rfc822' && part.disposition === 'inline' && (part.encoding === null || ['7bit', '8bit', 'binary'].includes(part.encoding));
}

/**
 * The part is an attachment of the message (the reader keeps its bytes, to save or to show in
 * place), not its text: anything marked otherwise than inline, and anything unmarked that is not
 * text. RFC 2183 §2.8: an unknown disposition is treated as "attachment".
 */
export function isAttachmentPart(part: MimePartFacts): boolean {
  if (part.type.startsWith('multipart/') || isEmbeddedMessage(part)) return false;
  const inline = part.disposition === null ? TEXT_TYPES.has(part.type) : part.disposition === 'inline';
  return !inline || !TEXT_TYPES.has(part.type);
}

/**
 * An attachment the user sees as one (a paperclip in the list, a button in the reader): every
 * attachment except an image the HTML shows in place (a Content-ID, and inline or in a
 * multipart/related) — that is mailparser's `related` or inline disposition, see attachmentMeta.
 */
export function isListedAttachmentPart(part: MimePartFacts): boolean {
  return isAttachmentPart(part) && !(part.contentId && (part.inRelated || part.disposition === 'inline'));
}

/**
 * For a message of which only the header is here (POP headers-only, a message too large to
 * parse): a multipart/mixed body (RFC 2046 §5.1.3) is where attachments are; multipart/related
 * and multipart/alternative hold text and what it shows in place.
 */
export function headerSuggestsAttachments(header: string): boolean {
  return /^content-type:[ \t]*(?:\r?\n[ \t]+)?multipart\/mixed\b/im.test(header);
}
