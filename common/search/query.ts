/**
 * The search box's language: plain words and operators, parsed into the conditions that both the
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

/** What a query asks for: the conditions every search runs (the local one and the server's). */
export interface SearchConditions {
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
}

/** An operator of the search box's language (`from:`, `is:` …). */
export type SearchOperator = 'from' | 'to' | 'cc' | 'subject' | 'body' | 'filename' | 'has' | 'is' | 'in' | 'before' | 'after' | 'larger';

/**
 * A part of the typed text the parser could not read, as a code with its values; the renderer
 * says it in the language shown (renderer/i18n/search-problems.ts). `raw`: the part as typed
 * ("after:tomorrow").
 */
export type QueryProblem =
  /** `form:ann`: searched as words. `operator`: as typed, lower case, without its colon. */
  | { kind: 'unknown-operator'; operator: string; raw: string }
  /** `from:` with nothing after it. */
  | { kind: 'missing-value'; operator: SearchOperator }
  /** `has:` with anything but attachment. */
  | { kind: 'unknown-has'; raw: string }
  /** `is:` with anything but unread, read or flagged. */
  | { kind: 'unknown-is'; raw: string }
  /** `before:`/`after:` with what is not a day. */
  | { kind: 'not-a-day'; raw: string }
  /** `-before:`, `-after:`: write the other one (`instead`). */
  | { kind: 'excluded-day'; raw: string; instead: 'before' | 'after' }
  /** `-in:`: a search looks in a folder, not around one. */
  | { kind: 'excluded-folder'; raw: string }
  /** `larger:` with what is not a size. */
  | { kind: 'not-a-size'; raw: string }
  /** `-larger:`: a size cannot be excluded. */
  | { kind: 'excluded-size'; raw: string }
  /** The text was longer than `searched` characters: the rest was not read. */
  | { kind: 'query-cut'; searched: number }
  /** More than `searched` words, phrases and field conditions: `dropped` were left out. */
  | { kind: 'texts-dropped'; searched: number; dropped: number }
  /** `after:` on or after `before:`: nothing can match. */
  | { kind: 'days-exclude-each-other' }
  /** The last problem said, when there are too many: `count` more were not said. */
  | { kind: 'more-problems'; count: number };

/** The parser's answer: the conditions, and what it could not read (`problems`, as codes). */
export interface ParsedQuery extends SearchConditions {
  problems: QueryProblem[];
}

/**
 * A query as the renderer searches and shows it: the conditions, and the parser's problems in
 * the words of the language shown (renderer/i18n/search-problems.ts `wordQuery`), to which the
 * local search adds its own ("No folder is called …").
 */
export interface SearchQuery extends SearchConditions {
  problems: string[];
}

/** A query that asks for nothing and has no problems: a ParsedQuery and a SearchQuery alike. */
export function emptyQuery(): SearchConditions & { problems: never[] } {
  return { anywhere: [], fields: [], hasAttachment: null, unread: null, flagged: null, inFolder: null, before: null, after: null, largerThan: null, problems: [] };
}

