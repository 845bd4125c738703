import Dexie, { type PromiseExtended } from 'dexie';
import { whenOpenedByHost } from './opened-by-host';
import type { ReadonlyDeviceCache } from './readonly-cache';
import { declareSchemaVersions } from './schema-versions';

/**
 * A device's database as a UI page opens it: the same tables as the cache host's, no upgrade, and
 * opened only once the host made it or brought it to this version (until then, reads wait). So the
 * UI never makes, upgrades or writes a database, and Dexie still tells it of each commit the host
 * makes. A database the host deletes is closed here (Dexie's versionchange) and waited for again.
 */
class CacheReader extends Dexie {
  private readonly closed = new AbortController();
  private opening: PromiseExtended<Dexie> | null = null;

  constructor(name: string) {
    super(name);
    declareSchemaVersions(this);
  }

  /** Called by Dexie before the first read (and after a versionchange closed the database). */
  override open(): PromiseExtended<Dexie> {
    // The IndexedDB Dexie opens: the page's own (fake-indexeddb's in Node tests).
    this.opening ??= Dexie.Promise.resolve(whenOpenedByHost(Dexie.dependencies.indexedDB, this.name, Math.round(this.verno * 10), this.closed.signal))
      .then(() => super.open())
      .finally(() => {
        this.opening = null;
      });
    return this.opening;
  }

  /**
   * For good (the default), also while waiting for the host; Dexie's own close after a versionchange
   * passes `disableAutoOpen: false` and opens again on the next read. Reads that were waiting for a
   * database closed for good never settle: they belonged to a device that is gone.
   */
  override close(options: { disableAutoOpen: boolean } = { disableAutoOpen: true }): void {
    if (options.disableAutoOpen) this.closed.abort();
    super.close(options);
  }
}

const open = new Map<string, CacheReader>();

/**
 * The UI's handle on a device's cache, typed to read only (useLiveQuery); every write goes to main
 * as an intent and comes back through the cache host, which Dexie broadcasts here.
 */
export function readDb(dbName: string): ReadonlyDeviceCache {
  let db = open.get(dbName);
  if (!db) {
    db = new CacheReader(dbName);
    open.set(dbName, db);
  }
  // Dexie adds each declared table to the instance as a property (its documented TypeScript pattern).
  return db as CacheReader & ReadonlyDeviceCache;
}

/**
 * Closes the handles of databases no device uses any more (a removed device), without reopening
 * them: they would otherwise wait for the host to make the database again.
 */
export function closeDbsExcept(keep: ReadonlySet<string>): void {
  for (const [name, db] of open) {
    if (keep.has(name)) continue;
    db.close({ disableAutoOpen: true });
    open.delete(name);
  }
}
