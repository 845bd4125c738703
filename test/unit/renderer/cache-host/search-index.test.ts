import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { CacheOp } from '../../../../common/cache-protocol';
import type { MessageRecord } from '../../../../common/model/mail';
import { fieldTerm } from '../../../../common/search/index-record';
import { terms } from '../../../../common/search/tokenize';
import { applyOps, INDEX_HEADERS_AT_ONCE } from '../../../../renderer/cache-host/apply-ops';
import { CacheHostHandler } from '../../../../renderer/cache-host/host-handler';
import { messagesToIndex, startIndexBuild } from '../../../../renderer/cache-host/index-build';
import { DeviceCache } from '../../../../renderer/cache-host/schema';
import { writeIndexEntries } from '../../../../renderer/cache-host/index-ops';
import { indexEntryOf, messageTerms } from '../../../../renderer/cache-host/search-index';
import { SCHEMA_VERSIONS } from '../../../../renderer/cache/schema-versions';
import { body, folder, message } from '../../factories';
import { fakeIdb, uniqueDbName } from '../cache/fake-idb';

const opened: DeviceCache[] = [];
const handlers: CacheHostHandler[] = [];

afterEach(async () => {
  for (const handler of handlers.splice(0)) handler.close();
  for (const db of opened.splice(0)) await db.delete();
});

function cache(name = uniqueDbName('search-index')): DeviceCache {
  const db = new DeviceCache(name, fakeIdb);
  opened.push(db);
  return db;
}

/** The message ids of terms records (the index keeps terms under a number the message record carries). */
async function idsOf(db: DeviceCache, docs: number[]): Promise<string[]> {
  return (await db.messages.where('searchDoc').anyOf(docs).primaryKeys()).sort();
}

/** The ids of the messages an index lookup of `term` finds. */
async function found(db: DeviceCache, term: string): Promise<string[]> {
  return idsOf(db, await db.searchTerms.where('terms').equals(term).primaryKeys());
}

/** The ids found by every term of a text typed into a search box (each term a prefix). */
async function search(db: DeviceCache, text: string): Promise<string[]> {
  let result = null as Set<string> | null;
  for (const term of terms(text)) {
    const ids = new Set(await idsOf(db, await db.searchTerms.where('terms').startsWith(term).primaryKeys()));
    result = result ? new Set([...result].filter((id) => ids.has(id))) : ids;
  }
  return [...(result ?? [])].sort();
}

/** How many messages have terms; every terms record belongs to exactly one of them (none left behind). */
async function entries(db: DeviceCache): Promise<number> {
  const [messages, termRecords] = await Promise.all([db.messages.toArray(), db.searchTerms.toCollection().primaryKeys()]);
  const docs = messages.flatMap((m) => (m.searchDoc === undefined ? [] : [m.searchDoc]));
  expect(docs.sort()).toEqual([...termRecords].sort());
  return docs.length;
}

/** A message's entry: which terms record, whether the body is in it, and its terms. */
async function entryOf(db: DeviceCache, id: string): Promise<{ doc: number; hasBody: 0 | 1; terms: string[] } | undefined> {
  const doc = (await db.messages.get(id))?.searchDoc;
  if (doc === undefined) return undefined;
  const record = (await db.searchTerms.get(doc))!;
  return { doc, hasBody: record.hasBody, terms: record.terms };
}

