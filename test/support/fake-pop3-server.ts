import { createHash } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';

/** One message of the fake maildrop: its exact bytes, or a generator of them for huge ones. */
export interface FakePop3Message {
  uidl: string;
  /** Octets, as LIST says (the real length unless the test wants a lying server). */
  size: number;
  /** The message's bytes in order, as many times as it is fetched (never held whole for huge ones). */
  bytes(): Iterable<Buffer>;
}

/** How the fake server misbehaves; null fields behave like a correct server. */
export interface FakePop3Misbehaviour {
  /** After this command's status line, send an endless line without CRLF (until the client hangs up). */
  endlessLineAfter: string | null;
  /** Answer this command's status line with an endless line without CRLF. */
  endlessStatusFor: string | null;
  /** Send this many bytes of this command's answer, then nothing at all (the socket stays open). */
  stallIn: { command: string; afterBytes: number } | null;
}

/**
 * A POP3 server (RFC 1939: USER/PASS, STAT, LIST, UIDL, RETR, TOP, DELE, NOOP, RSET, QUIT; CAPA)
 * on 127.0.0.1 that serves generated messages of any size without holding them, and misbehaves
 * on demand: an endless line without CRLF, or a stall in the middle of an answer. It writes with
 * back-pressure, so a 1 GB message costs it only the pieces on their way.
 */
export class FakePop3Server {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  readonly commands: string[] = [];
  messages: FakePop3Message[] = [];
  misbehaviour: FakePop3Misbehaviour = { endlessLineAfter: null, endlessStatusFor: null, stallIn: null };
  /** Bytes the server wrote in all (to see that a client hung up instead of reading on). */
  bytesSent = 0;
  port = 0;

