// Live queries watch the default IndexedDB: fake-indexeddb's, in this process.
import 'fake-indexeddb/auto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import Dexie, { liveQuery, RangeSet } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { uniqueDbName } from './fake-idb';

/**
 * Dexie's live queries as patched here (patches/dexie+4.4.7.patch): a live query keeps what
 * writes elsewhere named only while it runs. Unpatched, every live query of a window kept every
 * key any write named until a write touched what it reads, which for some never comes: 70 MB in
 * a window while 100,000 messages were indexed, and ever longer collections of it.
 */

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const opened: Dexie[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

function notesDb(): Dexie {
  const db = new Dexie(uniqueDbName('live-rest'));
  db.version(1).stores({ notes: 'id', other: 'id' });
  opened.push(db);
  return db;
}

/** The next `count` results of a live query, in order. */
function results<T>(query: ReturnType<typeof liveQuery<T>>, count: number): { seen: T[]; done: Promise<T[]> } {
  const seen: T[] = [];
  const done = new Promise<T[]>((resolve, reject) => {
    const subscription = query.subscribe({
      next: (value) => {
        seen.push(value);
        if (seen.length === count) {
          subscription.unsubscribe();
          resolve(seen);
        }
      },
      error: reject,
    });
  });
  return { seen, done };
}

describe('a live query at rest', () => {
  it('keeps nothing of 100,000 keys that writes elsewhere name, and still runs again for its own', async () => {
    const db = notesDb();
    await db.table('notes').put({ id: 'mine', text: 'one' });
    const watched = results(
      liveQuery(() => db.table('notes').get('mine')),
      2,
    );
    await expect.poll(() => watched.seen.length).toBe(1);

    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    // As the index build's worker says its writes: other records, 100 keys a word.
    for (let word = 0; word < 1_000; word++) {
      const keys = Array.from({ length: 100 }, (_, i) => `imap:INBOX#${word * 100 + i}-${'x'.repeat(24)}`);
      Dexie.on.storagemutated.fire({ [`idb://${db.name}/other/`]: new RangeSet().addKeys(keys) });
    }
    collectGarbage();
    const grown = process.memoryUsage().heapUsed - before;
    // Kept, the keys took about 13 MB (a tree node and a string each).
    expect(grown).toBeLessThan(3 * 1024 * 1024);

    await db.table('notes').put({ id: 'mine', text: 'two' });
    expect((await watched.done).map((note) => (note as { text: string }).text)).toEqual(['one', 'two']);
  });

  it('a write named while it runs, of what it turns out to read, makes it run again', async () => {
    const db = notesDb();
    await db.table('notes').put({ id: 'mine', text: 'one' });
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let runs = 0;
    const watched = results(
      liveQuery(async () => {
        runs++;
        const note = (await db.table('notes').get('mine')) as { text: string };
        if (runs === 1) await held;
        return note.text;
      }),
      1,
    );
    await expect.poll(() => runs).toBe(1);
    // While the first run waits, the record it read changes: its result is stale, and never given.
    await Dexie.ignoreTransaction(() => db.table('notes').put({ id: 'mine', text: 'two' }));
    release();
    expect(await watched.done).toEqual(['two']);
    expect(runs).toBe(2);
  });
});
