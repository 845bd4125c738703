import type { FetchMessageObject, ImapFlow } from 'imapflow';
import type { MessageRecord, UnreadableReason } from '../../../common/model/mail';
import { snippetOfBrokenMultipart } from '../../mime/broken-multipart-snippet';
import { decodeCharset, decodeTransfer, htmlToPlainText, makeSnippet } from '../../../node-lib/text-decoding';
import { refusedResponses } from '../../protocols/imap/imap-connection';
import { findSnippetPart, toMessageRecord, type SnippetPart } from '../../protocols/imap/header-mapping';
import { toSequenceSet } from '../uid-set';
import { searchUids } from './search-uids';
import { unreadableRecord } from './unreadable-record';
import type { ResponseIsolation } from './response-isolation';

const SNIPPET_BYTES = 600;

export interface FetchedHeaders {
  records: MessageRecord[];
  /** Highest MODSEQ among the fetched messages (CONDSTORE), as a decimal string. */
  highestModseq: bigint | null;
}

/**
 * Headers of the given UIDs in the selected mailbox, with a short snippet each. The snippet is
 * the first bytes of the first text part, fetched in one extra FETCH per distinct part number
 * (usually one or two per batch), decoded with the part's transfer encoding and charset.
 *
 * A message whose answer the server breaks never blocks the others: UIDs already found
 * unreadable come back as records with a `problem` (see ResponseIsolation), a suspect set is
 * fetched in halves, and a row the parser refused is narrowed down on this same connection.
 */
export async function fetchHeaders(client: ImapFlow, folderId: string, uids: number[] | string, isolation: ResponseIsolation): Promise<FetchedHeaders> {
  const problems: MessageRecord[] = [];
  const fetched = typeof uids === 'string' && !isolation.mustListRange(folderId) ? await fetchRange(client, folderId, uids, isolation, problems) : await fetchListed(client, folderId, uids, isolation, problems);
  let highestModseq: bigint | null = null;
  for (const message of fetched) {
    if (message.modseq !== undefined && (highestModseq === null || message.modseq > highestModseq)) highestModseq = message.modseq;
  }
  const snippets = await fetchSnippets(client, folderId, fetched, isolation);
  return { records: [...fetched.map((m) => toMessageRecord(folderId, m, snippets.get(m.uid) ?? '')), ...problems], highestModseq };
}

/**
 * A range ("6:*", new mail) in one FETCH, without listing its UIDs first: the usual case costs no
 * UID SEARCH. If the parser refused a row, the range's UIDs are listed to find the missing ones.
 */
async function fetchRange(client: ImapFlow, folderId: string, range: string, isolation: ResponseIsolation, problems: MessageRecord[]): Promise<FetchMessageObject[]> {
  const refusedBefore = refusedResponses(client).count;
  const rows = await isolation.onTheWire(folderId, [], () => fetchRows(client, range), range);
  if (refusedResponses(client).count === refusedBefore) return rows;
  const returned = new Set(rows.map((row) => row.uid));
  const missing = (await searchUids(client, range)).filter((uid) => !returned.has(uid));
  return [...rows, ...(missing.length ? await fetchListed(client, folderId, missing, isolation, problems) : [])];
}

/** Listed UIDs (a range is listed first), in the chunks ResponseIsolation plans. */
async function fetchListed(client: ImapFlow, folderId: string, uids: number[] | string, isolation: ResponseIsolation, problems: MessageRecord[]): Promise<FetchMessageObject[]> {
  const listed = typeof uids === 'string' ? await searchUids(client, uids) : uids;
  if (typeof uids === 'string') isolation.rangeListed(folderId, listed);
  const known = isolation.unreadableIn(folderId);
  problems.push(...listed.filter((uid) => known.has(uid)).map((uid) => unreadableRecord(folderId, uid, known.get(uid)!, Date.now())));
  const fetched: FetchMessageObject[] = [];
  for (const chunk of isolation.plan(folderId, listed.filter((uid) => !known.has(uid)))) fetched.push(...(await fetchRowsIsolating(client, folderId, chunk, isolation, problems)));
  return fetched;
}

/**
 * One FETCH of header rows. UIDs the server does not answer for although they exist (imapflow
 * skips a row it cannot parse; a broken literal can swallow the next row) are fetched again in
 * halves on this connection; a single one that still does not come is unreadable.
 */
