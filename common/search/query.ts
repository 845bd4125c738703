/**
 * The search box's language: plain words and operators, parsed into a SearchQuery that both the
 * local search (renderer/cache/search.ts) and the IMAP server search (main/sync/imap/server-search.ts)
 * run. Parsing never throws: what it cannot read is searched as words.
 */

import { terms } from './tokenize';

/** Where a search looks. */
export type SearchScope = 'folder' | 'account' | 'all';

/** A word or quoted phrase, to find (or, `exclude`, to leave out). */
export interface SearchText {
  /** As typed (a phrase without its quotes); matched as terms of common/search/tokenize.ts. */
  text: string;
  /** Quoted, with more than one word: its words must come in this order, next to each other. */
  phrase: boolean;
  exclude: boolean;
}

export type SearchField = 'from' | 'to' | 'cc' | 'subject' | 'body' | 'filename';

export interface SearchQuery {
  /** Words and phrases that may be anywhere: headers, body, attachment names. */
  anywhere: SearchText[];
  /** `from:ann`, `subject:"lunch plans"`, `-from:bob`, `filename:pdf` … */
  fields: Array<SearchText & { field: SearchField }>;
  hasAttachment: boolean | null;
  unread: boolean | null;
  flagged: boolean | null;
  /** `in:folder`: a folder's name or path, as typed (the search matches either, in any case). */
  inFolder: string | null;
  /**
   * Epoch ms of local midnight starting the day typed. `before:` leaves that day out (date <
   * before), `after:` keeps it (date >= after): IMAP's BEFORE and SINCE (RFC 3501 §6.4.4).
   */
  before: number | null;
  after: number | null;
  /** `larger:2M`, in bytes. */
  largerThan: number | null;
  /** Parts the parser could not read, said to the user ("after:tomorrow was not understood"). */
  problems: string[];
}

export function emptyQuery(): SearchQuery {
  return { anywhere: [], fields: [], hasAttachment: null, unread: null, flagged: null, inFolder: null, before: null, after: null, largerThan: null, problems: [] };
}

/** Whether a query asks for anything at all. */
export function isEmptyQuery(query: SearchQuery): boolean {
  return (
    query.anywhere.length === 0 &&
    query.fields.length === 0 &&
    query.hasAttachment === null &&
    query.unread === null &&
    query.flagged === null &&
    query.inFolder === null &&
    query.before === null &&
    query.after === null &&
    query.largerThan === null
  );
}

/** Longest query read: the rest is ignored (the search box's own limit is the same). */
export const MAX_QUERY_LENGTH = 2_000;
/** Most words, phrases and field conditions searched: each is an index lookup. */
export const MAX_SEARCH_TEXTS = 32;
/** Most problems said: a pasted paragraph of colons should not bury the results. */
const MAX_PROBLEMS = 5;

const OPERATORS = new Set(['from', 'to', 'cc', 'subject', 'body', 'filename', 'has', 'is', 'in', 'before', 'after', 'larger']);
/** Address schemes: `https:` in a pasted link is a word, not an operator nobody knows. */
const URL_SCHEMES = new Set(['http', 'https', 'ftp', 'mailto', 'file', 'tel', 'news', 'cid', 'mid', 'data', 'urn']);
const SIZE = /^(\d+(?:[.,]\d+)?)\s*([kmg]?)b?$/i;
const ISO_DAY = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;

/** One piece of the typed text: `-`? then `name:`? then a value, quoted or not. */
interface Piece {
  exclude: boolean;
  operator: string | null;
  value: string;
  quoted: boolean;
  /** As typed, for problems ("after:tomorrow"). */
  raw: string;
}

const isSpace = (char: string): boolean => /\s/u.test(char);

/** A quoted value from `at` (the opening quote): its text and where reading goes on. An unclosed quote runs to the end. */
function readQuoted(text: string, at: number): { value: string; end: number } {
  const close = text.indexOf('"', at + 1);
  if (close === -1) return { value: text.slice(at + 1), end: text.length };
  return { value: text.slice(at + 1, close), end: close + 1 };
}

