import { isListedAttachment, type BodyRecord, type MessageRecord } from '../model/mail';

/** The largest file a message may carry: the composer refuses larger ones, and main too. */
export const MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;

/**
 * About how many bytes a message takes on the wire (SMTP), before it is composed: base64 turns
 * every 3 bytes of an attachment into 4, in lines of 76 characters plus CRLF (RFC 2045 §6.8); the
 * text goes as quoted-printable or base64 (counted as base64, the larger); each part has a header
 * block, and the message one of its own. Within a few hundred bytes of what nodemailer composes,
 * which is what a warning before sending needs; main checks the composed message exactly.
 */
export function estimatedWireBytes(textBytes: number, attachmentBytes: readonly number[]): number {
  const base64 = (bytes: number): number => {
    const encoded = Math.ceil(bytes / 3) * 4;
    return encoded + Math.ceil(encoded / 76) * 2;
  };
  const MESSAGE_HEADERS = 600;
  const PART_HEADERS = 200;
  return MESSAGE_HEADERS + base64(textBytes) + attachmentBytes.reduce((sum, bytes) => sum + PART_HEADERS + base64(bytes), 0);
}

/** A picture of a rich message's HTML, as the editor holds it: `data:image/png;base64,…`. */
const INLINE_PICTURE = /data:[a-z0-9.+/-]+;base64,([A-Za-z0-9+/]*)(=*)/gi;

/**
 * A rich message's HTML as it is sent: its text (counted as text), and each picture inside it as
 * the inline part it becomes (counted as an attachment, in bytes decoded). Counting the editor's
 * base64 as text would encode it twice: an 8 MB picture read as 15 MB instead of 11.
 */
export function richHtmlParts(html: string): { textBytes: number; pictureBytes: number[] } {
  const pictureBytes: number[] = [];
  let pictureChars = 0;
  for (const match of html.matchAll(INLINE_PICTURE)) {
    pictureChars += match[0].length;
    pictureBytes.push(Math.floor(((match[1]!.length + match[2]!.length) * 3) / 4) - match[2]!.length);
  }
  return { textBytes: html.length - pictureChars, pictureBytes };
}

/**
 * What a forward attaches besides the user's own files, in bytes: the original whole (forward as
 * attachment), or the attachments the reader lists (an inline forward; images its HTML shows in
 * place stay behind, as main/core/mail-handlers.ts leaves them). Nothing while they are unknown.
 */
export function forwardedBytes(original: Pick<MessageRecord, 'size'> | null | undefined, body: Pick<BodyRecord, 'attachments'> | null | undefined, asAttachment: boolean): number[] {
  if (asAttachment) return original ? [original.size] : [];
  return (body?.attachments ?? []).filter(isListedAttachment).map((a) => a.size);
}
