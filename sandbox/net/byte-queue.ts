import type { Socket } from 'node:net';

const HIGH_WATER_BYTES = 1024 * 1024;
const LF = 0x0a;

/**
 * The bytes a client sent and nobody has read yet, read by awaiting exactly what is needed:
 * a line, or n bytes. Pauses the socket while more than a megabyte waits unread, so a client
 * that floods the server cannot make it buffer without bound (literals are awaited in full).
 */
export class ByteQueue {
  private chunks: Buffer[] = [];
  private length = 0;
  private ended = false;
  private wake: (() => void) | null = null;

  constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.length += chunk.length;
      if (this.length > HIGH_WATER_BYTES) socket.pause();
      this.wake?.();
    });
    const end = () => {
      this.ended = true;
      this.wake?.();
    };
    socket.on('end', end);
    socket.on('close', end);
  }

  /**
   * The next line without its CRLF (or bare LF); 'too-long' (after skipping the rest of that
   * line) when it has more than `maxBytes`; null when the client went away first.
   */
  async readLine(maxBytes: number): Promise<Buffer | { tooLong: Buffer } | null> {
    for (;;) {
      const all = this.joined();
      const at = all.subarray(0, maxBytes + 2).indexOf(LF);
      if (at >= 0) {
        const line = this.take(at + 1);
        const end = at > 0 && line[at - 1] === 0x0d ? at - 1 : at;
        return line.subarray(0, end);
      }
      if (this.length > maxBytes + 1) {
        const head = Buffer.from(all.subarray(0, 64));
        return (await this.skipLine()) ? { tooLong: head } : null;
      }
      if (!(await this.more())) return null;
    }
  }

  /** Exactly `count` bytes, or null when the client went away first. */
  async readBytes(count: number): Promise<Buffer | null> {
    while (this.length < count) {
      if (!(await this.more())) return null;
    }
    return this.take(count);
  }

  /** Reads and forgets `count` bytes; false when the client went away first. */
  async skipBytes(count: number): Promise<boolean> {
    let left = count;
    for (;;) {
      const skipped = Math.min(left, this.length);
      this.take(skipped);
      left -= skipped;
      if (left === 0) return true;
      if (!(await this.more())) return false;
    }
  }

  /** Reads and forgets everything up to and including the next LF. */
  private async skipLine(): Promise<boolean> {
    for (;;) {
      const at = this.joined().indexOf(LF);
      if (at >= 0) {
        this.take(at + 1);
        return true;
      }
      this.take(this.length);
      if (!(await this.more())) return false;
    }
  }

  private async more(): Promise<boolean> {
    if (this.ended) return false;
    if (this.socket.isPaused()) this.socket.resume();
    await new Promise<void>((resolve) => (this.wake = resolve));
    this.wake = null;
    return this.length > 0 || !this.ended;
  }

  private joined(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks, this.length)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  private take(count: number): Buffer {
    const all = this.joined();
    const taken = all.subarray(0, count);
    const rest = all.subarray(count);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.length = rest.length;
    return taken;
  }
}
