import type { SearchObject } from 'imapflow';
import type { ServerSearchNote } from '../../../common/commands/mail-commands';
import type { MessageRecord } from '../../../common/model/mail';
import type { SearchConditions, SearchField, SearchText } from '../../../common/search/query';

const DAY_MS = 24 * 60 * 60 * 1000;
/** RFC 3501 §9: a SEARCH size is a 32-bit number; no message is larger, so this finds none. */
const MAX_SIZE = 4_294_967_295;
/**
 * Search keys sent to the server at most. Each key after the first nests one parenthesized level
 * deeper (see `allOf`); a search box of a thousand words would make a command no server parses,
 * and leaving words out would list messages that do not match.
 */
export const MAX_SERVER_TERMS = 40;

/** A query as the server can run it, and what the hits' headers are checked against afterwards. */
export interface ServerCriteria {
  /** imapflow's search object (compiled to UID SEARCH keys, CHARSET UTF-8 for non-ASCII text). */
  search: SearchObject;
  /**
   * Whether a hit's header satisfies what SEARCH can only approximate: dates (the server compares
   * whole days), `has:attachment` (a Content-Type header stands in), `filename:` (a text match).
   */
  keeps(record: MessageRecord): boolean;
  /** What the server could not search exactly, shown beside the results. */
  notes: ServerSearchNote[];
  /** How many search keys the query has; more than MAX_SERVER_TERMS are not sent (searchOnServer says so). */
  termCount: number;
}

const FIELD_KEYS: Record<Exclude<SearchField, 'filename'>, 'from' | 'to' | 'cc' | 'subject' | 'body'> = { from: 'from', to: 'to', cc: 'cc', subject: 'subject', body: 'body' };

function term(key: 'text' | 'from' | 'to' | 'cc' | 'subject' | 'body', item: SearchText): SearchObject {
  const positive: SearchObject = { [key]: item.text };
  return item.exclude ? { not: positive } : positive;
}

/**
 * Every term must match. imapflow's search object holds one value per key, so the terms are
 * chained through a one-operand `or`, which imapflow compiles to just its operand (parenthesized
 * when it has several keys, RFC 3501 §6.4.4 "(" search-key ")"): `TEXT a (TEXT b (TEXT c))`.
 */
export function allOf(terms: SearchObject[]): SearchObject {
  const [first, ...rest] = terms;
  if (!first) return {};
  return rest.length ? { ...first, or: [allOf(rest)] } : first;
}

/**
 * The query as UID SEARCH keys (RFC 3501 §6.4.4), or null when nothing in it is for the server
 * (an empty query, or only `in:`). Words and phrases go to TEXT (headers and body, as the local
 * index covers both), fields to their keys, `-` to NOT.
 *
 * Dates: SENTBEFORE/SENTSINCE compare the Date header's day as written, ignoring time and zone
 * (§6.4.4), so a day boundary in the user's zone can be a day off on the server. The range sent
 * is widened by a day on each side (imapflow rounds SENTSINCE down to its UTC day and SENTBEFORE
 * up to the next), and each hit's header date is then checked exactly (`keeps`). The Date header,
 * not INTERNALDATE (BEFORE/SINCE, or WITHIN's OLDER/YOUNGER), because the list shows and the local
 * search filters on the Date header.
 */
export function serverCriteria(query: SearchConditions): ServerCriteria | null {
  const terms: SearchObject[] = [];
  const checks: Array<(record: MessageRecord) => boolean> = [];
  const notes: ServerSearchNote[] = [];
  for (const item of query.anywhere) if (item.text) terms.push(term('text', item));
  for (const field of query.fields) {
    if (!field.text) continue;
    if (field.field === 'filename') {
      // No SEARCH key names an attachment: the name is in a part's Content-Disposition or
      // Content-Type header, inside the body, which TEXT covers on servers that search MIME part
      // headers (Dovecot does). A name in RFC 2231 encoding (filename*=utf-8''…) is not found.
      terms.push(term('text', field));
      if (!field.exclude) checks.push((record) => record.hasAttachments);
      // Excluded, the text match only leaves out more than asked; the note speaks of what is found.
      if (!field.exclude) notes.push({ kind: 'filenameAsText', name: field.text });
      continue;
    }
    terms.push(term(FIELD_KEYS[field.field], field));
  }
  if (query.unread !== null) terms.push({ seen: !query.unread });
  if (query.flagged !== null) terms.push({ flagged: query.flagged });
  if (query.hasAttachment === true) {
    // Most mail with attachments is multipart/mixed; the header's BODYSTRUCTURE answer decides.
    terms.push({ header: { 'content-type': 'multipart/mixed' } });
    notes.push({ kind: 'attachmentByType' });
  }
  if (query.hasAttachment !== null) {
    const wanted = query.hasAttachment;
    checks.push((record) => record.hasAttachments === wanted);
  }
  if (query.before !== null) {
    const before = query.before;
    terms.push({ sentBefore: new Date(before + DAY_MS) });
    checks.push((record) => record.date < before);
  }
  if (query.after !== null) {
    const after = query.after;
    terms.push({ sentSince: new Date(after - DAY_MS) });
    checks.push((record) => record.date >= after);
  }
  if (query.largerThan !== null) terms.push({ larger: Math.min(Math.max(0, Math.floor(query.largerThan)), MAX_SIZE) });
  if (terms.length === 0) return null;
  return {
    search: allOf(terms),
    keeps: (record) => checks.every((check) => check(record)),
    notes,
    termCount: terms.length,
  };
}
