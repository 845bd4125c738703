import Dexie from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import type { AttachmentMeta, BodyRecord, FolderRecord, MessageRecord, PopStateRecord } from '../../common/model/mail';
import type { PendingOpRecord } from '../../common/model/pending';
import type { ContactBook } from '../../common/compose/contacts';
import { readDb } from './read-db';
import { folderRange } from './folder-ids';
import { folderIdsOffPage } from './folder-ids-off-page';
import { whenIdle } from './when-idle';

export function useFolders(dbName: string | null): FolderRecord[] | undefined {
  return useLiveQuery(async () => (dbName ? readDb(dbName).folders.toArray() : []), [dbName]);
}

/**
 * Unread count per folder id (unreadOf): from the cache, else the server's STATUS.
 * The counting query depends on the folders' ids only, not on their records: a sync rewrites a
 * folder's record often, and recounting 100,000 unread messages each time held back the list.
 */
export function useUnreadCounts(dbName: string | null): Map<string, number> | undefined {
  const folders = useFolders(dbName);
  const folderIds = folders?.map((f) => f.id).join('\n') ?? null;
  const cached = useLiveQuery(async () => {
    const counts = new Map<string, number>();
    if (!dbName || folderIds === null) return { folderIds, counts };
    const db = readDb(dbName);
    await Promise.all(
      folderIds
        .split('\n')
        .filter(Boolean)
        .map(async (id) => counts.set(id, await db.messages.where('[folderId+seen]').equals([id, 0]).count())),
    );
    return { folderIds, counts };
  }, [dbName, folderIds]);
  return useMemo(() => {
    if (!folders || !cached || cached.folderIds !== folderIds) return undefined;
    return new Map(folders.map((f) => [f.id, unreadOf(f, cached.counts.get(f.id) ?? 0)]));
  }, [folders, cached, folderIds]);
}

/**
 * A folder's unread count: what the cache holds of it (`cachedUnread`, from the [folderId+seen]
 * index), except for an IMAP folder not synced yet (no UIDNEXT), whose messages are not here:
 * there, what the server's STATUS said. A local folder (POP) is all here, and POP has no unread
 * figure on the server (RFC 1939 keeps no flags).
 */
export function unreadOf(folder: FolderRecord, cachedUnread: number): number {
  return folder.origin === 'server' && folder.uidNext === null ? (folder.serverUnseen ?? 0) : cachedUnread;
}

/** Ids read first, so a big folder shows its newest screenfuls before all its ids are read. */
const FIRST_PAGE = 200;

/**
 * Every message id of a folder, newest first: small enough for 100,000 messages.
 *
 * Two live queries watch the folder: its newest page of ids, and its size. The whole list is read
 * outside any live query, when either changes: a live query records every key it read so that it
 * can tell which writes concern it, and for 100,000 ids that bookkeeping took 400 ms of the page's
 * main thread (which the cache host shares) at every change. It is read by a worker
 * (folder-ids-off-page.ts). The newest page is always the live one; the rest comes from the last
 * whole read.
 *
 * Results carry the folder they are of: a live query keeps its last result until the new one
 * arrives, and the previous folder's ids are never returned for this one.
 */
export function useMessageIds(dbName: string | null, folderId: string | null): string[] | undefined {
  return useFolderMessageIds(dbName, folderId).ids;
}

/** The same, and whether they are all of the folder yet (not just its newest page). */
export function useFolderMessageIds(dbName: string | null, folderId: string | null): { ids: string[] | undefined; complete: boolean } {
  const key = `${dbName ?? ''}\n${folderId ?? ''}`;
  const firstPage = useLiveQuery(async () => ({ key, ids: dbName && folderId ? await folderRange(dbName, folderId).reverse().limit(FIRST_PAGE).primaryKeys() : [] }), [key]);
  const size = useLiveQuery(async () => ({ key, count: dbName && folderId ? await folderRange(dbName, folderId).count() : 0 }), [key]);
  const [whole, setWhole] = useState<{ key: string; ids: string[] } | null>(null);
  const pageHere = firstPage?.key === key ? firstPage.ids : null;
  const countHere = size?.key === key ? size.count : null;
  const needWhole = pageHere !== null && countHere !== null && countHere > pageHere.length;
  const change = needWhole ? `${countHere}\n${pageHere.join('\n')}` : null;
  const haveWhole = whole?.key === key;
  useEffect(() => {
    if (change === null || !dbName || !folderId) return;
    let current = true;
    const cancel = whenIdle(() => {
      void folderIdsOffPage(dbName, folderId).then((ids) => current && setWhole({ key, ids }));
    }, WHOLE_READ_WAIT_MS);
    return () => {
      current = false;
      cancel();
    };
  }, [change, key, dbName, folderId]);
  const ids = useMemo(() => {
    if (pageHere === null) return undefined;
    if (!needWhole || !haveWhole) return pageHere;
    return withNewestPage(pageHere, whole.ids);
  }, [pageHere, needWhole, haveWhole, whole]);
  return { ids, complete: pageHere !== null && countHere !== null && (!needWhole || haveWhole) };
}

/**
 * The longest the whole list of a folder's ids waits for an idle moment of the page: IndexedDB
 * answers a page's requests in order, and the records of the rows on screen, asked for right after
 * the first page of ids, then go before a read of 100,000 keys (which made the first rows of a
 * conversation list wait 450 ms behind it while the index was being built).
 */
const WHOLE_READ_WAIT_MS = 250;

/**
 * The newest page as it is now, then the rest of the folder as the last whole read saw it: from
 * the page's last id on, or (when that read never saw it: a whole page arrived since) every id
 * of that read not on the page.
 */
