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
 * What the body record of a message over the size limit says, so the reader can offer its raw
 * source for saving (the pieces in `rawSourceChunks`) instead of a body it does not have.
 */
export const LARGE_MESSAGE_NOTICE_PREFIX = 'This message is too large to show here';

/** "1.0 GB", "32 MB", "812 KB": sizes in the words of the notice. */
export function formatOctets(octets: number): string {
  if (octets >= 1024 ** 3) return `${(octets / 1024 ** 3).toFixed(1)} GB`;
  if (octets >= 1024 ** 2) return `${Math.round(octets / 1024 ** 2)} MB`;
  return `${Math.max(1, Math.round(octets / 1024))} KB`;
}
