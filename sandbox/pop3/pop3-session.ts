import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import type { SandboxUser } from '../users';
import { ByteQueue } from '../net/byte-queue';
import { closeSoon } from '../net/close-soon';
import { SANDBOX_DOMAIN } from '../users';
import { POP3_COMMANDS } from './commands';
import { Maildrop } from './maildrop';
import type { Pop3CommandSession, Pop3Context, Pop3State } from './session-types';

/** RFC 2449 §4 allows 255 octets; SASL responses may be longer, so the limit is looser. */
const MAX_LINE_BYTES = 4096;
/** RFC 1939 §3: an inactivity autologout timer of at least 10 minutes. */
const AUTOLOGOUT_MS = 10 * 60 * 1000;

/**
 * One POP3 connection. Lines are answered one by one, in order (so pipelining works). The
 * maildrop lock is held from a successful login until the connection ends; only QUIT in the
 * TRANSACTION state changes the store.
 */
export class Pop3Session implements Pop3CommandSession {
  state: Pop3State = 'authorization';
  /** USER given, PASS awaited. */
  pendingUser: string | null = null;
  user: SandboxUser | null = null;
  maildrop: Maildrop | null = null;
  /** RFC 1939 §7 APOP: the greeting's unique timestamp. */
  readonly timestamp = `<${process.pid}.${Date.now()}.${randomBytes(6).toString('hex')}@${SANDBOX_DOMAIN}>`;
  private readonly queue: ByteQueue;
  private unsubscribe: (() => void) | null = null;
  /** The user whose maildrop lock this session holds. */
  private locked: string | null = null;
  private ended = false;

  constructor(
    private readonly socket: Socket,
    readonly context: Pop3Context,
  ) {
    this.queue = new ByteQueue(socket);
    socket.setTimeout(AUTOLOGOUT_MS, () => this.drop());
  }

  async run(): Promise<void> {
    this.ok(`Porthole sandbox POP3 ready (loopback only, no TLS) ${this.timestamp}`);
    try {
      while (!this.ended) {
        const line = await this.nextLine();
        if (line === null) break;
        await this.execute(line);
      }
    } finally {
      this.drop();
    }
  }

  private async execute(line: string): Promise<void> {
    const [verb = '', ...args] = line.split(' ');
    const command = POP3_COMMANDS.get(verb.toUpperCase());
    if (!command) return this.err(`Unknown command ${verb.slice(0, 20)}`);
    if (!command.states.includes(this.state)) return this.err(`${verb.toUpperCase()} is not valid in the ${this.state.toUpperCase()} state`);
    try {
      await command.run(this, args);
    } catch {
      this.err('[SYS/TEMP] Internal error in the sandbox server');
    }
  }

  /** One line from the client; an over-long one is answered here and skipped. */
  async nextLine(): Promise<string | null> {
    for (;;) {
      const line = await this.queue.readLine(MAX_LINE_BYTES);
      if (line === null) return null;
      if (Buffer.isBuffer(line)) return line.toString('utf8');
      this.err('Line too long');
    }
  }

  /**
   * After a correct password: takes the maildrop lock (RFC 2449 §8.1.1 [IN-USE] when another
   * session holds it) and numbers the maildrop.
   */
  async logIn(user: SandboxUser): Promise<void> {
    const { locks, store } = this.context;
    if (!locks.acquire(user.user)) {
      this.pendingUser = null;
      return this.err('[IN-USE] Another session holds the maildrop; try again later');
    }
    this.locked = user.user;
    this.user = user;
    this.maildrop = await Maildrop.open(store, user.user);
    this.state = 'transaction';
    // A reset replaces the maildrop under this session: it ends, deleting nothing.
    this.unsubscribe = store.subscribe(user.user, (event) => {
      if (event.kind === 'reset') this.drop();
    });
    this.ok(`Logged in, ${this.maildrop.live.length} messages`);
  }

  /** QUIT: leaves, and in the TRANSACTION state carries out the deletions first (RFC 1939 §6). */
  async quit(): Promise<void> {
    if (this.state !== 'transaction' || !this.maildrop) {
      this.ok('Bye');
      return this.end();
    }
    this.state = 'update';
    try {
      const { deleted } = await this.maildrop.update(this.context.personality().popMarksSeen);
      this.ok(`Bye, ${deleted} messages deleted`);
    } catch {
      this.err('[SYS/TEMP] Some deleted messages were not removed');
    }
    this.end();
  }

  ok(text: string): void {
    this.write(Buffer.from(`+OK ${text}\r\n`, 'utf8'));
  }

  err(text: string): void {
    this.write(Buffer.from(`-ERR ${text}\r\n`, 'utf8'));
  }

  write(bytes: Buffer): void {
    if (!this.socket.destroyed && this.socket.writable) this.socket.write(bytes);
  }

  /** Closes after the last answer has been written. */
  private end(): void {
    this.release();
    closeSoon(this.socket);
  }

  /** Drops the connection: the maildrop lock goes back, nothing is deleted. */
  drop(): void {
    this.release();
    // After end() the last answer is still being written: destroying now would lose it.
    if (!this.socket.destroyed && !this.socket.writableEnded) this.socket.destroy();
  }

  private release(): void {
    if (this.ended) return;
    this.ended = true;
    this.unsubscribe?.();
    if (this.locked !== null) this.context.locks.release(this.locked);
    this.locked = null;
    this.maildrop = null;
  }
}