export function withNewestPage(page: readonly string[], whole: readonly string[]): string[] {
  const last = page.at(-1);
  const after = last === undefined ? -1 : whole.indexOf(last);
  if (after !== -1) return [...page, ...whole.slice(after + 1)];
  const onPage = new Set(page);
  return [...page, ...whole.filter((id) => !onPage.has(id))];
}

/** The records of the ids currently on screen. */
export function useMessagesByIds(dbName: string | null, ids: string[]): Map<string, MessageRecord> | undefined {
  return useLiveQuery(() => recordsById(dbName, ids), [dbName, ids.join('\n')]);
}

/** The records of `ids` that exist, by id (a read of the rows on screen). */
async function recordsById(dbName: string | null, ids: string[]): Promise<Map<string, MessageRecord>> {
  const map = new Map<string, MessageRecord>();
  if (!dbName || ids.length === 0) return map;
  const records = await readDb(dbName).messages.bulkGet(ids);
  records.forEach((record) => record && map.set(record.id, record));
  return map;
}

/**
 * The records of the rows on screen, for a list that reads several records a row (conversations):
 * one read at a time, then the ids on screen by then. A fast scroll changes the rows every frame;
 * a read per frame queued reads of rows long gone, and their records were the largest named cost
 * of scenario 9's scroll profile (1.4 s of 6.4 s). Rows wait for their records a read longer.
 */
export function useRecordsOnScreen(dbName: string | null, ids: string[]): Map<string, MessageRecord> | undefined {
  const wanted = ids.join('\n');
  const [asked, setAsked] = useState(wanted);
  const answer = useLiveQuery(async () => ({ asked, map: await recordsById(dbName, asked ? asked.split('\n') : []) }), [dbName, asked]);
  // Adjusted while rendering (React's "state from the previous render"), not in an effect.
  if (answer?.asked === asked && wanted !== asked) setAsked(wanted);
  return answer?.map;
}

/**
 * One message. Right after `messageId` changes, a live query still returns the previous result
 * until the new one arrives: that record is not returned (undefined, "loading"), so nothing acts
 * on a message the user has just left.
 */
export function useMessage(dbName: string | null, messageId: string | null): MessageRecord | null | undefined {
  const record = useLiveQuery(async () => (dbName && messageId ? ((await readDb(dbName).messages.get(messageId)) ?? null) : null), [dbName, messageId]);
  return record && record.id !== messageId ? undefined : record;
}

/** A message's body; like `useMessage`, never the previous message's. */
export function useBody(dbName: string | null, messageId: string | null): BodyRecord | null | undefined {
  const body = useLiveQuery(async () => (dbName && messageId ? ((await readDb(dbName).bodies.get(messageId)) ?? null) : null), [dbName, messageId]);
  return body && body.messageId !== messageId ? undefined : body;
}

/**
 * An attachment as one Blob, to save: its whole record, or, for one read out of a message too
 * large to parse whole, its pieces in the order of their numbers, read one at a time and each
 * wrapped in a Blob of its own, so the page never holds the attachment as one array (Chromium
 * keeps large Blobs on disk). Undefined when the cache has neither.
 */
export async function attachmentBlob(dbName: string, meta: AttachmentMeta): Promise<Blob | undefined> {
  const db = readDb(dbName);
  const type = meta.contentType || 'application/octet-stream';
  const record = await db.attachments.get(meta.id);
  if (record) return new Blob([record.content as Uint8Array<ArrayBuffer>], { type });
  const keys = await db.attachmentChunks.where('attachmentId').equals(meta.id).primaryKeys();
  if (keys.length === 0) return meta.size === 0 ? new Blob([], { type }) : undefined;
  keys.sort((a, b) => a[1] - b[1]);
  const parts: Blob[] = [];
  for (const key of keys) {
    const chunk = await db.attachmentChunks.get(key);
    if (chunk) parts.push(new Blob([chunk.bytes as Uint8Array<ArrayBuffer>]));
  }
  return new Blob(parts, { type });
}

/** Messages and unread messages of one folder, as cached. */
export function useFolderCounts(dbName: string | null, folderId: string | null): { total: number; unread: number } | undefined {
  return useLiveQuery(async () => {
    if (!dbName || !folderId) return { total: 0, unread: 0 };
    const db = readDb(dbName);
    const [total, unread] = await Promise.all([
      db.messages.where('[folderId+date]').between([folderId, Dexie.minKey], [folderId, Dexie.maxKey]).count(),
      db.messages.where('[folderId+seen]').equals([folderId, 0]).count(),
    ]);
    return { total, unread };
  }, [dbName, folderId]);
}

/** What a POP device knows of each maildrop message, by UIDL. */
export function usePopStates(dbName: string | null): Map<string, PopStateRecord> | undefined {
  return useLiveQuery(async () => new Map((dbName ? await readDb(dbName).popState.toArray() : []).map((s) => [s.uidl, s])), [dbName]);
}

/** Changes made on the device that the server has not confirmed yet, in replay order. */
export function usePendingOps(dbName: string | null): PendingOpRecord[] | undefined {
  return useLiveQuery(async () => (dbName ? readDb(dbName).pendingOps.orderBy('seq').toArray() : []), [dbName]);
}

/** The device's contacts store (common/compose/contacts.ts), for address completion: undefined while it loads. */
export function useContactBook(dbName: string | null): ContactBook | undefined {
  return useLiveQuery(async () => {
    if (!dbName) return { contacts: [], groups: [] };
    const db = readDb(dbName);
    const [contacts, groups] = await Promise.all([db.contacts.toArray(), db.recipientGroups.toArray()]);
    return { contacts, groups };
  }, [dbName]);
}
