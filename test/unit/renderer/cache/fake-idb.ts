import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { DeviceCache } from '../../../../renderer/cache-host/schema';

/** Dexie options that put a database in fake-indexeddb, in this Node process. */
export const fakeIdb = { indexedDB, IDBKeyRange };

let counter = 0;

/** A database name no other test uses. */
export function uniqueDbName(prefix: string): string {
  return `${prefix}-${++counter}-${Math.random().toString(36).slice(2)}`;
}

export function openDeviceCache(prefix: string): DeviceCache {
  return new DeviceCache(uniqueDbName(prefix), fakeIdb);
}
