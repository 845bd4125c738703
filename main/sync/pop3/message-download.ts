import { createHash } from 'node:crypto';
import type { CacheOp } from '../../../common/cache-protocol';
import { HeaderCollector } from '../../mime/large-message';
import { joinInSteps } from '../../mime/parse-in-pieces';
import type { Pop3Session } from '../../protocols/pop3/pop3-session';
import type { DeviceCacheAccess } from '../backend';
import { FixedPieces } from './fixed-pieces';


/**
 * Size of each stored piece of a large source: one cache write each, at most two in flight. 1 MB:
 * the harness's WebSocket encodes each write as base64 JSON on main's thread, and a 4 MB piece
 * held it for most of a second.
 */
export const SOURCE_CHUNK_BYTES = 1024 * 1024;

export type DownloadedMessage =
  /** At most the limit: the bytes, to be parsed and stored whole. */
  | { kind: 'whole'; raw: Buffer; hash: string }
  /** Over the limit: every piece of the source is committed under `messageId`; only the header is here. */
  | { kind: 'large'; header: Buffer; length: number; hash: string; chunks: number }
  /** The cache refused a piece (e.g. its quota): nothing of it counts; the rest was read and dropped. */
  | { kind: 'refused'; length: number; reason: string };

/**
 * RETR of one message (RFC 1939 §7) without ever holding more than the limit of it: the pieces
 * are kept until the message proves larger than `limit`, then they and all that follows go to
 * the cache under `messageId` as they arrive (a fresh start: leftovers of an earlier try of the
 * same id are removed in the first write). The caller writes the message record afterwards, in a
 * later transaction, so the pieces are complete whenever a record points at them.
 */
export async function downloadMessage(session: Pop3Session, number: number, target: { cache: DeviceCacheAccess; messageId: string; limit: number }): Promise<DownloadedMessage> {
  const hash = createHash('sha256');
  const header = new HeaderCollector();
  let kept: Buffer[] = [];
  let keptBytes = 0;
  let large = false;
  let chunkIndex = 0;
  let inFlight: Promise<void> = Promise.resolve();
  let refusal: string | null = null;

  const writeChunk = (bytes: Uint8Array): Promise<void> => {
    const ops: CacheOp[] = [{ op: 'putRawSourceChunks', chunks: [{ messageId: target.messageId, index: chunkIndex, bytes }] }];
    if (chunkIndex === 0) ops.unshift({ op: 'deleteRawSourceChunks', messageIds: [target.messageId] });
    chunkIndex += 1;
    const previous = inFlight;
    inFlight = target.cache.apply(ops).then(
      () => undefined,
      (error: unknown) => {
        refusal ??= error instanceof Error ? error.message : String(error);
      },
    );
    // At most two writes in flight: the reader waits (and pauses the socket) meanwhile.
    return previous;
  };
  // Large messages only: each byte is copied once, into the piece being filled.
  const pieces = new FixedPieces(SOURCE_CHUNK_BYTES, writeChunk);
  const append = (bytes: Buffer): Promise<void> => pieces.push(bytes, () => refusal !== null);

  const length = await session.retrInto(number, async (bytes) => {
    hash.update(bytes);
    header.add(bytes);
    if (refusal) return;
    if (large) return append(bytes);
    kept.push(bytes);
    keptBytes += bytes.length;
    if (keptBytes <= target.limit) return;
    // Larger than the limit: from now on every byte goes to the cache as it comes.
    large = true;
    const earlier = kept;
    kept = [];
    keptBytes = 0;
    for (const piece of earlier) await append(piece);
  });
  if (large && !refusal) await pieces.finish();
  await inFlight;
  if (refusal) return { kind: 'refused', length, reason: refusal };
  // Joined a few MB per turn of the loop: one Buffer.concat of a 60 MB message held it 380 ms (issue 11, item 4).
  if (!large) return { kind: 'whole', raw: kept.length === 1 ? kept[0]! : await joinInSteps(kept, keptBytes), hash: hash.digest('hex') };
  return { kind: 'large', header: header.header(), length, hash: hash.digest('hex'), chunks: chunkIndex };
}
