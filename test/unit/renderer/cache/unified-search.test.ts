import { afterEach, describe, expect, it } from 'vitest';
import type { FolderRecord, MessageRecord } from '../../../../common/model/mail';
import { messageSearchWords } from '../../../../common/model/search';
import { parseQuery } from '../../../../common/search/query';
import { wordQuery } from '../../../../renderer/i18n/search-problems';
import type { DeviceCache } from '../../../../renderer/cache-host/schema';
import type { UnifiedSource } from '../../../../renderer/cache/unified';
import { searchEveryAccount, serverEntries } from '../../../../renderer/cache/unified-search';
import { byAccount, combinedOffer } from '../../../../renderer/features/unified/use-unified-selection';
import { folder, message } from '../../factories';
import { openDeviceCache } from './fake-idb';

/** The query as the search bar gives it to the search: parsed, its problems in words. */
const searchQuery = (text: string, now?: number) => wordQuery(parseQuery(text, now));

const INBOX = folder({ path: 'INBOX', name: 'Inbox', role: 'inbox' });
const PROJECTS = folder({ path: 'Projects', name: 'Projects' });
const TRASH = folder({ path: 'Trash', name: 'Trash', role: 'trash' });

const dbs: DeviceCache[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

/** An account's cache; messages are found by sender and subject (the `words` a stored record carries). */
async function account(address: string, folders: FolderRecord[], messages: Array<Partial<MessageRecord>>): Promise<{ source: UnifiedSource; db: DeviceCache }> {
  const db = openDeviceCache('unified-search');
  dbs.push(db);
  await db.folders.bulkPut(folders);
  await db.messages.bulkPut(
    messages.map((m, i) => {
      const record = message({ uid: i + 1, ...m });
      return { ...record, words: messageSearchWords(record) };
    }),
  );
  return { db, source: { accountId: address, deviceId: 'd', address, identities: [], dbName: db.name } };
}

function opener(accounts: Array<{ source: UnifiedSource; db: DeviceCache }>) {
  const byName = new Map(accounts.map((a) => [a.source.dbName, a.db]));
  return (name: string): DeviceCache => {
    const db = byName.get(name);
    if (!db) throw new Error('no such cache');
    return db;
  };
}

describe('searching every account', () => {
  it('one list, newest first across accounts, each entry with its account; ids that repeat across accounts stay apart', async () => {
    const work = await account('work@example.com', [INBOX, PROJECTS], [
      { folderId: INBOX.id, subject: 'Lunch plans', date: 1_000 },
      { folderId: PROJECTS.id, subject: 'Lunch budget', date: 3_000 },
      { folderId: INBOX.id, subject: 'Standup', date: 4_000 },
    ]);
    const home = await account('home@example.org', [INBOX], [{ folderId: INBOX.id, subject: 'Lunch with mum', date: 2_000 }]);
    const found = await searchEveryAccount([work.source, home.source], searchQuery('lunch'), { within: null, open: opener([work, home]) });
    expect(found.entries.map((e) => [e.message.subject, e.source.address])).toEqual([
      ['Lunch budget', 'work@example.com'],
      ['Lunch with mum', 'home@example.org'],
      ['Lunch plans', 'work@example.com'],
    ]);
    // Both accounts have a message `server:INBOX#1`; their keys differ.
    expect(found.entries[1]!.message.id).toBe(found.entries[2]!.message.id);
    expect(new Set(found.entries.map((e) => e.key)).size).toBe(3);
    expect(found.problems).toEqual([]);
  });

  it('within a view: All inboxes searches inboxes only, Unread only unread mail (is:read there finds nothing), Flagged only flagged', async () => {
    const work = await account('work@example.com', [INBOX, PROJECTS, TRASH], [
      { folderId: INBOX.id, subject: 'Report read', seen: 1, date: 1 },
      { folderId: INBOX.id, subject: 'Report unread', seen: 0, flagged: 1, date: 2 },
      { folderId: PROJECTS.id, subject: 'Report in projects', seen: 0, date: 3 },
      { folderId: TRASH.id, subject: 'Report thrown away', seen: 0, flagged: 1, date: 4 },
    ]);
    const open = opener([work]);
    const subjects = async (text: string, within: 'inbox' | 'unread' | 'flagged') => (await searchEveryAccount([work.source], searchQuery(text), { within, open })).entries.map((e) => e.message.subject);
    expect(await subjects('report', 'inbox')).toEqual(['Report unread', 'Report read']);
    expect(await subjects('report', 'unread')).toEqual(['Report in projects', 'Report unread']);
    expect(await subjects('report is:read', 'unread')).toEqual([]);
    expect(await subjects('report', 'flagged')).toEqual(['Report unread']);
  });

  it('says a problem only when no account could search it; names an account whose cache cannot be read, cuts a long list', async () => {
    const work = await account('work@example.com', [INBOX, PROJECTS], Array.from({ length: 12 }, (_, i) => ({ folderId: PROJECTS.id, subject: `Plan ${i}`, date: i })));
    const home = await account('home@example.org', [INBOX], [{ folderId: INBOX.id, subject: 'Plan for the garden', date: 100 }]);
    const broken: UnifiedSource = { ...home.source, address: 'broken@example.net', dbName: 'missing' };
    const open = opener([work, home]);
    const inProjects = await searchEveryAccount([work.source, home.source, broken], searchQuery('plan in:projects'), { within: null, open, limit: 5 });
    expect(inProjects.problems).toEqual([]);
    expect(inProjects.entries.map((e) => e.message.subject)).toEqual(['Plan 11', 'Plan 10', 'Plan 9', 'Plan 8', 'Plan 7']);
    expect(inProjects.cutAccounts).toEqual(['work@example.com']);
    expect(inProjects.failed).toEqual(['broken@example.net']);
    const nowhere = await searchEveryAccount([work.source, home.source], searchQuery('plan in:recipes'), { within: null, open });
    expect(nowhere.problems).toEqual(['No folder is called “recipes”.']);
  });

  it('hits of a server become entries of its account, those the view leaves out dropped', async () => {
    const work = await account('work@example.com', [INBOX], [
      { folderId: INBOX.id, subject: 'Read one', seen: 1, date: 1 },
      { folderId: INBOX.id, subject: 'Unread one', seen: 0, date: 2 },
    ]);
    const ids = (await work.db.messages.toArray()).map((m) => m.id);
    const entries = await serverEntries(work.source, [...ids, 'server:INBOX#99'], 'unread', opener([work]));
    expect(entries.map((e) => e.message.subject)).toEqual(['Unread one']);
  });
});

describe('acting on a selection over every account', () => {
  it('groups the chosen entries by account, in list order', async () => {
    const work = await account('work@example.com', [INBOX], [{ folderId: INBOX.id, date: 3 }, { folderId: INBOX.id, date: 1 }]);
    const home = await account('home@example.org', [INBOX], [{ folderId: INBOX.id, date: 2 }]);
    const found = await searchEveryAccount([work.source, home.source], searchQuery('is:unread'), { within: null, open: opener([work, home]) });
    expect(byAccount(found.entries).map((p) => [p.source.address, p.messageIds.length])).toEqual([
      ['work@example.com', 2],
      ['home@example.org', 1],
    ]);
  });

  it('one undo offer for every account, the first carrying the others, counting what each covers', () => {
    const a = { device: { accountId: 'a', deviceId: 'd' }, undoId: 'a1', what: 'Deleted 2 messages' };
    const b = { device: { accountId: 'b', deviceId: 'd' }, undoId: 'b1', what: 'Deleted 1 message' };
    expect(combinedOffer([], 'delete', 3)).toBeNull();
    // One account's undo keeps its own words (they say how far a stopped change got).
    const stopped = { ...a, what: 'Deleted 2 messages (2 of 5)' };
    expect(combinedOffer([{ offer: stopped, count: 2 }], 'delete', 5)).toEqual(stopped);
    expect(combinedOffer([{ offer: a, count: 2 }, { offer: b, count: 1 }], 'delete', 3)).toEqual({ ...a, what: 'Deleted 3 messages in 2 accounts', alsoOn: [b] });
    expect(combinedOffer([{ offer: a, count: 2 }, { offer: b, count: 1 }], 'read', 7)).toEqual({ ...a, what: 'Marked 3 messages read in 2 accounts (3 of 7)', alsoOn: [b] });
  });
});
