import type { CacheHostFrame, CacheHostRequest, CachePieceFrame, PiecedValue } from './cache-protocol';

/**
 * Large values of a cache request in pieces, so that no single step of sending one costs main's
 * event loop more than a piece's worth: encoding a 32M-character body for the WebSocket in one
 * frame took 0.4–0.75 s, a 30 MB attachment 0.5–0.8 s (Electron's structured clone 0.2–0.9 s).
 */

/** A byte array's piece. Encoding, copying and sending one takes a few milliseconds. */
export const PIECE_BYTES = 1024 * 1024;
/** A text's piece, in UTF-16 code units: at most 1.5 MB of UTF-8. */
export const PIECE_CHARS = 512 * 1024;
/** Values at least this large (bytes, or characters) travel apart from their request; smaller ones stay in it. */
export const PIECED_VALUE_MIN = 256 * 1024;
/** How deep into a request values are looked for: request, ops, op, record list, record, field. */
const MAX_DEPTH = 6;

export interface SplitRequest {
  head: Extract<CachePieceFrame, { kind: 'pieced' }>;
  /** The values taken out, in the order of `head.values`. */
  sources: Array<string | Uint8Array>;
}

type Container = Record<string | number, unknown>;

/**
 * The request with its large strings and byte arrays taken out (null in their place), or null when
 * it has none. The request itself is not changed: main keeps it whole, to send again to another host.
 * Header batches (`putMessages`, 5,000 small records) are not walked: their fields are small.
 */
export function splitLargeValues(request: CacheHostRequest): SplitRequest | null {
  const values: PiecedValue[] = [];
  const sources: Array<string | Uint8Array> = [];
  const take = (value: unknown, path: Array<string | number>, depth: number): unknown => {
    if (typeof value === 'string') {
      if (value.length < PIECED_VALUE_MIN) return value;
      values.push({ path, type: 'text' });
      sources.push(value);
      return null;
    }
    if (value instanceof Uint8Array) {
      if (value.byteLength < PIECED_VALUE_MIN) return value;
      values.push({ path, type: 'bytes' });
      sources.push(value);
      return null;
    }
    if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return value;
    if (depth === 2 && (value as { op?: unknown }).op === 'putMessages') return value;
    // Copied only where something was taken out, so the head shares everything else with the request.
    let copy: Container | null = null;
    const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((item, i) => [i, item]) : Object.entries(value);
    for (const [key, item] of entries) {
      const kept = take(item, [...path, key], depth + 1);
      if (kept === item) continue;
      copy ??= (Array.isArray(value) ? [...(value as unknown[])] : { ...value }) as Container;
      copy[key] = kept;
    }
    return copy ?? value;
  };
  const stripped = take(request, [], 0) as CacheHostRequest;
  if (values.length === 0) return null;
  return { head: { kind: 'pieced', request: stripped, values }, sources };
}

const utf8 = new TextEncoder();

/**
 * The pieces of a split request, then its end: made one at a time, as they are asked for, so the
 * sender can give the event loop back between two. Every piece is a fresh copy (a view of a large
 * buffer would be cloned whole by IPC), and a text is never cut inside a surrogate pair, so each
 * piece is valid UTF-8 by itself.
 */
