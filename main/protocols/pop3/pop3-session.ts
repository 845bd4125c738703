import { createHash } from 'node:crypto';
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls, type ConnectionOptions } from 'node:tls';
import { ResponseReader } from './response-reader';

/** RFC 2449 §8 extended response codes, e.g. `-ERR [IN-USE] …`. */
export type Pop3ResponseCode = 'IN-USE' | 'LOGIN-DELAY' | 'AUTH' | 'SYS/TEMP' | 'SYS/PERM' | null;

export class Pop3Error extends Error {
  readonly code: string;
  constructor(
    readonly command: string,
    readonly responseText: string,
    readonly responseCode: Pop3ResponseCode,
  ) {
    super(`${command}: ${responseText}`);
    this.name = 'Pop3Error';
    this.code = responseCode === 'IN-USE' ? 'EINUSE' : 'EPOP3';
  }
}

export interface TranscriptLine {
  direction: 'client' | 'server';
  text: string;
}

export interface ListedMessage {
  number: number;
  size: number;
}

export interface UidlEntry {
  number: number;
  uidl: string;
}

const COMMAND_TIMEOUT_MS = 60_000;

function responseCodeOf(text: string): Pop3ResponseCode {
  const match = /^\[([A-Z/-]+)\]/.exec(text);
  const code = match?.[1];
  return code === 'IN-USE' || code === 'LOGIN-DELAY' || code === 'AUTH' || code === 'SYS/TEMP' || code === 'SYS/PERM' ? code : null;
}

/** What a transcript may show of a command: never a password, a SASL response or an APOP digest. */
export function redactCommand(command: string): string {
  if (/^PASS /i.test(command)) return 'PASS ********';
  if (/^APOP /i.test(command)) return command.replace(/^(APOP \S+) .*/i, '$1 ********');
  if (/^AUTH \S+ ./i.test(command)) return command.replace(/^(AUTH \S+) .*/i, '$1 ********');
  return command;
}

/**
 * One POP3 session (RFC 1939, with CAPA and response codes from RFC 2449, STLS from RFC 2595,
 * SASL from RFC 5034). Commands run one at a time; every response is read with exact framing.
 * DELE only marks: the server deletes at QUIT (UPDATE state), never when a session just drops.
 */
export class Pop3Session {
  private socket: Socket;
  private readonly reader = new ResponseReader();
  private queue: Promise<unknown> = Promise.resolve();
  /** The server's greeting line. */
  greeting = '';
  /** The `<…>` timestamp of the greeting, which makes APOP possible (RFC 1939 §7). */
  apopTimestamp: string | null = null;
  private closed = false;

  private constructor(
    socket: Socket,
    private readonly transcript: ((line: TranscriptLine) => void) | undefined,
  ) {
    this.socket = socket;
    this.reader.attach(socket);
    socket.setTimeout(COMMAND_TIMEOUT_MS, () => socket.destroy(Object.assign(new Error('The server did not answer in time'), { code: 'ETIMEOUT' })));
  }

