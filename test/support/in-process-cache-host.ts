import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import type { CacheHostRequest } from '../../common/cache-protocol';
import type { CacheClient, CacheHostLink } from '../../main/cache/cache-client';
import { CacheHostHandler } from '../../renderer/cache-host/host-handler';
import { DeviceCache } from '../../renderer/cache-host/schema';

export const fakeIdbOptions = { indexedDB, IDBKeyRange };

/** Test hooks around the cache host: see what commits and when, or make a batch never commit. */
export interface CacheHostHooks {
  /**
   * 'hold': the batch is never applied nor acknowledged (the app dies before the commit);
   * 'refuse': the host answers that the transaction failed, as IndexedDB does over its quota.
   */
  beforeApply?(request: CacheHostRequest): 'apply' | 'hold' | 'refuse';
  /** Replaces a request before the host sees it (e.g. drops the bytes of a huge source a test only counts). */
  rewrite?(request: CacheHostRequest): CacheHostRequest;
  /** After the transaction committed, before main hears of it. */
  afterCommit?(request: CacheHostRequest): void;
}

/**
 * The cache host's own code (the same Dexie schema and operations the cache-host page runs),
 * over fake-indexeddb in this Node process, attached to a core's CacheClient.
 */
export function attachInProcessCacheHost(client: CacheClient, hooks: CacheHostHooks = {}): { handler: CacheHostHandler; link: CacheHostLink } {
  const handler = new CacheHostHandler(fakeIdbOptions);
  let chain: Promise<unknown> = Promise.resolve();
  const link: CacheHostLink = {
    send: (sent) => {
      const verdict = sent.kind === 'apply' ? (hooks.beforeApply?.(sent) ?? 'apply') : 'apply';
      if (verdict === 'hold') return;
      const request = hooks.rewrite ? hooks.rewrite(sent) : sent;
      chain = chain
        .then(() => (verdict === 'refuse' ? { kind: 'failed' as const, requestId: request.requestId, message: 'QuotaExceededError: the quota has been exceeded' } : handler.handle(request)))
        .then((reply) => {
          if (reply.kind === 'done') hooks.afterCommit?.(request);
          client.receive(reply);
        });
    },
  };
  client.attach(link);
  return { handler, link };
}

/**
 * A device's cache opened beside the host, for a test to read what the host committed. It is the
 * host's own class (tests write nothing through it); the UI's read-only handle is
 * renderer/cache/read-db.ts.
 */
export function openCacheForReading(dbName: string): DeviceCache {
  return new DeviceCache(dbName, fakeIdbOptions);
}
