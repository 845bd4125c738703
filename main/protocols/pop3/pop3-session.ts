import { createHash } from 'node:crypto';
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls, type ConnectionOptions } from 'node:tls';
import { ERROR_MESSAGES } from '../../../common/errors';
import { ProtocolError } from '../protocol-error';
import { oauthErrorAcknowledgement, oauthErrorStatus, type OAuthMechanism } from '../sasl-oauth';
import { ResponseReader, ResponseReaderError, type BlockConsumer, type BlockLimits } from './response-reader';

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

/**
 * How long a command may wait with no byte from the server before it fails as stalled, unless
 * the caller says otherwise; tests of a whole core lower it here.
 */
export const POP3_TIMEOUTS = { noProgressMs: 60_000 };

/**
 * RFC 2449 §4: a status line is at most 512 octets with its CRLF (SASL challenges may be longer,
 * see SASL_LINE_MAX_OCTETS).
 */
const STATUS_LINE_MAX_OCTETS = 510;
/** RFC 5034 §4: a command line, with an AUTH initial response in it, is at most 255 octets with its CRLF. */
const COMMAND_LINE_MAX_OCTETS = 255;
/**
 * RFC 5034 §4 lifts the status line's limit for SASL challenges; the ones of the bearer-token
 * mechanisms (a short JSON status, RFC 7628 §3.2.2) need far less than this.
 */
const SASL_LINE_MAX_OCTETS = 16 * 1024;
/** A line of CAPA, LIST or UIDL: real ones are a few dozen octets (RFC 1939 §7: a UIDL is at most 70). */
const LISTING_LIMITS: BlockLimits = { maxLineOctets: 64 * 1024, maxTotalOctets: null };
/** TOP n 0 is a header: no server sends one this long; a message's body is never read this way. */
const HEADER_LIMITS: BlockLimits = { maxLineOctets: null, maxTotalOctets: 16 * 1024 * 1024 };
/** RETR read whole into memory (`retr`): only for messages already known to be small. */
const WHOLE_MESSAGE_LIMITS: BlockLimits = { maxLineOctets: null, maxTotalOctets: 64 * 1024 * 1024 };

