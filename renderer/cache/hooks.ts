import Dexie from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { AttachmentRecord, BodyRecord, FolderRecord, MessageRecord, PopStateRecord } from '../../common/model/mail';
import type { PendingOpRecord } from '../../common/model/pending';
import { searchWords } from '../../common/model/search';
import { readDb } from './read-db';

export function useFolders(dbName: string | null): FolderRecord[] | undefined {
  return useLiveQuery(async () => (dbName ? readDb(dbName).folders.toArray() : []), [dbName]);
}

/** Unread count per folder id: from the cache where the folder is synced, else the server's STATUS. */
export function useUnreadCounts(dbName: string | null): Map<string, number> | undefined {
  return useLiveQuery(async () => {
    const counts = new Map<string, number>();
    if (!dbName) return counts;
    const db = readDb(dbName);
    const folders = await db.folders.toArray();
    await Promise.all(
      folders.map(async (folder) => {
        const cachedUnread = await db.messages.where('[folderId+seen]').equals([folder.id, 0]).count();
        counts.set(folder.id, folder.uidNext === null ? (folder.serverUnseen ?? 0) : cachedUnread);
      }),
    );
    return counts;
  }, [dbName]);
}

/** Ids read first, so a big folder shows its newest screenfuls before all its ids are read. */
const FIRST_PAGE = 200;
/**
 * How long the whole list waits after the first page arrived. Chromium's IndexedDB answers one
 * request at a time: reading 100,000 ids at once would hold back the records of the first rows.
 */
const WHOLE_LIST_DELAY_MS = 100;

/**
 * Every message id of a folder, newest first: small enough for 100,000 messages. The newest
 * page comes first, then (if there are more) the whole list. Results carry the folder they are
 * of: a live query keeps its last result until the new one arrives, and the previous folder's
 * ids are never returned for this one.
 */
export function useMessageIds(dbName: string | null, folderId: string | null): string[] | undefined {
  const key = `${dbName ?? ''}\n${folderId ?? ''}`;
  const newestFirst = async (limit: number | null): Promise<{ key: string; ids: string[] }> => {
    if (!dbName || !folderId) return { key, ids: [] };
    const range = readDb(dbName).messages.where('[folderId+date]').between([folderId, Dexie.minKey], [folderId, Dexie.maxKey]).reverse();
    return { key, ids: await (limit === null ? range : range.limit(limit)).primaryKeys() };
  };
  const firstPage = useLiveQuery(() => newestFirst(FIRST_PAGE), [key]);
  const pageIsAll = firstPage?.key === key && firstPage.ids.length < FIRST_PAGE;
  const [wholeListOf, setWholeListOf] = useState<string | null>(null);
  const wantWhole = firstPage?.key === key && !pageIsAll;
  useEffect(() => {
    if (!wantWhole || wholeListOf === key) return;
    const timer = setTimeout(() => setWholeListOf(key), WHOLE_LIST_DELAY_MS);
    return () => clearTimeout(timer);
  }, [wantWhole, wholeListOf, key]);
  const readWhole = wholeListOf === key;
  const all = useLiveQuery(() => (readWhole ? newestFirst(null) : Promise.resolve(null)), [key, readWhole]);
  if (pageIsAll) return firstPage.ids;
  if (all?.key === key) return all.ids;
  return firstPage?.key === key ? firstPage.ids : undefined;
}

/** The records of the ids currently on screen. */
export function useMessagesByIds(dbName: string | null, ids: string[]): Map<string, MessageRecord> | undefined {
  return useLiveQuery(
    async () => {
      const map = new Map<string, MessageRecord>();
      if (!dbName || ids.length === 0) return map;
      const records = await readDb(dbName).messages.bulkGet(ids);
      records.forEach((record) => record && map.set(record.id, record));
      return map;
    },
    [dbName, ids.join('\n')],
  );
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

export async function readAttachment(dbName: string, attachmentId: string): Promise<AttachmentRecord | undefined> {
  return readDb(dbName).attachments.get(attachmentId);
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

/**
 * Messages of a folder whose sender or subject has words starting with every word of the query,
 * newest first. Uses the multi-entry `words` index: the rarest word's matches are read, then
 * narrowed, so a search costs a few index lookups even in a folder of 100,000 messages.
 */
export function useSearchIds(dbName: string | null, folderId: string | null, query: string): string[] | undefined {
  return useLiveQuery(
    async () => {
      const terms = searchWords(query);
      if (!dbName || !folderId || terms.length === 0) return [];
      const db = readDb(dbName);
      const counts = await Promise.all(terms.map((t) => db.messages.where('words').startsWith(t).count()));
      const rarest = terms[counts.indexOf(Math.min(...counts))]!;
      const keys = [...new Set(await db.messages.where('words').startsWith(rarest).primaryKeys())];
      const records = (await db.messages.bulkGet(keys)).filter((m): m is MessageRecord => m !== undefined && m.folderId === folderId);
      return records
        .filter((m) => terms.every((t) => (m.words ?? []).some((w) => w.startsWith(t))))
        .sort((a, b) => b.date - a.date)
        .map((m) => m.id);
    },
    [dbName, folderId, query],
  );
}
