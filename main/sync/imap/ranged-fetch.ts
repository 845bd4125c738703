import { refusedError } from '../../protocols/protocol-error';

/**
 * Messages above this many octets are fetched in ranges of this size instead of as one literal.
 * imapflow joins a literal with one Buffer.concat when it ends, which holds the event loop for as
 * long as copying it into fresh memory takes (bench/hostile-imap.ts download-*, in CPU time on a
 * shared machine: 31 MB 172-178 ms, 60 MB 335-365 ms). The longest step of a download in ranges
 * of 1, 2, 4 and 8 MB: 30-35, 29-47, 41-71 and 66-133 ms; 2 MB keeps it far under the 200 ms
 * budget even when the process waits for a core, for 32 round trips on a 64 MB message.
 */
export const RANGED_FETCH_BYTES = 2 * 1024 * 1024;
/**
 * The largest literal the connection that downloads messages accepts: a message announced at up
 * to a range is fetched whole and may turn out larger than announced (some servers' RFC822.SIZE
 * is an estimate), but not by this much.
 */
export const MAX_WHOLE_LITERAL_RANGES = 4;

/** One answer to `BODY.PEEK[]<start.length>`, as the caller's FETCH got it. */
export interface RangeAnswer {
  /** The octets of the range; fewer than asked only at the end of the message. */
  bytes: Buffer;
  /** The <origin> the server named in its answer, if it named one (RFC 3501 §7.4.2). */
  origin: number | undefined;
  /** RFC822.SIZE sent with this answer. */
  size: number | undefined;
}

/** Fetches one range of the message; null when the message is no longer on the server. */
export type FetchRange = (start: number, length: number) => Promise<RangeAnswer | null>;

export interface RangedDownload {
  /** The message's octets in order, one piece per range: never joined here. */
  pieces: Buffer[];
  length: number;
}


/**
 * A whole message as a series of partial fetches (RFC 3501 §6.4.5, `BODY.PEEK[]<start.length>`),
 * `rangeBytes` at a time. The end is the first answer shorter than asked (RFC 3501 §6.4.5: a
 * partial fetch returns fewer octets only at the end of the text; an empty string past it), so a
 * size the server announced wrong never cuts the message short. Every answer must carry the same
 * RFC822.SIZE and start where it was asked to: otherwise the message changed or the server lost
 * its place, and nothing is returned rather than a body stitched from two versions. More than
 * `maxBytes` in total is refused, as a single literal that large would be.
 */
export async function downloadInRanges(fetchRange: FetchRange, rangeBytes: number, maxBytes: number): Promise<RangedDownload | null> {
  const pieces: Buffer[] = [];
  let length = 0;
  let firstSize: number | undefined;
  for (;;) {
    const answer = await fetchRange(length, rangeBytes);
    if (!answer) return null;
    firstSize ??= answer.size;
    if (answer.size !== undefined && firstSize !== undefined && answer.size !== firstSize) throw refusedError('PROTOCOL_ERROR', { kind: 'messageSizeChangedWhileDownloading', from: firstSize, to: answer.size });
    if (answer.origin !== undefined && answer.origin !== length && answer.bytes.length > 0) {
      throw refusedError('PROTOCOL_ERROR', { kind: 'rangeFromElsewhere', asked: length, origin: answer.origin });
    }
    if (answer.bytes.length > rangeBytes) {
      throw refusedError('PROTOCOL_ERROR', { kind: 'rangeWrongLength', sent: answer.bytes.length, asked: rangeBytes });
    }
    if (answer.bytes.length > 0) pieces.push(answer.bytes);
    length += answer.bytes.length;
    if (length > maxBytes) {
      throw refusedError('RESPONSE_TOO_LARGE', { kind: 'rangePastAnnounced', max: maxBytes });
    }
    if (answer.bytes.length < rangeBytes) return { pieces, length };
  }
}
