import { EventEmitter } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';

/** One message of the fake INBOX: plain text, one part. */
export interface FakeMessage {
  uid: number;
  subject: string;
  from: string;
  body: string;
  flags?: string[];
}

/**
 * How the fake server misbehaves. Each switch breaks one thing the way hostile or broken servers
 * were seen to; everything else stays correct IMAP4rev1 (RFC 3501).
 */
export interface FakeImapFaults {
  /** The FETCH row of this UID announces a literal of 64 bytes, sends 10 and hangs up: the literal never ends. */
  unterminatedLiteralUid?: number;
  /** The FETCH row of this UID announces a literal of 64 bytes and sends 10: the literal swallows the next row. */
  swallowingLiteralUid?: number;
  /** The FETCH row of this UID carries a BODYSTRUCTURE nested this deep (with `deepUid`). */
  deepBodyStructure?: { uid: number; depth: number };
  /** The FETCH row of this UID is syntactically broken (a literal marker inside the line, "{5})"): the parser refuses it. */
  unparsableRowUid?: number;
  /** On the first UID FETCH of headers, send a line that never ends (bytes without CRLF) until the client hangs up. */
  endlessLine?: boolean;
  /** On the first UID FETCH of headers, send the start of a row and then nothing more (the connection stays open). */
  stallInFetch?: boolean;
  /**
   * Answer a body fetch (BODY[] / BODY.PEEK[]) of this UID with a literal of `bytes` bytes,
   * streamed. `honestSize`: RFC822.SIZE says so too; otherwise it claims a small message.
   * A partial fetch (BODY.PEEK[]<start.length>, RFC 3501 §6.4.5) gets that range of it.
   */
  hugeBody?: HugeBody;
  /** Every SELECT/EXAMINE is answered with the start of a literal, then the server hangs up. */
  breakAfterSelect?: boolean;
}

/** The large message of FakeImapFaults.hugeBody, and how its download goes wrong. */
export interface HugeBody {
  uid: number;
  bytes: number;
  honestSize?: boolean;
  /** The message itself (`bytes` is then its length); else lines of text, see hugeBodyBytes. */
  source?: Buffer;
  /** Once, hang up after this many bytes of the body were sent (counted over all answers). */
  cutAtByte?: number;
  /** From the second body answer on, RFC822.SIZE says the message is this much larger: it changed. */
  growsBy?: number;
}

/** The 64 KB of text the generated huge body repeats. */
const HUGE_PATTERN = ((): Buffer => {
  const line = Buffer.from(`Subject: huge\r\nFrom: <big@fake.test>\r\n\r\n${'y'.repeat(1022)}\r\n`);
  return Buffer.concat(Array.from({ length: 64 }, () => line)).subarray(0, 64 * 1024);
})();

/** Bytes [start, end) of the generated huge body (HUGE_PATTERN repeated), without building the whole. */
function generatedPieces(start: number, end: number): Buffer[] {
  const pieces: Buffer[] = [];
  for (let at = start; at < end; ) {
    const from = at % HUGE_PATTERN.length;
    const piece = HUGE_PATTERN.subarray(from, Math.min(HUGE_PATTERN.length, from + end - at));
    pieces.push(piece);
    at += piece.length;
  }
  return pieces;
}

/** The whole generated huge body of `bytes` bytes, for a test to compare with what a client got. */
export function hugeBodyBytes(bytes: number): Buffer {
  return Buffer.concat(generatedPieces(0, bytes), bytes);
}

export interface FakeImapOptions {
  user?: string;
  password?: string;
  messages: FakeMessage[];
  faults?: FakeImapFaults;
}

const UID_VALIDITY = 1700000000;

