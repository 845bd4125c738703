/**
 * One message's entry in a device cache's local search index (the `searchIndex` table): the terms
 * (common/search/tokenize.ts) of its headers, and of its body and attachment names once its body is
 * cached. Written only by the cache host (renderer/cache-host/search-index.ts), in the same
 * transaction as the message and body it describes. Every message of the cache has one, except
 * those cached before the index existed, until the host's background build reaches them.
 */
export interface SearchIndexRecord {
  /** The message's cache id. */
  messageId: string;
  folderId: string;
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
