import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import type { CacheClient, CacheHostLink } from '../../main/cache/cache-client';
import { CacheHostHandler } from '../../renderer/cache/host-handler';
import { DeviceCache } from '../../renderer/cache/schema';

export const fakeIdbOptions = { indexedDB, IDBKeyRange };

/**
 * The cache host's own code (the same Dexie schema and operations the cache-host page runs),
 * over fake-indexeddb in this Node process, attached to a core's CacheClient.
 */
export function attachInProcessCacheHost(client: CacheClient): { handler: CacheHostHandler; link: CacheHostLink } {
  const handler = new CacheHostHandler(fakeIdbOptions);
  let chain: Promise<unknown> = Promise.resolve();
  const link: CacheHostLink = {
    send: (request) => {
      chain = chain.then(() => handler.handle(request)).then((reply) => client.receive(reply));
    },
  };
  client.attach(link);
  return { handler, link };
}

/** A read-only view of a device's cache, as a renderer window would have. */
export function openCacheForReading(dbName: string): DeviceCache {
  return new DeviceCache(dbName, fakeIdbOptions);
}
