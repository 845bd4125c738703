import Dexie, { RangeSet, type ObservabilitySet } from 'dexie';
import type { WrittenTerms } from './index-build';

/**
 * What the index build's worker tells the windows after a write, in place of what Dexie would
 * say: the parts of the database a write changed, for their live queries to run again where they
 * read them (Dexie's `storagemutated`, which it sends to every window and worker of the origin).
 *
 * Dexie's own account of a write names, for a put of 50 records or more, every index of the table
 * as changed, and for fewer, every index of each record it cannot compare with its old value. A
 * build numbering messages made before the index (a record put again with only `searchDoc` new)
 * so re-ran every live query over the messages: the Inbox list, the folders' counts, each batch.
 * In the 100,000-message benchmark 65 of 50,326 UI frames went over 50 ms (up to 550 ms), each
 * filled by the page's handling of those messages. The build's database therefore leaves Dexie's
 * account out (`quietBuildWrites`), and says only this: the terms records written (any term may
 * be among them: a search running reads them again, as it would), and of the messages numbered,
 * their keys and their new numbers. No list's range of folder and date is named.
 *
 * Numbers are named as one range from the lowest to the highest (a batch's new numbers follow each
 * other), not one by one, and the numbered messages' keys a few at a time, each group a word of
 * its own: every live query of every window adds what it is told to a set of its own until it
 * next runs (Dexie's `accumMuts`), so each key named costs each of them a tree insertion, and a
 * word is handled in one task of the page. With the 100 numbers of a batch named singly one word
 * took the page 20–33 ms, and its heap grew until a major collection took a 67 ms frame (a
 * Chromium trace of the 100,000-message build); a word gathering a second's writes took 50–87 ms.
 * Message keys cannot be a range: a batch's are scattered among the Inbox list's own, which would
 * then run each time.
 */
export function writtenParts(dbName: string, written: WrittenTerms): ObservabilitySet[] {
  const part = (table: string, index: string): string => `idb://${dbName}/${table}/${index}`;
  const docs = span(written.docs);
  const announcements: ObservabilitySet[] = [
    {
      [part('searchTerms', '')]: docs,
      // New records, as Dexie says of a put it cannot compare: a query of keys only watches these.
      [part('searchTerms', ':dels')]: docs,
      [part('searchTerms', 'terms')]: new RangeSet(Dexie.minKey, Dexie.maxKey),
      [part('searchTerms', 'hasBody')]: new RangeSet(0, 1),
    },
  ];
  for (let at = 0; at < written.numbered.length; at += KEYS_PER_WORD) {
    const group = written.numbered.slice(at, at + KEYS_PER_WORD);
    announcements.push({
      [part('messages', '')]: new RangeSet().addKeys(group.map((m) => m.id)),
      [part('messages', 'searchDoc')]: span(group.map((m) => m.doc)),
    });
  }
  return announcements;
}

/** Numbered messages named per word: a quarter of a batch. */
export const KEYS_PER_WORD = 25;

/** One range from the lowest number to the highest (none for no number). */
function span(numbers: readonly number[]): RangeSet {
  if (numbers.length === 0) return new RangeSet();
  let lowest = numbers[0]!;
  let highest = lowest;
  for (const n of numbers) {
    if (n < lowest) lowest = n;
    if (n > highest) highest = n;
  }
  return new RangeSet(lowest, highest);
}

/**
 * Stops `db` from saying its writes itself (Dexie's observability middleware): the build says them
 * with `writtenParts`. Before `db` opens: Dexie builds its middleware stack when it opens.
 */
export function quietBuildWrites(db: Dexie): void {
  db.unuse({ stack: 'dbcore', name: 'Observability' });
}

/** Tells every window and worker of the origin what a write of the build changed. */
export function announceWritten(dbName: string, written: WrittenTerms): void {
  for (const announcement of writtenParts(dbName, written)) Dexie.on.storagemutated.fire(announcement);
}
