/**
 * A message's raw source too large to keep as one record is stored as numbered pieces, written
 * while it downloads. The pieces of one message are complete once its message record exists:
 * that record is written in a later transaction than every piece (DESIGN §4 invariant 1).
 */
export interface RawSourceChunkRecord {
  /** The local message's cache id. */
  messageId: string;
  /** 0, 1, 2, …: the pieces in the order of the bytes. */
  index: number;
  bytes: Uint8Array;
}

/**
 * One piece of an attachment read out of a large message's source (on the user's request), kept in
 * pieces like the source itself: an attachment of such a message can be as large as the message.
 * The pieces of one attachment are complete once the body record lists it: that record is written
 * in a later transaction than every piece.
 */
export interface AttachmentChunkRecord {
  /** The attachment's id in its body record (`<messageId>/<n>`). */
  attachmentId: string;
  /** The local message's cache id, so the pieces go with their message. */
  messageId: string;
  /** 0, 1, 2, …: the pieces in the order of the bytes. */
  index: number;
  bytes: Uint8Array;
}

/** How much of a large message's text (and of its HTML) is kept when its parts are read: the rest is cut. */
export const LARGE_MESSAGE_TEXT_BYTES = 2 * 1024 * 1024;

/**
 * What the body record of a message over the size limit says, so the reader can offer its raw
 * source for saving (the pieces in `rawSourceChunks`) instead of a body it does not have.
 */
export const LARGE_MESSAGE_NOTICE_PREFIX = 'This message is too large to show here';

/**
 * The largest message kept and parsed whole, over POP (downloaded) and IMAP (fetched). Above it
 * POP stores the source in pieces and parses the header only; IMAP fetches the header only. 64 MB:
 * providers cap attachments at 20–35 MB, which base64 makes up to about 48 MB of message; a 200 MB
 * literal held whole took the core to 720–900 MB and stalled it for over 3 s (issue 11, item 4).
 */
export const LARGE_MESSAGE_BYTES = 64 * 1024 * 1024;

/** "1.0 GB", "32 MB", "812 KB": sizes in the words of the notice. */
export function formatOctets(octets: number): string {
  if (octets >= 1024 ** 3) return `${(octets / 1024 ** 3).toFixed(1)} GB`;
  if (octets >= 1024 ** 2) return `${Math.round(octets / 1024 ** 2)} MB`;
  return `${Math.max(1, Math.round(octets / 1024))} KB`;
}
