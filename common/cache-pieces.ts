import type { CachePieceFrame, PiecedValue } from './cache-protocol';

/**
 * Large values of a cache request (or reply) in pieces, so that no single step of sending or
 * receiving one costs main's event loop more than a piece's worth: encoding a 32M-character body
 * for the WebSocket in one frame took 0.4–0.75 s, a 30 MB attachment 0.5–0.8 s (Electron's
 * structured clone 0.2–0.9 s).
 */

/** A byte array's piece. Encoding, copying and sending one takes a few milliseconds. */
export const PIECE_BYTES = 1024 * 1024;
/** A text's piece, in UTF-16 code units: at most 1.5 MB of UTF-8. */
export const PIECE_CHARS = 512 * 1024;
/** Values at least this large (bytes, or characters) travel apart from their request; smaller ones stay in it. */
export const PIECED_VALUE_MIN = 256 * 1024;
/** The largest byte array taken in pieces: far above any message the cache keeps whole (LARGE_MESSAGE_BYTES). */
const MAX_PIECED_BYTES = 1024 * 1024 * 1024;
/** How deep into a request values are looked for: request, ops, op, record list, record, field. */
const MAX_DEPTH = 6;

/** A message of the cache protocol: a request, or a reply. */
interface CacheMessage {
  kind: string;
  requestId: number;
}

type PiecedHead<T> = Extract<CachePieceFrame<T>, { kind: 'pieced' }>;

export interface SplitMessage<T> {
  head: PiecedHead<T>;
  /** The values taken out, in the order of `head.values`. */
  sources: Array<string | Uint8Array>;
}

type Container = Record<string | number, unknown>;

/**
 * The message with its large strings and byte arrays taken out (null in their place), or null when
 * it has none. The message itself is not changed: main keeps a request whole, to send again to
 * another host. Header batches (`putMessages`, 5,000 small records) are not walked: their fields are small.
 */
export function splitLargeValues<T extends CacheMessage>(message: T): SplitMessage<T> | null {
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
      values.push({ path, type: 'bytes', byteLength: value.byteLength });
      sources.push(value);
      return null;
    }
    if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return value;
    if (depth === 2 && (value as { op?: unknown }).op === 'putMessages') return value;
    // Copied only where something was taken out, so the head shares everything else with the request.
    let copy: Container | null = null;
    const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((item, i) => [i, item]) : Object.entries(value);
    for (const [key, item] of entries) {
      // Most fields are small: passed over without making their path.
      if (item === null || (typeof item !== 'object' && (typeof item !== 'string' || item.length < PIECED_VALUE_MIN))) continue;
      const kept = take(item, [...path, key], depth + 1);
      if (kept === item) continue;
      copy ??= (Array.isArray(value) ? [...(value as unknown[])] : { ...value }) as Container;
      copy[key] = kept;
    }
    return copy ?? value;
  };
  const stripped = take(message, [], 0) as T;
  if (values.length === 0) return null;
  return { head: { kind: 'pieced', requestId: message.requestId, message: stripped, values }, sources };
}

const utf8 = new TextEncoder();

/**
 * The pieces of a split message, then its end: made one at a time, as they are asked for, so the
 * sender can give the event loop back between two. Every piece is a fresh copy (a view of a large
 * buffer would be cloned whole by IPC), and a text is never cut inside a surrogate pair, so each
 * piece is valid UTF-8 by itself.
 */
