import { setImmediate as nextTurn } from 'node:timers/promises';
import type { CacheOp } from '../../../common/cache-protocol';
import type { BodyRecord } from '../../../common/model/mail';
import { formatOctets, LARGE_MESSAGE_NOTICE_PREFIX, LARGE_MESSAGE_TEXT_BYTES, type AttachmentChunkRecord, type RawSourceChunkRecord } from '../../../common/model/raw-source';
import { streamParts, type AttachmentSink, type TextLimits } from '../../mime/stream-parts';
import { htmlToPlainText } from '../../../node-lib/text-decoding';
import { ProtocolError, isProtocolError, refusedError } from '../../protocols/protocol-error';
import type { DeviceCacheAccess } from '../backend';
import { SOURCE_CHUNK_BYTES } from './message-download';
import { FixedPieces } from './fixed-pieces';

export interface ExtractProgress {
  /** Bytes of the stored source read so far, of all of them. */
  bytesDone: number;
  bytesTotal: number;
}

export interface ExtractOptions {
  now(): number;
  progress?(progress: ExtractProgress): void;
  /** LARGE_MESSAGE_TEXT_BYTES for each text part, twice that for all of them (tests lower it). */
  textLimits?: TextLimits;
  /** Size of each stored attachment piece (SOURCE_CHUNK_BYTES). */
  chunkBytes?: number;
}

const DEFAULT_LIMITS: TextLimits = { partBytes: LARGE_MESSAGE_TEXT_BYTES, totalBytes: 2 * LARGE_MESSAGE_TEXT_BYTES, inlineImageBytes: 4 * 1024 * 1024 };

