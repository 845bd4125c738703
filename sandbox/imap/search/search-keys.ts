import { astringBytes, numberOf } from '../arguments';
import { parseSequenceSet } from '../sequence-set';
import { ImapSyntaxError, type ImapToken } from '../tokenizer';

/** A parsed SEARCH criterion (RFC 3501 §6.4.4, RFC 7162 §3.1.5 MODSEQ). */
export type SearchKey =
  | { op: 'all' }
  | { op: 'none' }
  | { op: 'flag'; flag: string; present: boolean }
  | { op: 'sequence'; set: string }
  | { op: 'uid'; set: string }
  | { op: 'header'; field: string; value: string }
  | { op: 'body' | 'text'; value: string }
  | { op: 'internal-date' | 'sent-date'; compare: 'before' | 'on' | 'since'; day: number }
  | { op: 'size'; compare: 'larger' | 'smaller'; size: number }
  | { op: 'modseq'; modseq: number }
  | { op: 'not'; key: SearchKey }
  | { op: 'or'; left: SearchKey; right: SearchKey }
  | { op: 'and'; keys: SearchKey[] };

const FLAG_KEYS: Record<string, [string, boolean]> = {
  ANSWERED: ['\\Answered', true],
  DELETED: ['\\Deleted', true],
  DRAFT: ['\\Draft', true],
  FLAGGED: ['\\Flagged', true],
  SEEN: ['\\Seen', true],
  UNANSWERED: ['\\Answered', false],
  UNDELETED: ['\\Deleted', false],
  UNDRAFT: ['\\Draft', false],
  UNFLAGGED: ['\\Flagged', false],
  UNSEEN: ['\\Seen', false],
};
const ADDRESS_KEYS = new Set(['FROM', 'TO', 'CC', 'BCC', 'SUBJECT']);
const DATE_KEYS: Record<string, ['internal-date' | 'sent-date', 'before' | 'on' | 'since']> = {
  BEFORE: ['internal-date', 'before'],
  ON: ['internal-date', 'on'],
  SINCE: ['internal-date', 'since'],
  SENTBEFORE: ['sent-date', 'before'],
  SENTON: ['sent-date', 'on'],
  SENTSINCE: ['sent-date', 'since'],
};
/**
 * How deep NOT, OR and parentheses may nest in one SEARCH. RFC 3501 sets no limit; a few thousand
 * levels would exhaust the stack here and in the matcher, so deeper is a syntax error (BAD).
 */
const MAX_SEARCH_DEPTH = 100;
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** RFC 3501 §9 date ("1-Feb-1994") as days since the epoch. */
function dayOf(token: ImapToken): number {
  const text = astringBytes(token, 'date').toString('latin1');
  const match = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})$/.exec(text);
  const month = match ? MONTHS.indexOf(match[2]!.toUpperCase()) : -1;
  if (!match || month < 0) throw new ImapSyntaxError('Invalid search date');
  return Date.UTC(Number(match[3]), month, Number(match[1])) / 86_400_000;
}

/** Reads search keys from tokens, decoding strings in the command's charset. */
export class SearchKeyReader {
  private index = 0;

  constructor(
    private readonly tokens: readonly ImapToken[],
    private readonly decode: (bytes: Buffer) => string,
    private readonly depth = 0,
  ) {}

  /** All remaining keys, ANDed. */
  readAll(): SearchKey {
    const keys: SearchKey[] = [];
    while (this.index < this.tokens.length) keys.push(this.readKey());
    if (keys.length === 0) throw new ImapSyntaxError('Missing search criteria');
    return keys.length === 1 ? keys[0]! : { op: 'and', keys };
  }

  private next(what: string): ImapToken {
    const token = this.tokens[this.index];
    if (!token) throw new ImapSyntaxError(`Missing ${what}`);
    this.index += 1;
    return token;
  }

  private text(what: string): string {
    return this.decode(astringBytes(this.next(what), what));
  }

  private readKey(depth = this.depth): SearchKey {
    if (depth > MAX_SEARCH_DEPTH) throw new ImapSyntaxError(`Search criteria nested more than ${MAX_SEARCH_DEPTH} levels deep`);
    const token = this.next('search key');
    if (token.type === 'list') return new SearchKeyReader(token.items, this.decode, depth + 1).readAll();
    if (token.type !== 'atom') throw new ImapSyntaxError('Expected a search key');
    const name = token.value.toUpperCase();
    if (parseSequenceSet(token.value, 1) !== null) return { op: 'sequence', set: token.value };
    const flag = FLAG_KEYS[name];
    if (flag) return { op: 'flag', flag: flag[0], present: flag[1] };
    const date = DATE_KEYS[name];
    if (date) return { op: date[0], compare: date[1], day: dayOf(this.next('date')) };
    if (ADDRESS_KEYS.has(name)) return { op: 'header', field: name.toLowerCase(), value: this.text(name) };
    switch (name) {
      case 'ALL':
      case 'OLD':
        return { op: 'all' };
      // The sandbox keeps no \Recent: no message is recent, so none is new.
      case 'NEW':
      case 'RECENT':
        return { op: 'none' };
      case 'KEYWORD':
      case 'UNKEYWORD':
        return { op: 'flag', flag: astringBytes(this.next('keyword'), 'keyword').toString('latin1'), present: name === 'KEYWORD' };
      case 'HEADER': {
        const field = this.text('header field name').toLowerCase();
        return { op: 'header', field, value: this.text('header value') };
      }
      case 'BODY':
      case 'TEXT':
        return { op: name === 'BODY' ? 'body' : 'text', value: this.text(name) };
      case 'LARGER':
      case 'SMALLER':
        return { op: 'size', compare: name === 'LARGER' ? 'larger' : 'smaller', size: numberOf(this.next('size'), 'size') };
      case 'UID': {
        const set = this.next('UID set');
        if (set.type !== 'atom' || parseSequenceSet(set.value, 1) === null) throw new ImapSyntaxError('Invalid UID set');
        return { op: 'uid', set: set.value };
      }
      case 'NOT':
        return { op: 'not', key: this.readKey(depth + 1) };
      case 'OR': {
        const left = this.readKey(depth + 1);
        return { op: 'or', left, right: this.readKey(depth + 1) };
      }
      case 'MODSEQ': {
        // RFC 7162 §3.1.5: MODSEQ [entry-name entry-type-req] mod-sequence-value.
        if (this.tokens[this.index]?.type === 'string') this.index += 2;
        return { op: 'modseq', modseq: numberOf(this.next('mod-sequence'), 'mod-sequence') };
      }
      default:
        throw new ImapSyntaxError(`Unknown search key ${name.slice(0, 30)}`);
    }
  }
}

/** Whether a key (anywhere in the tree) is a MODSEQ criterion: the answer then carries MODSEQ. */
export function usesModseq(key: SearchKey): boolean {
  switch (key.op) {
    case 'modseq':
      return true;
    case 'not':
      return usesModseq(key.key);
    case 'or':
      return usesModseq(key.left) || usesModseq(key.right);
    case 'and':
      return key.keys.some(usesModseq);
    default:
      return false;
  }
}
