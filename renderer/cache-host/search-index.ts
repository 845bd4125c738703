import { isListedAttachment, type BodyRecord, type MailAddress, type MessageRecord } from '../../common/model/mail';
import { TAGGED_FIELDS, fieldTerm, type IndexEntry, type IndexedField } from '../../common/search/index-record';
import { DEFAULT_TERM_LIMITS, distinctTerms, terms, type TermLimits } from '../../common/search/tokenize';
import { htmlToText } from './html-to-text';

/**
 * What a message is found by in the local search (common/search/index-record.ts): the terms of its
 * headers, body and attachment names, plain and (headers, names) tagged by field. Pure: the cache
 * host's operations (apply-ops.ts) and its background build (index-build.ts) store what this makes.
 */

/** Recipients read at most per field: a list mail to 3,000 people is found by its first ones. */
const MAX_ADDRESSES = 50;

/** The words of an address list: names and addresses (an address also gives its parts, see tokenize.ts). */
function addressTexts(addresses: MailAddress[]): string[] {
  return addresses.slice(0, MAX_ADDRESSES).flatMap((a) => [a.name, a.address]);
}

/** The header texts of a message by field, in the order their terms are kept. */
function headerFields(message: MessageRecord): Array<[IndexedField, string[]]> {
  return [
    ['from', addressTexts(message.from)],
    ['subject', [message.subject]],
    ['to', addressTexts(message.to)],
    ['cc', addressTexts(message.cc)],
  ];
}

/** The names of a body's attachments a user sees listed (not the images an HTML body shows in place). */
function attachmentNames(body: BodyRecord): string[] {
  return body.attachments.filter(isListedAttachment).map((a) => a.filename);
}

/** A body's text: the text part, or its HTML made text when the parser left the text empty. */
function bodyText(body: BodyRecord, limits: TermLimits): string {
  if (body.text) return body.text;
  // Tags and entities take room: read more HTML than text, but still a bounded amount.
  return body.html ? htmlToText(body.html.slice(0, limits.maxCharsPerText * 4)) : '';
}

/**
 * The terms of one message: headers first (plain, then tagged by field), then, when its body is
 * given, the body's text and the attachment names (tagged too). At most `limits.maxTerms`.
 */
export function messageTerms(message: MessageRecord, body?: BodyRecord, limits: TermLimits = DEFAULT_TERM_LIMITS): string[] {
  const out = new Set<string>();
  const add = (term: string): boolean => {
    out.add(term);
    return out.size < limits.maxTerms;
  };
  const names = body ? attachmentNames(body) : [];
  // Tagged terms are added beside their plain ones, so the cap never keeps one kind without the other.
  const fields: Array<[IndexedField, string[]]> = [...headerFields(message), ['filename', names]];
  for (const [field, texts] of fields) {
    const tagged = TAGGED_FIELDS.has(field);
    for (const text of texts) {
      for (const term of terms(text.slice(0, limits.maxCharsPerText))) {
        if (!add(term) || (tagged && !add(fieldTerm(field, term)))) return [...out];
      }
    }
  }
  distinctTerms([message.snippet, ...(body ? [bodyText(body, limits)] : [])], limits, out);
  return [...out];
}

/** A message's index entry: its headers' terms, and its body's when the body is given. */
export function indexEntryOf(message: MessageRecord, body?: BodyRecord, limits: TermLimits = DEFAULT_TERM_LIMITS): IndexEntry {
  return { terms: messageTerms(message, body, limits), hasBody: body ? 1 : 0 };
}

/**
 * A message's entry after its header record was stored again (a resync, a switch): the new
 * headers' terms, keeping the body's terms the old entry had (the body is not read again; a
 * message's id names the same content, so the old terms are still its terms).
 */
export function withNewHeaders(message: MessageRecord, previous: IndexEntry | undefined, limits: TermLimits = DEFAULT_TERM_LIMITS): IndexEntry {
  const fresh = indexEntryOf(message, undefined, limits);
  if (!previous?.hasBody) return fresh;
  const merged = new Set(fresh.terms);
  for (const term of previous.terms) {
    if (merged.size >= limits.maxTerms) break;
    merged.add(term);
  }
  return { terms: [...merged], hasBody: 1 };
}
