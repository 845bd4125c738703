import type { CacheHostRequest, CacheOp } from '../../common/cache-protocol';

const BASE_MS = 60_000;
/** Deleting a database waits for the UI's read-only connections to close, and frees every page. */
const DROP_DATABASE_MS = 180_000;
/** Strict durability on a slow disk writes a few MB a second at worst; 2 s a MB is far below that. */
const MS_PER_MEGABYTE = 2_000;
const MEGABYTE = 1024 * 1024;

/**
 * How long the cache host may take to acknowledge a request it holds. Generous on purpose: a
 * timeout fails the write (CACHE_TIMEOUT), so it must only catch a host that stopped working,
 * never a big POP batch (whole messages with attachments) committing slowly.
 */
export function cacheReplyTimeoutMs(request: CacheHostRequest): number {
  switch (request.kind) {
    case 'query':
      return BASE_MS;
    case 'dropDatabase':
      return DROP_DATABASE_MS;
    case 'apply':
      return BASE_MS + Math.floor(payloadBytes(request.ops) / MEGABYTE) * MS_PER_MEGABYTE;
    default: {
      const unknown: never = request;
      return unknown;
    }
  }
}

/** The bytes a batch carries in sources, attachments and bodies (headers are small by comparison). */
function payloadBytes(ops: readonly CacheOp[]): number {
  let bytes = 0;
  for (const op of ops) {
    if (op.op === 'putRawSource') bytes += op.source.raw.byteLength;
    else if (op.op === 'putBody') bytes += op.body.text.length + (op.body.html?.length ?? 0) + op.attachments.reduce((sum, a) => sum + a.content.byteLength, 0);
  }
  return bytes;
}
