import type { MailStore } from '../store/mail-store';
import type { SandboxPersonality } from '../personality';
import type { SandboxUser, SandboxUsers } from '../users';
import type { Maildrop } from './maildrop';
import type { MaildropLocks } from './maildrop-locks';

// What a command sees of its session: the session runs the commands, so the commands name this
// interface, not the class, and the two do not import each other.

export interface Pop3Context {
  store: MailStore;
  users: SandboxUsers;
  personality(): SandboxPersonality;
  locks: MaildropLocks;
}

/** RFC 1939 §3 session states. */
export type Pop3State = 'authorization' | 'transaction' | 'update';

/** One POP3 connection as its commands use it; `Pop3Session` is the one implementation. */
export interface Pop3CommandSession {
  readonly context: Pop3Context;
  /** USER given, PASS awaited. */
  pendingUser: string | null;
  readonly maildrop: Maildrop | null;
  /** RFC 1939 §7 APOP: the greeting's unique timestamp. */
  readonly timestamp: string;
  /** One line from the client; an over-long one is answered here and skipped. */
  nextLine(): Promise<string | null>;
  /** After a correct password: takes the maildrop lock and numbers the maildrop. */
  logIn(user: SandboxUser): Promise<void>;
  /** QUIT: leaves, and in the TRANSACTION state carries out the deletions first (RFC 1939 §6). */
  quit(): Promise<void>;
  ok(text: string): void;
  err(text: string): void;
  write(bytes: Buffer): void;
}

export interface Pop3Command {
  states: readonly Pop3State[];
  run(session: Pop3CommandSession, args: string[]): void | Promise<void>;
}
