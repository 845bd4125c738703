import { ImapSyntaxError, type ImapToken } from './tokenizer';

/**
 * Reads a command's arguments in order, each as what the grammar says it is (RFC 3501 §9);
 * anything else throws ImapSyntaxError, which the session answers with BAD.
 */
export class ArgumentReader {
  private index = 0;

  constructor(private readonly tokens: readonly ImapToken[]) {}

  get remaining(): number {
    return this.tokens.length - this.index;
  }

  peek(): ImapToken | undefined {
    return this.tokens[this.index];
  }

  next(what: string): ImapToken {
    const token = this.tokens[this.index];
    if (!token) throw new ImapSyntaxError(`Missing ${what}`);
    this.index += 1;
    return token;
  }

  /** An atom, a quoted string or a literal, as bytes. */
  astringBytes(what: string): Buffer {
    return astringBytes(this.next(what), what);
  }

  /** An astring read as UTF-8 (mailbox names, user names, search text). */
  astring(what: string): string {
    return this.astringBytes(what).toString('utf8');
  }

  /** An atom, upper-cased. */
  atom(what: string): string {
    const token = this.next(what);
    if (token.type !== 'atom' || token.section) throw new ImapSyntaxError(`Expected ${what}`);
    return token.value.toUpperCase();
  }

  /** An atom as written (sequence sets, flags). */
  rawAtom(what: string): string {
    const token = this.next(what);
    if (token.type !== 'atom' || token.section) throw new ImapSyntaxError(`Expected ${what}`);
    return token.value;
  }

  number(what: string): number {
    return numberOf(this.next(what), what);
  }

  list(what: string): ImapToken[] {
    const token = this.next(what);
    if (token.type !== 'list') throw new ImapSyntaxError(`Expected a list for ${what}`);
    return token.items;
  }

  /** Fails when arguments are left over. */
  end(): void {
    if (this.index < this.tokens.length) throw new ImapSyntaxError('Too many arguments');
  }
}

/** An astring (RFC 3501 §9) as bytes: an atom, a quoted string or a literal. */
export function astringBytes(token: ImapToken, what: string): Buffer {
  if (token.type === 'string') return token.value;
  if (token.type === 'atom' && !token.section) return Buffer.from(token.value, 'latin1');
  throw new ImapSyntaxError(`Expected a string for ${what}`);
}

/** RFC 3501 §9 number / RFC 7162 mod-sequence-value: digits only, within 2^63. */
export function numberOf(token: ImapToken, what: string): number {
  if (token.type !== 'atom' || !/^\d{1,19}$/.test(token.value)) throw new ImapSyntaxError(`Expected a number for ${what}`);
  const value = Number(token.value);
  if (!Number.isSafeInteger(value)) throw new ImapSyntaxError(`${what} is too large`);
  return value;
}

/** A flag list, "(\Seen $Label)", or a single flag. */
export function flagsOf(token: ImapToken): string[] {
  const items = token.type === 'list' ? token.items : [token];
  return items.map((item) => {
    if (item.type !== 'atom' || item.section) throw new ImapSyntaxError('Expected a flag');
    return item.value;
  });
}
