import type { Collection, Table } from 'dexie';

/**
 * Reading and deleting many records by key, in few IndexedDB requests. IndexedDB has no multi-get
 * or multi-delete: Dexie's bulkGet and bulkDelete make one request per key, and in Chromium each
 * costs about 60 µs (get) and 140 µs (delete) of its backend's time (6,046 messages re-keyed in a
 * POP ⇄ IMAP switch: bench/results/cache-migrate.md). Sorted keys that sit next to each other in a
 * table (a switch re-keys a whole folder) are one key range instead: read with one getAll, deleted
 * with one range delete, after one request for the keys the range holds, so a range is used only
 * when it holds nothing else (deleting) or little else (reading).
 */

/** A range read past this many times the records wanted reads them one by one instead. */
const EXTRA_READ_FACTOR = 2;

function sortedUnique(keys: readonly string[]): string[] {
  return [...new Set(keys)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** What a read of records in a range found, and (when it read the range whole) every key the range holds. */
interface RangeRead<T> {
  found: Map<string, T>;
  /** The range's keys when it was read whole; null when it held too much and the records were read one by one. */
  held: string[] | null;
}

/**
 * The records of `wanted` within `range`, by key: one request for the keys the range holds (at
 * most EXTRA_READ_FACTOR times as many as wanted, plus one), then one getAll of the range when it
 * holds no more than that, else `oneByOne` (a range over a large table, new mail's ids among a
 * folder's, must not read all of it).
 */
export async function readFromRange<T>(range: Collection<T, string>, wanted: ReadonlySet<string>, keyOf: (record: T) => string, oneByOne: () => Promise<Array<T | undefined>>): Promise<RangeRead<T>> {
  const found = new Map<string, T>();
  const most = wanted.size * EXTRA_READ_FACTOR;
  const held = (await range.clone().limit(most + 1).primaryKeys()).map(String);
  if (held.length === 0) return { found, held };
  const whole = held.length <= most;
  for (const record of whole ? await range.toArray() : await oneByOne()) if (record !== undefined && wanted.has(keyOf(record))) found.set(keyOf(record), record);
  return { found, held: whole ? held : null };
}

/** The primary-key range from the first of `sorted` to the last. */
function keyRange<T>(table: Table<T, string>, sorted: readonly string[]): Collection<T, string> {
  return table.where(':id').between(sorted[0]!, sorted[sorted.length - 1]!, true, true);
}

async function readKeys<T>(table: Table<T, string>, keys: readonly string[], keyOf: (record: T) => string): Promise<RangeRead<T> & { sorted: string[] }> {
  const sorted = sortedUnique(keys);
  if (!sorted.length) return { found: new Map(), held: [], sorted };
  return { ...(await readFromRange(keyRange(table, sorted), new Set(sorted), keyOf, () => table.bulkGet(sorted))), sorted };
}

/** The records of `keys` that exist, by key. */
export async function getByKeys<T>(table: Table<T, string>, keys: readonly string[], keyOf: (record: T) => string): Promise<Map<string, T>> {
  return (await readKeys(table, keys, keyOf)).found;
}

/** Deletes the records of `keys`: as one range when the range holds nothing but them. */
export async function deleteByKeys<T>(table: Table<T, string>, keys: readonly string[]): Promise<void> {
  if (!keys.length) return;
  const sorted = sortedUnique(keys);
  const held = (await keyRange(table, sorted).limit(sorted.length + 1).primaryKeys()).map(String);
  const doomed = new Set(sorted);
  if (held.length <= sorted.length && held.every((k) => doomed.has(k))) {
    if (held.length) await keyRange(table, sorted).delete();
    return;
  }
  await table.bulkDelete(sorted);
}

/**
 * Reads the records of `keys` and deletes them (a re-keying takes them out to put them back under
 * new keys): the keys the read found in the range tell whether the range can go in one delete,
 * without asking for them again.
 */
export async function takeByKeys<T>(table: Table<T, string>, keys: readonly string[], keyOf: (record: T) => string): Promise<T[]> {
  const { found, held, sorted } = await readKeys(table, keys, keyOf);
  if (!found.size) return [];
  if (held !== null && held.every((k) => found.has(k))) await keyRange(table, sorted).delete();
  else await table.bulkDelete([...found.keys()]);
  return [...found.values()];
}
