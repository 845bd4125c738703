import { createHash } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import type { CacheHostRequest, CacheOp } from '../../../../../common/cache-protocol';
import { DEFAULT_POP_SETTINGS, type PopSettings } from '../../../../../common/model/account';
import { CacheClient } from '../../../../../main/cache/cache-client';
import { Pop3Session } from '../../../../../main/protocols/pop3/pop3-session';
import type { DeviceCacheAccess } from '../../../../../main/sync/backend';
import { runCheck, type CheckResult } from '../../../../../main/sync/pop3/pop-check';
import { FakePop3Server, hugeMessage, textMessage } from '../../../../support/fake-pop3-server';
import { attachInProcessCacheHost, openCacheForReading, type CacheHostHooks } from '../../../../support/in-process-cache-host';
import { noticeEnglish } from '../../../../support/main-words';

const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

let dbCounter = 0;

/** A device's cache (the cache host's code over fake-indexeddb) and a fake server to check. */
async function setUp(hooks: CacheHostHooks = {}) {
  const server = await new FakePop3Server().start();
  cleanups.push(() => server.stop());
  const client = new CacheClient();
  const { handler } = attachInProcessCacheHost(client, hooks);
  cleanups.push(() => handler.close());
  const dbName = `pop-check-large-${process.pid}-${++dbCounter}`;
  const cache: DeviceCacheAccess = { apply: (ops) => client.apply(dbName, ops), query: (query) => client.query(dbName, query) };
  const db = openCacheForReading(dbName);
  cleanups.push(() => db.delete());
  const check = async (settings: Partial<PopSettings> = {}, options: { largeMessageBytes?: number; noProgressTimeoutMs?: number } = {}): Promise<CheckResult> => {
    const session = await Pop3Session.open({ host: '127.0.0.1', port: server.port, tls: null, noProgressTimeoutMs: options.noProgressTimeoutMs });
    try {
      await session.userPass(server.user, server.password);
      return await runCheck({ session, cache, settings: { ...DEFAULT_POP_SETTINGS, checkEveryMinutes: null, ...settings }, now: () => Date.now(), progress: () => undefined, largeMessageBytes: options.largeMessageBytes });
    } finally {
      if (!session.isClosed) session.close();
    }
  };
  return { server, db, check };
}

// A full garbage collection on demand, so what is sampled is what the check holds, not what V8
// has not collected yet.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Samples the process's live heap and Buffer memory while `work` runs; returns the peak growth. */
async function peakGrowthDuring<T>(work: () => Promise<T>): Promise<{ value: T; peakBytes: number }> {
  const used = (): number => {
    collectGarbage();
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const baseline = used();
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, used())), 50);
  try {
    const value = await work();
    return { value, peakBytes: Math.max(peak, used()) - baseline };
  } finally {
    clearInterval(sampler);
  }
}

function opsOf(request: CacheHostRequest): CacheOp[] {
  return request.kind === 'apply' ? request.ops : [];
}

const MB = 1024 * 1024;