  constructor(
    readonly user = 'user',
    readonly password = 'secret',
  ) {
    this.server = createServer((socket) => void this.serve(socket).catch(() => socket.destroy()));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  count(verb: string): number {
    return this.commands.filter((c) => c.split(' ')[0] === verb).length;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async serve(socket: Socket): Promise<void> {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    const deleted = new Set<number>();
    await this.write(socket, '+OK fake POP3 ready\r\n');
    for await (const line of lines(socket)) {
      this.commands.push(line);
      const [verb = '', ...args] = line.split(' ');
      const command = verb.toUpperCase();
      const number = Number(args[0]);
      const message = Number.isInteger(number) && number >= 1 && !deleted.has(number) ? this.messages[number - 1] : undefined;
      if (this.misbehaviour.endlessStatusFor === command) {
        // Awaited inside the loop: leaving a for-await over the socket would destroy it.
        await this.endless(socket, '+OK ');
        return;
      }
      const answer = async (status: string, block?: Iterable<Buffer>): Promise<void> => {
        const stall = this.misbehaviour.stallIn?.command === command ? this.misbehaviour.stallIn.afterBytes : null;
        let sent = 0;
        const send = async (bytes: Buffer): Promise<boolean> => {
          if (stall !== null && sent + bytes.length > stall) {
            await this.write(socket, bytes.subarray(0, stall - sent));
            return false;
          }
          sent += bytes.length;
          await this.write(socket, bytes);
          return true;
        };
        if (!(await send(Buffer.from(`${status}\r\n`)))) return stallForever(socket);
        if (this.misbehaviour.endlessLineAfter === command) return this.endless(socket, '');
        if (!block) return;
        for (const piece of stuffed(block)) if (!(await send(piece))) return stallForever(socket);
        if (!(await send(Buffer.from('.\r\n')))) return stallForever(socket);
      };
      switch (command) {
        case 'CAPA':
          await answer('+OK', [Buffer.from('USER\r\nUIDL\r\nTOP\r\n')]);
          break;
        case 'USER':
          await answer(args[0] === this.user ? '+OK' : '-ERR unknown user');
          break;
        case 'PASS':
          await answer(args.join(' ') === this.password ? '+OK logged in' : '-ERR [AUTH] wrong password');
          break;
        case 'STAT': {
          const live = this.live(deleted);
          await answer(`+OK ${live.length} ${live.reduce((sum, [, m]) => sum + m.size, 0)}`);
          break;
        }
        case 'LIST':
          await answer('+OK', [Buffer.from(this.live(deleted).map(([n, m]) => `${n} ${m.size}\r\n`).join(''))]);
          break;
        case 'UIDL':
          await answer('+OK', [Buffer.from(this.live(deleted).map(([n, m]) => `${n} ${m.uidl}\r\n`).join(''))]);
          break;
        case 'RETR':
          if (!message) await answer('-ERR no such message');
          else await answer(`+OK ${message.size} octets`, message.bytes());
          break;
        case 'TOP':
          if (!message) await answer('-ERR no such message');
          else await answer('+OK', headerOf(message.bytes()));
          break;
        case 'DELE':
          if (message) deleted.add(number);
          await answer(message ? '+OK deleted' : '-ERR no such message');
          break;
        case 'NOOP':
          await answer('+OK');
          break;
        case 'RSET':
          deleted.clear();
          await answer('+OK');
          break;
        case 'QUIT':
          for (const n of [...deleted].sort((a, b) => b - a)) this.messages.splice(n - 1, 1);
          await answer('+OK bye');
          socket.end();
          return;
        default:
          await answer('-ERR unknown command');
      }
    }
  }

  private live(deleted: ReadonlySet<number>): Array<[number, FakePop3Message]> {
    return this.messages.flatMap((m, i) => (deleted.has(i + 1) ? [] : [[i + 1, m] as [number, FakePop3Message]]));
  }

  /** Writes and waits while the client is not reading (TCP back-pressure). */
  private async write(socket: Socket, bytes: Buffer | string): Promise<void> {
    if (socket.destroyed) throw new Error('client gone');
    this.bytesSent += typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.length;
    if (socket.write(bytes)) return;
    await new Promise<void>((resolve, reject) => {
      const done = (): void => {
        socket.off('drain', done);
        socket.off('close', gone);
        resolve();
      };
      const gone = (): void => {
        socket.off('drain', done);
        reject(new Error('client gone'));
      };
      socket.on('drain', done);
      socket.once('close', gone);
    });
  }

  /** Bytes without a CRLF until the client hangs up. */
  private async endless(socket: Socket, prefix: string): Promise<void> {
    const filler = Buffer.alloc(64 * 1024, 0x41);
    await this.write(socket, prefix);
    for (;;) await this.write(socket, filler);
  }
}

/** Lines the client sends, without their CRLF. */
async function* lines(socket: Socket): AsyncGenerator<string> {
  let buffered = '';
  for await (const chunk of socket as AsyncIterable<Buffer>) {
    buffered += chunk.toString('latin1');
    let at: number;
    while ((at = buffered.indexOf('\r\n')) >= 0) {
      yield buffered.slice(0, at);
      buffered = buffered.slice(at + 2);
    }
  }
}

function stallForever(socket: Socket): Promise<void> {
  return new Promise((resolve) => socket.once('close', () => resolve()));
}

/** RFC 1939 §3 byte-stuffing of a block given in pieces: a "." at a line start is doubled. */
function* stuffed(pieces: Iterable<Buffer>): Generator<Buffer> {
  let atLineStart = true;
  for (const piece of pieces) {
    if (piece.length === 0) continue;
    let from = 0;
    const out: Buffer[] = [];
    for (let i = 0; i < piece.length; i++) {
      if (atLineStart && piece[i] === 0x2e) {
        out.push(piece.subarray(from, i), Buffer.from('.'));
        from = i;
      }
      atLineStart = piece[i] === 0x0a;
    }
    out.push(piece.subarray(from));
    yield out.length === 1 ? out[0]! : Buffer.concat(out);
  }
  if (!atLineStart) yield Buffer.from('\r\n');
}

/** The header of a message (through its empty line), for TOP n 0. */
function* headerOf(pieces: Iterable<Buffer>): Generator<Buffer> {
  let seen = Buffer.alloc(0);
  for (const piece of pieces) {
    seen = Buffer.concat([seen, piece]);
    const end = seen.indexOf('\r\n\r\n');
    if (end >= 0) {
      yield seen.subarray(0, end + 4);
      return;
    }
  }
  yield seen;
}

/** A small message given whole. */
export function fakeMessage(uidl: string, source: string | Buffer): FakePop3Message {
  const bytes = typeof source === 'string' ? Buffer.from(source) : source;
  return { uidl, size: bytes.length, bytes: () => [bytes] };
}

/** A plain text message of `subject` from `from`, for the maildrop. */
export function textMessage(uidl: string, subject: string, body = 'Hello.\r\n'): FakePop3Message {
  return fakeMessage(uidl, `From: Ana <ana@example.test>\r\nTo: you@example.test\r\nSubject: ${subject}\r\nMessage-ID: <${uidl}@example.test>\r\nDate: Tue, 1 Dec 2026 10:00:00 +0000\r\n\r\n${body}`);
}

/**
 * A message of exactly `size` octets generated on the fly: a header, then lines of text. The
 * same 64 KB piece is sent again and again, so no size costs memory; `sha256()` walks it once.
 */
export function hugeMessage(uidl: string, size: number, subject = 'A very large message'): FakePop3Message & { sha256(): string } {
  const header = Buffer.from(`From: Ben <ben@example.test>\r\nTo: you@example.test\r\nSubject: ${subject}\r\nMessage-ID: <${uidl}@example.test>\r\nDate: Tue, 1 Dec 2026 11:00:00 +0000\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n`);
  const line = `${'0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'.repeat(2).slice(0, 78)}\r\n`;
  const piece = Buffer.from(line.repeat(Math.floor((64 * 1024) / line.length)));
  if (size < header.length + 2) throw new Error('too small for a huge message');
  function* bytes(): Generator<Buffer> {
    yield header;
    let left = size - header.length;
    while (left > piece.length + 2) {
      yield piece;
      left -= piece.length;
    }
    // The last line: whatever is left, ending in CRLF.
    const tail = Buffer.alloc(left, 0x7a);
    tail[left - 2] = 0x0d;
    tail[left - 1] = 0x0a;
    yield tail;
  }
  return {
    uidl,
    size,
    bytes,
    sha256: () => {
      const hash = createHash('sha256');
      for (const b of bytes()) hash.update(b);
      return hash.digest('hex');
    },
  };
}