/** RFC 5034 §4: a server challenge is "+" and a space (and base64), unlike "+OK". */
function isSaslChallenge(status: string): boolean {
  return status === '+' || status.startsWith('+ ');
}

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
  private readonly reader: ResponseReader;
  private queue: Promise<unknown> = Promise.resolve();
  /** The server's greeting line. */
  greeting = '';
  /** The `<…>` timestamp of the greeting, which makes APOP possible (RFC 1939 §7). */
  apopTimestamp: string | null = null;
  private closed = false;

  private constructor(
    socket: Socket,
    private readonly transcript: ((line: TranscriptLine) => void) | undefined,
    private readonly noProgressTimeoutMs: number,
  ) {
    this.socket = socket;
    // No socket-level idle timeout: the reader times out only while it waits for the server,
    // never while this side is busy (a slow cache write pauses the socket on purpose).
    this.reader = new ResponseReader(noProgressTimeoutMs);
    this.reader.attach(socket);
  }

  /**
   * Opens the connection and reads the greeting; `tls` means TLS from the first byte. A command
   * that gets no byte for `noProgressTimeoutMs` fails with SERVER_STALLED.
   */
  static async open(options: { host: string; port: number; tls: ConnectionOptions | null; transcript?: (line: TranscriptLine) => void; connectTimeoutMs?: number; noProgressTimeoutMs?: number }): Promise<Pop3Session> {
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
    const session = new Pop3Session(socket, options.transcript, options.noProgressTimeoutMs ?? POP3_TIMEOUTS.noProgressMs);
    try {
      await session.readGreeting();
    } catch (error) {
      session.close();
      throw error;
    }
    return session;
  }

  private async readGreeting(): Promise<void> {
    this.greeting = (await this.readStatus('greeting')).toString('latin1');
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

  /** A status line, or the session closed with the user's error code when the reader gave up. */
  private async readStatus(command: string): Promise<Buffer> {
    return this.guard(command, () => this.reader.readLine(STATUS_LINE_MAX_OCTETS));
  }

  /**
   * Runs a read; a response over its limits or a stalled server closes the session (the rest of
   * that response would still be on the wire) and fails with SERVER_STALLED or RESPONSE_TOO_LARGE.
   */
  private async guard<T>(command: string, read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      if (!(error instanceof ResponseReaderError)) throw error;
      this.close();
      this.transcript?.({ direction: 'server', text: `[${error.message}; connection closed]` });
      throw new ProtocolError({ code: error.code, message: `POP3: ${ERROR_MESSAGES[error.code]} (${error.message}, answering ${command}.)`, details: { service: 'pop3' } });
    }
  }

  /**
   * Sends one command and reads its status line, then its block for multi-line answers: whole
   * (within `limits`), or streamed to a consumer.
   */
  private run(command: string, block: false): Promise<{ status: string; block: null }>;
  private run(command: string, block: BlockLimits): Promise<{ status: string; block: Buffer }>;
  private run(command: string, block: { consumer: BlockConsumer }): Promise<{ status: string; block: null; length: number }>;
  private run(command: string, block: false | BlockLimits | { consumer: BlockConsumer }): Promise<{ status: string; block: Buffer | null; length?: number }> {
    const verb = redactCommand(command).split(' ')[0]!;
    const next = this.queue.then(async () => {
      if (this.isClosed) throw Object.assign(new Error('The connection is closed'), { code: 'NoConnection' });
      this.transcript?.({ direction: 'client', text: redactCommand(command) });
      this.socket.write(`${command}\r\n`);
      const status = (await this.readStatus(verb)).toString('latin1');
      this.transcript?.({ direction: 'server', text: status });
      if (status.startsWith('-ERR')) {
        const text = status.replace(/^-ERR ?/, '');
        throw new Pop3Error(verb, text, responseCodeOf(text));
      }
      if (!status.startsWith('+')) throw Object.assign(new Error(`Unexpected answer to ${redactCommand(command)}: ${status.slice(0, 200)}`), { code: 'PROTOCOL' });
      if (block === false) return { status, block: null };
      if ('consumer' in block) {
        const length = await this.guard(verb, () => this.reader.streamBlock(block.consumer));
        this.transcript?.({ direction: 'server', text: `[${length} bytes]` });
        return { status, block: null, length };
      }
      const bytes = await this.guard(verb, () => this.reader.readBlock(block));
      this.transcript?.({ direction: 'server', text: `[${bytes.length} bytes]` });
      return { status, block: bytes };
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** RFC 2449: the capabilities, or an empty set if the server has no CAPA. */
  async capa(): Promise<Map<string, string>> {
    try {
      const { block } = await this.run('CAPA', LISTING_LIMITS);
      const capabilities = new Map<string, string>();
      for (const line of block.toString('latin1').split('\r\n')) {
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
    this.socket = await this.guard('STLS', () => new Promise<Socket>((resolve, reject) => {
      const secure = connectTls({ socket: plain, ...tls });
      const timer = setTimeout(() => secure.destroy(new ResponseReaderError('SERVER_STALLED', 'The server stopped answering during the TLS handshake')), this.noProgressTimeoutMs);
      secure.once('secureConnect', () => {
        clearTimeout(timer);
        resolve(secure);
      });
      secure.once('error', (error: Error) => {
        clearTimeout(timer);
        reject(error);
      });
    }));
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

  /**
   * RFC 5034 SASL with a mechanism that carries a bearer token (RFC 7628): its message as the
   * initial response when the command stays within RFC 5034 §4's 255 octets, else as the answer
   * to the server's empty challenge. A refusal comes as a challenge holding a JSON status (RFC
   * 7628 §3.2.2), which the client acknowledges before the server sends its -ERR.
   */
  authOAuth(mechanism: OAuthMechanism, initialResponse: string): Promise<void> {
    const next = this.queue.then(async () => {
      if (this.isClosed) throw Object.assign(new Error('The connection is closed'), { code: 'NoConnection' });
      const command = `AUTH ${mechanism}`;
      let status: string;
      if (command.length + 1 + initialResponse.length + 2 <= COMMAND_LINE_MAX_OCTETS) {
        status = await this.exchange(`${command} ${initialResponse}`, `${command} ********`);
      } else {
        status = await this.exchange(command, command);
        if (!isSaslChallenge(status)) throw this.refusal('AUTH', status);
        status = await this.exchange(initialResponse, '********');
      }
      if (isSaslChallenge(status)) {
        const reason = oauthErrorStatus(status.slice(2));
        status = await this.exchange(oauthErrorAcknowledgement(mechanism), '********');
        if (status.startsWith('-ERR') && reason) status = `${status} (${reason})`;
      }
      if (!/^\+OK\b/.test(status)) throw this.refusal('AUTH', status);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Writes one line (`shown` is what the transcript gets) and reads the status line that answers it. */
  private async exchange(line: string, shown: string): Promise<string> {
    this.transcript?.({ direction: 'client', text: shown });
    this.socket.write(`${line}\r\n`);
    const status = (await this.guard('AUTH', () => this.reader.readLine(SASL_LINE_MAX_OCTETS))).toString('latin1');
    this.transcript?.({ direction: 'server', text: status });
    return status;
  }

  /** The error for an answer that is not the one hoped for: the server's -ERR, or an unexpected line. */
  private refusal(command: string, status: string): Error {
    if (!status.startsWith('-ERR')) return Object.assign(new Error(`Unexpected answer to ${command}: ${status.slice(0, 200)}`), { code: 'PROTOCOL' });
    const text = status.replace(/^-ERR ?/, '');
    return new Pop3Error(command, text, responseCodeOf(text));
  }

  /** A SASL continuation line that is a secret: redacted from the transcript. */
  private runSecret(line: string): Promise<unknown> {
    const next = this.queue.then(async () => {
      this.transcript?.({ direction: 'client', text: '********' });
      this.socket.write(`${line}\r\n`);
      const status = (await this.readStatus('AUTH')).toString('latin1');
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
    const { block } = await this.run('LIST', LISTING_LIMITS);
    return parsePairs(block).map(([number, size]) => ({ number: Number(number), size: Number(size) }));
  }

  /** RFC 1939 §7 UIDL, or null when the server does not have it. */
  async uidl(): Promise<UidlEntry[] | null> {
    try {
      const { block } = await this.run('UIDL', LISTING_LIMITS);
      return parsePairs(block).map(([number, uidl]) => ({ number: Number(number), uidl }));
    } catch (error) {
      if (error instanceof Pop3Error) return null;
      throw error;
    }
  }

  /** The whole message in one Buffer, exactly as stored (dot-stuffing removed); up to 64 MB. */
  async retr(number: number): Promise<Buffer> {
    return (await this.run(`RETR ${number}`, WHOLE_MESSAGE_LIMITS)).block;
  }

  /**
   * The whole message handed to `consumer` piece by piece as it arrives (dot-stuffing removed),
   * so no size of message is ever held at once; resolves with its length. If the consumer
   * throws or rejects, the session is left mid-response: close it.
   */
  async retrInto(number: number, consumer: BlockConsumer): Promise<number> {
    return (await this.run(`RETR ${number}`, { consumer })).length;
  }

  /** The header and the first `lines` lines of the body (TOP n 0: the header only); up to 16 MB. */
  async top(number: number, lines: number): Promise<Buffer> {
    return (await this.run(`TOP ${number} ${lines}`, HEADER_LIMITS)).block;
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

function parsePairs(block: Buffer): Array<[string, string]> {
  return block
    .toString('latin1')
    .split('\r\n')
    .filter(Boolean)
    .map((line) => {
      const [first, second] = line.trim().split(/\s+/);
      return [first ?? '', second ?? ''];
    });
}
