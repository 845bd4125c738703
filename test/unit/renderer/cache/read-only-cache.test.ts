// The UI's handle (readDb) and the host's writer open the default IndexedDB: fake-indexeddb's, in this process.
import 'fake-indexeddb/auto';
import Dexie, { liveQuery } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MessageRecord } from '../../../../common/model/mail';
import { messageSearchWords } from '../../../../common/model/search';
import { applyOps } from '../../../../renderer/cache-host/apply-ops';
import { DeviceCache } from '../../../../renderer/cache-host/schema';
import { closeDbsExcept, readDb } from '../../../../renderer/cache/read-db';
import type { ReadonlyDeviceCache } from '../../../../renderer/cache/readonly-cache';
import { SCHEMA_VERSIONS } from '../../../../renderer/cache/schema-versions';
import { folder, message } from '../../factories';

/** The newest schema version as IndexedDB numbers it (Dexie multiplies by 10). */
const NEWEST = SCHEMA_VERSIONS.at(-1)!.version * 10;
import { uniqueDbName } from './fake-idb';

const hosts: DeviceCache[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  closeDbsExcept(new Set());
  for (const db of hosts.splice(0)) await db.delete();
});

/** The cache host's own handle on `name`, deleted after the test. */
function host(name: string): DeviceCache {
  const db = new DeviceCache(name);
  hosts.push(db);
  return db;
}

/**
 * Resolves when anything asks IndexedDB about `name` (the UI looking whether the host made it, or
 * opening it), and lists the versions `name` was opened at, in order.
 */
function watchIndexedDb(name: string): { asked: Promise<void>; opens: Array<number | undefined> } {
  const opens: Array<number | undefined> = [];
  let resolveAsked: () => void = () => undefined;
  const asked = new Promise<void>((resolve) => (resolveAsked = resolve));
  // Resolved from a task of its own: resolved inside a live query's call, the test's code after
  // `await asked` would run in that live query's Dexie zone, where the host's writes are refused.
  const answer = (): void => void setTimeout(resolveAsked, 0);
  const databases = indexedDB.databases.bind(indexedDB);
  const open = indexedDB.open.bind(indexedDB);
  vi.spyOn(indexedDB, 'databases').mockImplementation(async () => {
    const list = await databases();
    answer();
    return list;
  });
  vi.spyOn(indexedDB, 'open').mockImplementation((dbName: string, version?: number) => {
    if (dbName === name) {
      opens.push(version);
      answer();
    }
    return open(dbName, version);
  });
  return { asked, opens };
}

/** A database as an older Porthole made it: schema versions 1 and 2, a message without `words`. */
async function databaseOfVersion2(name: string, record: MessageRecord): Promise<void> {
  const old = new Dexie(name);
  for (const { version, stores } of SCHEMA_VERSIONS.filter((v) => v.version <= 2)) old.version(version).stores(stores);
  await old.table('messages').put(record);
  old.close();
}

/** The next value of a live query that `accept` takes. */
function nextLive<T>(query: () => Promise<T>, accept: (value: T) => boolean): Promise<T> {
  return new Promise((resolve, reject) => {
    const subscription = liveQuery(query).subscribe({
      next: (value) => {
        if (!accept(value)) return;
        subscription.unsubscribe();
        resolve(value);
      },
      error: reject,
    });
  });
}

describe("the UI's read-only handle on a device's cache", () => {
  it('leaves an older database for the cache host to upgrade, and reads it once the host did', async () => {
    const name = uniqueDbName('older');
    const record = message({ subject: 'Quarterly figures' });
    const { words, ...withoutWords } = record;
    expect(words).toBeUndefined();
    await databaseOfVersion2(name, withoutWords);
    const watch = watchIndexedDb(name);

    const read = readDb(name).messages.get(record.id);
    await watch.asked;
    // Had the UI opened it at the newest version, Dexie would have added version 3's index without filling
    // `words`, and the host, finding the newest version, would never have run the upgrade that fills them.
    await applyOps(host(name), [{ op: 'putFolders', folders: [folder()] }]);

    expect(await read).toEqual({ ...withoutWords, words: messageSearchWords(record) });
    expect(watch.opens).toEqual([NEWEST, NEWEST]);
    expect(await readDb(name).messages.where('words').startsWith('quarterly').primaryKeys()).toEqual([record.id]);
  });

  it('waits for the cache host to make a database, then follows its writes live', async () => {
    const name = uniqueDbName('missing');
    const watch = watchIndexedDb(name);
    const folders = nextLive(() => readDb(name).folders.toArray(), (list) => list.length > 0);
    await watch.asked;
    expect((await indexedDB.databases()).map((info) => info.name)).not.toContain(name);

    await applyOps(host(name), [{ op: 'putFolders', folders: [folder({ path: 'Archive' })] }]);

    expect((await folders).map((f) => f.path)).toEqual(['Archive']);
    expect(watch.opens).toEqual([NEWEST, NEWEST]);
  });

  it('never makes the database of a device removed while it waited for it', async () => {
    const name = uniqueDbName('removed');
    const watch = watchIndexedDb(name);
    void readDb(name).messages.count();
    await watch.asked;

    closeDbsExcept(new Set());
    expect(watch.opens).toEqual([]);
    // The host making it later does not wake the closed handle: one open, the host's.
    const db = host(name);
    await applyOps(db, [{ op: 'putFolders', folders: [folder()] }]);
    expect(await db.folders.count()).toBe(1);
    expect(watch.opens).toEqual([NEWEST]);
  });

  it('has no way to write, by its type', () => {
    // Never called: the compiler is the test (tsc -b fails if any of these lines compiles). The
    // lint sees calls of what does not exist, which is the point here.
    /* eslint-disable @typescript-eslint/no-unsafe-call */
    const writes = (db: ReadonlyDeviceCache): unknown[] => [
      // @ts-expect-error -- a table the UI reads has no put
      db.messages.put(message()),
      // @ts-expect-error -- nor bulk writes
      db.messages.bulkDelete(['server:INBOX#1']),
      // @ts-expect-error -- nor clear
      db.popState.clear(),
      // @ts-expect-error -- a collection the UI reads cannot be modified
      db.messages.where('folderId').equals('server:INBOX').modify({ seen: 1 }),
      // @ts-expect-error -- nor deleted
      db.bodies.toCollection().delete(),
      // @ts-expect-error -- no transaction, so no 'rw' one
      db.transaction('rw', db.messages, () => undefined),
      // @ts-expect-error -- and no way back to the writable database
      db.messages.db,
    ];
    /* eslint-enable @typescript-eslint/no-unsafe-call */
    expect(writes).toBeTypeOf('function');
  });
});
