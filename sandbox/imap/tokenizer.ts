import type { RawCommand } from './command-reader';

/** A generic IMAP argument (RFC 3501 §9): commands give meaning to these by position. */
export type ImapToken =
  | { type: 'atom'; value: string; section?: ImapToken[]; partial?: { start: number; length: number | null } }
  | { type: 'string'; value: Buffer }
  | { type: 'list'; items: ImapToken[] };

export interface ParsedCommand {
  tag: string;
  /** Upper-case, with "UID " in front for the UID forms. */
  name: string;
  args: ImapToken[];
}

/** A command the grammar does not allow: answered with BAD (RFC 3501 §7.1.3). */
export class ImapSyntaxError extends Error {
  override readonly name = 'ImapSyntaxError';
}

/**
 * How deep parenthesised lists may nest. No client nests more than a handful of levels; a few
 * thousand would exhaust the stack, and the answer must stay a plain BAD.
 */
const MAX_LIST_DEPTH = 100;
const ATOM_STOP = new Set([' ', '(', ')', '{', '"', '[']);
const LITERAL = /^\{(\d+)\+?\}$/;

/** Reads the command's lines and literals as one stream of characters and literal tokens. */
class Cursor {
  private segment = 0;
  private position = 0;
  private text: string;

  constructor(private readonly command: RawCommand) {
    this.text = command.segments[0]!.toString('latin1');
  }

  get done(): boolean {
    return this.position >= this.text.length && this.segment >= this.command.literals.length;
  }

  peek(): string {
    return this.text[this.position] ?? '';
  }

  next(): string {
    const char = this.peek();
    this.position += 1;
    return char;
  }

  /** At "{n}" that ends a line: the literal that followed it, and the cursor moves to the next line. */
  literal(): Buffer | null {
    if (!LITERAL.test(this.text.slice(this.position))) return null;
    const literal = this.command.literals[this.segment];
    if (!literal) return null;
    this.segment += 1;
    this.text = this.command.segments[this.segment]!.toString('latin1');
    this.position = 0;
    return literal;
  }
}

function parseQuoted(cursor: Cursor): ImapToken {
  cursor.next();
  let value = '';
  for (;;) {
    const char = cursor.next();
    if (char === '') throw new ImapSyntaxError('Unterminated quoted string');
    if (char === '"') return { type: 'string', value: Buffer.from(value, 'latin1') };
    if (char === '\\') {
      const escaped = cursor.next();
      if (escaped !== '"' && escaped !== '\\') throw new ImapSyntaxError('Invalid escape in quoted string');
      value += escaped;
    } else if (char === '\r' || char === '\n') {
      throw new ImapSyntaxError('Line break in quoted string');
    } else {
      value += char;
    }
  }
}

function parsePartial(cursor: Cursor): { start: number; length: number | null } {
  cursor.next();
  let text = '';
  while (cursor.peek() !== '>' && cursor.peek() !== '') text += cursor.next();
  if (cursor.next() !== '>') throw new ImapSyntaxError('Unterminated partial');
  const match = /^(\d{1,10})(?:\.(\d{1,10}))?$/.exec(text);
  if (!match) throw new ImapSyntaxError('Invalid partial');
  const length = match[2] === undefined ? null : Number(match[2]);
  if (length === 0) throw new ImapSyntaxError('A partial length must not be zero');
  return { start: Number(match[1]), length };
}

function parseAtom(cursor: Cursor, closer: string, depth: number): ImapToken {
  let value = '';
  while (!cursor.done && !ATOM_STOP.has(cursor.peek()) && cursor.peek() !== closer && cursor.peek() !== '') {
    const char = cursor.next();
    if (char < ' ' || char === '\x7f') throw new ImapSyntaxError('Control character in atom');
    value += char;
  }
  if (value === '') throw new ImapSyntaxError(`Unexpected "${cursor.peek() || 'end of line'}"`);
  const token: ImapToken = { type: 'atom', value };
  if (cursor.peek() === '[') {
    cursor.next();
    token.section = parseSequence(cursor, ']', depth + 1);
    if (cursor.next() !== ']') throw new ImapSyntaxError('Unterminated section');
    if (cursor.peek() === '<') token.partial = parsePartial(cursor);
  }
  return token;
}

function parseToken(cursor: Cursor, closer: string, depth: number): ImapToken {
  const char = cursor.peek();
  if (char === '(') {
    cursor.next();
    const items = parseSequence(cursor, ')', depth + 1);
    if (cursor.next() !== ')') throw new ImapSyntaxError('Unterminated list');
    return { type: 'list', items };
  }
  if (char === '"') return parseQuoted(cursor);
  if (char === '{') {
    const literal = cursor.literal();
    if (!literal) throw new ImapSyntaxError('Invalid literal');
    return { type: 'string', value: literal };
  }
  return parseAtom(cursor, closer, depth);
}

/** Tokens separated by single spaces, up to `closer` (not consumed) or the end. */
function parseSequence(cursor: Cursor, closer: string, depth: number): ImapToken[] {
  if (depth > MAX_LIST_DEPTH) throw new ImapSyntaxError(`Lists nested more than ${MAX_LIST_DEPTH} levels deep`);
  const tokens: ImapToken[] = [];
  while (!cursor.done && cursor.peek() !== closer) {
    if (tokens.length > 0) {
      if (cursor.next() !== ' ') throw new ImapSyntaxError('Expected a space between arguments');
      // A trailing space at the end of the line is tolerated; inside brackets it is an error.
      if (closer === '' && cursor.done) break;
      if (closer !== '' && cursor.peek() === closer) throw new ImapSyntaxError('Space before the end of a list');
    }
    tokens.push(parseToken(cursor, closer, depth));
  }
  return tokens;
}

/** Splits a framed command into tag, name and arguments; throws ImapSyntaxError. */
export function parseCommand(command: RawCommand): ParsedCommand {
  const cursor = new Cursor(command);
  const tokens = parseSequence(cursor, '', 0);
  const [tag, name, subcommand] = tokens;
  // RFC 3501 §9: a tag is an astring without "+" (and the atom specials).
  if (tag?.type !== 'atom' || tag.section || /[+*%\\\]]/.test(tag.value)) throw new ImapSyntaxError('Missing or invalid tag');
  if (name?.type !== 'atom') throw new ImapSyntaxError('Missing command');
  const upper = name.value.toUpperCase();
  if (upper === 'UID') {
    if (subcommand?.type !== 'atom') throw new ImapSyntaxError('Missing command after UID');
    return { tag: tag.value, name: `UID ${subcommand.value.toUpperCase()}`, args: tokens.slice(3) };
  }
  return { tag: tag.value, name: upper, args: tokens.slice(2) };
}