export function* requestPieces(split: SplitRequest): Generator<CachePieceFrame> {
  const requestId = split.head.request.requestId;
  const counts: number[] = [];
  for (const [value, source] of split.sources.entries()) {
    let index = 0;
    if (typeof source === 'string') {
      for (let start = 0; start < source.length; ) {
        let end = Math.min(start + PIECE_CHARS, source.length);
        if (end < source.length && isHighSurrogate(source.charCodeAt(end - 1))) end++;
        yield { kind: 'piece', requestId, value, index: index++, data: utf8.encode(source.slice(start, end)) };
        start = end;
      }
    } else {
      for (let start = 0; start < source.byteLength; start += PIECE_BYTES) {
        const data = new Uint8Array(Math.min(PIECE_BYTES, source.byteLength - start));
        data.set(source.subarray(start, start + data.byteLength));
        yield { kind: 'piece', requestId, value, index: index++, data };
      }
    }
    counts.push(index);
  }
  yield { kind: 'piecesEnd', requestId, pieces: counts };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** A request whose frame arrived: whole at once, or once its pieces are in. */
export interface ArrivingRequest {
  requestId: number;
  /** Fails (and the host answers that the request failed) when pieces are missing or dropped. */
  request: Promise<CacheHostRequest>;
}

interface PartialRequest {
  head: Extract<CachePieceFrame, { kind: 'pieced' }>;
  /** Received pieces, by value then index. A piece sent twice is the same bytes: the last one is kept. */
  pieces: Array<Map<number, Uint8Array>>;
  resolve(request: CacheHostRequest): void;
  reject(error: Error): void;
}

/**
 * The cache host's side, one per channel from main. Policy: a request is handed on once its end
 * frame arrived with every piece it names; a missing piece fails it with a clear message instead
 * of writing a value with a hole; pieces of a request main did not announce are ignored; when the
 * channel closes (`drop`), half-received requests are dropped — main sends them again, whole, to
 * the next host. Requests are returned in the order of their first frame, which is main's order.
 */
export class PieceAssembler {
  private readonly partial = new Map<number, PartialRequest>();

  accept(frame: CacheHostFrame): ArrivingRequest | null {
    switch (frame.kind) {
      case 'apply':
      case 'query':
      case 'dropDatabase':
        return { requestId: frame.requestId, request: Promise.resolve(frame) };
      case 'pieced': {
        const requestId = frame.request.requestId;
        this.partial.get(requestId)?.reject(new Error('It was sent again before all its pieces arrived.'));
        let resolve!: (request: CacheHostRequest) => void;
        let reject!: (error: Error) => void;
        const request = new Promise<CacheHostRequest>((ok, fail) => {
          resolve = ok;
          reject = fail;
        });
        this.partial.set(requestId, { head: frame, pieces: frame.values.map(() => new Map<number, Uint8Array>()), resolve, reject });
        return { requestId, request };
      }
      case 'piece': {
        this.partial.get(frame.requestId)?.pieces[frame.value]?.set(frame.index, frame.data);
        return null;
      }
      case 'piecesEnd': {
        const partial = this.partial.get(frame.requestId);
        if (!partial) return null;
        this.partial.delete(frame.requestId);
        const missing = frame.pieces.reduce((sum, count, value) => sum + countMissing(partial.pieces[value], count), 0);
        const total = frame.pieces.reduce((sum, count) => sum + count, 0);
        if (missing > 0 || frame.pieces.length !== partial.head.values.length) {
          partial.reject(new Error(`${missing} of the ${total} pieces of this request did not arrive; nothing of it was saved.`));
        } else {
          partial.resolve(assemble(partial.head, partial.pieces, frame.pieces));
        }
        return null;
      }
      default: {
        const unknown: never = frame;
        return unknown;
      }
    }
  }

  /** The channel closed: every half-received request fails here (main re-sends it to the next host). */
  drop(): void {
    const partial = [...this.partial.values()];
    this.partial.clear();
    for (const request of partial) request.reject(new Error('The channel from main closed before all its pieces arrived.'));
  }
}

function countMissing(pieces: Map<number, Uint8Array> | undefined, count: number): number {
  if (!pieces) return count;
  let missing = 0;
  for (let index = 0; index < count; index++) if (!pieces.has(index)) missing++;
  return missing;
}

function assemble(head: Extract<CachePieceFrame, { kind: 'pieced' }>, pieces: Array<Map<number, Uint8Array>>, counts: number[]): CacheHostRequest {
  const request = head.request;
  for (const [value, { path, type }] of head.values.entries()) {
    const ordered = Array.from({ length: counts[value]! }, (_, index) => pieces[value]!.get(index)!);
    setAt(request, path, type === 'text' ? joinText(ordered) : joinBytes(ordered));
  }
  return request;
}

function joinText(pieces: Uint8Array[]): string {
  const decoder = new TextDecoder();
  return pieces.map((piece) => decoder.decode(piece)).join('');
}

function joinBytes(pieces: Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.byteLength, 0));
  let offset = 0;
  for (const piece of pieces) {
    joined.set(piece, offset);
    offset += piece.byteLength;
  }
  return joined;
}

function setAt(target: unknown, path: Array<string | number>, value: unknown): void {
  let holder = target as Container;
  for (const key of path.slice(0, -1)) holder = holder[key] as Container;
  holder[path[path.length - 1]!] = value;
}
