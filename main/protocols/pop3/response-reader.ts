import type { Socket } from 'node:net';

const CR = 0x0d;
const LF = 0x0a;
const DOT = 0x2e;

/** Hands one piece of a block's content (dot-stuffing removed) to its reader; may wait. */
export type BlockConsumer = (bytes: Buffer) => void | Promise<void>;

export interface BlockLimits {
  /** Longest line the block may hold (CRLF excluded); null: no limit (a message's lines). */
  maxLineOctets: number | null;
  /** Most bytes the whole block may hold; null: no limit (the consumer takes them as they come). */
  maxTotalOctets: number | null;
}

/** Why a read gave up; the session turns these into the user's error codes and closes. */
export type ReaderFailureCode = 'RESPONSE_TOO_LARGE' | 'SERVER_STALLED';

export class ResponseReaderError extends Error {
  constructor(
    readonly code: ReaderFailureCode,
    message: string,
  ) {
    super(message);
    this.name = 'ResponseReaderError';
  }
}

/** Bytes buffered before the socket is paused (the consumer or the caller is slower than the wire). */
const HIGH_WATER_BYTES = 4 * 1024 * 1024;
/** A block's content goes to its consumer in pieces of about this size. */
const CONSUMER_PIECE_BYTES = 1024 * 1024;

interface LineWaiter {
  kind: 'line';
  maxOctets: number;
  resolve(value: Buffer): void;
  reject(error: Error): void;
}

interface BlockWaiter {
  kind: 'block';
  consumer: BlockConsumer;
  limits: BlockLimits;
  /** At the start of a line of the block (where "." means stuffing or the end). */
  atLineStart: boolean;
  /** Length of the current line so far, for `maxLineOctets`. */
  lineOctets: number;
  total: number;
  /** Content not handed to the consumer yet (subarrays of what the socket delivered). */
  pending: Buffer[];
  pendingBytes: number;
  /** The consumer's last piece, while it is still taking it. */
  busy: Promise<void> | null;
  resolve(total: number): void;
  reject(error: Error): void;
}

/**
 * Reads POP3 responses from a socket: single lines, and multi-line blocks ended by a lone "."
 * with dot-stuffing removed (RFC 1939 §3). Framing never depends on how TCP split the bytes.
 *
 * Policy: a block is streamed to its consumer piece by piece, so a message of any size costs a
 * few MB here; the socket is paused while more than HIGH_WATER_BYTES wait. A line longer than
 * its limit fails the read (a server that never sends CRLF is not read to the end of memory),
 * and so does a server that sends nothing for `noProgressTimeoutMs` while a read waits.
 * After a failure every later read fails the same way: the session must be closed.
 */
export class ResponseReader {
  private chunks: Buffer[] = [];
  private length = 0;
  /** How far into the buffered bytes a line waiter already looked for CRLF. */
  private waiter: LineWaiter | BlockWaiter | null = null;
  private failure: Error | null = null;
  private socket: Socket | null = null;
  private paused = false;
  private stallTimer: NodeJS.Timeout | null = null;
  private readonly onData = (chunk: Buffer): void => this.push(chunk);
  private readonly onEnd = (): void => this.fail(Object.assign(new Error('The server closed the connection'), { code: 'EConnectionClosed' }));
  private readonly onError = (error: Error): void => this.fail(error);

  constructor(private readonly noProgressTimeoutMs = 60_000) {}

  /** Reads from `socket` from now on (after STLS the TLS socket replaces the plain one). */
  attach(socket: Socket): void {
    this.detach();
    this.socket = socket;
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('close', this.onEnd);
    socket.on('error', this.onError);
    if (this.paused) socket.pause();
  }

  detach(): void {
    this.stopStallTimer();
    if (!this.socket) return;
    this.socket.off('data', this.onData);
    this.socket.off('end', this.onEnd);
    this.socket.off('close', this.onEnd);
    this.socket.off('error', this.onError);
    this.socket = null;
  }

  /** Bytes received but not read yet (must be none when STLS starts, RFC 2595 §4). */
  get pendingBytes(): number {
    return this.length;
  }

