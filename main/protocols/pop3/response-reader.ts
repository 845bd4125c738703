import type { Socket } from 'node:net';

const CRLF = Buffer.from('\r\n');
const TERMINATOR = Buffer.from('\r\n.\r\n');

interface Waiter {
  kind: 'line' | 'block';
  resolve(value: Buffer): void;
  reject(error: Error): void;
}

/**
 * Reads POP3 responses from a socket: single lines, and multi-line blocks ended by a lone "."
 * with dot-stuffing removed (RFC 1939 §3). Framing never depends on how TCP split the bytes.
 * A block is kept as a list of chunks and joined once, so a 30 MB message costs one copy.
 */
export class ResponseReader {
  private chunks: Buffer[] = [];
  private length = 0;
  private waiter: Waiter | null = null;
  private failure: Error | null = null;
  /** For blocks: where the terminator search stopped (chunk index, its offset, the bytes before). */
  private scan = { index: 0, offset: 0, tail: Buffer.alloc(0) };
  private socket: Socket | null = null;
  private readonly onData = (chunk: Buffer): void => this.push(chunk);
  private readonly onEnd = (): void => this.fail(Object.assign(new Error('The server closed the connection'), { code: 'EConnectionClosed' }));
  private readonly onError = (error: Error): void => this.fail(error);

  /** Reads from `socket` from now on (after STLS the TLS socket replaces the plain one). */
  attach(socket: Socket): void {
    this.detach();
    this.socket = socket;
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('close', this.onEnd);
    socket.on('error', this.onError);
  }

  detach(): void {
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

  readLine(): Promise<Buffer> {
    return this.wait('line');
  }

  readBlock(): Promise<Buffer> {
    this.scan = { index: 0, offset: 0, tail: Buffer.alloc(0) };
    return this.wait('block');
  }

  fail(error: Error): void {
    this.failure ??= error;
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.reject(this.failure);
  }

  private wait(kind: Waiter['kind']): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      this.waiter = { kind, resolve, reject };
      this.settle();
    });
  }

  private push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
    this.settle();
  }

  private settle(): void {
    const waiter = this.waiter;
    if (!waiter) return;
    const taken = waiter.kind === 'line' ? this.takeLine() : this.takeBlock();
    if (taken) {
      this.waiter = null;
      waiter.resolve(taken);
    } else if (this.failure) {
      this.waiter = null;
      waiter.reject(this.failure);
    }
  }

  private joined(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks, this.length)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  private consume(bytes: number): Buffer {
    const all = this.joined();
    const taken = all.subarray(0, bytes);
    const rest = all.subarray(bytes);
    this.chunks = rest.length ? [rest] : [];
    this.length = rest.length;
    return taken;
  }

  private takeLine(): Buffer | null {
    const all = this.joined();
    const end = all.indexOf(CRLF);
    if (end < 0) return null;
    const line = this.consume(end + 2);
    return line.subarray(0, end);
  }

  private takeBlock(): Buffer | null {
    if (this.length < 3) return null;
    // An empty block is just ".\r\n".
    const head = this.peek(3);
    if (head[0] === 0x2e && head[1] === 0x0d && head[2] === 0x0a) {
      this.consume(3);
      return Buffer.alloc(0);
    }
    const end = this.findTerminator();
    if (end < 0) return null;
    const block = this.consume(end + TERMINATOR.length).subarray(0, end + 2);
    return unstuff(block);
  }

  private peek(bytes: number): Buffer {
    const parts: Buffer[] = [];
    let wanted = bytes;
    for (const chunk of this.chunks) {
      if (wanted <= 0) break;
      parts.push(chunk.subarray(0, wanted));
      wanted -= chunk.length;
    }
    return Buffer.concat(parts);
  }

  /**
   * Where "\r\n.\r\n" starts in the buffered bytes, or -1. Each chunk is scanned once, with the
   * last bytes of the one before it, however small the pieces TCP delivered.
   */
  private findTerminator(): number {
    while (this.scan.index < this.chunks.length) {
      const chunk = this.chunks[this.scan.index]!;
      const window = this.scan.tail.length ? Buffer.concat([this.scan.tail, chunk]) : chunk;
      const at = window.indexOf(TERMINATOR);
      if (at >= 0) return this.scan.offset - this.scan.tail.length + at;
      this.scan.tail = Buffer.from(window.subarray(Math.max(0, window.length - (TERMINATOR.length - 1))));
      this.scan.offset += chunk.length;
      this.scan.index += 1;
    }
    return -1;
  }
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
