import { connect as connectTcp, isIP, type Socket } from 'node:net';
import { connect as connectTls, type TLSSocket } from 'node:tls';
import type { Security } from '../../common/model/account';
import type { ProbedService, ProbeNote } from '../../common/model/discovery-notes';
import { dnsFailure, isDnsFailure, type DiscoveryNetwork } from './network';

export type { ProbedService };

export interface ProbeTarget {
  host: string;
  port: number;
  /** `starttls`: the plain greeting, then STARTTLS/STLS when offered (a server without it is `tls: 'none'`). */
  security: Exclude<Security, 'none'>;
  service: ProbedService;
}

/** What a server said, without a password ever being sent: its greeting, and its TLS. */
export type ProbeResult = { answered: true; tls: 'verified' | 'unverified' | 'none'; note: ProbeNote } | { answered: false; note: ProbeNote };

/** What a probe that went wrong says, without where (the note adds host and port). */
type ProbeFailure = WithoutWhere<Exclude<ProbeNote, { kind: 'noStarttls' | 'verified' | 'unverified' }>>;
type WithoutWhere<Note> = Note extends unknown ? Omit<Note, 'host' | 'port'> : never;

/** A greeting or capability line longer than this is not a mail server's (RFC 3501 and 5321 lines are far shorter). */
export const MAX_LINE_BYTES = 4_096;
/** All the lines of one probe (EHLO and CAPA lists included). */
const MAX_PROBE_BYTES = 64 * 1024;

const GREETING: Record<ProbedService, RegExp> = {
  imap: /^\* (OK|PREAUTH)\b/i, // RFC 3501 §7.1
  pop3: /^\+OK\b/, // RFC 1939 §4
  smtp: /^220[ -]/, // RFC 5321 §4.2
};

/**
 * Connects, reads the greeting, and checks TLS (from the first byte, or after STARTTLS: RFC 3501
 * §6.2.1, RFC 2595 §4, RFC 3207) with the system's trust store (and the tests' extra anchors).
 * Never throws and never sends a password; the whole probe is bounded by `timeoutMs`.
 */