describe('messageTerms', () => {
  it('gives headers plain and tagged, then body and attachment names', () => {
    const record = message({ subject: 'Quarterly report', from: [{ name: 'Ann Müller', address: 'ann@example.com' }], to: [{ name: '', address: 'bob@example.org' }], cc: [{ name: 'Carol', address: 'carol@example.net' }] });
    const all = messageTerms(record, body({ text: 'See the numbers', attachments: [{ id: 'x/0', filename: 'Budget-2026.pdf', contentType: 'application/pdf', size: 1, contentId: null, inline: false }] }));

    expect(all).toEqual(expect.arrayContaining(['ann', 'muller', 'ann@example.com', 'example', 'quarterly', 'bob@example.org', 'carol', 'numbers', 'budget', '2026', 'pdf']));
    expect(all).toEqual(expect.arrayContaining([fieldTerm('from', 'muller'), fieldTerm('from', 'ann@example.com'), fieldTerm('subject', 'report'), fieldTerm('filename', 'budget')]));
    expect(all).not.toContain(fieldTerm('from', 'numbers'));
    // Recipients only plain: the user's own address is in almost every message.
    expect(all).not.toContain(fieldTerm('to', 'bob'));
    expect(all.indexOf('quarterly')).toBeLessThan(all.indexOf('numbers'));
  });

  it('reads an HTML-only body as text, without its scripts and styles', () => {
    const all = messageTerms(message(), body({ text: '', html: '<html><head><style>.hidden{}</style></head><body><p>Caf&eacute; <b>meeting</b>&nbsp;at&#32;noon</p><script>secretcode()</script></body></html>' }));

    expect(all).toEqual(expect.arrayContaining(['cafe', 'meeting', 'at', 'noon']));
    expect(all).not.toContain('secretcode');
    expect(all).not.toContain('hidden');
  });

  it('leaves out images shown in place of the HTML, keeps listed attachments', () => {
    const all = messageTerms(
      message(),
      body({
        attachments: [
          { id: 'a', filename: 'image001.png', contentType: 'image/png', size: 1, contentId: '<img1>', inline: true },
          { id: 'b', filename: 'contract.docx', contentType: 'application/octet-stream', size: 1, contentId: null, inline: false },
        ],
      }),
    );
    expect(all).toContain('contract');
    expect(all).not.toContain('image001');
  });

  it('is bounded for a list mail to thousands and a huge body', () => {
    const to = Array.from({ length: 3_000 }, (_, i) => ({ name: `Person ${i}`, address: `p${i}@example.com` }));
    const huge = Array.from({ length: 200_000 }, (_, i) => `w${i}`).join(' ');
    const all = messageTerms(message({ to }), body({ text: huge }));

    expect(all.length).toBeLessThanOrEqual(2_000);
    expect(all).toContain('p0@example.com');
    expect(all).not.toContain('p2999@example.com');
  });
});

