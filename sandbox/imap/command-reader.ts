import type { ByteQueue } from '../net/byte-queue';

export interface ImapLimits {
  /** The longest command line, literals not counted (RFC 7162 §4 asks clients to stay under 8192). */
  maxLineBytes: number;
  /** The largest literal, and so the largest message APPEND takes (RFC 7889 APPENDLIMIT). */
  maxLiteralBytes: number;
}

/** Generous for real clients: a 64 KiB command line and a 50 MiB message. */
export const DEFAULT_IMAP_LIMITS: ImapLimits = { maxLineBytes: 64 * 1024, maxLiteralBytes: 50 * 1024 * 1024 };

/** A whole command: its lines (without CRLF) with the literals between them. */
export interface RawCommand {
  kind: 'command';
  /** segments[i] ends with "{n}" (or "{n+}") when literals[i] follows it. */
  segments: Buffer[];
  literals: Buffer[];
}

/** A command the reader refused before it was complete; the session answers it. */
export interface RejectedCommand {
  kind: 'rejected';
  tag: string | null;
  status: 'BAD' | 'NO';
  code: string | null;
  text: string;
  /** The connection cannot go on (a literal too large even to skip): the session says BYE. */
  fatal: boolean;
}

/** A refused non-synchronizing literal up to this many times the limit is read and dropped. */
const SKIPPABLE_FACTOR = 16;
const LITERAL_AT_END = /\{(\d{1,20})(\+?)\}$/;
const TAG = /^[\x21-\x7e]+$/;

/** The tag a command line starts with, if it is a valid one (RFC 3501 §9 tag). */
export function tagOf(line: Buffer): string | null {
  const text = line.toString('latin1');
  const space = text.indexOf(' ');
  const tag = space < 0 ? text : text.slice(0, space);
  return TAG.test(tag) && !/[(){%*"\\+]/.test(tag) ? tag : null;
}

/**
 * Frames commands (RFC 3501 §2.2, RFC 7888 LITERAL+): reads a line; when it ends with a
 * literal, sends the continuation for a synchronizing one, reads the literal and the next line.
 * Over-long lines and literals are refused with the client's tag, and the reader skips their
 * bytes so the connection goes on. A client gone mid-command yields null: nothing of it ran.
 */
export class CommandReader {
  /** A refused non-synchronizing literal still to be skipped, after its answer went out. */
  private pendingSkip = 0;

  constructor(
    private readonly queue: ByteQueue,
    private readonly limits: ImapLimits,
    private readonly sendContinuation: (text: string) => void,
  ) {}

  async nextCommand(): Promise<RawCommand | RejectedCommand | null> {
    if (this.pendingSkip > 0 && !(await this.skipRefusedLiteral())) return null;
    const first = await this.queue.readLine(this.limits.maxLineBytes);
    if (first === null) return null;
    if (!Buffer.isBuffer(first)) return this.tooLong(tagOf(first.tooLong));
    const tag = tagOf(first);
    const command: RawCommand = { kind: 'command', segments: [first], literals: [] };
    for (;;) {
      const last = command.segments[command.segments.length - 1]!;
      const match = LITERAL_AT_END.exec(last.subarray(Math.max(0, last.length - 24)).toString('latin1'));
      if (!match) return command;
      const size = Number(match[1]);
      const synchronizing = match[2] !== '+';
      if (size > this.limits.maxLiteralBytes) {
        // RFC 7888 §4: a refused non-synchronizing literal is still sent: it is skipped after the
        // answer, unless it is so large that closing the connection is the better choice.
        const fatal = !synchronizing && size > this.limits.maxLiteralBytes * SKIPPABLE_FACTOR;
        if (!synchronizing && !fatal) this.pendingSkip = size;
        return { kind: 'rejected', tag, status: synchronizing ? 'NO' : 'BAD', code: 'TOOBIG', text: `Literal larger than ${this.limits.maxLiteralBytes} bytes`, fatal };
      }
      if (synchronizing) this.sendContinuation('Ready for literal data');
      const literal = await this.queue.readBytes(size);
      if (literal === null) return null;
      command.literals.push(literal);
      const next = await this.queue.readLine(this.limits.maxLineBytes);
      if (next === null) return null;
      if (!Buffer.isBuffer(next)) return this.tooLong(tag);
      command.segments.push(next);
    }
  }

  /** One line (IDLE's DONE, a SASL response); an over-long one comes back cut short. */
  async nextLine(): Promise<Buffer | null> {
    const line = await this.queue.readLine(this.limits.maxLineBytes);
    if (line === null || Buffer.isBuffer(line)) return line;
    return line.tooLong;
  }

  private tooLong(tag: string | null): RejectedCommand {
    return { kind: 'rejected', tag, status: 'BAD', code: 'TOOBIG', text: `Command line longer than ${this.limits.maxLineBytes} bytes`, fatal: false };
  }

  /** Skips the refused literal and the rest of its command, literals included. */
  private async skipRefusedLiteral(): Promise<boolean> {
    let skip = this.pendingSkip;
    this.pendingSkip = 0;
    for (;;) {
      if (!(await this.queue.skipBytes(skip))) return false;
      const line = await this.queue.readLine(this.limits.maxLineBytes);
      if (line === null) return false;
      const match = Buffer.isBuffer(line) ? LITERAL_AT_END.exec(line.toString('latin1')) : null;
      // A synchronizing literal is only sent after a continuation, which this command never gets.
      if (!match || match[2] !== '+') return true;
      skip = Number(match[1]);
    }
  }
}
