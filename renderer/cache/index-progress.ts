import Dexie, { type ObservabilitySet } from 'dexie';
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

/** A watch of the index's progress (`watchIndexProgress`). */
export interface IndexProgressWatch {
  stop(): void;
  /** Whether a write came that the last reading did not see: the counts it gave may be behind. */
  behind(): boolean;
}

/**
 * Reads the index's progress in `dbName` now, and again after any write to its messages or their
 * terms (Dexie's word of a write, from any window or worker of the origin), at most once per
 * `everyMs` from the end of the last reading: writes meanwhile wait for the next reading, and the
 * last write always gets one.
 */
export function watchIndexProgress(dbName: string, to: { next(progress: IndexProgress): void; error(error: unknown): void }, everyMs = PROGRESS_EVERY_MS, delay: Delay = timerDelay): IndexProgressWatch {
  const parts = [`idb://${dbName}/messages/`, `idb://${dbName}/searchTerms/`];
  let stopped = false;
  let cancel: (() => void) | null = null;
  let reading = false;
  let lastRead = Number.NEGATIVE_INFINITY;
  // Writes heard, and how many of them the last finished reading began after.
  let writes = 0;
  let seenWrites = 0;
  const read = async (): Promise<void> => {
    cancel = null;
    reading = true;
    const seen = writes;
    let outcome: { progress: IndexProgress } | { error: unknown };
    try {
      outcome = { progress: await readIndexProgress(dbName) };
    } catch (error) {
      outcome = { error };
    }
    reading = false;
    lastRead = performance.now();
    seenWrites = seen;
    if (stopped) return;
    if (writes > seen) changed();
    if ('progress' in outcome) to.next(outcome.progress);
    else to.error(outcome.error);
  };
  const changed = (): void => {
    // A reading under way is followed by another once it ends (above); a timer set reads them all.
    if (stopped || cancel || reading) return;
    const wait = lastRead + everyMs - performance.now();
    if (wait <= 0) void read();
    else cancel = delay(wait, () => void read());
  };
  // `all`: Dexie's word when a page comes back from the browser's back-forward cache (anything may have changed).
  const onWrite = (written: ObservabilitySet): void => {
    if (!('all' in written) && !Object.keys(written).some((part) => parts.some((p) => part.startsWith(p)))) return;
    writes++;
    changed();
  };
  Dexie.on('storagemutated', onWrite);
  void read();
  return {
    stop: () => {
      stopped = true;
      cancel?.();
      Dexie.on('storagemutated').unsubscribe(onWrite);
    },
    behind: () => writes > seenWrites,
  };
}