describe('applyOps keeps the search index', () => {
  it('indexes headers as messages arrive, and the body when it comes later', async () => {
    const db = cache();
    await applyOps(db, [{ op: 'putMessages', messages: [message({ uid: 1, subject: 'Lunch plans' }), message({ uid: 2, subject: 'Invoice' })] }]);

    expect(await search(db, 'lunch')).toEqual(['server:INBOX#1']);
    expect(await search(db, 'pizza')).toEqual([]);
    expect((await entryOf(db, 'server:INBOX#1'))?.hasBody).toBe(0);

    await applyOps(db, [{ op: 'putBody', body: body({ messageId: 'server:INBOX#1', text: 'Shall we have pizza at Café Größe?' }), attachments: [] }]);

    expect(await search(db, 'pizza cafe grosse')).toEqual(['server:INBOX#1']);
    expect(await search(db, 'piz')).toEqual(['server:INBOX#1']);
    expect(await search(db, 'lunch')).toEqual(['server:INBOX#1']);
    expect((await entryOf(db, 'server:INBOX#1'))?.hasBody).toBe(1);
  });

  it('finds CJK text by any two-character piece', async () => {
    const db = cache();
    await applyOps(db, [
      { op: 'putMessages', messages: [message({ uid: 1, subject: '会议纪要' }), message({ uid: 2, subject: 'Other' })] },
      { op: 'putBody', body: body({ messageId: 'server:INBOX#2', text: '東京に行きます。서울에서 만나요' }), attachments: [] },
    ]);

    expect(await search(db, '纪要')).toEqual(['server:INBOX#1']);
    expect(await search(db, '東京')).toEqual(['server:INBOX#2']);
    expect(await search(db, '行きます')).toEqual(['server:INBOX#2']);
    expect(await search(db, '서울')).toEqual(['server:INBOX#2']);
  });

  it('keeps the body terms when the headers are stored again', async () => {
    const db = cache();
    await applyOps(db, [
      { op: 'putMessages', messages: [message({ subject: 'Old subject' })] },
      { op: 'putBody', body: body({ text: 'zeppelin' }), attachments: [] },
    ]);
    await applyOps(db, [{ op: 'putMessages', messages: [message({ subject: 'New subject' })] }]);

    expect(await found(db, 'zeppelin')).toEqual(['server:INBOX#1']);
    expect(await found(db, 'new')).toEqual(['server:INBOX#1']);
    expect((await entryOf(db, 'server:INBOX#1'))?.hasBody).toBe(1);
  });

  it('moves a record with its message: to another folder, and in place between local folders', async () => {
    const db = cache();
    await applyOps(db, [
      { op: 'putMessages', messages: [message({ uid: 1 }), message({ id: 'local:abc', folderId: 'local:inbox', uid: null })] },
      { op: 'putBody', body: body({ messageId: 'server:INBOX#1', text: 'walrus' }), attachments: [] },
      { op: 'putBody', body: body({ messageId: 'local:abc', text: 'narwhal' }), attachments: [] },
    ]);
    const walrus = (await entryOf(db, 'server:INBOX#1'))!;
    await applyOps(db, [
      {
        op: 'renameMessages',
        renames: [
          { from: 'server:INBOX#1', to: 'pending:op1', folderId: 'server:Archive', uid: null },
          { from: 'local:abc', to: 'local:abc', folderId: 'local:trash', uid: null },
        ],
      },
    ]);
    await applyOps(db, [{ op: 'renameMessages', renames: [{ from: 'pending:op1', to: 'server:Archive#7', folderId: 'server:Archive', uid: 7 }] }]);

    expect(await found(db, 'walrus')).toEqual(['server:Archive#7']);
    // The terms stayed where they were: only the small record naming the message followed it.
    expect(await entryOf(db, 'server:Archive#7')).toEqual(walrus);
    expect(await db.messages.get('server:INBOX#1')).toBeUndefined();
    expect(await db.messages.get('pending:op1')).toBeUndefined();
    expect(await found(db, 'narwhal')).toEqual(['local:abc']);
    expect(await entries(db)).toBe(2);
  });

  it('a rename onto an id that has an entry replaces it, leaving no terms behind', async () => {
    const db = cache();
    await applyOps(db, [
      { op: 'putMessages', messages: [message({ uid: 1, subject: 'Aardvark' }), message({ uid: 2, subject: 'Pangolin' })] },
      { op: 'renameMessages', renames: [{ from: 'server:INBOX#1', to: 'server:INBOX#2', folderId: 'server:INBOX', uid: 2 }] },
    ]);

    expect(await found(db, 'aardvark')).toEqual(['server:INBOX#2']);
    expect(await found(db, 'pangolin')).toEqual([]);
    expect(await entries(db)).toBe(1);
  });

  it('headers stored again keep their terms number, whether or not their UIDs are near each other', async () => {
    const db = cache();
    const twenty = Array.from({ length: 20 }, (_, i) => message({ uid: i + 1, subject: `Note ${i + 1}` }));
    await applyOps(db, [{ op: 'putMessages', messages: twenty }]);
    const before = (await db.messages.toArray()).map((m) => [m.id, m.searchDoc]);

    // UIDs 1 and 20: their range holds 18 others (read one by one); 5 to 9: nothing else.
    await applyOps(db, [{ op: 'putMessages', messages: [twenty[0]!, twenty[19]!] }]);
    await applyOps(db, [{ op: 'putMessages', messages: twenty.slice(4, 9) }]);
    // New mail above them: nothing stored in its range.
    await applyOps(db, [{ op: 'putMessages', messages: [message({ uid: 21, subject: 'Note 21' })] }]);

    expect((await db.messages.toArray()).filter((m) => m.uid! <= 20).map((m) => [m.id, m.searchDoc])).toEqual(before);
    expect(await entries(db)).toBe(21);
  });

  it('keeps the terms number itself: one main sends, in a record it copied from another message, is ignored', async () => {
    const db = cache();
    await applyOps(db, [{ op: 'putMessages', messages: [message({ uid: 1, subject: 'Original' })] }]);
    const original = (await entryOf(db, 'server:INBOX#1'))!;

    // A copy under a new id, and the same message stored again and renamed with a record main brought.
    const copied = { ...(await db.messages.get('server:INBOX#1'))!, id: 'server:Archive#1', folderId: 'server:Archive' };
    await applyOps(db, [
      { op: 'putMessages', messages: [copied, message({ uid: 1, subject: 'Original', searchDoc: 999 })] },
      { op: 'renameMessages', renames: [{ from: 'server:INBOX#1', to: 'local:1', folderId: 'local:inbox', uid: null, record: message({ uid: 1, subject: 'Original', searchDoc: 999 }) }] },
    ]);

    expect((await entryOf(db, 'local:1'))?.doc).toBe(original.doc);
    expect((await entryOf(db, 'server:Archive#1'))?.doc).not.toBe(original.doc);
    await applyOps(db, [{ op: 'deleteMessages', ids: ['server:Archive#1'] }]);
    expect(await found(db, 'original')).toEqual(['local:1']);
    expect(await entries(db)).toBe(1);
  });

  it('indexes the headers of a renamed message that had no record', async () => {
    const db = cache();
    await applyOps(db, [{ op: 'renameMessages', renames: [{ from: 'local:gone', to: 'server:INBOX#3', folderId: 'server:INBOX', uid: 3, record: message({ uid: 3, subject: 'Brought along' }) }] }]);

    expect(await found(db, 'brought')).toEqual(['server:INBOX#3']);
  });

  it('deletes records with their messages, a cleared folder and a deleted folder', async () => {
    const db = cache();
    await applyOps(db, [
      { op: 'putFolders', folders: [folder({ path: 'INBOX' }), folder({ path: 'Archive' }), folder({ path: 'Old' })] },
      { op: 'putMessages', messages: [message({ uid: 1 }), message({ uid: 2 }), message({ folderId: 'server:Archive', uid: 1 }), message({ folderId: 'server:Old', uid: 1 }), message({ folderId: 'server:Old', uid: 2 })] },
    ]);

    await applyOps(db, [{ op: 'deleteMessages', ids: ['server:INBOX#1'] }]);
    expect(await found(db, 'hello')).toEqual(['server:Archive#1', 'server:INBOX#2', 'server:Old#1', 'server:Old#2']);

    await applyOps(db, [{ op: 'clearFolder', folderId: 'server:Old' }]);
    expect(await found(db, 'hello')).toEqual(['server:Archive#1', 'server:INBOX#2']);

    await applyOps(db, [{ op: 'deleteFolder', id: 'server:Archive' }]);
    expect(await found(db, 'hello')).toEqual(['server:INBOX#2']);
    expect(await entries(db)).toBe(1);
  });

  it('a flag change leaves the index as it was', async () => {
    const db = cache();
    await applyOps(db, [{ op: 'putMessages', messages: [message()] }]);
    const before = await entryOf(db, 'server:INBOX#1');
    await applyOps(db, [{ op: 'changeFlags', ids: ['server:INBOX#1'], add: ['\\Seen'], remove: [] }]);

    expect(await entryOf(db, 'server:INBOX#1')).toEqual(before);
  });

  it('a batch that fails leaves no index record behind', async () => {
    const db = cache();
    const invalid = { ...message({ uid: 2 }), id: undefined } as unknown as MessageRecord;
    await expect(applyOps(db, [{ op: 'putMessages', messages: [message({ uid: 1 })] }, { op: 'putMessages', messages: [invalid] }])).rejects.toThrow();

    expect(await entries(db)).toBe(0);
  });

  it('follows a switch-sized rename of 5,000 messages, keeping their body terms', async () => {
    const db = cache();
    const count = 5_000;
    const messages = Array.from({ length: count }, (_, i) => message({ id: `local:${i}`, folderId: 'local:inbox', uid: null, subject: `Report ${i}` }));
    // In batches small enough to be indexed as they are stored, as a sync's are.
    const batches = Array.from({ length: Math.ceil(count / INDEX_HEADERS_AT_ONCE) }, (_, i): CacheOp => ({ op: 'putMessages', messages: messages.slice(i * INDEX_HEADERS_AT_ONCE, (i + 1) * INDEX_HEADERS_AT_ONCE) }));
    await applyOps(db, [...batches, ...messages.slice(0, 50).map((m, i): CacheOp => ({ op: 'putBody', body: body({ messageId: m.id, text: `body${i}` }), attachments: [] }))]);

    const docsBefore = (await db.messages.bulkGet(messages.map((m) => m.id))).map((m) => m?.searchDoc);
    await applyOps(db, [{ op: 'renameMessages', renames: messages.map((m, i) => ({ from: m.id, to: `server:INBOX#${i + 1}`, folderId: 'server:INBOX', uid: i + 1, record: { ...m, id: `server:INBOX#${i + 1}`, folderId: 'server:INBOX', uid: i + 1 } })) }]);

    expect(await entries(db)).toBe(count);
    // No terms record was written again: each message kept its own.
    expect(docsBefore.every((doc) => doc !== undefined)).toBe(true);
    expect((await db.messages.bulkGet(messages.map((_, i) => `server:INBOX#${i + 1}`))).map((m) => m?.searchDoc)).toEqual(docsBefore);
    expect(await found(db, '4999')).toEqual(['server:INBOX#5000']);
    expect(await found(db, 'body7')).toEqual(['server:INBOX#8']);
  });
});

