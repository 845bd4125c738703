import { useLiveQuery } from 'dexie-react-hooks';
import type { ReadonlyDeviceCache } from './readonly-cache';
import { readDb } from './read-db';

/**
 * How far the search index of a device's cache is: messages with an index record, of all cached.
 * Mail cached before the index existed gets its records from the cache host's background build
 * (renderer/cache-host/index-build.ts); until then a search finds it by nothing. New mail is
 * indexed as it is stored, so `indexed` equals `total` once the build is done.
 */
export interface IndexProgress {
  indexed: number;
  total: number;
}

/** How many messages of a cache have their terms in the index: a count of keys, no record read. */
export function countIndexed(db: ReadonlyDeviceCache): Promise<number> {
  return db.searchTerms.count();
}

/** Two counts, no record read: cheap enough to re-run at each commit. */
export async function readIndexProgress(dbName: string): Promise<IndexProgress> {
  const db = readDb(dbName);
  const [indexed, total] = await Promise.all([countIndexed(db), db.messages.count()]);
  return { indexed: Math.min(indexed, total), total };
}

/** The index's progress in one device's cache, live; undefined while it is read (or without a device). */
export function useIndexProgress(dbName: string | null): IndexProgress | undefined {
  return useLiveQuery(async () => (dbName ? readIndexProgress(dbName) : undefined), [dbName]);
}

/** The sum over several devices' caches (a search over all accounts), live. */
export function useIndexProgressOf(dbNames: readonly string[]): IndexProgress | undefined {
  const key = dbNames.join('\n');
  return useLiveQuery(async () => {
    const each = await Promise.all(dbNames.map(readIndexProgress));
    return each.reduce((sum, p) => ({ indexed: sum.indexed + p.indexed, total: sum.total + p.total }), { indexed: 0, total: 0 });
    // The names' content, not the array's identity, says when to read again.
  }, [key]);
}

/** Whether a search should say that the index is still being built (results so far shown). */
export function isIndexing(progress: IndexProgress | undefined): boolean {
  return progress !== undefined && progress.indexed < progress.total;
}
