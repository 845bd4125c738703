// Live queries watch the default IndexedDB: fake-indexeddb's, in this process.
import 'fake-indexeddb/auto';
import Dexie, { liveQuery } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { serverFolderId } from '../../../../common/model/mail';
import { applyOps } from '../../../../renderer/cache-host/apply-ops';
import { startIndexBuild, type WrittenTerms } from '../../../../renderer/cache-host/index-build';
import { KEYS_PER_WORD, quietBuildWrites, writtenParts } from '../../../../renderer/cache-host/index-build-signal';
import { DeviceCache } from '../../../../renderer/cache-host/schema';
import { folder, message } from '../../factories';
import { uniqueDbName } from '../cache/fake-idb';

/**
 * The build's writes, as the windows hear of them: a message numbered for the index (its record put
 * again with only `searchDoc` new) must not re-run every live query over the messages (the Inbox
 * list, the counts), as Dexie's own account of a put did; the index's readers still hear of it.
 */

const INBOX = serverFolderId('INBOX');
const MESSAGES = 60;
const BATCH = 10;
const opened: DeviceCache[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

/** A cache as a Porthole before the index left it: messages without a terms number, no terms. */
async function cacheBeforeTheIndex(): Promise<string> {
  const db = new DeviceCache(uniqueDbName('build-signal'));
  opened.push(db);
  await db.folders.put(folder());
  await db.messages.bulkPut(Array.from({ length: MESSAGES }, (_, i) => message({ uid: i + 1, folderId: INBOX, date: Date.UTC(2026, 0, 1) + i * 60_000 })));
  return db.name;
}

/** Runs the build on its own connection (as the worker does) while a window's live queries watch; returns how often each ran. */
async function buildWatched(name: string, quiet: boolean): Promise<{ listRuns: number; indexed: number; newestDocs: Array<number | undefined> }> {
  const window = new DeviceCache(name);
  const builder = new DeviceCache(name);
  opened.push(window, builder);
  if (quiet) quietBuildWrites(builder);
  // Dexie's channel between the windows and workers of an origin (dexie.mjs, STORAGE_MUTATED_DOM_EVENT_NAME).
  const fromAnotherContext = new BroadcastChannel('x-storagemutated-1');
  let listRuns = 0;
  let indexed = 0;
  const newest = liveQuery(() => window.messages.where('[folderId+date]').between([INBOX, Dexie.minKey], [INBOX, Dexie.maxKey]).reverse().limit(10).toArray());
  const counted = liveQuery(() => window.searchTerms.count());
  const subscriptions = [newest.subscribe(() => void listRuns++), counted.subscribe((n) => void (indexed = n))];
  await new Promise<void>((resolve) => {
    const first = newest.subscribe(() => {
      first.unsubscribe();
      resolve();
    });
  });
  const runsBefore = listRuns;
  const build = startIndexBuild(builder, {
    idle: () => Promise.resolve(),
    yieldThread: () => Promise.resolve(),
    batchSize: BATCH,
    // As from the build's worker: another context's word reaches this one's Dexie on its channel.
    ...(quiet ? { onWritten: (written: WrittenTerms) => writtenParts(builder.name, written).forEach((word) => fromAnotherContext.postMessage(word)) } : {}),
  });
  expect(await build.finished).toBe(MESSAGES);
  // The count of terms records is a live query too: it hears of every write, in both ways.
  await new Promise<void>((resolve) => {
    const done = counted.subscribe((n) => {
      if (n < MESSAGES) return;
      done.unsubscribe();
      resolve();
    });
  });
  // A query of the same rows now, while the window's list still watches them: the records as they are.
  const fresh = await new Promise<Array<number | undefined>>((resolve) => {
    const once = liveQuery(() => window.messages.where('[folderId+date]').between([INBOX, Dexie.minKey], [INBOX, Dexie.maxKey]).reverse().limit(10).toArray()).subscribe((rows) => {
      once.unsubscribe();
      resolve(rows.map((m) => m.searchDoc));
    });
  });
  subscriptions.forEach((s) => s.unsubscribe());
  fromAnotherContext.close();
  return { listRuns: listRuns - runsBefore, indexed, newestDocs: fresh };
}

describe('what the index build’s writes tell the windows', () => {
  it('names the terms written and the messages numbered, never a folder’s list', () => {
    const words = writtenParts('db', { docs: [7, 8], numbered: [{ id: 'server:INBOX#3', doc: 8 }] });
    expect(words.flatMap((word) => Object.keys(word)).sort()).toEqual([
      'idb://db/messages/',
      'idb://db/messages/searchDoc',
      'idb://db/searchTerms/',
      'idb://db/searchTerms/:dels',
      'idb://db/searchTerms/hasBody',
      'idb://db/searchTerms/terms',
    ]);
    expect(writtenParts('db', { docs: [7], numbered: [] }).some((word) => Object.keys(word).some((part) => part.includes('/messages/')))).toBe(false);
  });

  it('names numbers as one range and the numbered messages by key, a few per word: what every live query keeps until it runs again', () => {
    const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
    const numbered = Array.from({ length: 60 }, (_, i) => ({ id: `server:INBOX#${1000 - i}`, doc: 41 + i }));
    const [terms, ...messages] = writtenParts('db', { docs: [12, 10, 11, 14, 13, ...numbered.map((m) => m.doc)], numbered });
    expect(plain(terms!['idb://db/searchTerms/'])).toEqual({ d: 1, from: 10, to: 100 });
    expect(plain(terms!['idb://db/searchTerms/hasBody'])).toEqual({ d: 1, from: 0, to: 1 });
    expect(messages).toHaveLength(Math.ceil(60 / KEYS_PER_WORD));
    expect(plain(messages[0]!['idb://db/messages/searchDoc'])).toEqual({ d: 1, from: 41, to: 41 + KEYS_PER_WORD - 1 });
    // Every numbered message is named, each in one word only.
    const named = messages.flatMap((word) => numbered.filter((m) => JSON.stringify(word['idb://db/messages/']).includes(`"${m.id}"`)).map((m) => m.id));
    expect(named.sort()).toEqual(numbered.map((m) => m.id).sort());
  });

  it('re-runs a window’s Inbox list only for the batch that numbers its own rows, where Dexie’s account re-ran it at every batch', async () => {
    const quiet = await buildWatched(await cacheBeforeTheIndex(), true);
    const loud = await buildWatched(await cacheBeforeTheIndex(), false);
    expect(quiet.indexed).toBe(MESSAGES);
    expect(loud.indexed).toBe(MESSAGES);
    // The newest ten are the first batch (Inbox, newest first): one run again, at most.
    expect(quiet.listRuns).toBe(1);
    expect(loud.listRuns).toBeGreaterThanOrEqual(MESSAGES / BATCH - 1);
    // What the window reads of those rows is what the build wrote, not a copy Dexie kept from before.
    expect(quiet.newestDocs.every((doc) => typeof doc === 'number')).toBe(true);
    expect(loud.newestDocs.every((doc) => typeof doc === 'number')).toBe(true);
  });
});

describe('what the index build writes of a message it numbers', () => {
  it('is the message as it is when the build writes, with its number: a flag main changed meanwhile stays changed', async () => {
    const name = await cacheBeforeTheIndex();
    const db = new DeviceCache(name);
    opened.push(db);
    const newest = `${INBOX}#${MESSAGES}`;
    expect((await db.messages.get(newest))?.flags).toEqual([]);
    let asked = 0;
    const build = startIndexBuild(db, {
      // The build asks before its pass, before reading a batch and before writing it: main's ops go
      // first, here a read mark between the first batch's read and its write.
      idle: async () => {
        if (++asked === 3) await applyOps(db, [{ op: 'changeFlags', ids: [newest], add: ['\\Seen'], remove: [] }]);
      },
      yieldThread: () => Promise.resolve(),
      batchSize: BATCH,
    });
    expect(await build.finished).toBe(MESSAGES);
    const after = await db.messages.get(newest);
    expect(after?.flags).toEqual(['\\Seen']);
    expect(typeof after?.searchDoc).toBe('number');
  });
});
