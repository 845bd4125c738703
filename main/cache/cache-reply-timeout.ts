import type { CacheHostRequest } from '../../common/cache-protocol';

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
      // Header records are small and come 5,000 at a time: not worth walking (2–5 ms a batch).
      return BASE_MS + Math.floor(payloadBytes(request.ops.filter((op) => op.op !== 'putMessages')) / MEGABYTE) * MS_PER_MEGABYTE;
    default: {
      const unknown: never = request;
      return unknown;
    }
  }
}

/**
 * The bytes a batch carries: every binary (sources, their pieces, attachments) and string (bodies,
 * headers) in its records, however the op names them. Walks a few levels deep only: op, list,
 * record, field.
 */
function payloadBytes(value: unknown, depth = 0): number {
  if (value instanceof Uint8Array) return value.byteLength;
  if (typeof value === 'string') return value.length;
  if (depth > 4 || value === null || typeof value !== 'object') return 0;
  let bytes = 0;
  for (const item of Array.isArray(value) ? value : Object.values(value)) bytes += payloadBytes(item, depth + 1);
  return bytes;
}