export function probeServer(target: ProbeTarget, network: DiscoveryNetwork, options: { timeoutMs: number; signal: AbortSignal }): Promise<ProbeResult> {
  const at = { host: target.host, port: target.port };
  const sockets: Socket[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<ProbeResult>((resolve) => {
    timer = setTimeout(() => resolve({ answered: false, note: { ...at, kind: 'noAnswerWithin', seconds: options.timeoutMs / 1000 } }), options.timeoutMs);
    onAbort = () => resolve({ answered: false, note: { ...at, kind: 'stopped' } });
    if (options.signal.aborted) onAbort();
    else options.signal.addEventListener('abort', onAbort, { once: true });
  });
  const talked = converse(target, network, sockets).catch((error: unknown): ProbeResult => ({ answered: false, note: { ...at, ...connectionFailure(error) } }));
  return Promise.race([talked, stopped]).finally(() => {
    clearTimeout(timer);
    if (onAbort) options.signal.removeEventListener('abort', onAbort);
    // The TLS socket first, then the plain one under it: the other way round crashes Node 20 (SIGSEGV).
    for (const socket of sockets.reverse()) socket.destroy();
  });
}

async function converse(target: ProbeTarget, network: DiscoveryNetwork, sockets: Socket[]): Promise<ProbeResult> {
  const at = { host: target.host, port: target.port };
  const servername = isIP(target.host) ? undefined : target.host;
  if (target.security === 'tls') {
    const secure = connectTls({ host: target.host, port: target.port, servername, ca: network.ca, lookup: network.lookup, rejectUnauthorized: false, minVersion: 'TLSv1.2' });
    track(sockets, secure);
    await once(secure, 'secureConnect');
    const lines = new LineReader(secure);
    const greeting = await readGreeting(lines, target.service);
    if (!Array.isArray(greeting)) return { answered: false, note: { ...at, ...greeting } };
    return tlsResult(secure, at, target.service);
  }
  const plain = connectTcp({ host: target.host, port: target.port, lookup: network.lookup });
  track(sockets, plain);
  await once(plain, 'connect');
  const lines = new LineReader(plain);
  const greeting = await readGreeting(lines, target.service);
  if (!Array.isArray(greeting)) return { answered: false, note: { ...at, ...greeting } };
  const offered = await askForTls(plain, lines, target.service, greeting);
  if (!offered) return { answered: true, tls: 'none', note: { ...at, kind: 'noStarttls', service: target.service } };
  lines.detach();
  const secure = connectTls({ socket: plain, servername, ca: network.ca, rejectUnauthorized: false, minVersion: 'TLSv1.2' });
  track(sockets, secure);
  await once(secure, 'secureConnect');
  return tlsResult(secure, at, target.service);
}

function tlsResult(secure: TLSSocket, at: { host: string; port: number }, service: ProbedService): ProbeResult {
  if (secure.authorized) return { answered: true, tls: 'verified', note: { ...at, kind: 'verified', service } };
  const reason = secure.authorizationError instanceof Error ? ((secure.authorizationError as NodeJS.ErrnoException).code ?? secure.authorizationError.message) : String(secure.authorizationError);
  return { answered: true, tls: 'unverified', note: { ...at, kind: 'unverified', service, reason } };
}

/** The greeting (all its lines for SMTP), or why it is not this service's. */
async function readGreeting(lines: LineReader, service: ProbedService): Promise<string[] | ProbeFailure> {
  const first = await lines.next();
  if (!GREETING[service].test(first)) return { kind: 'notGreeting', service, said: printable(first) };
  const greeting = [first];
  // RFC 5321 §4.2: "220-" continues the greeting on the next line.
  while (service === 'smtp' && greeting[greeting.length - 1]!.startsWith('220-')) greeting.push(await lines.next());
  return greeting;
}

/** Asks for TLS the protocol's way; false when the server does not offer it. */
async function askForTls(socket: Socket, lines: LineReader, service: ProbedService, greeting: string[]): Promise<boolean> {
  if (service === 'imap') {
    let capabilities = greeting.join(' ');
    if (!/\[CAPABILITY /i.test(capabilities)) {
      socket.write('P1 CAPABILITY\r\n');
      capabilities = (await lines.until((line) => /^P1 /i.test(line))).join(' ');
    }
    if (!/\bSTARTTLS\b/i.test(capabilities)) return false;
    socket.write('P2 STARTTLS\r\n');
    return /^P2 OK\b/i.test((await lines.until((line) => /^P2 /i.test(line))).pop()!);
  }
  if (service === 'pop3') {
    // RFC 2449 CAPA; a server without it may still know STLS, which then answers for itself.
    socket.write('CAPA\r\n');
    const capaFirst = await lines.next();
    if (capaFirst.startsWith('+OK')) {
      const capabilities = await lines.until((line) => line === '.');
      if (!capabilities.some((line) => /^STLS\b/i.test(line))) return false;
    }
    socket.write('STLS\r\n');
    return (await lines.next()).startsWith('+OK');
  }
  socket.write('EHLO porthole.invalid\r\n');
  const ehlo = await lines.until((line) => /^\d{3} /.test(line));
  if (!ehlo.every((line) => line.startsWith('250')) || !ehlo.some((line) => /^250[ -]STARTTLS\b/i.test(line))) return false;
  socket.write('STARTTLS\r\n');
  return (await lines.next()).startsWith('220');
}

/** Lines of a plain conversation, bounded: a server that sends a megabyte without a line break fails the probe. */
class LineReader {
  private buffered = '';
  private total = 0;
  private readonly lines: string[] = [];
  private waiting: { resolve(line: string): void; reject(error: Error): void } | null = null;
  private failure: Error | null = null;
  private readonly onData = (chunk: Buffer): void => {
    this.total += chunk.length;
    this.buffered += chunk.toString('latin1');
    let index: number;
    while ((index = this.buffered.indexOf('\n')) >= 0) {
      this.lines.push(this.buffered.slice(0, index).replace(/\r$/, ''));
      this.buffered = this.buffered.slice(index + 1);
    }
    if (this.buffered.length > MAX_LINE_BYTES || this.lines.some((line) => line.length > MAX_LINE_BYTES)) this.fail(new ProbeRefusal({ kind: 'lineTooLong', kib: MAX_LINE_BYTES / 1024 }));
    else if (this.total > MAX_PROBE_BYTES) this.fail(new ProbeRefusal({ kind: 'tooMuchBeforeGreeting', kib: MAX_PROBE_BYTES / 1024 }));
    this.deliver();
  };
  private readonly onClose = (): void => this.fail(new ProbeRefusal({ kind: 'closed' }));

  constructor(private readonly socket: Socket) {
    socket.on('data', this.onData);
    socket.on('close', this.onClose);
  }

  next(): Promise<string> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.deliver();
    });
  }

  async until(done: (line: string) => boolean): Promise<string[]> {
    const taken: string[] = [];
    for (;;) {
      const line = await this.next();
      taken.push(line);
      if (done(line)) return taken;
    }
  }

  /** Stops reading: TLS takes the socket over. */
  detach(): void {
    this.socket.off('data', this.onData);
    this.socket.off('close', this.onClose);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.detach();
    this.socket.destroy();
    this.deliver();
  }

  private deliver(): void {
    if (!this.waiting) return;
    const waiting = this.waiting;
    const line = this.lines.shift();
    if (line !== undefined) {
      this.waiting = null;
      waiting.resolve(line);
    } else if (this.failure) {
      this.waiting = null;
      waiting.reject(this.failure);
    }
  }
}

/** The server's behaviour ended the probe (not the network's). */
class ProbeRefusal extends Error {
  constructor(readonly failure: ProbeFailure) {
    super(failure.kind);
  }
}

/** Kept for the final destroy; an error after the handshake reaches the reader as a close, never the process. */
function track(sockets: Socket[], socket: Socket): void {
  sockets.push(socket);
  socket.on('error', () => undefined);
}

function once(socket: Socket, event: 'connect' | 'secureConnect'): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => {
      socket.off(event, onEvent);
      reject(error);
    };
    const onEvent = (): void => {
      socket.off('error', onError);
      resolve();
    };
    socket.once(event, onEvent);
    socket.once('error', onError);
  });
}

function connectionFailure(error: unknown): ProbeFailure {
  if (error instanceof ProbeRefusal) return error.failure;
  if (isDnsFailure(error)) return { kind: 'lookupFailed', dns: dnsFailure(error) };
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOTFOUND':
    case 'ENODATA':
      return { kind: 'noSuchHost' };
    case 'ECONNREFUSED':
      return { kind: 'refused' };
    case 'ECONNRESET':
    case 'EPIPE':
      return { kind: 'closed' };
    case 'ETIMEDOUT':
    case 'ETIMEOUT':
      return { kind: 'didNotAnswer' };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { kind: 'unreachable' };
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
    case 'ERR_SSL_PACKET_LENGTH_TOO_LONG':
      return { kind: 'notTls' };
    default:
      return { kind: 'failed', detail: error instanceof Error ? error.message : String(error) };
  }
}

function printable(line: string): string {
  const shown = line.replace(/[^\x20-\x7e]/g, '?');
  return shown.length > 80 ? `${shown.slice(0, 80)}…` : shown;
}
