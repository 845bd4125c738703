import { IDBDatabase } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CacheHostHandler } from '../../../../renderer/cache-host/host-handler';
import { DeviceCache } from '../../../../renderer/cache-host/schema';
import { folder } from '../../factories';
import { fakeIdb, uniqueDbName } from './fake-idb';

/**
 * Every IndexedDB transaction opened from now on, as the database engine received it. Call it
 * before the database opens: Dexie binds `IDBDatabase.transaction` when it opens.
 */
function watchTransactions(): () => IDBTransaction[] {
  const spy = vi.spyOn(IDBDatabase.prototype, 'transaction');
  return () => spy.mock.results.flatMap((result) => (result.type === 'return' ? [result.value] : []));
}

const opened: Array<{ close(): void }> = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const db of opened.splice(0)) db.close();
});

// Invariant 1 of POP mode: a message counts as stored only once its transaction committed with
// strict durability (flushed to disk), where the browser offers it (Chromium's `durability`).
describe('the device cache writes with strict durability', () => {
  it('asks Dexie for strict durability when no option says otherwise', () => {
    const db = new DeviceCache(uniqueDbName('durability'), fakeIdb);
    opened.push(db);
    expect(db._options.chromeTransactionDurability).toBe('strict');
  });

  it('opens its read-write transactions as strict in IndexedDB', async () => {
    const transactions = watchTransactions();
    const db = new DeviceCache(uniqueDbName('durability'), fakeIdb);
    opened.push(db);
    await db.folders.put(folder());
    await db.transaction('rw', db.messages, db.popState, () => db.popState.clear());
    const readWrite = transactions().filter((tx) => tx.mode === 'readwrite');
    expect(readWrite).toHaveLength(2);
    expect(readWrite.map((tx) => tx.durability)).toEqual(['strict', 'strict']);
  });

  it('commits the cache host’s batches with strict durability (the path every POP download takes)', async () => {
    const transactions = watchTransactions();
    // As the cache-host page builds it: no Dexie options but where IndexedDB is (Node has none).
    const handler = new CacheHostHandler(fakeIdb);
    opened.push(handler);
    const dbName = uniqueDbName('durability');
    expect(await handler.handle({ kind: 'apply', requestId: 1, dbName, ops: [{ op: 'putFolders', folders: [folder()] }] })).toEqual({ kind: 'done', requestId: 1, value: { flagsBefore: [] } });
    const readWrite = transactions().filter((tx) => tx.mode === 'readwrite');
    expect(readWrite).toHaveLength(1);
    expect(readWrite[0]!.durability).toBe('strict');
  });

  it('lets an explicit option override it (so the checks above can tell the difference)', async () => {
    const transactions = watchTransactions();
    const db = new DeviceCache(uniqueDbName('durability'), { ...fakeIdb, chromeTransactionDurability: 'relaxed' });
    opened.push(db);
    await db.folders.put(folder());
    expect(db._options.chromeTransactionDurability).toBe('relaxed');
    expect(transactions().filter((tx) => tx.mode === 'readwrite').map((tx) => tx.durability)).toEqual(['relaxed']);
  });
});