  /** One line without its CRLF; fails with RESPONSE_TOO_LARGE past `maxOctets`. */
  readLine(maxOctets = 512): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      this.waiter = { kind: 'line', maxOctets, resolve, reject };
      this.settle();
    });
  }

  /** A whole block in one Buffer, for small answers (CAPA, LIST, UIDL, TOP). */
  async readBlock(limits: BlockLimits = { maxLineOctets: null, maxTotalOctets: null }): Promise<Buffer> {
    const parts: Buffer[] = [];
    const total = await this.streamBlock((bytes) => void parts.push(bytes), limits);
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts, total);
  }

  /**
   * A block handed to `consumer` in pieces as it arrives; resolves with its length once the
   * terminating "." was read and the consumer took the last piece. A consumer that throws fails
   * the read (the rest of the block is then unread: close the session).
   */
  streamBlock(consumer: BlockConsumer, limits: BlockLimits = { maxLineOctets: null, maxTotalOctets: null }): Promise<number> {
    return new Promise((resolve, reject) => {
      this.waiter = { kind: 'block', consumer, limits, atLineStart: true, lineOctets: 0, total: 0, pending: [], pendingBytes: 0, busy: null, resolve, reject };
      this.settle();
    });
  }

  fail(error: Error): void {
    this.failure ??= error;
    this.stopStallTimer();
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.reject(this.failure);
  }

  private push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
    if (this.length > HIGH_WATER_BYTES && !this.paused) {
      this.paused = true;
      this.socket?.pause();
    }
    this.settle();
  }

  private settle(): void {
    const waiter = this.waiter;
    if (!waiter) return this.stopStallTimer();
    if (this.failure) return this.fail(this.failure);
    try {
      if (waiter.kind === 'line') this.settleLine(waiter);
      else this.settleBlock(waiter);
    } catch (error) {
      this.fail(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    if (this.paused && this.length <= HIGH_WATER_BYTES) {
      this.paused = false;
      this.socket?.resume();
    }
    this.armStallTimer();
  }

  /** While a read waits for the server (not for its own consumer), silence is a stall. */
  private armStallTimer(): void {
    const waiter = this.waiter;
    if (!waiter || (waiter.kind === 'block' && waiter.busy)) return this.stopStallTimer();
    if (this.stallTimer) {
      this.stallTimer.refresh();
      return;
    }
    this.stallTimer = setTimeout(() => {
      this.stallTimer = null;
      this.fail(new ResponseReaderError('SERVER_STALLED', `The server sent nothing for ${Math.round(this.noProgressTimeoutMs / 1000)} s in the middle of a response`));
      this.socket?.destroy();
    }, this.noProgressTimeoutMs);
    this.stallTimer.unref();
  }

  private stopStallTimer(): void {
    if (this.stallTimer) clearTimeout(this.stallTimer);
    this.stallTimer = null;
  }

  private settleLine(waiter: LineWaiter): void {
    // Only the first maxOctets + 2 bytes can hold the CRLF: never more is looked at or copied.
    const window = this.peek(Math.min(this.length, waiter.maxOctets + 2));
    const end = window.indexOf('\r\n');
    if (end < 0) {
      if (window.length >= waiter.maxOctets + 2) throw tooLarge(`a line longer than ${waiter.maxOctets} octets`);
      return;
    }
    const line = this.take(end + 2).subarray(0, end);
    this.waiter = null;
    waiter.resolve(line);
  }

  /** Removes the first `bytes` buffered bytes and returns them (one copy only if they span chunks). */
  private take(bytes: number): Buffer {
    let taken: Buffer;
    const first = this.chunks[0]!;
    if (first.length >= bytes) {
      taken = first.subarray(0, bytes);
      if (first.length === bytes) this.chunks.shift();
      else this.chunks[0] = first.subarray(bytes);
    } else {
      const parts: Buffer[] = [];
      let wanted = bytes;
      while (wanted > 0) {
        const chunk = this.chunks[0]!;
        if (chunk.length <= wanted) {
          parts.push(chunk);
          this.chunks.shift();
          wanted -= chunk.length;
        } else {
          parts.push(chunk.subarray(0, wanted));
          this.chunks[0] = chunk.subarray(wanted);
          wanted = 0;
        }
      }
      taken = Buffer.concat(parts, bytes);
    }
    this.length -= bytes;
    return taken;
  }

  /**
   * Walks the buffered bytes line by line: a line that starts with "." loses it (stuffing), and
   * ".\r\n" at a line start ends the block. Undecided bytes (a "." or ".\r" with nothing after
   * it yet, a CR at the very end) stay buffered until more arrive.
   */
  private settleBlock(waiter: BlockWaiter): void {
    while (!waiter.busy && this.waiter === waiter) {
      if (this.chunks.length === 0) return;
      if (waiter.atLineStart) {
        if (this.firstByte() === DOT) {
          if (this.length < 3) return;
          const head = this.peek(3);
          if (head[1] === CR && head[2] === LF) {
            this.take(3);
            this.finishBlock(waiter);
            return;
          }
          // RFC 1939 §3: the first "." of a stuffed line is not part of the content.
          this.take(1);
        }
        waiter.atLineStart = false;
        waiter.lineOctets = 0;
        continue;
      }
      const chunk = this.chunks[0]!;
      let at = chunk.indexOf('\r\n');
      let bytes: number;
      if (at >= 0) {
        bytes = at + 2;
      } else if (chunk[chunk.length - 1] === CR) {
        // A CR at the end of this piece: its LF may be the first byte of the next one.
        if (chunk.length > 1) bytes = chunk.length - 1;
        else if (this.chunks.length === 1) return;
        else bytes = this.chunks[1]![0] === LF ? 2 : 1;
        if (bytes === 2) at = 0;
      } else {
        bytes = chunk.length;
      }
      const lineEnds = at >= 0;
      const contentOctets = waiter.lineOctets + (lineEnds ? at : bytes);
      if (waiter.limits.maxLineOctets !== null && contentOctets > waiter.limits.maxLineOctets) throw tooLarge(`a line longer than ${waiter.limits.maxLineOctets} octets`);
      if (waiter.limits.maxTotalOctets !== null && waiter.total + bytes > waiter.limits.maxTotalOctets) throw tooLarge(`an answer longer than ${waiter.limits.maxTotalOctets} octets`);
      this.hand(waiter, this.take(bytes));
      waiter.lineOctets = lineEnds ? 0 : contentOctets;
      waiter.atLineStart = lineEnds;
    }
  }

  private firstByte(): number {
    return this.chunks[0]![0]!;
  }

  private peek(bytes: number): Buffer {
    const first = this.chunks[0];
    if (!first) return Buffer.alloc(0);
    if (first.length >= bytes) return first.subarray(0, bytes);
    const parts: Buffer[] = [];
    let wanted = bytes;
    for (const chunk of this.chunks) {
      if (wanted <= 0) break;
      parts.push(chunk.subarray(0, wanted));
      wanted -= chunk.length;
    }
    return Buffer.concat(parts);
  }

  /** Collects content and gives it to the consumer in pieces; waits while the consumer is busy. */
  private hand(waiter: BlockWaiter, bytes: Buffer): void {
    waiter.pending.push(bytes);
    waiter.pendingBytes += bytes.length;
    waiter.total += bytes.length;
    if (waiter.pendingBytes >= CONSUMER_PIECE_BYTES) this.deliver(waiter, false);
  }

  private deliver(waiter: BlockWaiter, last: boolean): void {
    if (waiter.pendingBytes === 0) {
      if (last) this.complete(waiter);
      return;
    }
    const piece = waiter.pending.length === 1 ? waiter.pending[0]! : Buffer.concat(waiter.pending, waiter.pendingBytes);
    waiter.pending = [];
    waiter.pendingBytes = 0;
    const outcome = waiter.consumer(piece);
    if (!(outcome instanceof Promise)) {
      if (last) this.complete(waiter);
      return;
    }
    waiter.busy = outcome;
    this.stopStallTimer();
    outcome.then(
      () => {
        waiter.busy = null;
        if (this.waiter !== waiter) return;
        if (last) this.complete(waiter);
        else this.settle();
      },
      (error: unknown) => {
        waiter.busy = null;
        if (this.waiter === waiter) this.fail(error instanceof Error ? error : new Error(String(error)));
      },
    );
  }

  private finishBlock(waiter: BlockWaiter): void {
    this.deliver(waiter, true);
  }

  private complete(waiter: BlockWaiter): void {
    if (this.waiter !== waiter) return;
    this.waiter = null;
    this.stopStallTimer();
    waiter.resolve(waiter.total);
  }
}

function tooLarge(what: string): ResponseReaderError {
  return new ResponseReaderError('RESPONSE_TOO_LARGE', `The server sent ${what}`);
}

/** Removes the extra "." of lines that begin with one (RFC 1939 §3 byte-stuffing). */
export function unstuff(block: Buffer): Buffer {
  const parts: Buffer[] = [];
  let from = 0;
  if (block[0] === 0x2e) from = 1;
  for (;;) {
    const at = block.indexOf('\r\n.', from);
    if (at < 0) break;
    parts.push(block.subarray(from, at + 2));
    from = at + 3;
  }
  if (parts.length === 0 && from === 0) return block;
  parts.push(block.subarray(from));
  return Buffer.concat(parts);
}
