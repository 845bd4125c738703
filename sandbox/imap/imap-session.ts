import type { Socket } from 'node:net';
import { StoreError, type StoreEvent } from '../store/types';
import { ArgumentReader } from './arguments';
import { ByteQueue } from '../net/byte-queue';
import { closeSoon } from '../net/close-soon';
import { capabilities } from './capabilities';
import { CommandReader, tagOf } from './command-reader';
import { COMMANDS } from './commands';
import type { MailboxView } from './mailbox-view';
import { serialize, type Wire } from './response';
import type { CommandOutcome, CommandSession, ImapContext, SessionState } from './session-types';
import { ImapSyntaxError, parseCommand, type ParsedCommand } from './tokenizer';

const AUTOLOGOUT_MS = 30 * 60 * 1000;
const OUTPUT_HIGH_WATER_BYTES = 1024 * 1024;
let sessionCounter = 0;

/**
 * One IMAP connection. Commands run one at a time, in the order they arrived; while one runs,
 * the next is not read (a client that pipelines just waits in the socket buffer). Changes made
 * by other sessions queue in the selected mailbox's view and are reported before each tagged
 * answer, and at once while the client IDLEs.
 */
export class ImapSession implements CommandSession {
  readonly id = `imap-${++sessionCounter}`;
  state: SessionState = 'not-authenticated';
  /** The authenticated user. */
  user: string | null = null;
  selected: MailboxView | null = null;
  /** RFC 5161 ENABLE'd extensions. */
  readonly enabled = new Set<'CONDSTORE' | 'QRESYNC'>();
  /** RFC 7162 §3.1: CONDSTORE is in use once enabled or once any command used it. */
  condstoreUsed = false;
  readonly reader: CommandReader;
  private idling = false;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly socket: Socket,
    readonly context: ImapContext,
  ) {
    this.reader = new CommandReader(new ByteQueue(socket), context.limits, (text) => this.continuation(text));
    socket.setTimeout(AUTOLOGOUT_MS, () => this.bye('Autologout; idle for too long'));
  }

  get qresync(): boolean {
    return this.enabled.has('QRESYNC');
  }

  get condstore(): boolean {
    return this.condstoreUsed || this.enabled.size > 0;
  }

  /** Greets and serves commands until the client logs out or goes away. */
  async run(): Promise<void> {
    this.untagged('OK', `[CAPABILITY ${capabilities(this).join(' ')}]`, 'Porthole sandbox IMAP ready (loopback only, no TLS)');
    try {
      while (this.state !== 'logout' && !this.socket.destroyed) {
        const item = await this.reader.nextCommand();
        if (item === null) break;
        if (item.kind === 'rejected') {
          this.tagged(item.tag ?? '*', item.status, item.code, item.text);
          if (item.fatal) this.bye('Too much data; closing the connection');
          continue;
        }
        let command: ParsedCommand;
        try {
          command = parseCommand(item);
        } catch (error) {
          // Only our own syntax messages go on the wire, never a JavaScript error's text.
          this.tagged(tagOf(item.segments[0]!) ?? '*', 'BAD', null, error instanceof ImapSyntaxError ? error.message : 'Syntax error');
          continue;
        }
        await this.execute(command);
      }
    } finally {
      this.end();
    }
  }

  private async execute(command: ParsedCommand): Promise<void> {
    const spec = COMMANDS.get(command.name);
    if (!spec) {
      this.tagged(command.tag, 'BAD', null, `Unknown command ${command.name.slice(0, 40)}`);
      return;
    }
    if (!spec.states.includes(this.state)) {
      this.tagged(command.tag, 'BAD', null, `${command.name} is not valid in the ${this.state} state`);
      return;
    }
    const holdExpunges = spec.holdsExpunges === true && !command.name.startsWith('UID ');
    this.reportChanges(!holdExpunges);
    let outcome: CommandOutcome;
    try {
      outcome = await spec.run(this, new ArgumentReader(command.args), command);
    } catch (error) {
      outcome = outcomeOf(error);
    }
    if (this.socket.destroyed) return;
    this.reportChanges(!holdExpunges);
    this.tagged(command.tag, outcome.status, outcome.code ?? null, outcome.text);
  }

  // ---- state changes ----

  /** Enters the authenticated state and starts hearing of changes to the user's mailbox. */
  authenticated(user: string): void {
    this.user = user;
    this.state = 'authenticated';
    this.unsubscribe = this.context.store.subscribe(user, (event) => this.onStoreEvent(event));
  }

  /** RFC 3501 §6.3.1: a new selection replaces the old one. */
  select(view: MailboxView | null): void {
    this.selected = view;
    this.state = view ? 'selected' : 'authenticated';
  }

  /** The user's name; only called in states after authentication. */
  get userName(): string {
    if (this.user === null) throw new Error('not authenticated');
    return this.user;
  }

  // ---- IDLE ----

  /** RFC 2177: until the client's next line, changes are reported as they happen. */
  async idle(): Promise<Buffer | null> {
    this.continuation('idling');
    this.idling = true;
    this.reportChanges(true);
    try {
      return await this.reader.nextLine();
    } finally {
      this.idling = false;
    }
  }

  private onStoreEvent(event: StoreEvent): void {
    if (event.kind === 'reset') {
      this.bye('The sandbox mailbox was reset; please reconnect');
      return;
    }
    const view = this.selected;
    if (!view || !('folderId' in event) || event.folderId !== view.folderId) return;
    // This session's own flag changes and expunges are reported by the command that made them.
    if ((event.kind === 'flags' || event.kind === 'expunge') && event.origin === this.id) return;
    view.enqueue(event);
    if (view.gone) {
      this.bye('The selected mailbox was deleted by another session');
      return;
    }
    if (this.idling) this.reportChanges(true);
  }

  /** Sends what changed in the selected mailbox since the client last heard. */
  reportChanges(expunges: boolean): void {
    const view = this.selected;
    if (!view) return;
    for (const response of view.drain({ expunges, qresync: this.qresync, condstore: this.condstore })) this.untagged(...response);
  }

  // ---- output ----

  untagged(...values: Wire[]): void {
    this.write(Buffer.concat([Buffer.from('* '), serialize(values), Buffer.from('\r\n')]));
  }

  continuation(text: string): void {
    this.write(Buffer.from(`+ ${text}\r\n`));
  }

  tagged(tag: string, status: CommandOutcome['status'], code: string | null, text: string): void {
    this.write(Buffer.from(`${tag} ${status} ${code ? `[${code}] ` : ''}${text}\r\n`, 'utf8'));
  }

  /** RFC 3501 §7.1.5: says goodbye and closes the connection. */
  bye(text: string): void {
    this.untagged('BYE', text);
    this.state = 'logout';
    closeSoon(this.socket);
  }

  /** Waits while more than a megabyte of answers is still queued for the client. */
  async drained(): Promise<void> {
    if (this.socket.destroyed || this.socket.writableLength <= OUTPUT_HIGH_WATER_BYTES) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.socket.off('drain', done);
        this.socket.off('close', done);
        resolve();
      };
      this.socket.on('drain', done);
      this.socket.on('close', done);
    });
  }

  private write(bytes: Buffer): void {
    if (!this.socket.destroyed && this.socket.writable) this.socket.write(bytes);
  }

  private end(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.selected = null;
    closeSoon(this.socket);
  }
}

/** A failed command's tagged answer: BAD for syntax, NO with an RFC 5530 code for the rest. */
function outcomeOf(error: unknown): CommandOutcome {
  if (error instanceof ImapSyntaxError) return { status: 'BAD', text: error.message };
  if (error instanceof StoreError) return { status: 'NO', code: error.code === 'UNKNOWN-USER' ? 'SERVERBUG' : error.code, text: error.message };
  return { status: 'NO', code: 'SERVERBUG', text: 'Internal error in the sandbox server' };
}