/** Whether a query asks for anything at all. */
export function isEmptyQuery(query: SearchConditions): boolean {
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

const OPERATORS: ReadonlySet<string> = new Set<SearchOperator>(['from', 'to', 'cc', 'subject', 'body', 'filename', 'has', 'is', 'in', 'before', 'after', 'larger']);
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

const isOperator = (name: string): name is SearchOperator => OPERATORS.has(name);

/** Applies one operator piece to the query, or says in `problems` why it could not. */
function applyOperator(query: ParsedQuery, piece: Piece, now: number): void {
  const operator = piece.operator!;
  const value = piece.value.trim();
  const raw = piece.raw;
  if (!isOperator(operator)) {
    query.problems.push({ kind: 'unknown-operator', operator, raw });
    query.anywhere.push({ text: raw.replace(/^-/, ''), phrase: false, exclude: piece.exclude });
    return;
  }
  const known = operator;
  if (!value) {
    query.problems.push({ kind: 'missing-value', operator: known });
    return;
  }
  if (FIELDS.has(known)) {
    query.fields.push({ field: known as SearchField, text: value, phrase: piece.quoted && /\s/u.test(value), exclude: piece.exclude });
    return;
  }
  const word = value.toLowerCase();
  switch (known) {
    case 'has':
      if (word === 'attachment' || word === 'attachments' || word === 'attachement') query.hasAttachment = !piece.exclude;
      else query.problems.push({ kind: 'unknown-has', raw });
      return;
    case 'is':
      if (word === 'unread' || word === 'read') query.unread = (word === 'unread') !== piece.exclude;
      else if (word === 'flagged' || word === 'starred') query.flagged = !piece.exclude;
      else if (word === 'unflagged') query.flagged = piece.exclude;
      else query.problems.push({ kind: 'unknown-is', raw });
      return;
    case 'in':
      if (piece.exclude) query.problems.push({ kind: 'excluded-folder', raw });
      else query.inFolder = value;
      return;
    case 'before':
    case 'after': {
      const start = dayStart(value, now);
      if (start === null) query.problems.push({ kind: 'not-a-day', raw });
      else if (piece.exclude) query.problems.push({ kind: 'excluded-day', raw, instead: known === 'before' ? 'after' : 'before' });
      else if (known === 'before') query.before = start;
      else query.after = start;
      return;
    }
    case 'larger': {
      const bytes = sizeInBytes(value);
      if (bytes === null) query.problems.push({ kind: 'not-a-size', raw });
      else if (piece.exclude) query.problems.push({ kind: 'excluded-size', raw });
      else query.largerThan = bytes;
      return;
    }
  }
}

/** The problems once each, in order (a pasted text can repeat one part many times). */
function distinct(problems: readonly QueryProblem[]): QueryProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = JSON.stringify(problem);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Reads what was typed in the search box. Plain words and "quoted phrases" may be anywhere in the
 * message; `-` before a word, a phrase or a field condition leaves out what matches it. Operators
 * (any case: `FROM:ann` is `from:ann`): `from:` `to:` `cc:` `subject:` `body:` `filename:` with a
 * word or a "quoted phrase"; `has:attachment`; `is:unread` `is:read` `is:flagged`; `in:folder`
 * (`in:"Old projects"`); `before:` and `after:` with YYYY-MM-DD, `today` or `yesterday`;
 * `larger:` with `500k`, `2M` or bytes. A colon inside a word that names no operator (`10:30`,
 * `https://…`) keeps it a word. Never throws: what it cannot read is in `problems`, as codes with
 * their values (the renderer says them), and the rest is searched. Pure: `now` only decides what
 * `today` is.
 */
export function parseQuery(text: string, now: number = Date.now()): ParsedQuery {
  const query: ParsedQuery = emptyQuery();
  const input = text.length > MAX_QUERY_LENGTH ? text.slice(0, MAX_QUERY_LENGTH) : text;
  if (input.length < text.length) query.problems.push({ kind: 'query-cut', searched: MAX_QUERY_LENGTH });
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
  if (dropped > 0) query.problems.push({ kind: 'texts-dropped', searched: MAX_SEARCH_TEXTS, dropped });
  if (query.before !== null && query.after !== null && query.after >= query.before) query.problems.push({ kind: 'days-exclude-each-other' });
  const problems = distinct(query.problems);
  query.problems = problems.length > MAX_PROBLEMS ? [...problems.slice(0, MAX_PROBLEMS - 1), { kind: 'more-problems', count: problems.length - MAX_PROBLEMS + 1 }] : problems;
  return query;
}

/** The words and phrases of a query that the list and the reader highlight (excluded ones are not). */
export function highlightTexts(query: SearchConditions): string[] {
  return [...query.anywhere, ...query.fields.filter((f) => f.field !== 'filename')].filter((t) => !t.exclude).map((t) => t.text);
}

/** `after`'s and `before`'s day, for a server that searches by day (IMAP SINCE and BEFORE, RFC 3501 §6.4.4). */
export function dayOf(epochMs: number): { year: number; month: number; day: number } {
  const date = new Date(epochMs);
  return { year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() };
}
