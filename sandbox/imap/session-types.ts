import type { MailStore } from '../store/mail-store';
import type { SandboxUsers } from '../users';
import type { SandboxPersonality } from '../personality';
import type { ArgumentReader } from './arguments';
import type { CommandReader, ImapLimits } from './command-reader';
import type { MailboxView } from './mailbox-view';
import type { Wire } from './response';
import type { ParsedCommand } from './tokenizer';

// What a command sees of its session, apart from the session itself: the session runs the
// commands, so the commands name this interface, not the class, and the two do not import each other.

/** RFC 3501 §3 connection states. */
export type SessionState = 'not-authenticated' | 'authenticated' | 'selected' | 'logout';

export interface ImapContext {
  store: MailStore;
  users: SandboxUsers;
  personality(): SandboxPersonality;
  limits: ImapLimits;
}

/** The tagged answer to a command (RFC 3501 §7.1). */
export interface CommandOutcome {
  status: 'OK' | 'NO' | 'BAD';
  code?: string;
  text: string;
}

/** One IMAP connection as its commands use it; `ImapSession` is the one implementation. */
export interface CommandSession {
  readonly id: string;
  state: SessionState;
  /** The authenticated user. */
  readonly user: string | null;
  readonly selected: MailboxView | null;
  /** RFC 5161 ENABLE'd extensions. */
  readonly enabled: Set<'CONDSTORE' | 'QRESYNC'>;
  /** RFC 7162 §3.1: CONDSTORE is in use once enabled or once any command used it. */
  condstoreUsed: boolean;
  readonly reader: CommandReader;
  readonly context: ImapContext;
  readonly qresync: boolean;
  readonly condstore: boolean;
  /** The user's name; only called in states after authentication. */
  readonly userName: string;
  /** Enters the authenticated state and starts hearing of changes to the user's mailbox. */
  authenticated(user: string): void;
  /** RFC 3501 §6.3.1: a new selection replaces the old one. */
  select(view: MailboxView | null): void;
  /** RFC 2177: until the client's next line, changes are reported as they happen. */
  idle(): Promise<Buffer | null>;
  /** Sends what changed in the selected mailbox since the client last heard. */
  reportChanges(expunges: boolean): void;
  untagged(...values: Wire[]): void;
  continuation(text: string): void;
  tagged(tag: string, status: CommandOutcome['status'], code: string | null, text: string): void;
  /** RFC 3501 §7.1.5: says goodbye and closes the connection. */
  bye(text: string): void;
  /** Waits while more than a megabyte of answers is still queued for the client. */
  drained(): Promise<void>;
}

export interface CommandSpec {
  /** The states the command is valid in; elsewhere it is answered with BAD. */
  states: readonly SessionState[];
  /** FETCH, STORE and SEARCH by sequence number: no EXPUNGE while they run (RFC 3501 §7.4.1). */
  holdsExpunges?: boolean;
  run(session: CommandSession, args: ArgumentReader, command: ParsedCommand): CommandOutcome | Promise<CommandOutcome>;
}