/** A database as Porthole made it before the index (schema version 5), with mail and some bodies. */
async function versionFiveDatabase(name: string, count: number, withBodies: (i: number) => boolean): Promise<void> {
  const old = new Dexie(name, fakeIdb);
  for (const { version, stores } of SCHEMA_VERSIONS.filter((v) => v.version <= 5)) old.version(version).stores(stores);
  await old.table('folders').bulkPut([folder({ path: 'INBOX' }), folder({ path: 'Archive' })]);
  const messages = Array.from({ length: count }, (_, i) => message({ folderId: i % 2 ? 'server:Archive' : 'server:INBOX', uid: i + 1, subject: `Letter ${i}`, date: Date.UTC(2026, 0, 1) + i * 60_000 }));
  await old.table('messages').bulkPut(messages);
  await old.table('bodies').bulkPut(messages.filter((_, i) => withBodies(i)).map((m, i) => body({ messageId: m.id, text: `quokka text${i}` })));
  old.close();
}

describe('the background build', () => {
  it('indexes a database made at version 5: Inbox first, newest first, bodies included', async () => {
    const name = uniqueDbName('old');
    await versionFiveDatabase(name, 40, (i) => i % 4 === 0);
    const db = cache(name);

    const todo = await messagesToIndex(db);
    expect(todo).toHaveLength(40);
    expect(todo.slice(0, 20).every((id) => id.startsWith('server:INBOX#'))).toBe(true);
    expect(todo[0]).toBe('server:INBOX#39');

    const progress: number[] = [];
    const build = startIndexBuild(db, { idle: () => Promise.resolve(), yieldThread: () => new Promise((r) => setTimeout(r, 0)), batchSize: 7, onProgress: (done) => progress.push(done) });
    expect(await build.finished).toBe(40);

    expect(await entries(db)).toBe(40);
    expect(await found(db, 'quokka')).toHaveLength(10);
    expect(await found(db, fieldTerm('subject', 'letter'))).toHaveLength(40);
    expect(progress.length).toBeGreaterThanOrEqual(6);
    expect(await messagesToIndex(db)).toEqual([]);
  });

  it('remakes the index of a database made at version 6, whose terms were kept under message ids', async () => {
    const name = uniqueDbName('v6');
    const old = new Dexie(name, fakeIdb);
    for (const { version, stores } of SCHEMA_VERSIONS.filter((v) => v.version <= 6)) old.version(version).stores(stores);
    await old.table('folders').bulkPut([folder({ path: 'INBOX' })]);
    await old.table('messages').bulkPut([message({ uid: 1, subject: 'Kept' }), message({ uid: 2, subject: 'Also kept' })]);
    await old.table('bodies').put(body({ messageId: 'server:INBOX#2', text: 'capybara' }));
    await old.table('searchIndex').put({ messageId: 'server:INBOX#1', folderId: 'server:INBOX', terms: ['kept'], hasBody: 0 });
    old.close();

    const db = cache(name);
    expect(await entries(db)).toBe(0);
    expect(await startIndexBuild(db, { idle: () => Promise.resolve(), yieldThread: () => Promise.resolve() }).finished).toBe(2);
    expect(await found(db, 'kept')).toEqual(['server:INBOX#1', 'server:INBOX#2']);
    expect(await found(db, 'capybara')).toEqual(['server:INBOX#2']);
    expect(db.tables.map((t) => t.name)).not.toContain('searchIndex');
  });

  it('resumes where it stopped: what has a record is not indexed again', async () => {
    const name = uniqueDbName('old');
    await versionFiveDatabase(name, 30, () => true);
    const db = cache(name);

    let stop = (): void => undefined;
    const first = startIndexBuild(db, { idle: () => Promise.resolve(), yieldThread: () => Promise.resolve(), batchSize: 5, onProgress: (done) => done >= 10 && stop() });
    stop = () => first.stop();
    const firstCount = await first.finished;
    expect(firstCount).toBe(10);
    expect(await entries(db)).toBe(10);

    const second = startIndexBuild(db, { idle: () => Promise.resolve(), yieldThread: () => Promise.resolve(), batchSize: 5 });
    expect(await second.finished).toBe(20);
    expect(await found(db, 'quokka')).toHaveLength(30);
  });

  it('writes nothing over what changed while the terms were made: a message deleted, or completed by main', async () => {
    const name = uniqueDbName('old');
    await versionFiveDatabase(name, 3, () => false);
    const db = cache(name);
    let yields = 0;
    // The build gives the thread back before its batch, then (a budget no slice fits) before each
    // message of it: main acts at the second, after the batch was read.
    const yieldThread = async (): Promise<void> => {
      if (++yields !== 2) return;
      await db.messages.delete('server:INBOX#1');
      const archived = (await db.messages.get('server:Archive#2'))!;
      await writeIndexEntries(db, [{ message: archived, entry: indexEntryOf(archived, body({ messageId: archived.id, text: 'quokka' })) }]);
    };
    expect(await startIndexBuild(db, { idle: () => Promise.resolve(), yieldThread, workBudgetMs: -1 }).finished).toBe(1);
    expect(yields).toBeGreaterThan(2);
    expect(await db.messages.get('server:INBOX#1')).toBeUndefined();
    expect(await entries(db)).toBe(2);
    expect(await found(db, 'quokka')).toEqual(['server:Archive#2']);
    expect(await found(db, fieldTerm('subject', 'letter'))).toEqual(['server:Archive#2', 'server:INBOX#3']);
  });

  it('adds the body terms to records made before their body came', async () => {
    const db = cache();
    await applyOps(db, [{ op: 'putMessages', messages: [message({ uid: 1 }), message({ uid: 2 })] }]);
    // A body stored without its index record's update, as a version-5 host did.
    await db.bodies.put(body({ messageId: 'server:INBOX#2', text: 'platypus' }));

    expect(await messagesToIndex(db)).toEqual(['server:INBOX#2']);
    expect(await startIndexBuild(db, { idle: () => Promise.resolve(), yieldThread: () => Promise.resolve() }).finished).toBe(1);
    expect(await found(db, 'platypus')).toEqual(['server:INBOX#2']);
  });

  it('waits while main has requests to apply, and writes nothing meanwhile', async () => {
    const name = uniqueDbName('old');
    await versionFiveDatabase(name, 10, () => false);
    const db = cache(name);
    let busy = true;
    let wake = (): void => undefined;
    const idle = (): Promise<void> => (busy ? new Promise((resolve) => (wake = resolve)) : Promise.resolve());
    const build = startIndexBuild(db, { idle, yieldThread: () => new Promise((r) => setTimeout(r, 0)) });

    // Main's batches go through untouched while the build waits.
    await applyOps(db, [{ op: 'putMessages', messages: [message({ uid: 100, subject: 'Fresh' })] }]);
    await new Promise((r) => setTimeout(r, 0));
    expect(await entries(db)).toBe(1);

    busy = false;
    wake();
    expect(await build.finished).toBe(10);
    expect(await entries(db)).toBe(11);
  });

  it('in the host: starts on a database it opens, and its idle() waits for requests in flight', async () => {
    const name = uniqueDbName('old');
    await versionFiveDatabase(name, 25, (i) => i < 5);
    const handler = new CacheHostHandler(fakeIdb, { batchSize: 10 });
    handlers.push(handler);

    const reply = handler.handle({ kind: 'query', requestId: 1, dbName: name, query: { query: 'folders' } });
    let idle = false;
    const idlePromise = handler.idle().then(() => (idle = true));
    expect(idle).toBe(false);
    await reply;
    await idlePromise;
    expect(idle).toBe(true);

    expect(await handler.indexBuildOf(name)!.finished).toBe(25);
    const db = cache(name);
    expect(await entries(db)).toBe(25);
    expect(await found(db, 'quokka')).toHaveLength(5);
  });

  it('in the host: a first sync’s large batch is stored without its index records, which the build then writes', async () => {
    const name = uniqueDbName('sync');
    const handler = new CacheHostHandler(fakeIdb, { batchSize: 100 });
    handlers.push(handler);
    const inbox = folder({ path: 'INBOX', role: 'inbox' });
    const many = Array.from({ length: INDEX_HEADERS_AT_ONCE + 1 }, (_, i) => message({ folderId: inbox.id, uid: i + 1, subject: i === 7 ? 'Wombat season' : `Backfill ${i}` }));
    await handler.handle({ kind: 'apply', requestId: 1, dbName: name, ops: [{ op: 'putFolders', folders: [inbox] }] });
    await handler.indexBuildOf(name)!.finished;
    const db = cache(name);
    // The build indexes all of them: the batch's own transaction wrote no record. A small batch is indexed at once.
    const reply = handler.handle({ kind: 'apply', requestId: 2, dbName: name, ops: [{ op: 'putMessages', messages: many }] });
    expect(await reply).toEqual({ kind: 'done', requestId: 2, value: { flagsBefore: [] } });
    const build = handler.indexBuildOf(name)!;
    expect(await build.finished).toBe(INDEX_HEADERS_AT_ONCE + 1);
    expect(await entries(db)).toBe(INDEX_HEADERS_AT_ONCE + 1);
    expect(await found(db, 'wombat')).toEqual([many[7]!.id]);
    await handler.handle({ kind: 'apply', requestId: 3, dbName: name, ops: [{ op: 'putMessages', messages: [message({ folderId: inbox.id, uid: 9_999, subject: 'Platypus' })] }] });
    expect(await found(db, 'platypus')).toHaveLength(1);
  });

  it('in the host: a dropped database stops its build without an error', async () => {
    const name = uniqueDbName('old');
    await versionFiveDatabase(name, 50, () => true);
    const handler = new CacheHostHandler(fakeIdb, { batchSize: 2 });
    handlers.push(handler);
    await handler.handle({ kind: 'query', requestId: 1, dbName: name, query: { query: 'folders' } });
    const build = handler.indexBuildOf(name)!;

    expect(await handler.handle({ kind: 'dropDatabase', requestId: 2, dbName: name })).toEqual({ kind: 'done', requestId: 2, value: null });
    expect(await build.finished.catch(() => -1)).toBeLessThan(50);
  });
});