async function fetchRowsIsolating(client: ImapFlow, folderId: string, uids: number[], isolation: ResponseIsolation, problems: MessageRecord[]): Promise<FetchMessageObject[]> {
  const refusedBefore = refusedResponses(client).count;
  const rows = await isolation.onTheWire(folderId, uids, () => fetchRows(client, toSequenceSet(uids)));
  const returned = new Set(rows.map((row) => row.uid));
  const missing = uids.filter((uid) => !returned.has(uid));
  if (missing.length === 0) return rows;
  // Expunged meanwhile is the usual reason, and no problem at all.
  const existing = await searchUids(client, toSequenceSet(missing));
  if (existing.length === 0) return rows;
  if (uids.length === 1) {
    const refused = refusedResponses(client);
    const reason: UnreadableReason = refused.count > refusedBefore && refused.lastReason ? { kind: 'malformed', detail: refused.lastReason } : { kind: 'notSent' };
    isolation.markUnreadable(folderId, uids[0]!, reason);
    problems.push(unreadableRecord(folderId, uids[0]!, reason, Date.now()));
    return rows;
  }
  const half = Math.ceil(existing.length / 2);
  for (const part of [existing.slice(0, half), existing.slice(half)]) {
    if (part.length) rows.push(...(await fetchRowsIsolating(client, folderId, part, isolation, problems)));
  }
  return rows;
}

async function fetchRows(client: ImapFlow, range: string): Promise<FetchMessageObject[]> {
  const rows: FetchMessageObject[] = [];
  if (!range) return rows;
  // The References header too (for threading): ENVELOPE carries In-Reply-To only (RFC 3501 §7.4.2).
  for await (const message of client.fetch(range, { uid: true, flags: true, envelope: true, bodyStructure: true, size: true, internalDate: true, headers: ['references'] }, { uid: true })) {
    rows.push(message);
  }
  return rows;
}

async function fetchSnippets(client: ImapFlow, folderId: string, messages: FetchMessageObject[], isolation: ResponseIsolation): Promise<Map<number, string>> {
  const byPart = new Map<string, Array<{ uid: number; part: SnippetPart }>>();
  // A multipart whose parts use another boundary than the declared one is one part to the server:
  // Dovecot says multipart with one (empty) part, the sandbox a single part that keeps the boundary.
  const multipart = new Set(messages.filter((m) => m.bodyStructure && (m.bodyStructure.type.toLowerCase().startsWith('multipart/') ? m.bodyStructure.childNodes?.length === 1 : m.bodyStructure.parameters?.boundary !== undefined)).map((m) => m.uid));
  for (const message of messages) {
    const part = findSnippetPart(message.bodyStructure);
    if (!part) continue;
    const group = byPart.get(part.part) ?? [];
    group.push({ uid: message.uid, part });
    byPart.set(part.part, group);
  }
  const snippets = new Map<number, string>();
  for (const [partKey, group] of byPart) {
    const wanted = new Map(group.map((g) => [g.uid, g.part]));
    // In the same halves as the rows: a suspect message's part breaks its fetch as well.
    for (const chunk of isolation.plan(folderId, [...wanted.keys()])) {
      await isolation.onTheWire(folderId, chunk, async () => {
        for await (const message of client.fetch(toSequenceSet(chunk), { uid: true, bodyParts: [{ key: partKey, start: 0, maxLength: SNIPPET_BYTES }] }, { uid: true })) {
          const part = wanted.get(message.uid);
          const bytes = message.bodyParts ? [...message.bodyParts.values()][0] : undefined;
          if (!part || !bytes) continue;
          const repaired = multipart.has(message.uid) ? snippetOfBrokenMultipart(bytes) : null;
          const text = repaired ?? decodeCharset(decodeTransfer(bytes, part.encoding), part.charset);
          snippets.set(message.uid, makeSnippet(part.html && repaired === null ? htmlToPlainText(text) : text));
        }
      });
    }
  }
  await fetchBrokenMultipartSnippets(client, folderId, [...multipart].filter((uid) => !snippets.get(uid)), isolation, snippets);
  return snippets;
}

/**
 * Dovecot reports a multipart whose parts use another boundary than the declared one as one empty
 * part; the text is in the body's first bytes, after "--actual-boundary" and the part's header.
 */
async function fetchBrokenMultipartSnippets(client: ImapFlow, folderId: string, uids: number[], isolation: ResponseIsolation, snippets: Map<number, string>): Promise<void> {
  for (const chunk of isolation.plan(folderId, uids)) {
    await isolation.onTheWire(folderId, chunk, async () => {
      for await (const message of client.fetch(toSequenceSet(chunk), { uid: true, bodyParts: [{ key: 'TEXT', start: 0, maxLength: SNIPPET_BYTES }] }, { uid: true })) {
        const bytes = message.bodyParts ? [...message.bodyParts.values()][0] : undefined;
        const repaired = bytes ? snippetOfBrokenMultipart(bytes) : null;
        if (repaired) snippets.set(message.uid, makeSnippet(repaired));
      }
    });
  }
}