  /** Opens the connection and reads the greeting; `tls` means TLS from the first byte. */
  static async open(options: { host: string; port: number; tls: ConnectionOptions | null; transcript?: (line: TranscriptLine) => void; connectTimeoutMs?: number }): Promise<Pop3Session> {
    const socket = await new Promise<Socket>((resolve, reject) => {
      const s: Socket = options.tls ? connectTls({ host: options.host, port: options.port, ...options.tls }) : connectTcp({ host: options.host, port: options.port });
      const timer = setTimeout(() => s.destroy(Object.assign(new Error('Timed out connecting'), { code: 'ETIMEDOUT' })), options.connectTimeoutMs ?? 15_000);
      s.once(options.tls ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        resolve(s);
      });
      s.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    const session = new Pop3Session(socket, options.transcript);
    try {
      await session.readGreeting();
    } catch (error) {
      session.close();
      throw error;
    }
    return session;
  }

  private async readGreeting(): Promise<void> {
    this.greeting = (await this.reader.readLine()).toString('latin1');
    this.transcript?.({ direction: 'server', text: this.greeting });
    if (!this.greeting.startsWith('+OK')) {
      const text = this.greeting.replace(/^-ERR ?/, '');
      throw new Pop3Error('greeting', text, responseCodeOf(text));
    }
    this.apopTimestamp = /<[^<>@\s]+@[^<>\s]+>/.exec(this.greeting)?.[0] ?? null;
  }

  get isClosed(): boolean {
    return this.closed || this.socket.destroyed;
  }

  /** Sends one command and reads its status line (and its block, for multi-line answers). */
  private run(command: string, multiLine: boolean): Promise<{ status: string; block: Buffer | null }> {
    const next = this.queue.then(async () => {
      if (this.isClosed) throw Object.assign(new Error('The connection is closed'), { code: 'NoConnection' });
      this.transcript?.({ direction: 'client', text: redactCommand(command) });
      this.socket.write(`${command}\r\n`);
      const status = (await this.reader.readLine()).toString('latin1');
      this.transcript?.({ direction: 'server', text: status });
      if (status.startsWith('-ERR')) {
        const text = status.replace(/^-ERR ?/, '');
        throw new Pop3Error(redactCommand(command).split(' ')[0]!, text, responseCodeOf(text));
      }
      if (!status.startsWith('+')) throw Object.assign(new Error(`Unexpected answer to ${redactCommand(command)}: ${status.slice(0, 200)}`), { code: 'PROTOCOL' });
      const block = multiLine ? await this.reader.readBlock() : null;
      if (block) this.transcript?.({ direction: 'server', text: `[${block.length} bytes]` });
      return { status, block };
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** RFC 2449: the capabilities, or an empty set if the server has no CAPA. */
  async capa(): Promise<Map<string, string>> {
    try {
      const { block } = await this.run('CAPA', true);
      const capabilities = new Map<string, string>();
      for (const line of (block ?? Buffer.alloc(0)).toString('latin1').split('\r\n')) {
        if (!line) continue;
        const [name, ...rest] = line.split(' ');
        capabilities.set(name!.toUpperCase(), rest.join(' '));
      }
      return capabilities;
    } catch (error) {
      if (error instanceof Pop3Error) return new Map();
      throw error;
    }
  }

  /** RFC 2595 §4: upgrade to TLS in place; the reader moves to the TLS socket. */
  async stls(tls: ConnectionOptions): Promise<void> {
    await this.run('STLS', false);
    if (this.reader.pendingBytes > 0) throw Object.assign(new Error('The server sent data after STLS (possible injection)'), { code: 'STARTTLS_INJECTION' });
    this.reader.detach();
    const plain = this.socket;
    plain.setTimeout(0);
    this.socket = await new Promise<Socket>((resolve, reject) => {
      const secure = connectTls({ socket: plain, ...tls });
      secure.once('secureConnect', () => resolve(secure));
      secure.once('error', reject);
    });
    this.socket.setTimeout(COMMAND_TIMEOUT_MS, () => this.socket.destroy(Object.assign(new Error('The server did not answer in time'), { code: 'ETIMEOUT' })));
    this.reader.attach(this.socket);
  }

  get encrypted(): boolean {
    return 'encrypted' in this.socket && this.socket.encrypted === true;
  }

  async userPass(user: string, password: string): Promise<void> {
    await this.run(`USER ${user}`, false);
    await this.run(`PASS ${password}`, false);
  }

  /** RFC 1939 §7: the password never crosses the wire, only an MD5 digest with the greeting's timestamp. */
  async apop(user: string, password: string): Promise<void> {
    if (!this.apopTimestamp) throw new Error('The server did not offer APOP');
    const digest = createHash('md5').update(this.apopTimestamp + password, 'utf8').digest('hex');
    await this.run(`APOP ${user} ${digest}`, false);
  }

  /** RFC 5034 SASL PLAIN with an initial response. */
  async authPlain(user: string, password: string): Promise<void> {
    await this.run(`AUTH PLAIN ${Buffer.from(`\0${user}\0${password}`, 'utf8').toString('base64')}`, false);
  }

  /** SASL LOGIN (draft-murchison-sasl-login): user name, then password, each base64. */
  async authLogin(user: string, password: string): Promise<void> {
    await this.run('AUTH LOGIN', false);
    await this.run(Buffer.from(user, 'utf8').toString('base64'), false);
    await this.runSecret(Buffer.from(password, 'utf8').toString('base64'));
  }

  /** A SASL continuation line that is a secret: redacted from the transcript. */
  private runSecret(line: string): Promise<unknown> {
    const next = this.queue.then(async () => {
      this.transcript?.({ direction: 'client', text: '********' });
      this.socket.write(`${line}\r\n`);
      const status = (await this.reader.readLine()).toString('latin1');
      this.transcript?.({ direction: 'server', text: status });
      if (status.startsWith('-ERR')) {
        const text = status.replace(/^-ERR ?/, '');
        throw new Pop3Error('AUTH', text, responseCodeOf(text));
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  async stat(): Promise<{ count: number; size: number }> {
    const { status } = await this.run('STAT', false);
    const [, count, size] = status.split(' ');
    return { count: Number(count), size: Number(size) };
  }

  async list(): Promise<ListedMessage[]> {
    const { block } = await this.run('LIST', true);
    return parsePairs(block).map(([number, size]) => ({ number: Number(number), size: Number(size) }));
  }

  /** RFC 1939 §7 UIDL, or null when the server does not have it. */
  async uidl(): Promise<UidlEntry[] | null> {
    try {
      const { block } = await this.run('UIDL', true);
      return parsePairs(block).map(([number, uidl]) => ({ number: Number(number), uidl }));
    } catch (error) {
      if (error instanceof Pop3Error) return null;
      throw error;
    }
  }

  /** The whole message, exactly as stored (dot-stuffing removed). */
  async retr(number: number): Promise<Buffer> {
    return (await this.run(`RETR ${number}`, true)).block ?? Buffer.alloc(0);
  }

  /** The header and the first `lines` lines of the body (TOP n 0: the header only). */
  async top(number: number, lines: number): Promise<Buffer> {
    return (await this.run(`TOP ${number} ${lines}`, true)).block ?? Buffer.alloc(0);
  }

  async dele(number: number): Promise<void> {
    await this.run(`DELE ${number}`, false);
  }

  async rset(): Promise<void> {
    await this.run('RSET', false);
  }

  async noop(): Promise<void> {
    await this.run('NOOP', false);
  }

  /** Ends the session; this is when the server carries out the DELEs (RFC 1939 §6). */
  async quit(): Promise<void> {
    try {
      await this.run('QUIT', false);
    } finally {
      this.close();
    }
  }

  /** Drops the connection without QUIT: nothing marked with DELE is deleted. */
  close(): void {
    this.closed = true;
    this.reader.detach();
    this.socket.destroy();
  }
}

function parsePairs(block: Buffer | null): Array<[string, string]> {
  if (!block) return [];
  return block
    .toString('latin1')
    .split('\r\n')
    .filter(Boolean)
    .map((line) => {
      const [first, second] = line.trim().split(/\s+/);
      return [first ?? '', second ?? ''];
    });
}
