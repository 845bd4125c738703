import { isListedAttachment, type BodyRecord, type MailAddress, type MessageRecord } from '../../common/model/mail';
import { highlightTexts, type SearchField, type SearchQuery, type SearchText } from '../../common/search/query';
import { isCjkTerm, terms } from '../../common/search/tokenize';

/**
 * How the local search decides that a message matches a query's words, once the index has named
 * it a candidate: the same rules the index answers by (common/search/tokenize.ts terms; a Latin
 * term matches as a prefix, a CJK pair of characters exactly), applied to the message's own fields.
 */

/** Characters of a body read to check a phrase or `body:` (the index reads no more either). */
const MAX_BODY_CHARS = 100_000;

/** Whether a query term matches only itself: a CJK pair of characters (the index holds such pairs, not words). */
export function isExactTerm(term: string): boolean {
  return isCjkTerm(term) && [...term].length === 2;
}

/** Whether an indexed (or field) term matches a term of the query: CJK pairs exactly, the rest as a prefix. */
export function termMatches(indexed: string, wanted: string): boolean {
  return isExactTerm(wanted) ? indexed === wanted : indexed.startsWith(wanted);
}

/**
 * Whether `haystack` (a text's terms, in order) has every term of `needle`: anywhere, or for a
 * phrase, one after the other. In a phrase only the last term may be the start of a word
 * ("lunch pla" finds "lunch plans").
 */
export function hasTerms(haystack: readonly string[], needle: readonly string[], phrase: boolean): boolean {
  if (needle.length === 0) return true;
  if (!phrase) return needle.every((wanted) => haystack.some((term) => termMatches(term, wanted)));
  const last = needle.length - 1;
  for (let start = 0; start + last < haystack.length; start++) {
    let all = true;
    for (let i = 0; i <= last && all; i++) {
      const term = haystack[start + i]!;
      all = i === last ? termMatches(term, needle[i]!) : term === needle[i];
    }
    if (all) return true;
  }
  return false;
}

/** A query text's terms, as the index has them. */
export function textTerms(text: SearchText): string[] {
  return terms(text.text);
}

const addressText = (list: readonly MailAddress[]): string => list.map((a) => `${a.name} ${a.address}`).join(' ');

/** Tags and entities out: the words of an HTML body whose parser left no text part. */
function roughText(html: string): string {
  return html
    .slice(0, MAX_BODY_CHARS * 4)
    .replace(/<(script|style)[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&amp;/gi, '&');
}

/** A body's readable text, bounded. */
export function bodyText(body: BodyRecord): string {
  return (body.text || (body.html ? roughText(body.html) : '')).slice(0, MAX_BODY_CHARS);
}

/** The terms of one field of a message (null: the body is needed and was not given). */
function fieldTerms(field: SearchField, message: MessageRecord, body: BodyRecord | null): string[] | null {
  switch (field) {
    case 'from':
      return terms(addressText(message.from));
    case 'to':
      return terms(addressText(message.to));
    case 'cc':
      return terms(addressText(message.cc));
    case 'subject':
      return terms(message.subject);
    case 'body':
      return body ? terms(bodyText(body)) : null;
    case 'filename':
      return body ? terms(body.attachments.filter(isListedAttachment).map((a) => a.filename).join(' ')) : null;
    default: {
      const never: never = field;
      return never;
    }
  }
}

/** Whether a query needs a message's body to decide (phrases, `body:`, `filename:`). */
export function needsBody(query: SearchQuery): boolean {
  return query.anywhere.some((t) => t.phrase) || query.fields.some((f) => f.field === 'body' || f.field === 'filename');
}

/** Everything a phrase may be found in: the headers, then the body when it is cached. */
function everywhereTerms(message: MessageRecord, body: BodyRecord | null): string[][] {
  const texts = [message.subject, addressText(message.from), addressText(message.to), addressText(message.cc), message.snippet];
  if (body) texts.push(bodyText(body), body.attachments.map((a) => a.filename).join(' '));
  return texts.map(terms);
}

/**
 * Whether a message (and its body, when the query needs it and it is cached) passes the query's
 * conditions other than its plain words, which the index already answered: fields, phrases, flags,
 * dates, size, attachments. Without a body, what needs one does not match (the server may find it).
 */
export function passesFilters(query: SearchQuery, message: MessageRecord, body: BodyRecord | null): boolean {
  if (query.unread !== null && (message.seen === 0) !== query.unread) return false;
  if (query.flagged !== null && (message.flagged === 1) !== query.flagged) return false;
  if (query.hasAttachment !== null && message.hasAttachments !== query.hasAttachment) return false;
  if (query.after !== null && !(message.date >= query.after)) return false;
  if (query.before !== null && !(message.date < query.before)) return false;
  if (query.largerThan !== null && !(message.size > query.largerThan)) return false;
  for (const condition of query.fields) {
    const haystack = fieldTerms(condition.field, message, body);
    const found = haystack !== null && hasTerms(haystack, textTerms(condition), condition.phrase);
    if (found === condition.exclude) return false;
  }
  let everywhere: string[][] | null = null;
  for (const text of query.anywhere) {
    if (!text.phrase) continue;
    everywhere ??= everywhereTerms(message, body);
    const needle = textTerms(text);
    const found = everywhere.some((haystack) => hasTerms(haystack, needle, true));
    if (found === text.exclude) return false;
  }
  return true;
}

/** The terms a message must have in the index: every word and phrase searched for (not those left out). */
export function requiredTerms(query: SearchQuery): string[] {
  const wanted = [...query.anywhere, ...query.fields].filter((t) => !t.exclude);
  return [...new Set(wanted.flatMap(textTerms))];
}

/** The terms a query's results are highlighted by: its words, phrases and fields, not what it leaves out. */
export function highlightTerms(query: SearchQuery): string[] {
  return [...new Set(highlightTexts(query).flatMap((text) => terms(text)))];
}
