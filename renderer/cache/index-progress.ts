import Dexie, { type ObservabilitySet } from 'dexie';
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

/**
 * Two counts, no record read. Not free: IndexedDB counts a store by walking its keys, 100,000 of
 * each in the benchmark's cache.
 */
export async function readIndexProgress(dbName: string): Promise<IndexProgress> {
  const db = readDb(dbName);
  const [indexed, total] = await Promise.all([countIndexed(db), db.messages.count()]);
  return { indexed: Math.min(indexed, total), total };
}

/**
 * The least time between two readings of `watchIndexProgress`. While the index is built the
 * counts change at each of its writes, two or three a second; read again at each, they made most
 * of the garbage the app's page collected during the build, and each major collection (every
 * 35 s, pauses of 11–54 ms on two cores shared with the build) risked a late frame (the V8 log of
 * the 100,000-message build, 2026-12-06).
 */
export const PROGRESS_EVERY_MS = 1_000;

/** Runs `run` after `ms`; returns what cancels it (a test's clock in place of setTimeout). */
export type Delay = (ms: number, run: () => void) => () => void;

const timerDelay: Delay = (ms, run) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

/**
 * Reads the index's progress in `dbName` now, and again after any write to its messages or their
 * terms (Dexie's word of a write, from any window or worker of the origin), at most once per
 * `everyMs`: writes meanwhile wait for the next reading, and the last write always gets one.
 * Returns what stops it.
 */
export function watchIndexProgress(dbName: string, to: { next(progress: IndexProgress): void; error(error: unknown): void }, everyMs = PROGRESS_EVERY_MS, delay: Delay = timerDelay): () => void {
  const parts = [`idb://${dbName}/messages/`, `idb://${dbName}/searchTerms/`];
  let stopped = false;
  let cancel: (() => void) | null = null;
  let reading = false;
  let changedWhileReading = false;
  let lastRead = Number.NEGATIVE_INFINITY;
  const read = async (): Promise<void> => {
    cancel = null;
    reading = true;
    lastRead = performance.now();
    try {
      const progress = await readIndexProgress(dbName);
      if (!stopped) to.next(progress);
    } catch (error) {
      if (!stopped) to.error(error);
    }
    reading = false;
    if (changedWhileReading) {
      changedWhileReading = false;
      changed();
    }
  };
  const changed = (): void => {
    if (stopped || cancel) return;
    if (reading) {
      changedWhileReading = true;
      return;
    }
    const wait = lastRead + everyMs - performance.now();
    if (wait <= 0) void read();
    else cancel = delay(wait, () => void read());
  };
  // `all`: Dexie's word for a database deleted or cleared.
  const onWrite = (written: ObservabilitySet): void => {
    if ('all' in written || Object.keys(written).some((part) => parts.some((p) => part.startsWith(p)))) changed();
  };
  Dexie.on('storagemutated', onWrite);
  void read();
  return () => {
    stopped = true;
    cancel?.();
    Dexie.on('storagemutated').unsubscribe(onWrite);
  };
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
