import type { BodyRecord, MessageRecord } from '../../common/model/mail';
import type { IndexEntry, SearchTermsRecord } from '../../common/search/index-record';
import { messagesById } from './message-reads';
import type { DeviceCache } from './schema';
import { indexEntryOf, withNewHeaders } from './search-index';

/**
 * The search index's part of the cache operations (apply-ops.ts) and of its background build
 * (index-build.ts): each runs inside the caller's transaction, so the index commits with the mail
 * it describes or not at all. A message's terms sit in a `searchTerms` record under a number the
 * message record carries (`searchDoc`), given when the message is first stored (records made
 * before schema version 7 get theirs from the build), so the build writes terms only, never a
 * message record the UI's lists watch. Only these functions set it. Flags need nothing here
 * (is:unread reads the message record).
 */

/** A message record with this terms number. */
function withDoc(message: MessageRecord, doc: number): MessageRecord {
  return message.searchDoc === doc ? message : { ...message, searchDoc: doc };
}

/** The next free terms number of each open cache (the host is its only writer). */
const nextDocs = new WeakMap<DeviceCache, number>();

/** `count` terms numbers no record has: past the highest in use, read once per open cache. */
async function newDocs(db: DeviceCache, count: number): Promise<number[]> {
  if (count === 0) return [];
  let next = nextDocs.get(db);
  if (next === undefined) {
    const [onMessages, onTerms] = await Promise.all([db.messages.orderBy('searchDoc').lastKey(), db.searchTerms.toCollection().lastKey()]);
    next = Math.max(Number(onMessages ?? 0), Number(onTerms ?? 0)) + 1;
  }
  // A batch that fails after this leaves a gap, never a number used twice.
  nextDocs.set(db, next + count);
  return Array.from({ length: count }, (_, i) => next + i);
}

/**
 * Records as main sends them, each with its terms number: the one of the record stored under the
 * same id, or a new one (main never knows it; a number main sent, say in a record copied from
 * another message, is dropped); and those of them no record was stored under (new mail).
 */
export async function withStoredDocs(db: DeviceCache, messages: MessageRecord[]): Promise<{ records: MessageRecord[]; firstStored: MessageRecord[] }> {
  const stored = await messagesById(db, messages.map((m) => m.id));
  const records = await withDocs(
    db,
    messages.map((m) => ({ message: m, doc: stored.get(m.id)?.searchDoc })),
  );
  return { records, firstStored: records.filter((m) => !stored.has(m.id)) };
}

/** Messages with the number given, or a new one where none is. */
async function withDocs(db: DeviceCache, items: Array<{ message: MessageRecord; doc: number | undefined }>): Promise<MessageRecord[]> {
  const fresh = await newDocs(db, items.filter((i) => i.doc === undefined).length);
  let next = 0;
  return items.map(({ message, doc }) => withDoc(message, doc ?? fresh[next++]!));
}

/** Stores the terms of messages that have their numbers. */
async function writeTerms(db: DeviceCache, entries: Array<{ doc: number; entry: IndexEntry }>): Promise<void> {
  if (entries.length) await db.searchTerms.bulkPut(entries.map((e): SearchTermsRecord => ({ doc: e.doc, ...e.entry })));
}

/** Headers to store (new mail, a resync), with their numbers: their terms, keeping the body terms a message had. */
export async function indexHeaders(db: DeviceCache, messages: MessageRecord[]): Promise<void> {
  if (!messages.length) return;
  const previous = new Map((await db.searchTerms.bulkGet(messages.map((m) => m.searchDoc!))).flatMap((t) => (t ? [[t.doc, t] as const] : [])));
  await writeTerms(
    db,
    messages.map((m) => ({ doc: m.searchDoc!, entry: withNewHeaders(m, previous.get(m.searchDoc!)) })),
  );
}

/**
 * A body stored: its message is now found by its words and attachment names too. A body whose
 * message is not here (yet) gets nothing: the message's own put makes its terms, and the build at
 * the next start adds the body's (it looks for terms without the body's whose body is here).
 */
export async function indexBody(db: DeviceCache, body: BodyRecord): Promise<void> {
  const message = await db.messages.get(body.messageId);
  if (!message) return;
  await writeIndexEntries(db, [{ message, entry: indexEntryOf(message, body) }]);
}

/**
 * Messages about to be stored under new ids (a move, a server's COPYUID, a switch's thousands),
 * each with the record stored under its old id: the terms stay where they are and the new record
 * carries their number; a message that had none gets a number and its headers' terms now.
 * `replaced` are the records the new ids held: their terms go, as they do. Returns the records to
 * store.
 */
export async function renameIndexRecords(
  db: DeviceCache,
  moving: Array<{ message: MessageRecord; stored: MessageRecord | undefined }>,
  replaced: MessageRecord[],
): Promise<MessageRecord[]> {
  const keptDocs = new Set(moving.flatMap((r) => (r.stored?.searchDoc === undefined ? [] : [r.stored.searchDoc])));
  const orphaned = replaced.flatMap((m) => (m.searchDoc !== undefined && !keptDocs.has(m.searchDoc) ? [m.searchDoc] : []));
  if (orphaned.length) await db.searchTerms.bulkDelete(orphaned);
  const records = await withDocs(
    db,
    moving.map((r) => ({ message: r.message, doc: r.stored?.searchDoc })),
  );
  await indexHeaders(
    db,
    records.filter((_, i) => moving[i]!.stored?.searchDoc === undefined),
  );
  return records;
}

/** Messages to be deleted (their records): their terms go with them. */
export async function deleteIndexRecords(db: DeviceCache, messages: MessageRecord[]): Promise<void> {
  const docs = messages.flatMap((m) => (m.searchDoc === undefined ? [] : [m.searchDoc]));
  if (docs.length) await db.searchTerms.bulkDelete(docs);
}

/**
 * The terms of stored messages (the build's, a body's). A message made before schema version 7
 * has no number yet: it gets one, the only case where its record is written again. Returns the
 * records written again.
 */
export async function writeIndexEntries(db: DeviceCache, entries: Array<{ message: MessageRecord; entry: IndexEntry }>): Promise<MessageRecord[]> {
  const numbered = await withDocs(
    db,
    entries.map((e) => ({ message: e.message, doc: e.message.searchDoc })),
  );
  await writeTerms(
    db,
    entries.map((e, i) => ({ doc: numbered[i]!.searchDoc!, entry: e.entry })),
  );
  const renumbered = numbered.filter((m, i) => m !== entries[i]!.message);
  if (renumbered.length) await db.messages.bulkPut(renumbered);
  return renumbered;
}