function quote(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

function rawMessage(message: FakeMessage): Buffer {
  const [name, address] = /^(.*) <(.*)>$/.exec(message.from)?.slice(1) ?? ['', message.from];
  return Buffer.from(
    `From: ${name ? `${quote(name)} ` : ''}<${address}>\r\nTo: <user@fake.test>\r\nSubject: ${message.subject}\r\nDate: Tue, 01 Dec 2026 10:00:00 +0000\r\nMessage-ID: <m${message.uid}@fake.test>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${message.body}\r\n`,
  );
}

function envelope(message: FakeMessage): string {
  const [name, address] = /^(.*) <(.*)>$/.exec(message.from)?.slice(1) ?? ['', message.from];
  const [mailbox, host] = address!.split('@');
  const from = `((${name ? quote(name) : 'NIL'} NIL ${quote(mailbox ?? '')} ${quote(host ?? '')}))`;
  return `(${quote('Tue, 01 Dec 2026 10:00:00 +0000')} ${quote(message.subject)} ${from} ${from} ${from} (("" NIL "user" "fake.test")) NIL NIL NIL ${quote(`<m${message.uid}@fake.test>`)})`;
}

function bodyStructure(message: FakeMessage, depth: number): string {
  const body = Buffer.byteLength(message.body) + 2;
  const leaf = `("TEXT" "PLAIN" ("CHARSET" "utf-8") NIL NIL "7BIT" ${body} 1)`;
  // A multipart nested `depth` times around the text part (RFC 3501 §7.4.2 body-type-mpart).
  return '('.repeat(depth) + leaf + ' "MIXED")'.repeat(depth);
}

/** Expands an IMAP sequence set ("1:3,7,9:*") against the existing UIDs. */
function uidsIn(set: string, existing: number[]): number[] {
  const max = existing.length ? Math.max(...existing) : 0;
  const wanted = new Set<number>();
  for (const range of set.split(',')) {
    const [a, b] = range.split(':').map((v) => (v === '*' ? max : Number(v)));
    const low = Math.min(a!, b ?? a!);
    const high = Math.max(a!, b ?? a!);
    for (const uid of existing) if (uid >= low && uid <= high) wanted.add(uid);
    // RFC 3501 §6.4.8: "n:*" always includes the highest UID.
    if (range.endsWith(':*') && max) wanted.add(max);
  }
  return [...wanted].sort((x, y) => x - y);
}

/**
 * A small scripted IMAP4rev1 server (one INBOX) that speaks just enough for imapflow to log in,
 * LIST, SELECT, SEARCH and FETCH, and misbehaves on demand (see FakeImapFaults). It counts
 * logins and connections so tests can watch a client's reconnect behaviour.
 *
 * Events: 'login' (connection number), 'command' (verb, connection number), 'fault' (which fault was just sent).
 */
export class FakeImapServer extends EventEmitter {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private connections = 0;
  logins = 0;
  /** Bytes written to clients in total (to show a server really sent a huge response). */
  bytesSent = 0;
  port = 0;
  faults: FakeImapFaults;
  private endlessLineSent = false;
  private stallSent = false;
  /** The huge body's answers so far: where each began and how many bytes it had (RFC 3501 §6.4.5 partial or whole). */
  readonly hugeBodyAnswers: Array<{ start: number; length: number }> = [];
  private hugeBodyBytesSent = 0;
  private cutDone = false;

  constructor(private readonly options: FakeImapOptions) {
    super();
    this.faults = options.faults ?? {};
    this.server = createServer((socket) => this.serve(socket));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** New mail: the next SELECT and SEARCH see it. */
  deliver(message: FakeMessage): void {
    this.options.messages.push(message);
  }

  get openConnections(): number {
    return this.sockets.size;
  }

  private serve(socket: Socket): void {
    this.sockets.add(socket);
    this.connections++;
    const connection = this.connections;
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    const write = (text: string | Buffer): boolean => {
      if (socket.destroyed) return false;
      this.bytesSent += text.length;
      return socket.write(text);
    };
    write('* OK [CAPABILITY IMAP4rev1] fake server ready\r\n');
    let buffered = '';
    let idleTag: string | null = null;
    socket.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      let end: number;
      while ((end = buffered.indexOf('\r\n')) >= 0) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        if (idleTag) {
          if (line.toUpperCase() === 'DONE') write(`${idleTag} OK IDLE done\r\n`);
          idleTag = null;
          continue;
        }
        const [tag = '*', verb = '', ...rest] = line.split(' ');
        const command = verb.toUpperCase();
        const args = rest.join(' ');
        this.emit('command', command, connection);
        if (command === 'IDLE') {
          idleTag = tag;
          write('+ idling\r\n');
          continue;
        }
        this.answer(connection, tag, command, args, write, socket);
      }
    });
  }

  private answer(connection: number, tag: string, command: string, args: string, write: (text: string | Buffer) => boolean, socket: Socket): void {
    const ok = (text = 'done'): void => void write(`${tag} OK ${text}\r\n`);
    const uids = this.options.messages.map((m) => m.uid);
    switch (command) {
      case 'CAPABILITY':
        write('* CAPABILITY IMAP4rev1\r\n');
        return ok();
      case 'LOGIN': {
        const [user, password] = args.split(' ').map((v) => v.replace(/^"|"$/g, ''));
        if (user !== (this.options.user ?? 'user') || password !== (this.options.password ?? 'secret')) return void write(`${tag} NO [AUTHENTICATIONFAILED] wrong\r\n`);
        this.logins++;
        this.emit('login', connection);
        return ok('[CAPABILITY IMAP4rev1] logged in');
      }
      case 'LIST':
        write('* LIST (\\HasNoChildren) "/" INBOX\r\n');
        return ok();
      case 'LSUB':
        write('* LSUB (\\HasNoChildren) "/" INBOX\r\n');
        return ok();
      case 'STATUS':
        write(`* STATUS INBOX (MESSAGES ${uids.length} UNSEEN ${uids.length})\r\n`);
        return ok();
      case 'SELECT':
      case 'EXAMINE':
        if (this.faults.breakAfterSelect) {
          this.emit('fault', 'breakAfterSelect');
          write('* OK [UIDVALIDITY {64}\r\n0123');
          socket.end();
          return;
        }
        write(`* ${uids.length} EXISTS\r\n* 0 RECENT\r\n* FLAGS (\\Seen \\Flagged \\Deleted \\Draft \\Answered)\r\n`);
        write(`* OK [UIDVALIDITY ${UID_VALIDITY}] ok\r\n* OK [UIDNEXT ${Math.max(0, ...uids) + 1}] ok\r\n`);
        return ok(`[${command === 'SELECT' ? 'READ-WRITE' : 'READ-ONLY'}] selected`);
      case 'NOOP':
      case 'CHECK':
      case 'CLOSE':
        return ok();
      case 'LOGOUT':
        write('* BYE bye\r\n');
        ok();
        socket.end();
        return;
      case 'UID':
        return this.answerUid(tag, args, write, socket);
      case 'FETCH': {
        // By sequence number (RFC 3501 §6.4.5): the same rows, numbers turned into UIDs.
        const [set = '', ...items] = args.split(' ');
        const seqs = uidsIn(set, uids.map((_, i) => i + 1));
        return this.answerUid(tag, `FETCH ${seqs.map((n) => uids[n - 1]).join(',') || '0'} ${items.join(' ')}`, write, socket);
      }
      default:
        return void write(`${tag} BAD unknown command\r\n`);
    }
  }

  private answerUid(tag: string, args: string, write: (text: string | Buffer) => boolean, socket: Socket): void {
    const [sub = '', set = '', ...itemWords] = args.split(' ');
    const uids = this.options.messages.map((m) => m.uid);
    if (sub.toUpperCase() === 'SEARCH') {
      const match = /UID (\S+)/i.exec(args);
      const found = match ? uidsIn(match[1]!, uids) : uids;
      write(`* SEARCH${found.map((u) => ` ${u}`).join('')}\r\n`);
      return void write(`${tag} OK search done\r\n`);
    }
    if (sub.toUpperCase() !== 'FETCH') return void write(`${tag} BAD only SEARCH and FETCH\r\n`);
    const items = itemWords.join(' ').toUpperCase();
    const wanted = uidsIn(set, uids);
    const headers = items.includes('ENVELOPE');
    if (headers && this.faults.endlessLine && !this.endlessLineSent) {
      this.endlessLineSent = true;
      this.emit('fault', 'endlessLine');
      return this.sendEndlessLine(write, socket);
    }
    if (headers && this.faults.stallInFetch && !this.stallSent) {
      this.stallSent = true;
      write(`* 1 FETCH (UID ${wanted[0] ?? 1} FLAGS (`);
      this.emit('fault', 'stall');
      return;
    }
    const body = /BODY(?:\.PEEK)?\[\]/.exec(items);
    const part = /BODY(?:\.PEEK)?\[1\](?:<(\d+)\.(\d+)>)?/.exec(items);
    const huge = this.faults.hugeBody;
    for (const uid of wanted) {
      const message = this.options.messages.find((m) => m.uid === uid)!;
      const seq = uids.indexOf(uid) + 1;
      if (body && huge && huge.uid === uid) return this.sendHugeBody(tag, seq, uid, items, rawMessage(message).length, write, socket);
      const fields = [`UID ${uid}`];
      if (items.includes('FLAGS')) fields.push(`FLAGS (${(message.flags ?? []).join(' ')})`);
      if (items.includes('RFC822.SIZE')) fields.push(`RFC822.SIZE ${huge?.uid === uid && huge.honestSize ? huge.bytes : rawMessage(message).length}`);
      if (items.includes('INTERNALDATE')) fields.push('INTERNALDATE "01-Dec-2026 10:00:00 +0000"');
      if (headers) fields.push(`ENVELOPE ${envelope(message)}`);
      if (items.includes('BODYSTRUCTURE')) {
        const deep = this.faults.deepBodyStructure;
        fields.push(`BODYSTRUCTURE ${bodyStructure(message, deep && deep.uid === uid ? deep.depth : 0)}`);
      }
      const literals: Buffer[] = [];
      let row = `* ${seq} FETCH (${fields.join(' ')}`;
      if (body) literals.push(Buffer.from(` BODY[] {${rawMessage(message).length}}\r\n`), rawMessage(message));
      if (/BODY(?:\.PEEK)?\[HEADER\]/.test(items)) {
        const header = rawMessage(message).subarray(0, rawMessage(message).indexOf('\r\n\r\n') + 4);
        literals.push(Buffer.from(` BODY[HEADER] {${header.length}}\r\n`), header);
      }
      if (part) {
        const text = Buffer.from(`${message.body}\r\n`);
        const start = Number(part[1] ?? 0);
        const slice = text.subarray(start, part[2] ? start + Number(part[2]) : undefined);
        literals.push(Buffer.from(` BODY[1]${part[1] ? `<${start}>` : ''} {${slice.length}}\r\n`), slice);
      }
      if (this.faults.unterminatedLiteralUid === uid && headers) {
        this.emit('fault', 'unterminatedLiteral');
        write(`${row} BODY[HEADER] {64}\r\n0123456789`);
        socket.end();
        return;
      }
      if (this.faults.swallowingLiteralUid === uid && headers) {
        this.emit('fault', 'swallowingLiteral');
        write(`${row} BODY[HEADER] {64}\r\n0123456789`);
        continue;
      }
      if (this.faults.unparsableRowUid === uid && headers) {
        this.emit('fault', 'unparsableRow');
        row += ' BODY[HEADER] {5})';
        write(`${row}\r\n`);
        continue;
      }
      write(row);
      for (const literal of literals) write(literal);
      write(')\r\n');
    }
    write(`${tag} OK fetch done\r\n`);
  }

  /** Bytes without a line end, as long as the client keeps reading (RFC 3501 §2.2: lines end with CRLF). */
  private sendEndlessLine(write: (text: string | Buffer) => boolean, socket: Socket): void {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    write('* 1 FETCH (UID 1 FLAGS () X-JUNK ');
    const pump = (): void => {
      while (!socket.destroyed && write(chunk)) {
        /* keep writing until the socket buffers */
      }
      if (!socket.destroyed) socket.once('drain', pump);
    };
    pump();
  }

  /**
   * One FETCH row with the huge body, or the range of it asked for (BODY.PEEK[]<start.length>:
   * RFC 3501 §6.4.5, fewer octets at the end of the text, an empty string past it), written with
   * back-pressure.
   */
  private sendHugeBody(tag: string, seq: number, uid: number, items: string, smallSize: number, write: (text: string | Buffer) => boolean, socket: Socket): void {
    const huge = this.faults.hugeBody!;
    const total = huge.source?.length ?? huge.bytes;
    const range = /BODY(?:\.PEEK)?\[\]<(\d+)\.(\d+)>/.exec(items);
    const start = range ? Math.min(Number(range[1]), total) : 0;
    const end = range ? Math.min(total, start + Number(range[2])) : total;
    const grown = huge.growsBy && this.hugeBodyAnswers.length > 0 ? huge.growsBy : 0;
    const claimed = huge.honestSize ? total + grown : smallSize;
    this.hugeBodyAnswers.push({ start, length: end - start });
    this.emit('hugeBodyAnswer', { start, length: end - start });
    write(`* ${seq} FETCH (UID ${uid}${items.includes('RFC822.SIZE') ? ` RFC822.SIZE ${claimed}` : ''} BODY[]${range ? `<${start}>` : ''} {${end - start}}\r\n`);
    let at = start;
    const pump = (): void => {
      while (at < end && !socket.destroyed) {
        const pieceEnd = Math.min(end, at + 64 * 1024);
        const piece = huge.source ? huge.source.subarray(at, pieceEnd) : Buffer.concat(generatedPieces(at, pieceEnd));
        at = pieceEnd;
        this.hugeBodyBytesSent += piece.length;
        if (huge.cutAtByte !== undefined && !this.cutDone && this.hugeBodyBytesSent >= huge.cutAtByte) {
          this.cutDone = true;
          this.emit('fault', 'cutInHugeBody');
          write(piece);
          socket.end();
          return;
        }
        if (!write(piece)) {
          socket.once('drain', pump);
          return;
        }
      }
      if (!socket.destroyed) write(`)\r\n${tag} OK fetch done\r\n`);
    };
    pump();
  }
}

/** Messages 1…n with plain subjects, for a folder of good mail around one bad message. */
export function fakeMessages(count: number): FakeMessage[] {
  return Array.from({ length: count }, (_, i) => ({ uid: i + 1, subject: `Message ${i + 1}`, from: `Sender ${i + 1} <s${i + 1}@fake.test>`, body: `Body of message ${i + 1}.` }));
}
