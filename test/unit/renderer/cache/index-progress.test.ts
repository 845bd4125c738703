// The UI's handle (readDb) and the host's writer open the default IndexedDB: fake-indexeddb's, in this process.
import 'fake-indexeddb/auto';
import Dexie, { liveQuery } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { applyOps } from '../../../../renderer/cache-host/apply-ops';
import { startIndexBuild } from '../../../../renderer/cache-host/index-build';
import { DeviceCache } from '../../../../renderer/cache-host/schema';
import { isIndexing, readIndexProgress, type IndexProgress } from '../../../../renderer/cache/index-progress';
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
});