/** `cid:` links of the HTML to the images kept, as `data:` URLs (what the reader's sandboxed frame shows, as for every other message). */
function inlineCidImages(html: string, images: Array<{ cid: string; contentType: string; bytes: Buffer }>): string {
  if (images.length === 0) return html;
  const byCid = new Map(images.map((image) => [image.cid.toLowerCase(), image]));
  return html.replace(/cid:([^"'\s>)]+)/gi, (link, cid: string) => {
    const image = byCid.get(cid.toLowerCase());
    return image ? `data:${image.contentType};base64,${image.bytes.toString('base64')}` : link;
  });
}

function notFound(message: string): ProtocolError {
  return new ProtocolError({ code: 'NOT_FOUND', message });
}

/**
 * Source pieces read per cache request, and attachment pieces written per batch: each request
 * crosses to the cache host (base64 over the harness's WebSocket) and each batch is one durable
 * IndexedDB commit, so a few MB at a time, not one: a 71 MB message took 61 s one piece at a time.
 */
export const PIECES_PER_REQUEST = 4;

/** The pieces of a stored source in order, a few per read (the next few read while these are parsed), yielding between them. */
async function* sourcePieces(cache: DeviceCacheAccess, messageId: string, count: number, onPiece: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  const read = (from: number): Promise<RawSourceChunkRecord[]> => {
    const reading = cache.query({ query: 'rawSourceChunkRange', messageId, from, count: Math.min(PIECES_PER_REQUEST, count - from) });
    // Awaited below; a read left behind by a stopped parse must not become an unhandled rejection.
    reading.catch(() => undefined);
    return reading;
  };
  let next: Promise<RawSourceChunkRecord[]> | null = read(0);
  for (let from = 0; from < count && next; from += PIECES_PER_REQUEST) {
    const pieces: RawSourceChunkRecord[] = await next;
    next = from + PIECES_PER_REQUEST < count ? read(from + PIECES_PER_REQUEST) : null;
    for (let i = 0; i < Math.min(PIECES_PER_REQUEST, count - from); i++) {
      const piece = pieces[i];
      if (piece?.index !== from + i) throw notFound('A piece of this message is missing from the local cache; save the message as an .eml file to keep what is there.');
      onPiece(piece.bytes.length);
      yield piece.bytes;
      await nextTurn();
    }
  }
}

/**
 * Writes each attachment's decoded bytes to the cache in pieces of `chunkBytes`, a few pieces per
 * batch, at most two batches in flight (the parser waits meanwhile): the same ids on every run, so
 * a second run replaces the first run's pieces instead of adding to them.
 */
function attachmentWriter(cache: DeviceCacheAccess, messageId: string, chunkBytes: number): AttachmentSink & { settled(): Promise<void> } {
  let pieceIndex = 0;
  let current = 0;
  let batch: AttachmentChunkRecord[] = [];
  let inFlight: Promise<void> = Promise.resolve();
  const flush = (): Promise<void> => {
    if (batch.length === 0) return Promise.resolve();
    const chunks = batch;
    batch = [];
    const previous = inFlight;
    inFlight = cache.apply([{ op: 'putAttachmentChunks', chunks }]).then(() => undefined);
    inFlight.catch(() => undefined);
    return previous;
  };
  const put = (attachment: number, bytes: Uint8Array): Promise<void> => {
    batch.push({ attachmentId: `${messageId}/${attachment}`, messageId, index: pieceIndex, bytes });
    pieceIndex += 1;
    return batch.length >= PIECES_PER_REQUEST ? flush() : Promise.resolve();
  };
  // Each byte copied once, into the piece being filled; one attachment at a time.
  const pieces = new FixedPieces(chunkBytes, (piece) => put(current, piece));
  return {
    write(attachment, bytes) {
      current = attachment;
      return pieces.push(bytes);
    },
    async end(attachment) {
      current = attachment;
      await pieces.finish();
      await flush();
      pieceIndex = 0;
    },
    settled: async () => {
      await flush();
      await inFlight;
    },
  };
}

/** The words of a large message's body once its parts were read. */
export function extractedWarnings(size: number, textCut: boolean, limit: number): string[] {
  return [
    `${LARGE_MESSAGE_NOTICE_PREFIX} whole (${formatOctets(size)}): its text and attachments below were read from the copy kept on this computer.`,
    ...(textCut ? [`Its text is cut after the first ${formatOctets(limit)}: save the whole message as an .eml file to read the rest.`] : []),
  ];
}

/**
 * Reads the text and the attachments of a message kept in source pieces (too large to parse
 * whole), on the user's request: the pieces are streamed one at a time through the parser; each
 * attachment is written in pieces as it is decoded; the text is kept up to a limit. The body record
 * is written last, in its own batch, so it never lists an attachment whose pieces are not all
 * stored. Running it again replaces what an earlier run stored (the same ids).
 */
export async function extractLargeParts(cache: DeviceCacheAccess, messageId: string, options: ExtractOptions): Promise<void> {
  const message = await cache.query({ query: 'message', id: messageId });
  if (!message) throw notFound('This message is no longer here.');
  const count = await cache.query({ query: 'rawSourceChunkCount', messageId });
  if (count === 0) throw refusedError('INVALID_ARGUMENT', { kind: 'notInPieces' });
  const body = await cache.query({ query: 'body', messageId });
  if (!body) throw notFound('This message is still being stored; try again when it is shown.');
  const limits = options.textLimits ?? DEFAULT_LIMITS;

  // A fresh start: the body lists no attachment while their pieces are written again.
  const reset: CacheOp[] = [{ op: 'deleteAttachmentChunks', messageIds: [messageId] }];
  if (body.attachments.length > 0) reset.unshift({ op: 'putBody', body: { ...body, attachments: [] }, attachments: [] });
  await cache.apply(reset);

  let bytesDone = 0;
  const bytesTotal = Math.max(message.size, 1);
  options.progress?.({ bytesDone, bytesTotal });
  let lastReport = 0;
  const onPiece = (bytes: number): void => {
    bytesDone += bytes;
    const now = Date.now();
    // A report every quarter of a second at most: a 1 GB message has a thousand pieces.
    if (now - lastReport >= 250) {
      lastReport = now;
      options.progress?.({ bytesDone: Math.min(bytesDone, bytesTotal), bytesTotal });
    }
  };
  const writer = attachmentWriter(cache, messageId, options.chunkBytes ?? SOURCE_CHUNK_BYTES);
  let parts;
  try {
    parts = await streamParts(messageId, sourcePieces(cache, messageId, count, onPiece), writer, limits);
    await writer.settled();
  } catch (error) {
    // What was written of this run is listed nowhere: it goes (and a later run starts afresh anyway).
    await writer.settled().catch(() => undefined);
    await cache.apply([{ op: 'deleteAttachmentChunks', messageIds: [messageId] }]).catch(() => undefined);
    if (isProtocolError(error)) throw error;
    throw refusedError('INTERNAL', { kind: 'partsUnreadable', detail: error instanceof Error ? error.message : String(error) });
  }

  // Deleted meanwhile: nothing may outlive it.
  if (!(await cache.query({ query: 'message', id: messageId }))) {
    await cache.apply([{ op: 'deleteAttachmentChunks', messageIds: [messageId] }]).catch(() => undefined);
    throw notFound('This message was deleted while its parts were being read.');
  }
  const cutHtml = parts.html === null ? null : parts.html.slice(0, limits.partBytes);
  const html = cutHtml === null ? null : inlineCidImages(cutHtml, parts.inlineImages);
  const text = (parts.text || (cutHtml ? htmlToPlainText(cutHtml).replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim() : '')).slice(0, limits.partBytes);
  const current = (await cache.query({ query: 'body', messageId })) ?? body;
  const updated: BodyRecord = {
    ...current,
    text,
    html,
    attachments: parts.attachments,
    parseWarnings: extractedWarnings(message.size, parts.textCut, limits.partBytes),
    partsExtractedAt: options.now(),
  };
  await cache.apply([{ op: 'putBody', body: updated, attachments: [] }]);
  options.progress?.({ bytesDone: bytesTotal, bytesTotal });
}