describe('POP check: a message far over the size limit', () => {
  it('streams 256 MB into source pieces with bounded memory, parses only its header, and still downloads the others', async () => {
    // The pieces' bytes are hashed and dropped on their way into fake-indexeddb (which lives in
    // this process): what is measured is the check's own memory, not the test's stand-in database.
    const received = createHash('sha256');
    let receivedBytes = 0;
    const { server, db, check } = await setUp({
      rewrite: (request) => {
        if (request.kind !== 'apply' || !opsOf(request).some((op) => op.op === 'putRawSourceChunks')) return request;
        const ops = opsOf(request).map((op): CacheOp => {
          if (op.op !== 'putRawSourceChunks') return op;
          return {
            ...op,
            chunks: op.chunks.map((chunk) => {
              received.update(chunk.bytes);
              receivedBytes += chunk.bytes.length;
              return { ...chunk, bytes: new Uint8Array(0) };
            }),
          };
        });
        return { ...request, ops };
      },
    });
    const huge = hugeMessage('huge', 256 * MB, 'The big one');
    server.messages = [textMessage('first', 'Before the big one'), huge, textMessage('last', 'After the big one')];

    const { value: result, peakBytes } = await peakGrowthDuring(() => check({}, { largeMessageBytes: 8 * MB }));

    expect(result).toMatchObject({ downloaded: 3, failed: 0, warnings: [] });
    const messages = await db.messages.toArray();
    expect(messages.map((m) => m.subject).sort()).toEqual(['After the big one', 'Before the big one', 'The big one']);
    const big = messages.find((m) => m.subject === 'The big one')!;
    expect(big.size).toBe(huge.size);
    expect(big.from[0]?.address).toBe('ben@example.test');
    const body = await db.bodies.get(big.id);
    expect(body?.text).toMatch(/too large to show here \(256 MB; Porthole shows messages up to 8 MB\)/);
    expect(body?.attachments).toEqual([]);
    // Every byte went to the cache in pieces, in order, and the POP state has the same hash.
    expect(receivedBytes).toBe(huge.size);
    const hash = huge.sha256();
    expect(received.digest('hex')).toBe(hash);
    expect((await db.popState.get('huge'))?.contentHash).toBe(hash);
    expect(await db.rawSourceChunks.where('messageId').equals(big.id).count()).toBe(256);
    expect(await db.rawSources.get(big.id)).toBeUndefined();
    // Bounded: a few pieces in flight, never the message (before: the whole source several times over).
    expect(peakBytes).toBeLessThan(64 * MB);
  });

  it('removes the pieces of a download that never finished, and downloads the message again', async () => {
    const { server, db, check } = await setUp();
    const big = hugeMessage('big', 20 * MB, 'Twenty megabytes');
    server.messages = [big];
    server.misbehaviour.stallIn = { command: 'RETR', afterBytes: 13 * MB };
    await expect(check({}, { largeMessageBytes: 2 * MB, noProgressTimeoutMs: 300 })).rejects.toMatchObject({ wire: { code: 'SERVER_STALLED' } });
    const leftovers = await db.rawSourceChunks.count();
    expect(leftovers).toBeGreaterThan(0);
    expect(await db.messages.count()).toBe(0);
    expect(await db.popState.count()).toBe(0);

    server.misbehaviour.stallIn = null;
    expect(await check({}, { largeMessageBytes: 2 * MB })).toMatchObject({ downloaded: 1, failed: 0 });
    const [message] = await db.messages.toArray();
    const chunks = await db.rawSourceChunks.toArray();
    expect(chunks.every((c) => c.messageId === message!.id)).toBe(true);
    expect(chunks.length).toBe(20);
    const joined = Buffer.concat(chunks.sort((a, b) => a.index - b.index).map((c) => c.bytes));
    expect(createHash('sha256').update(joined).digest('hex')).toBe(big.sha256());
  });
});

describe('POP check: a message that cannot be stored costs only that message', () => {
  it('records it, shows it in the list with the reason, downloads the others, and never retries or deletes it', async () => {
    const refuse = (request: CacheHostRequest): boolean => opsOf(request).some((op) => op.op === 'putMessages' && op.messages.some((m) => m.subject === 'Too much for the cache'));
    const { server, db, check } = await setUp({ beforeApply: (request) => (refuse(request) ? 'refuse' : 'apply') });
    server.messages = [textMessage('one', 'Fine one'), textMessage('two', 'Too much for the cache'), textMessage('three', 'Fine three')];

    const first = await check({ retention: { kind: 'delete-after-download' } });

    expect(first).toMatchObject({ downloaded: 2, failed: 1, deleted: 2 });
    expect(first.warnings).toHaveLength(1);
    expect(first.warnings[0]).toMatchObject({ kind: 'popNotStored', number: 2, uidl: 'two' });
    expect(noticeEnglish({ words: first.warnings[0]! })).toMatch(/^Message 2 on the server \(\d+ bytes, UIDL two\) could not be stored here: the local cache refused it \(.*QuotaExceededError.*\)\. It stays on the server/);
    const messages = await db.messages.toArray();
    expect(messages.map((m) => m.subject).sort()).toEqual(['', 'Fine one', 'Fine three']);
    expect(messages.find((m) => m.problem)?.problem).toBe(noticeEnglish({ words: first.warnings[0]! }));
    // And as values, for the window to say in its language.
    expect(messages.find((m) => m.problem)?.problemWords).toEqual(first.warnings[0]);
    // Its server copy is kept (never downloaded), and the next check neither fails nor fetches it.
    expect(server.messages.map((m) => m.uidl)).toEqual(['two']);
    const retrBefore = server.count('RETR');
    const second = await check({ retention: { kind: 'delete-after-download' } });
    expect(second).toMatchObject({ downloaded: 0, failed: 0, deleted: 0, warnings: [] });
    expect(server.count('RETR')).toBe(retrBefore);
    expect(server.messages.map((m) => m.uidl)).toEqual(['two']);
  });

  it('records a large message whose pieces the cache refuses, and goes on with the next', async () => {
    const { server, db, check } = await setUp({ beforeApply: (request) => (opsOf(request).some((op) => op.op === 'putRawSourceChunks') ? 'refuse' : 'apply') });
    server.messages = [hugeMessage('big', 12 * MB, 'Big'), textMessage('small', 'Small after it')];

    const result = await check({}, { largeMessageBytes: 2 * MB });

    expect(result).toMatchObject({ downloaded: 1, failed: 1 });
    expect(noticeEnglish({ words: result.warnings[0]! })).toMatch(/Message 1 on the server \(12 MB, UIDL big\) could not be stored here: the local cache refused it/);
    expect((await db.messages.toArray()).map((m) => m.subject).sort()).toEqual(['', 'Small after it']);
  });
});