/** The pieces of a query, left to right; linear in its length. */
function pieces(text: string): Piece[] {
  const out: Piece[] = [];
  let at = 0;
  while (at < text.length) {
    if (isSpace(text[at]!)) {
      at += 1;
      continue;
    }
    const start = at;
    let exclude = false;
    if (text[at] === '-' && at + 1 < text.length && !isSpace(text[at + 1]!)) {
      exclude = true;
      at += 1;
    }
    if (text[at] === '"') {
      const { value, end } = readQuoted(text, at);
      out.push({ exclude, operator: null, value, quoted: true, raw: text.slice(start, end) });
      at = end;
      continue;
    }
    let end = at;
    while (end < text.length && !isSpace(text[end]!) && text[end] !== '"') end += 1;
    const word = text.slice(at, end);
    const operator = /^([a-z]+):/i.exec(word)?.[1]?.toLowerCase() ?? null;
    if (operator !== null && (OPERATORS.has(operator) || !URL_SCHEMES.has(operator))) {
      const valueAt = at + operator.length + 1;
      if (valueAt === end && text[end] === '"') {
        const quoted = readQuoted(text, end);
        out.push({ exclude, operator, value: quoted.value, quoted: true, raw: text.slice(start, quoted.end) });
        at = quoted.end;
        continue;
      }
      out.push({ exclude, operator, value: text.slice(valueAt, end), quoted: false, raw: text.slice(start, end) });
    } else {
      // A word with a quote inside (ab"cd) ends there; the quote starts a phrase.
      out.push({ exclude, operator: null, value: word, quoted: false, raw: text.slice(start, end) });
    }
    at = end;
  }
  return out;
}

/** Local midnight of a day typed as YYYY-MM-DD (or with / or .), `today` or `yesterday`; null if not a real day. */
export function dayStart(value: string, now: number): number | null {
  const word = value.toLowerCase();
  const today = new Date(now);
  today.setHours(0, 0, 0, 0);
  if (word === 'today') return today.getTime();
  if (word === 'yesterday') return new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1).getTime();
  const match = ISO_DAY.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day);
  // new Date(2026, 1, 30) is 2 March: a day that does not exist is refused, not rolled over.
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return null;
  return date.getTime();
}

