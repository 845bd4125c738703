import { connect, type Socket } from 'node:net';

/** A plain TCP client for protocol tests: send exact bytes, wait for exact answers. */
export class RawClient {
  private received = '';
  private waiters: Array<() => void> = [];
  readonly closed: Promise<void>;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.received += chunk.toString('latin1');
      for (const wake of this.waiters.splice(0)) wake();
    });
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) => socket.once('close', () => {
      for (const wake of this.waiters.splice(0)) wake();
      resolve();
    }));
  }

  static connect(port: number, host = '127.0.0.1'): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host }, () => resolve(new RawClient(socket)));
      socket.once('error', reject);
    });
  }

  get isClosed(): boolean {
    return this.socket.destroyed || this.socket.readableEnded;
  }

  send(data: string | Buffer): void {
    this.socket.write(data);
  }

  /** Everything received up to and including the first match of `pattern`, which is consumed. */
  async readUntil(pattern: RegExp, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(this.received);
      if (match) {
        const end = match.index + match[0].length;
        const taken = this.received.slice(0, end);
        this.received = this.received.slice(end);
        return taken;
      }
      if (this.socket.destroyed) throw new Error(`connection closed before ${pattern}; got ${JSON.stringify(this.received.slice(-500))}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${pattern}; got ${JSON.stringify(this.received.slice(-500))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Sends "tag line" and returns everything up to the tagged answer. */
  async command(tag: string, line: string, timeoutMs?: number): Promise<string> {
    this.send(`${tag} ${line}\r\n`);
    return this.readUntil(new RegExp(`^${tag} (OK|NO|BAD)[^\\r\\n]*\\r\\n`, 'm'), timeoutMs);
  }

  /** The tagged answer line of a command's response. */
  static tagged(response: string, tag: string): string {
    return new RegExp(`^${tag} (OK|NO|BAD)[^\\r\\n]*`, 'm').exec(response)?.[0] ?? '';
  }

  close(): void {
    this.socket.destroy();
  }
}
