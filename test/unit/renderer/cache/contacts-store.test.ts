import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSIONS } from '../../../../renderer/cache/schema-versions';
import { applyOps } from '../../../../renderer/cache-host/apply-ops';
import { DeviceCache } from '../../../../renderer/cache-host/schema';
import { folder, message } from '../../factories';
import { fakeIdb, openDeviceCache, uniqueDbName } from './fake-idb';

/**
 * The contacts store (issue 16) as the cache host keeps it: every message counted once, when first
 * stored, in the transaction that stores it; and the mail of a cache made before the store
 * counted by the upgrade to schema version 8.
 */

const opened: DeviceCache[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

function cache(name?: string): DeviceCache {
  const db = name ? new DeviceCache(name, fakeIdb) : openDeviceCache('contacts');
  opened.push(db);
  return db;
}

const folders = [folder({ path: 'INBOX' }), folder({ path: 'Sent', role: 'sent' }), folder({ path: 'Drafts', role: 'drafts' }), folder({ path: 'Junk', role: 'junk' })];
const ann = { name: 'Ann Smith', address: 'ann@example.test' };
const bob = { name: 'Bob', address: 'Bob@Example.test' };
const me = { name: 'Me', address: 'me@example.test' };

describe('the contacts store', () => {
  it('counts senders of new mail and recipients of sent mail, once per message, and nothing for Drafts or Junk', async () => {
    const db = cache();
    await applyOps(db, [
      { op: 'putFolders', folders },
      {
        op: 'putMessages',
        messages: [
          message({ folderId: 'server:INBOX', uid: 1, from: [ann], to: [me] }),
          message({ folderId: 'server:Sent', uid: 1, from: [me], to: [ann], cc: [bob], date: Date.UTC(2026, 1, 1) }),
          message({ folderId: 'server:Drafts', uid: 1, from: [me], to: [{ name: '', address: 'draft@example.test' }] }),
          message({ folderId: 'server:Junk', uid: 1, from: [{ name: 'Spam', address: 'spam@example.test' }], to: [me] }),
        ],
      },
    ]);
    // The same messages again (a resync, a flag change) count nothing more.
    await applyOps(db, [{ op: 'putMessages', messages: [message({ folderId: 'server:INBOX', uid: 1, from: [ann], to: [me], flags: ['\\Seen'], seen: 1 })] }]);
    // A move keeps the message: it is not counted again.
    await applyOps(db, [{ op: 'renameMessages', renames: [{ from: 'server:INBOX#1', to: 'server:INBOX#7', folderId: 'server:INBOX', uid: 7 }] }]);

    expect(await db.contacts.toArray()).toEqual([
      { address: 'ann@example.test', name: 'Ann Smith', sent: 1, received: 1, last: Date.UTC(2026, 1, 1) },
      { address: 'bob@example.test', name: 'Bob', sent: 1, received: 0, last: Date.UTC(2026, 1, 1) },
    ]);
    expect(await db.recipientGroups.toArray()).toEqual([{ key: 'ann@example.test, bob@example.test', members: [ann, bob], count: 1, last: Date.UTC(2026, 1, 1) }]);

    await applyOps(db, [{ op: 'putMessages', messages: [message({ folderId: 'server:Sent', uid: 2, from: [me], to: [bob, ann], date: Date.UTC(2026, 2, 1) })] }]);
    expect((await db.recipientGroups.toArray()).map((g) => [g.key, g.count])).toEqual([['ann@example.test, bob@example.test', 2]]);
    expect((await db.contacts.get('bob@example.test'))?.sent).toBe(2);
  });

  it('counts the mail of a cache made before the store, once, when it is upgraded', async () => {
    const name = uniqueDbName('v7');
    const old = new Dexie(name, fakeIdb);
    for (const { version, stores } of SCHEMA_VERSIONS.filter((v) => v.version <= 7)) old.version(version).stores(stores);
    await old.table('folders').bulkPut(folders);
    await old.table('messages').bulkPut([
      ...Array.from({ length: 30 }, (_, i) => message({ folderId: 'server:INBOX', uid: i + 1, from: [i % 3 ? ann : bob] })),
      message({ folderId: 'server:Sent', uid: 1, from: [me], to: [ann] }),
    ]);
    old.close();

    const db = cache(name);
    expect((await db.contacts.toArray()).map((c) => [c.address, c.sent, c.received])).toEqual([
      ['ann@example.test', 1, 20],
      ['bob@example.test', 0, 10],
    ]);
    db.close();
    const again = cache(name);
    expect((await again.contacts.get('ann@example.test'))?.received).toBe(20);
  });
});