/** Bytes of `2M`, `500k`, `1.5MB`, `300` (k, M, G are 1,024-fold); null if not a size. */
export function sizeInBytes(value: string): number | null {
  const match = SIZE.exec(value.trim());
  if (!match) return null;
  const factor = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[match[2]!.toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Math.round(Number(match[1]!.replace(',', '.')) * factor);
}

const FIELDS: ReadonlySet<string> = new Set<SearchField>(['from', 'to', 'cc', 'subject', 'body', 'filename']);

/** Applies one operator piece to the query, or says in `problems` why it could not. */
function applyOperator(query: SearchQuery, piece: Piece, now: number): void {
  const operator = piece.operator!;
  const value = piece.value.trim();
  if (!OPERATORS.has(operator)) {
    query.problems.push(`“${operator}:” is not something the search knows: “${piece.raw}” was searched as words.`);
    query.anywhere.push({ text: piece.raw.replace(/^-/, ''), phrase: false, exclude: piece.exclude });
    return;
  }
  if (!value) {
    query.problems.push(`“${operator}:” needs something after it, e.g. ${EXAMPLES[operator] ?? `${operator}:word`}.`);
    return;
  }
  if (FIELDS.has(operator)) {
    query.fields.push({ field: operator as SearchField, text: value, phrase: piece.quoted && /\s/u.test(value), exclude: piece.exclude });
    return;
  }
  const word = value.toLowerCase();
  switch (operator) {
    case 'has':
      if (word === 'attachment' || word === 'attachments' || word === 'attachement') query.hasAttachment = !piece.exclude;
      else query.problems.push(`“${piece.raw}” was not understood: the search knows has:attachment.`);
      return;
    case 'is':
      if (word === 'unread' || word === 'read') query.unread = (word === 'unread') !== piece.exclude;
      else if (word === 'flagged' || word === 'starred') query.flagged = !piece.exclude;
      else if (word === 'unflagged') query.flagged = piece.exclude;
      else query.problems.push(`“${piece.raw}” was not understood: the search knows is:unread, is:read and is:flagged.`);
      return;
    case 'in':
      if (piece.exclude) query.problems.push(`“${piece.raw}” was left out: a search can look in a folder, not around one.`);
      else query.inFolder = value;
      return;
    case 'before':
    case 'after': {
      const start = dayStart(value, now);
      if (start === null) query.problems.push(`“${piece.raw}” was not understood: write the day as 2026-03-31, today or yesterday.`);
      else if (piece.exclude) query.problems.push(`“${piece.raw}” was left out: write ${operator === 'before' ? 'after' : 'before'}: instead.`);
      else if (operator === 'before') query.before = start;
      else query.after = start;
      return;
    }
    case 'larger': {
      const bytes = sizeInBytes(value);
      if (bytes === null) query.problems.push(`“${piece.raw}” was not understood: write a size such as 500k or 2M.`);
      else if (piece.exclude) query.problems.push(`“${piece.raw}” was left out: a search cannot exclude a size.`);
      else query.largerThan = bytes;
      return;
    }
  }
}

const EXAMPLES: Readonly<Record<string, string>> = {
  from: 'from:ann',
  to: 'to:bob@example.com',
  cc: 'cc:carol',
  subject: 'subject:invoice',
  body: 'body:contract',
  filename: 'filename:pdf',
  has: 'has:attachment',
  is: 'is:unread',
  in: 'in:Archive or in:"Old projects"',
  before: 'before:2026-03-31',
  after: 'after:yesterday',
  larger: 'larger:2M',
};

/**
 * Reads what was typed in the search box. Plain words and "quoted phrases" may be anywhere in the
 * message; `-` before a word, a phrase or a field condition leaves out what matches it. Operators
 * (any case: `FROM:ann` is `from:ann`): `from:` `to:` `cc:` `subject:` `body:` `filename:` with a
 * word or a "quoted phrase"; `has:attachment`; `is:unread` `is:read` `is:flagged`; `in:folder`
 * (`in:"Old projects"`); `before:` and `after:` with YYYY-MM-DD, `today` or `yesterday`;
 * `larger:` with `500k`, `2M` or bytes. A colon inside a word that names no operator (`10:30`,
 * `https://…`) keeps it a word. Never throws: what it cannot read is said in `problems`, in plain
 * words, and the rest is searched. Pure: `now` only decides what `today` is.
 */
export function parseQuery(text: string, now: number = Date.now()): SearchQuery {
  const query = emptyQuery();
  const input = text.length > MAX_QUERY_LENGTH ? text.slice(0, MAX_QUERY_LENGTH) : text;
  if (input.length < text.length) query.problems.push(`Only the first ${MAX_QUERY_LENGTH.toLocaleString('en')} characters were searched.`);
  let texts = 0;
  let dropped = 0;
  for (const piece of pieces(input)) {
    const searchesText = piece.operator === null || FIELDS.has(piece.operator) || !OPERATORS.has(piece.operator);
    if (searchesText && texts >= MAX_SEARCH_TEXTS) {
      dropped += 1;
      continue;
    }
    if (piece.operator === null) {
      // Punctuation alone ("-", "…") has no terms: nothing to find.
      if (terms(piece.value).length === 0) continue;
      query.anywhere.push({ text: piece.value, phrase: piece.quoted && /\s/u.test(piece.value.trim()), exclude: piece.exclude });
    } else applyOperator(query, piece, now);
    if (searchesText) texts += 1;
  }
  if (dropped > 0) query.problems.push(`Only the first ${MAX_SEARCH_TEXTS} words were searched; ${dropped} more were left out.`);
  if (query.before !== null && query.after !== null && query.after >= query.before) query.problems.push('Nothing can be both after and before those days: after: is the first day included, before: the first day left out.');
  const problems = [...new Set(query.problems)];
  query.problems = problems.length > MAX_PROBLEMS ? [...problems.slice(0, MAX_PROBLEMS - 1), `And ${problems.length - MAX_PROBLEMS + 1} more parts were not understood.`] : problems;
  return query;
}

/** The words and phrases of a query that the list and the reader highlight (excluded ones are not). */
export function highlightTexts(query: SearchQuery): string[] {
  return [...query.anywhere, ...query.fields.filter((f) => f.field !== 'filename')].filter((t) => !t.exclude).map((t) => t.text);
}

/** `after`'s and `before`'s day, for a server that searches by day (IMAP SINCE and BEFORE, RFC 3501 §6.4.4). */
export function dayOf(epochMs: number): { year: number; month: number; day: number } {
  const date = new Date(epochMs);
  return { year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() };
}
