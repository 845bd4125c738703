import type { IndexableType, IndexableTypeArray, PromiseExtended, Table } from 'dexie';
import type { CacheTables } from './schema-versions';

/*
 * The cache as the UI may use it: reading only. Dexie's Table, WhereClause and Collection satisfy
 * these interfaces, which leave out every write (put, add, update, upsert, delete, clear, bulk
 * writes, a collection's modify and delete), transactions, and the way back to the whole database
 * (`db`, `core`, `hook`). Writes go to main as commands and come back through the cache host.
 */

type Cursor<TKey> = { key: IndexableType; primaryKey: TKey };

export interface ReadonlyCollection<T, TKey> {
  and(filter: (record: T) => boolean): ReadonlyCollection<T, TKey>;
  count(): PromiseExtended<number>;
  distinct(): ReadonlyCollection<T, TKey>;
  each(callback: (record: T, cursor: Cursor<TKey>) => unknown): PromiseExtended<void>;
  eachKey(callback: (key: IndexableType, cursor: Cursor<TKey>) => unknown): PromiseExtended<void>;
  eachPrimaryKey(callback: (key: TKey, cursor: Cursor<TKey>) => unknown): PromiseExtended<void>;
  filter<S extends T>(filter: (record: T) => record is S): ReadonlyCollection<S, TKey>;
  filter(filter: (record: T) => boolean): ReadonlyCollection<T, TKey>;
  first(): PromiseExtended<T | undefined>;
  firstKey(): PromiseExtended<IndexableType | undefined>;
  keys(): PromiseExtended<IndexableTypeArray>;
  last(): PromiseExtended<T | undefined>;
  lastKey(): PromiseExtended<IndexableType | undefined>;
  limit(n: number): ReadonlyCollection<T, TKey>;
  offset(n: number): ReadonlyCollection<T, TKey>;
  or(index: string): ReadonlyWhereClause<T, TKey>;
  primaryKeys(): PromiseExtended<TKey[]>;
  reverse(): ReadonlyCollection<T, TKey>;
  sortBy(keyPath: string): PromiseExtended<T[]>;
  toArray(): PromiseExtended<T[]>;
  uniqueKeys(): PromiseExtended<IndexableTypeArray>;
  until(filter: (record: T) => boolean, includeStopEntry?: boolean): ReadonlyCollection<T, TKey>;
}

export interface ReadonlyWhereClause<T, TKey> {
  above(key: unknown): ReadonlyCollection<T, TKey>;
  aboveOrEqual(key: unknown): ReadonlyCollection<T, TKey>;
  anyOf(keys: ReadonlyArray<IndexableType>): ReadonlyCollection<T, TKey>;
  below(key: unknown): ReadonlyCollection<T, TKey>;
  belowOrEqual(key: unknown): ReadonlyCollection<T, TKey>;
  between(lower: unknown, upper: unknown, includeLower?: boolean, includeUpper?: boolean): ReadonlyCollection<T, TKey>;
  equals(key: IndexableType): ReadonlyCollection<T, TKey>;
  noneOf(keys: ReadonlyArray<IndexableType>): ReadonlyCollection<T, TKey>;
  notEqual(key: IndexableType): ReadonlyCollection<T, TKey>;
  startsWith(prefix: string): ReadonlyCollection<T, TKey>;
  startsWithAnyOf(prefixes: string[]): ReadonlyCollection<T, TKey>;
}

export interface ReadonlyTable<T, TKey> {
  readonly name: string;
  bulkGet(keys: TKey[]): PromiseExtended<Array<T | undefined>>;
  count(): PromiseExtended<number>;
  each(callback: (record: T, cursor: Cursor<TKey>) => unknown): PromiseExtended<void>;
  filter(filter: (record: T) => boolean): ReadonlyCollection<T, TKey>;
  get(key: TKey): PromiseExtended<T | undefined>;
  limit(n: number): ReadonlyCollection<T, TKey>;
  offset(n: number): ReadonlyCollection<T, TKey>;
  orderBy(index: string | string[]): ReadonlyCollection<T, TKey>;
  reverse(): ReadonlyCollection<T, TKey>;
  toArray(): PromiseExtended<T[]>;
  toCollection(): ReadonlyCollection<T, TKey>;
  where(index: string | string[]): ReadonlyWhereClause<T, TKey>;
}

type ReadonlyTableOf<Writable> = Writable extends Table<infer T, infer TKey> ? ReadonlyTable<T, TKey> : never;

/** One device's cache as the UI sees it (renderer/cache/read-db.ts): its name and its tables, to read. */
export type ReadonlyDeviceCache = { readonly name: string } & { readonly [Name in keyof CacheTables]: ReadonlyTableOf<CacheTables[Name]> };
