import type { Table } from 'dexie';

/**
 * Reading and deleting many records by key, in few IndexedDB requests. IndexedDB has no multi-get
 * or multi-delete: Dexie's bulkGet and bulkDelete make one request per key, and in Chromium each
 * costs about 60 µs (get) and 140 µs (delete) of its backend's time (6,046 messages re-keyed in a
 * POP ⇄ IMAP switch: bench/results/cache-migrate.md). Sorted keys that sit next to each other in a
 * table (a switch re-keys a whole folder) are one key range instead: read with one getAll, deleted
 * with one range delete, after one request for the keys the range holds, so a range is used only
 * when it holds nothing else (deleting) or little else (reading).
 */

/** A range read past this many times the keys wanted reads them one by one instead. */
const EXTRA_READ_FACTOR = 2;

function sortedUnique(keys: readonly string[]): string[] {
  return [...new Set(keys)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The keys `table` holds from the first of `sorted` to the last, at most `limit` (one request: a
 * range over a large table, new mail's ids among a folder's, must not read all of its keys).
 */
function keysBetween<T>(table: Table<T, string>, sorted: readonly string[], limit: number): Promise<string[]> {
  return table.where(':id').between(sorted[0]!, sorted[sorted.length - 1]!, true, true).limit(limit).primaryKeys();
}

/** The records of `keys` that exist, by key. */
export async function getByKeys<T>(table: Table<T, string>, keys: readonly string[], keyOf: (record: T) => string): Promise<Map<string, T>> {
  const found = new Map<string, T>();
  if (!keys.length) return found;
  const sorted = sortedUnique(keys);
  const most = sorted.length * EXTRA_READ_FACTOR;
  const held = await keysBetween(table, sorted, most + 1);
  if (held.length === 0) return found;
  if (held.length <= most) {
    const wanted = new Set(sorted);
    const records = await table.where(':id').between(sorted[0]!, sorted[sorted.length - 1]!, true, true).toArray();
    for (const record of records) if (wanted.has(keyOf(record))) found.set(keyOf(record), record);
    return found;
  }
  (await table.bulkGet(sorted)).forEach((record, i) => record !== undefined && found.set(sorted[i]!, record));
  return found;
}

/** Deletes the records of `keys`: as one range when the range holds nothing but them. */
export async function deleteByKeys<T>(table: Table<T, string>, keys: readonly string[]): Promise<void> {
  if (!keys.length) return;
  const sorted = sortedUnique(keys);
  const held = await keysBetween(table, sorted, sorted.length + 1);
  const doomed = new Set(sorted);
  if (held.length <= sorted.length && held.every((k) => doomed.has(k))) {
    if (held.length) await table.where(':id').between(sorted[0]!, sorted[sorted.length - 1]!, true, true).delete();
    return;
  }
  await table.bulkDelete(sorted);
}
