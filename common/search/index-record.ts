/**
 * A device cache's local search index: each message's terms in a `searchTerms` record, written only
 * by the cache host (renderer/cache-host/index-ops.ts), in the same transaction as the messages and
 * bodies they describe. Every message of the cache has one, except those cached before the index
 * existed, until the host's background build reaches them.
 *
 * A terms record is kept under a number of its own (`doc`), which the host gives the message
 * record when it is first stored (`MessageRecord.searchDoc`), not under the message's id: a
 * message's id changes when it moves (a switch between POP and IMAP re-keys thousands at once), a
 * record under a new key is a record written again, with every term's index entry, and the
 * message record is written anew in a move anyway (bench/results/switch-mode-harness.md).
 */
export interface SearchTermsRecord {
  /** The number its message record carries (`MessageRecord.searchDoc`), given by the cache host. */
  doc: number;
  /**
   * Each term once, in a multi-entry index, so a word is an index range, not a scan: every term of
   * the message anywhere (headers, body, attachment names), and again, tagged by `fieldTerm`, the
   * terms of its sender, subject and attachment names, so `from:ann` is one range too and does not
   * read every body that says "annual" (recipients are not tagged: the user's own address is in
   * nearly every message's To; `to:` and `cc:` narrow by the plain term, then the record).
   * Headers come first; at most DEFAULT_TERM_LIMITS.maxTerms (common/search/tokenize.ts) in all.
   */
  terms: string[];
  /** 1 once the body's words (and its attachments' names) are in `terms` (IndexedDB cannot index booleans). */
  hasBody: 0 | 1;
}

/** What the index holds of one message, as the cache host makes it. */
export type IndexEntry = Omit<SearchTermsRecord, 'doc'>;

/** The parts of a message a field term can name (`to` and `cc` are read for plain terms only). */
export type IndexedField = 'from' | 'to' | 'cc' | 'subject' | 'filename';

/** The fields whose terms are also stored tagged (see `fieldTerm`). */
export const TAGGED_FIELDS: ReadonlySet<IndexedField> = new Set(['from', 'subject', 'filename']);

/**
 * A term tagged with the field it was found in: `FROM:ann`. Plain terms are folded to lower case,
 * so no plain term, nor the prefix range of one, ever reaches a tagged one.
 */
export function fieldTerm(field: IndexedField, term: string): string {
  return `${field.toUpperCase()}:${term}`;
}

/** Whether an indexed term is tagged with a field (see `fieldTerm`). */
export function isFieldTerm(term: string): boolean {
  return /^[A-Z]+:/.test(term);
}
