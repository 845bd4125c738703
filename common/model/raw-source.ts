/**
 * A message's raw source too large to keep as one record is stored as numbered pieces, written
 * while it downloads. The pieces of one message are complete once its message record exists:
 * that record is written in a later transaction than every piece (ARCHITECTURE.md §2, invariant 2).
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

const SIZE_UNITS = ['KB', 'MB', 'GB', 'TB'] as const;

/**
 * Every size the user reads, in one wording (composer, reader, server panel, notices, errors):
 * "16 bytes", "1 byte", "812 KB", "1.5 MB", "32 MB", "1.2 GB" — units of 1,024, one decimal
 * below 10 (none when it is 0), the larger unit once a value would round to 1,024. Never rounded
 * up to "1 KB": a 16-byte file is 16 bytes (issue 12, item 5).
 */
export function formatOctets(octets: number): string {
  const size = octetsSize(octets);
  if (size.unit === 'bytes') return `${size.value} ${size.value === 1 ? 'byte' : 'bytes'}`;
  return `${size.value.toString()} ${size.unit}`;
}

/**
 * A size as formatOctets words it, in parts: a number (rounded as shown) and its unit, so the
 * renderer can write the number and "bytes" in the language shown (2,5 MB in German).
 */
export function octetsSize(octets: number): { value: number; unit: 'bytes' | (typeof SIZE_UNITS)[number] } {
  const bytes = Math.max(0, Math.round(octets));
  if (bytes < 1024) return { value: bytes, unit: 'bytes' };
  let value = bytes / 1024;
  let unit = 0;
  while (unit < SIZE_UNITS.length - 1 && Math.round(value) >= 1024) {
    value /= 1024;
    unit += 1;
  }
  return { value: value < 9.95 ? Math.round(value * 10) / 10 : Math.round(value), unit: SIZE_UNITS[unit]! };
}
