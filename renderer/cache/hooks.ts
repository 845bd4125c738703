import Dexie from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
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

/** Every message id of a folder, newest first: small enough for 100,000 messages. */
export function useMessageIds(dbName: string | null, folderId: string | null): string[] | undefined {
  return useLiveQuery(
    async () => {
      if (!dbName || !folderId) return [];
      return readDb(dbName).messages.where('[folderId+date]').between([folderId, Dexie.minKey], [folderId, Dexie.maxKey]).reverse().primaryKeys();
    },
    [dbName, folderId],
  );
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
