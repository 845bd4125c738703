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
 */
export function writtenParts(dbName: string, written: WrittenTerms): ObservabilitySet {
  const part = (table: string, index: string): string => `idb://${dbName}/${table}/${index}`;
  const parts: ObservabilitySet = {
    [part('searchTerms', '')]: new RangeSet().addKeys(written.docs),
    // New records, as Dexie says of a put it cannot compare: a query of keys only watches these.
    [part('searchTerms', ':dels')]: new RangeSet().addKeys(written.docs),
    [part('searchTerms', 'terms')]: new RangeSet(Dexie.minKey, Dexie.maxKey),
    [part('searchTerms', 'hasBody')]: new RangeSet().addKeys([0, 1]),
  };
  if (written.numbered.length) {
    parts[part('messages', '')] = new RangeSet().addKeys(written.numbered.map((m) => m.id));
    parts[part('messages', 'searchDoc')] = new RangeSet().addKeys(written.numbered.map((m) => m.doc));
  }
  return parts;
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
  Dexie.on.storagemutated.fire(writtenParts(dbName, written));
}
