import { connect, createServer, type Server, type Socket } from 'node:net';
import { nextEventNumber } from './timeline';

export type Pop3Fault =
  /** Drop the connection when the client sends the `nth` such command, before the server sees it. */
  | { at: 'command'; command: string; nth: number }
  /** Forward the `nth` such command, then drop after `bytes` bytes of the server's answer. */
  | { at: 'response'; command: string; nth: number; bytes: number };

export interface LoggedCommand {
  /** Global order among test events (see timeline.ts). */
  order: number;
  connection: number;
  verb: string;
  argument: string;
}

/**
 * A line-aware relay between the product and Dovecot's plain POP3 port, for the crash points of
 * invariant 2: it logs every command, can cut the connection at a chosen command or in the middle
 * of a chosen answer, and can play a server without UIDL, without APOP, or with fewer SASL
 * mechanisms.
 */
export class Pop3FaultProxy {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private nextConnection = 1;
  readonly commands: LoggedCommand[] = [];
  fault: Pop3Fault | null = null;
  /** Answer UIDL with -ERR and hide it from CAPA (a server without UIDL). */
  withoutUidl = false;
  /** Remove the greeting's `<timestamp>` (a server without APOP, RFC 1939 §7). */
  withoutApop = false;
  /** Offer only these SASL mechanisms in CAPA (RFC 5034 §6); `[]` drops the SASL line. */
  saslMechanisms: string[] | null = null;
  port = 0;

  constructor(private readonly targetPort: number) {
    this.server = createServer((client) => this.relay(client));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  count(verb: string): number {
    return this.commands.filter((c) => c.verb === verb).length;
  }

  cutAll(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  async stop(): Promise<void> {
    this.cutAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private relay(client: Socket): void {
    const connection = this.nextConnection++;
    const upstream = connect(this.targetPort, '127.0.0.1');
    this.sockets.add(client).add(upstream);
    const cut = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', cut).on('close', cut);
    upstream.on('error', cut).on('close', cut);

    let pendingLine = '';
    let cutAfterBytes: number | null = null;
    let filteringCapa = false;
    let capaBuffer = '';
    let greeting: string | null = this.withoutApop ? '' : null;

    client.on('data', (chunk: Buffer) => {
      pendingLine += chunk.toString('latin1');
      let index: number;
      while ((index = pendingLine.indexOf('\r\n')) >= 0) {
        const line = pendingLine.slice(0, index);
        pendingLine = pendingLine.slice(index + 2);
        const [verb = '', ...rest] = line.split(' ');
        const upper = verb.toUpperCase();
        this.commands.push({ order: nextEventNumber(), connection, verb: upper, argument: upper === 'PASS' || upper === 'APOP' ? '***' : rest.join(' ') });
        const nth = this.count(upper);
        if (this.fault && this.fault.command === upper && this.fault.nth === nth) {
          if (this.fault.at === 'command') {
            cut();
            return;
          }
          cutAfterBytes = this.fault.bytes;
        }
        if (this.withoutUidl && upper === 'UIDL') {
          client.write('-ERR Command not supported\r\n');
          continue;
        }
        if ((this.withoutUidl || this.saslMechanisms) && upper === 'CAPA') filteringCapa = true;
        upstream.write(`${line}\r\n`);
      }
    });

    upstream.on('data', (chunk: Buffer) => {
      let data = chunk;
      if (greeting !== null) {
        greeting += data.toString('latin1');
        const end = greeting.indexOf('\r\n');
        if (end < 0) return;
        data = Buffer.from(greeting.slice(0, end).replace(/ ?<[^<>]*>/, '') + greeting.slice(end), 'latin1');
        greeting = null;
      }
      if (filteringCapa) {
        capaBuffer += data.toString('latin1');
        if (!capaBuffer.endsWith('\r\n.\r\n') && !capaBuffer.startsWith('-ERR')) return;
        data = Buffer.from(this.rewriteCapa(capaBuffer), 'latin1');
        capaBuffer = '';
        filteringCapa = false;
      }
      if (cutAfterBytes !== null) {
        if (data.length >= cutAfterBytes) {
          client.write(data.subarray(0, cutAfterBytes), () => cut());
          cutAfterBytes = null;
          return;
        }
        cutAfterBytes -= data.length;
      }
      client.write(data);
    });
  }

  private rewriteCapa(answer: string): string {
    let rewritten = this.withoutUidl ? answer.replace(/^UIDL\r\n/m, '') : answer;
    if (this.saslMechanisms) {
      const line = this.saslMechanisms.length ? `SASL ${this.saslMechanisms.join(' ')}\r\n` : '';
      rewritten = rewritten.replace(/^SASL\b.*\r\n/m, line);
    }
    return rewritten;
  }
}
