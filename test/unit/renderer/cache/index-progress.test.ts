// The UI's handle (readDb) and the host's writer open the default IndexedDB: fake-indexeddb's, in this process.
import 'fake-indexeddb/auto';
import Dexie, { liveQuery } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { applyOps } from '../../../../renderer/cache-host/apply-ops';
import { startIndexBuild } from '../../../../renderer/cache-host/index-build';
import { DeviceCache } from '../../../../renderer/cache-host/schema';
import { isIndexing, readIndexProgress, watchIndexProgress, type Delay, type IndexProgress } from '../../../../renderer/cache/index-progress';
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
    expect(isIndexing(done)).toBe(false);
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
    expect(seen.some((p) => isIndexing(p) && p.indexed > 0)).toBe(true);
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
    // Dexie tells its listeners of a write in the order they listened: once this one hears, the watch has.
    let written = (): void => undefined;
    const wordOfWrite = (): Promise<void> => new Promise((resolve) => (written = resolve));
    const afterWatch = (): void => written();

    const first = reading();
    const stop = watchIndexProgress(db.name, { next: (p) => (readings.push(p), heard()), error: fail }, 60_000, delay);
    Dexie.on('storagemutated', afterWatch);
    try {
      await first;
      expect(readings).toEqual([{ indexed: 0, total: 3 }]);

      let word = wordOfWrite();
      await applyOps(db, [{ op: 'putMessages', messages: [message({ uid: 100 })] }]);
      await word;
      expect(waits).toHaveLength(1);
      expect(waits[0]).toBeGreaterThan(0);
      word = wordOfWrite();
      await applyOps(db, [{ op: 'putMessages', messages: [message({ uid: 101 })] }]);
      await word;
      expect(waits).toHaveLength(1);
      expect(readings).toHaveLength(1);

      const second = reading();
      due!();
      await second;
      expect(readings).toEqual([{ indexed: 0, total: 3 }, { indexed: 2, total: 5 }]);

      stop();
      word = wordOfWrite();
      await applyOps(db, [{ op: 'putMessages', messages: [message({ uid: 102 })] }]);
      await word;
      expect(waits).toHaveLength(1);
      expect(readings).toHaveLength(2);
    } finally {
      stop();
      Dexie.on('storagemutated').unsubscribe(afterWatch);
    }
  });
});
