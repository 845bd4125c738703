import { connect, type TLSSocket } from 'node:tls';
import type { MailUser, TestServerInfo } from '../../test/servers';

/**
 * POP3 with nothing on top: a TLS socket, one command at a time, responses framed exactly
 * (RFC 1939 §3). Not node-pop3: it ends a multi-line response only when a TCP chunk ends with
 * the whole terminator, so it hangs for good when "\r\n.\r\n" is split between two chunks
 * (here, within the first few thousand RETRs of a large maildrop).
 */
export class RawPop3 {
  private buffer: Buffer = Buffer.alloc(0);
  private waiter: (() => void) | null = null;

  private constructor(private readonly socket: TLSSocket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
      this.waiter?.();
    });
  }

  static async open(info: TestServerInfo, user: MailUser): Promise<RawPop3> {
    const socket = connect({ host: info.host, port: info.pop3.tlsPort, ca: [info.certificate.pem], servername: 'localhost' });
    await new Promise<void>((resolve, reject) => socket.once('secureConnect', resolve).once('error', reject));
    const pop = new RawPop3(socket);
    await pop.line();
    await pop.command(`USER ${user.user}`);
    await pop.command(`PASS ${user.password}`);
    return pop;
  }

  private async until(find: () => number): Promise<Buffer> {
    for (;;) {
      const end = find();
      if (end >= 0) {
        const response = this.buffer.subarray(0, end);
        this.buffer = this.buffer.subarray(end);
        return response;
      }
      await new Promise<void>((resolve) => (this.waiter = resolve));
      this.waiter = null;
    }
  }

  private async line(): Promise<string> {
    const text = (await this.until(() => { const i = this.buffer.indexOf('\r\n'); return i < 0 ? -1 : i + 2; })).toString('latin1');
    if (!text.startsWith('+OK')) throw new Error(`POP3: ${text.trim()}`);
    return text;
  }

  /** A single-line command; returns its status line. */
  async command(command: string): Promise<string> {
    this.socket.write(`${command}\r\n`);
    return this.line();
  }

  /** A multi-line command; returns the bytes between the status line and the terminating ".". */
  async multiline(command: string): Promise<Buffer> {
    await this.command(command);
    let from = 0;
    const data = await this.until(() => {
      if (this.buffer.subarray(0, 3).equals(Buffer.from('.\r\n'))) return 3;
      const i = this.buffer.indexOf('\r\n.\r\n', Math.max(0, from - 4));
      from = this.buffer.length;
      return i < 0 ? -1 : i + 5;
    });
    return data.subarray(0, Math.max(0, data.length - 3));
  }

  async quit(): Promise<void> {
    await this.command('QUIT');
    this.socket.end();
  }
}
