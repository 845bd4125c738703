import type { AttachmentRecord, BodyRecord, MailAddress } from './mail';

/**
 * A message read from a file (`.eml`, RFC 5322 as saved by any mail program): shown read-only,
 * kept only while it is open, never put in any account's cache.
 */
export interface MessageFile {
  /** The file's own name, as the user knows it. */
  fileName: string;
  subject: string;
  from: MailAddress[];
  to: MailAddress[];
  cc: MailAddress[];
  /** Header date in ms, or 0 when it has none (as MessageRecord.date). */
  date: number;
  body: BodyRecord;
  /** Every part's bytes, for saving and for the HTML's own images (cid:). */
  attachments: AttachmentRecord[];
}

/** A name ending in .eml (any case), or a file the system says is a message. */
export function isMessageFile(name: string, type: string): boolean {
  return /\.eml$/i.test(name) || type.toLowerCase() === 'message/rfc822';
}
