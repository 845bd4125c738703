import { afterEach, describe, expect, it } from 'vitest';
import type { FolderRecord, MessageRecord } from '../../../../common/model/mail';
import type { DeviceCache } from '../../../../renderer/cache-host/schema';
import { unifiedList, type UnifiedSource } from '../../../../renderer/cache/unified';
import { folder, message } from '../../factories';
import { openDeviceCache } from './fake-idb';

const INBOX = folder({ path: 'INBOX', name: 'Inbox', role: 'inbox' });
const ARCHIVE = folder({ path: 'Archive', name: 'Archive', role: 'archive' });
const TRASH = folder({ path: 'Trash', name: 'Trash', role: 'trash' });
const SENT = folder({ path: 'Sent', name: 'Sent', role: 'sent' });

const dbs: DeviceCache[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

/** An account's cache with these folders and messages, as the source a unified view reads. */
async function account(address: string, folders: FolderRecord[], messages: Array<Partial<MessageRecord>>): Promise<{ source: UnifiedSource; db: DeviceCache }> {
  const db = openDeviceCache('unified');
  dbs.push(db);
  await db.folders.bulkPut(folders);
  await db.messages.bulkPut(messages.map((m, i) => message({ uid: i + 1, ...m })));
  return { db, source: { accountId: address, deviceId: 'd', address, identities: [], dbName: db.name } };
}

async function list(accounts: Array<{ source: UnifiedSource; db: DeviceCache }>, kind: 'inbox' | 'unread' | 'flagged', limit?: number) {
  const byName = new Map(accounts.map((a) => [a.source.dbName, a.db]));
  return unifiedList(
    accounts.map((a) => a.source),
    kind,
    limit,
    (name) => byName.get(name)!,
  );
}

describe('views over every account', () => {
  it('All inboxes: every account’s inbox only, newest first across accounts, each entry with its account', async () => {
    const work = await account('work@example.com', [INBOX, ARCHIVE], [
      { folderId: INBOX.id, subject: 'w-old', date: 1_000 },
      { folderId: INBOX.id, subject: 'w-new', date: 4_000 },
      { folderId: ARCHIVE.id, subject: 'w-archived', date: 5_000 },
    ]);
    const home = await account('home@example.org', [INBOX], [{ folderId: INBOX.id, subject: 'h-mid', date: 2_000 }]);
    const result = await list([work, home], 'inbox');
    expect(result.entries.map((e) => [e.message.subject, e.source.address])).toEqual([
      ['w-new', 'work@example.com'],
      ['h-mid', 'home@example.org'],
      ['w-old', 'work@example.com'],
    ]);
    expect(new Set(result.entries.map((e) => e.key)).size).toBe(3);
    expect(result.cutAccounts).toEqual([]);
  });

  it('Unread and Flagged: every folder but Trash, Junk, Sent and Drafts', async () => {
    const work = await account('work@example.com', [INBOX, ARCHIVE, TRASH, SENT], [
      { folderId: INBOX.id, subject: 'unread inbox', seen: 0, date: 1 },
      { folderId: INBOX.id, subject: 'read inbox', seen: 1, flagged: 1, date: 2 },
      { folderId: ARCHIVE.id, subject: 'unread archive', seen: 0, flagged: 1, date: 3 },
      { folderId: TRASH.id, subject: 'unread trash', seen: 0, flagged: 1, date: 4 },
      { folderId: SENT.id, subject: 'unread sent', seen: 0, date: 5 },
    ]);
    expect((await list([work], 'unread')).entries.map((e) => e.message.subject)).toEqual(['unread archive', 'unread inbox']);
    expect((await list([work], 'flagged')).entries.map((e) => e.message.subject)).toEqual(['unread archive', 'read inbox']);
  });

  it('keeps the newest of a large account and says it was cut; an account that cannot be read is named, the others shown', async () => {
    const big = await account('big@example.com', [INBOX], Array.from({ length: 30 }, (_, i) => ({ folderId: INBOX.id, subject: `m${i}`, date: i })));
    const broken: { source: UnifiedSource; db: DeviceCache } = { db: big.db, source: { ...big.source, address: 'broken@example.com', dbName: 'missing' } };
    const byName = new Map([[big.source.dbName, big.db]]);
    const result = await unifiedList([big.source, broken.source], 'inbox', 10, (name) => {
      const db = byName.get(name);
      if (!db) throw new Error('no such cache');
      return db;
    });
    expect(result.entries.map((e) => e.message.subject)).toEqual(['m29', 'm28', 'm27', 'm26', 'm25', 'm24', 'm23', 'm22', 'm21', 'm20']);
    expect(result.cutAccounts).toEqual(['big@example.com']);
    expect(result.failed).toEqual(['broken@example.com']);
    // Unread: few are read from their index, many by walking the folder newest first; both newest first.
    await big.db.messages.filter((m) => m.subject === 'm29' || m.subject === 'm27').modify({ seen: 1 });
    const unread = await unifiedList([big.source], 'unread', 10, () => big.db);
    expect(unread.entries.map((e) => e.message.subject)).toEqual(['m28', 'm26', 'm25', 'm24', 'm23', 'm22', 'm21', 'm20', 'm19', 'm18']);
    expect(unread.cutAccounts).toEqual(['big@example.com']);
    await big.db.messages.filter((m) => m.date < 20).modify({ seen: 1 });
    const few = await unifiedList([big.source], 'unread', 10, () => big.db);
    expect(few.entries.map((e) => e.message.subject)).toEqual(['m28', 'm26', 'm25', 'm24', 'm23', 'm22', 'm21', 'm20']);
    expect(few.cutAccounts).toEqual([]);
  });
});
