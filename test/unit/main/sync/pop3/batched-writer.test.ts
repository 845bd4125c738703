import { describe, expect, it } from 'vitest';
import type { CacheApplied, CacheOp } from '../../../../../common/cache-protocol';
import { ProtocolError } from '../../../../../main/protocols/protocol-error';
import { BatchedWriter, type MessageWrite } from '../../../../../main/sync/pop3/batched-writer';
import type { DeviceCacheAccess } from '../../../../../main/sync/backend';

/** A cache whose every write fails with `error`; it counts what it was asked. */
function failingCache(error: Error): DeviceCacheAccess & { applied: number } {
  const cache = {
    applied: 0,
    apply: (_ops: CacheOp[]): Promise<CacheApplied> => {
      cache.applied += 1;
      return Promise.reject(error);
    },
    query: () => Promise.reject(new Error('not used')),
  };
  return cache as DeviceCacheAccess & { applied: number };
}

function write(refusals: string[], name: string): MessageWrite {
  return { ops: [{ op: 'deleteMessages', ids: [name] }], bytes: 10, refused: (reason) => {
      refusals.push(`${name}: ${reason}`);
      return Promise.resolve();
    } };
}

describe('BatchedWriter: a refusal costs one message, an outage stops the check', () => {
  it('records a refusal of the cache (e.g. quota) against the message alone', async () => {
    const refusals: string[] = [];
    const writer = new BatchedWriter(failingCache(new Error('Cache host: QuotaExceededError')));
    await writer.add(write(refusals, 'a'));
    await writer.drain();
    expect(refusals).toEqual(['a: Cache host: QuotaExceededError']);
  });

  it.each(['CACHE_TIMEOUT', 'CACHE_UNAVAILABLE'] as const)('does not blame any message for %s: drain fails and nothing is recorded as refused', async (code) => {
    const refusals: string[] = [];
    const cache = failingCache(new ProtocolError({ code, message: 'the cache is out' }));
    const writer = new BatchedWriter(cache);
    const check = async (): Promise<void> => {
      for (const name of ['a', 'b', 'c']) await writer.add(write(refusals, name));
      await writer.drain();
    };
    await expect(check()).rejects.toMatchObject({ wire: { code } });
    expect(refusals).toEqual([]);
  });
});
