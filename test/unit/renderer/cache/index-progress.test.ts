// The UI's handle (readDb) and the host's writer open the default IndexedDB: fake-indexeddb's, in this process.
import 'fake-indexeddb/auto';
import Dexie, { liveQuery, RangeSet } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { applyOps } from '../../../../renderer/cache-host/apply-ops';
import { startIndexBuild } from '../../../../renderer/cache-host/index-build';
import { DeviceCache } from '../../../../renderer/cache-host/schema';
import { readIndexProgress, watchIndexProgress, type Delay, type IndexProgress } from '../../../../renderer/cache/index-progress';
import { closeDbsExcept } from '../../../../renderer/cache/read-db';
import { SCHEMA_VERSIONS } from '../../../../renderer/cache/schema-versions';
import { folder, message } from '../../factories';
import { uniqueDbName } from './fake-idb';

const hosts: DeviceCache[] = [];
afterEach(async () => {
  closeDbsExcept(new Set());
  for (const db of hosts.splice(0)) await db.delete();
});

/** A version-5 database with `count` messages and no index, opened (and upgraded) by the host. */
async function oldCacheOpenedByHost(count: number): Promise<DeviceCache> {
  const name = uniqueDbName('progress');
  const old = new Dexie(name);
  for (const { version, stores } of SCHEMA_VERSIONS.filter((v) => v.version <= 5)) old.version(version).stores(stores);
  await old.table('folders').put(folder());
  await old.table('messages').bulkPut(Array.from({ length: count }, (_, i) => message({ uid: i + 1 })));
  old.close();
  const db = new DeviceCache(name);
  hosts.push(db);
  await db.open();
  return db;
}

const fail = (error: unknown): never => {
  throw error;
};

describe('index progress', () => {
  it('counts indexed of all cached messages, as the build and new mail go', async () => {
    const db = await oldCacheOpenedByHost(12);
    expect(await readIndexProgress(db.name)).toEqual({ indexed: 0, total: 12 });

    await applyOps(db, [{ op: 'putMessages', messages: [message({ uid: 100 })] }]);
    expect(await readIndexProgress(db.name)).toEqual({ indexed: 1, total: 13 });

    await startIndexBuild(db, { idle: () => Promise.resolve(), yieldThread: () => Promise.resolve() }).finished;
    const done = await readIndexProgress(db.name);
    expect(done).toEqual({ indexed: 13, total: 13 });
  });

  it('is live: a reader sees each transaction of the build', async () => {
    const db = await oldCacheOpenedByHost(30);
    const seen: IndexProgress[] = [];
    let firstSeen = (): void => undefined;
    const first = new Promise<void>((resolve) => (firstSeen = resolve));
    const finished = new Promise<void>((resolve) => {
      const subscription = liveQuery(() => readIndexProgress(db.name)).subscribe((progress) => {
        seen.push(progress);
        firstSeen();
        if (progress.indexed === progress.total) {
          subscription.unsubscribe();
          resolve();
        }
      });
    });
    await first;
    await startIndexBuild(db, { idle: () => Promise.resolve(), yieldThread: () => new Promise((r) => setTimeout(r, 5)), batchSize: 10 }).finished;
    await finished;

    expect(seen[0]).toEqual({ indexed: 0, total: 30 });
    expect(seen.some((p) => p.indexed > 0 && p.indexed < p.total)).toBe(true);
    expect(seen.at(-1)).toEqual({ indexed: 30, total: 30 });
  });

  it('watched: read at once, then after writes, at most once per interval, with every write before the reading in it', async () => {
    const db = await oldCacheOpenedByHost(3);
    const readings: IndexProgress[] = [];
    let heard = (): void => undefined;
    const reading = (): Promise<void> => new Promise((resolve) => (heard = resolve));
    // A clock the test moves: each wait asked for, and the reading it would start.
    const waits: number[] = [];
    let due: (() => void) | null = null;
    const delay: Delay = (ms, run) => {
      waits.push(ms);
      due = run;
      return () => (due = null);
    };
    // Dexie tells its listeners in this realm of a write before the write's promise resolves.
    const write = (uid: number) => applyOps(db, [{ op: 'putMessages', messages: [message({ uid })] }]);
    const word = (dbName: string): void => {
      Dexie.on.storagemutated.fire({ [`idb://${dbName}/messages/`]: new RangeSet() });
    };

    const first = reading();
    const watch = watchIndexProgress(db.name, { next: (p) => (readings.push(p), heard()), error: fail }, 60_000, delay);
    try {
      await first;
      expect(readings).toEqual([{ indexed: 0, total: 3 }]);
      expect(watch.behind()).toBe(false);

      await write(100);
      expect(waits).toHaveLength(1);
      expect(waits[0]).toBeGreaterThan(0);
      expect(watch.behind()).toBe(true);
      await write(101);
      word('another-cache');
      expect(waits).toHaveLength(1);
      expect(readings).toHaveLength(1);

      const second = reading();
      due!();
      // A write while the reading runs: the reading may not see it, so another follows.
      word(db.name);
      await second;
      expect(readings).toEqual([{ indexed: 0, total: 3 }, { indexed: 2, total: 5 }]);
      expect(waits).toHaveLength(2);
      expect(watch.behind()).toBe(true);

      const third = reading();
      due!();
      await third;
      expect(readings).toHaveLength(3);
      expect(watch.behind()).toBe(false);

      watch.stop();
      await write(102);
      expect(waits).toHaveLength(2);
      expect(readings).toHaveLength(3);
    } finally {
      watch.stop();
    }
  });
});