export function* messagePieces<T>(split: SplitMessage<T>): Generator<CachePieceFrame<T>> {
  const requestId = split.head.requestId;
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

/** Why a message was dropped: its channel closed (the sender sends it again on the next). */
export class PiecesDropped extends Error {}

/**
 * A value as its pieces come: each is taken in at once — a text's decoded, a byte array's written in
 * place — so the step that completes a message does not do the whole value's work (decoding a
 * 32M-character text at the end took 0.7 s). A piece sent twice is the same bytes: taken again.
 */
class ArrivingValue {
  private readonly texts = new Map<number, string>();
  private readonly bytes: Uint8Array | null;
  private readonly received = new Set<number>();

  constructor(type: PiecedValue['type'], byteLength: number) {
    // A length no message of ours has gets no memory: none of its pieces fits, so the message fails.
    const plausible = Number.isSafeInteger(byteLength) && byteLength >= 0 && byteLength <= MAX_PIECED_BYTES;
    this.bytes = type === 'bytes' ? new Uint8Array(plausible ? byteLength : 0) : null;
  }

  take(index: number, data: Uint8Array): void {
    if (this.bytes) {
      const offset = index * PIECE_BYTES;
      // A piece that does not fit is not ours: left missing, the message fails instead.
      if (data.byteLength > PIECE_BYTES || offset + data.byteLength > this.bytes.byteLength) return;
      this.bytes.set(data, offset);
    } else {
      this.texts.set(index, decoder.decode(data));
    }
    this.received.add(index);
  }

  missing(count: number): number {
    let missing = 0;
    for (let index = 0; index < count; index++) if (!this.received.has(index)) missing++;
    return missing;
  }

  whole(count: number): string | Uint8Array {
    if (this.bytes) return this.bytes;
    // Joined with + : V8 keeps the pieces and flattens the text once, when it is first read.
    let text = '';
    for (let index = 0; index < count; index++) text += this.texts.get(index)!;
    return text;
  }
}

const decoder = new TextDecoder();

interface PartialMessage<T> {
  head: PiecedHead<T>;
  values: ArrivingValue[];
  resolve(message: T): void;
  reject(error: Error): void;
}

/**
 * The receiving side of one channel. Policy: a message is handed on once its end frame arrived
 * with every piece it names; a missing piece fails it with a clear message instead of a value with
 * a hole; pieces nobody announced are ignored; when the channel closes (`drop`), half-received
 * messages fail with PiecesDropped — the sender sends them again, whole, on its next channel.
 */
export class PieceAssembler<T> {
  private readonly partial = new Map<number, PartialMessage<T>>();

  /** `missingText(missing, total)`: what the error says when pieces did not arrive, for the user. */
  constructor(private readonly missingText: (missing: number, total: number) => string) {}

  /** For a head: the message, once its pieces are in (or the error). For a piece or an end: null. */
  accept(frame: CachePieceFrame<T>): Promise<T> | null {
    switch (frame.kind) {
      case 'pieced': {
        this.partial.get(frame.requestId)?.reject(new PiecesDropped('It was sent again before all its pieces arrived.'));
        let resolve!: (message: T) => void;
        let reject!: (error: Error) => void;
        const message = new Promise<T>((ok, fail) => {
          resolve = ok;
          reject = fail;
        });
        const values = frame.values.map(({ type, byteLength }) => new ArrivingValue(type, byteLength ?? 0));
        this.partial.set(frame.requestId, { head: frame, values, resolve, reject });
        return message;
      }
      case 'piece': {
        this.partial.get(frame.requestId)?.values[frame.value]?.take(frame.index, frame.data);
        return null;
      }
      case 'piecesEnd': {
        const partial = this.partial.get(frame.requestId);
        if (!partial) return null;
        this.partial.delete(frame.requestId);
        const total = frame.pieces.reduce((sum, count) => sum + count, 0);
        const missing = frame.pieces.length !== partial.values.length ? total : frame.pieces.reduce((sum, count, value) => sum + partial.values[value]!.missing(count), 0);
        if (missing > 0) {
          partial.reject(new Error(this.missingText(missing, total)));
        } else {
          for (const [value, { path }] of partial.head.values.entries()) setAt(partial.head.message, path, partial.values[value]!.whole(frame.pieces[value]!));
          partial.resolve(partial.head.message);
        }
        return null;
      }
      default: {
        const unknown: never = frame;
        return unknown;
      }
    }
  }

  /** The channel closed: every half-received message fails with PiecesDropped. */
  drop(): void {
    const partial = [...this.partial.values()];
    this.partial.clear();
    for (const message of partial) message.reject(new PiecesDropped('The channel closed before all its pieces arrived.'));
  }
}

/** Whether a frame is part of a message sent in pieces (else it is a whole message). */
export function isPieceFrame<T>(frame: T | CachePieceFrame<T>): frame is CachePieceFrame<T> {
  const kind = (frame as { kind: unknown }).kind;
  return kind === 'pieced' || kind === 'piece' || kind === 'piecesEnd';
}

function setAt(target: unknown, path: Array<string | number>, value: unknown): void {
  let holder = target as Container;
  for (const key of path.slice(0, -1)) holder = holder[key] as Container;
  holder[path[path.length - 1]!] = value;
}

/** What the cache host says of a request whose pieces did not all arrive. */
export function requestPiecesMissing(missing: number, total: number): string {
  return `${missing} of the ${total} pieces of this request did not arrive; nothing of it was saved.`;
}

/** What main says of a cache host's answer whose pieces did not all arrive. */
export function replyPiecesMissing(missing: number, total: number): string {
  return `${missing} of the ${total} pieces of its answer did not arrive.`;
}
