import { DeviceCache } from './schema';

const open = new Map<string, DeviceCache>();

/**
 * The UI's handle on a device's cache. UI code only reads it (useLiveQuery); every write goes
 * to main as an intent and comes back through the cache host, which Dexie broadcasts here.
 */
export function readDb(dbName: string): DeviceCache {
  let db = open.get(dbName);
  if (!db) {
    db = new DeviceCache(dbName);
    open.set(dbName, db);
  }
  return db;
}

/**
 * Closes the handles of databases no device uses any more (a removed device), without reopening
 * them: Dexie would otherwise recreate an empty database on the next read.
 */
export function closeDbsExcept(keep: ReadonlySet<string>): void {
  for (const [name, db] of open) {
    if (keep.has(name)) continue;
    db.close({ disableAutoOpen: true });
    open.delete(name);
  }
}
