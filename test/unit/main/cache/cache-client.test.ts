import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CacheHostRequest, CacheOp } from '../../../../common/cache-protocol';
import { ERROR_MESSAGES } from '../../../../common/errors';
import { CacheClient, type CacheHostLink } from '../../../../main/cache/cache-client';
import { cacheReplyTimeoutMs } from '../../../../main/cache/cache-reply-timeout';
import { ProtocolError } from '../../../../main/protocols/protocol-error';

/** A link that records what it was sent. */
function recordingLink(): CacheHostLink & { sent: CacheHostRequest[] } {
  const sent: CacheHostRequest[] = [];
  return { sent, send: (request) => void sent.push(request) };
}

const DB = 'device-1';

describe('CacheClient', () => {
  it('holds requests while no host is attached and sends them on attach', () => {
    const client = new CacheClient();
    void client.query(DB, { query: 'folders' });
    void client.dropDatabase(DB);
    expect(client.attached).toBe(false);

    const link = recordingLink();
    client.attach(link);

    expect(client.attached).toBe(true);
    expect(link.sent.map((r) => r.kind)).toEqual(['query', 'dropDatabase']);
  });

  it('sends straight away while a host is attached', () => {
    const client = new CacheClient();
    const link = recordingLink();
    client.attach(link);

    void client.apply(DB, [{ op: 'deleteFolder', id: 'server:Old' }]);

    expect(link.sent).toEqual([{ kind: 'apply', requestId: 1, dbName: DB, ops: [{ op: 'deleteFolder', id: 'server:Old' }] }]);
  });

  it('resolves an empty batch without asking the host', async () => {
    const client = new CacheClient();
    const link = recordingLink();
    client.attach(link);

    await expect(client.apply(DB, [])).resolves.toEqual({ flagsBefore: [] });
    expect(link.sent).toEqual([]);
  });

  it('re-sends in-flight requests to the next host after a detach', () => {
    const client = new CacheClient();
    const first = recordingLink();
    client.attach(first);
    void client.query(DB, { query: 'pendingCount' });
    void client.query(DB, { query: 'folders' });
    client.receive({ kind: 'done', requestId: 1, value: 0 });

    client.detach(first);
    expect(client.attached).toBe(false);
    const second = recordingLink();
    client.attach(second);

    expect(second.sent).toEqual([{ kind: 'query', requestId: 2, dbName: DB, query: { query: 'folders' } }]);
  });

  it('ignores a detach of a link that is no longer the current one', () => {
    const client = new CacheClient();
    const old = recordingLink();
    const current = recordingLink();
    client.attach(old);
    client.attach(current);

    client.detach(old);

    expect(client.attached).toBe(true);
  });

  it('resolves and rejects the request each reply names', async () => {
    const client = new CacheClient();
    client.attach(recordingLink());
    const count = client.query(DB, { query: 'pendingCount' });
    const applied = client.apply(DB, [{ op: 'removePendingOp', id: 'op-1' }]);
    const message = client.query(DB, { query: 'message', id: 'server:INBOX#1' });

    client.receive({ kind: 'failed', requestId: 2, message: 'QuotaExceededError' });
    client.receive({ kind: 'done', requestId: 3, value: null });
    client.receive({ kind: 'done', requestId: 1, value: 7 });
    client.receive({ kind: 'done', requestId: 99, value: 'unknown request: ignored' });

    await expect(count).resolves.toBe(7);
    await expect(applied).rejects.toThrow('Cache host: QuotaExceededError');
    await expect(message).resolves.toBeNull();
  });

  it('ignores a second reply to the same request', async () => {
    const client = new CacheClient();
    client.attach(recordingLink());
    const count = client.query(DB, { query: 'pendingCount' });

    client.receive({ kind: 'done', requestId: 1, value: 1 });
    client.receive({ kind: 'failed', requestId: 1, message: 'late' });

    await expect(count).resolves.toBe(1);
  });

  it('tells listeners when a host comes and goes, until they unsubscribe', () => {
    const client = new CacheClient();
    const events: boolean[] = [];
    const unsubscribe = client.onHostChange((attached) => events.push(attached));
    const link = recordingLink();

    client.attach(link);
    client.detach(link);
    unsubscribe();
    client.attach(link);

    expect(events).toEqual([true, false]);
  });

  it('close() rejects everything still waiting, attached or not', async () => {
    const client = new CacheClient();
    const waiting = client.query(DB, { query: 'folders' });
    client.attach(recordingLink());
    const inFlight = client.dropDatabase(DB);

    client.close();

    await expect(waiting).rejects.toThrow('Cache client closed');
    await expect(inFlight).rejects.toThrow('Cache client closed');
  });
});

describe('CacheClient timeouts: a host that never answers costs the request, not the sync', () => {
  /** Settles into what the promise ended with, so a test can look without awaiting forever. */
  function outcome(promise: Promise<unknown>): { settled: unknown } {
    const seen: { settled: unknown } = { settled: 'pending' };
    promise.then(
      (value) => (seen.settled = { value }),
      (error: unknown) => (seen.settled = error),
    );
    return seen;
  }

  afterEach(() => {
    vi.useRealTimers();
  });

  it('rejects a request the host holds past its timeout with CACHE_TIMEOUT, and ignores a late reply', async () => {
    vi.useFakeTimers();
    const client = new CacheClient({ replyTimeoutMs: () => 1_000 });
    client.attach(recordingLink());
    const applied = outcome(client.apply(DB, [{ op: 'removePendingOp', id: 'op-1' }]));

    await vi.advanceTimersByTimeAsync(999);
    expect(applied.settled).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);

    expect(applied.settled).toBeInstanceOf(ProtocolError);
    expect((applied.settled as ProtocolError).wire).toEqual({ code: 'CACHE_TIMEOUT', message: ERROR_MESSAGES.CACHE_TIMEOUT });
    client.receive({ kind: 'done', requestId: 1, value: null });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('tells listeners which request timed out, until they unsubscribe', async () => {
    vi.useFakeTimers();
    const client = new CacheClient({ replyTimeoutMs: () => 1_000 });
    client.attach(recordingLink());
    const timedOut: number[] = [];
    const unsubscribe = client.onRequestTimeout((request) => timedOut.push(request.requestId));
    client.query(DB, { query: 'folders' }).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(1_000);
    unsubscribe();
    client.query(DB, { query: 'folders' }).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(1_000);

    expect(timedOut).toEqual([1]);
  });

  it('counts only while a host holds the request: waiting for a host, or for the next one after a crash, never times out', async () => {
    vi.useFakeTimers();
    const client = new CacheClient({ replyTimeoutMs: () => 1_000 });
    const folders = outcome(client.query(DB, { query: 'folders' }));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(folders.settled).toBe('pending');

    const first = recordingLink();
    client.attach(first);
    await vi.advanceTimersByTimeAsync(900);
    client.detach(first);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(folders.settled).toBe('pending');

    // The next host gets the whole timeout again for the re-sent request.
    client.attach(recordingLink());
    await vi.advanceTimersByTimeAsync(900);
    expect(folders.settled).toBe('pending');
    client.receive({ kind: 'done', requestId: 1, value: [] });
    await vi.advanceTimersByTimeAsync(0);
    expect(folders.settled).toEqual({ value: [] });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('gives each request the timeout its size calls for', async () => {
    vi.useFakeTimers();
    const asked: string[] = [];
    const client = new CacheClient({ replyTimeoutMs: (request) => (asked.push(request.kind), request.kind === 'apply' ? 5_000 : 1_000) });
    client.attach(recordingLink());
    const query = outcome(client.query(DB, { query: 'pendingCount' }));
    const apply = outcome(client.apply(DB, [{ op: 'removePendingOp', id: 'op-1' }]));

    await vi.advanceTimersByTimeAsync(1_000);
    expect(query.settled).toBeInstanceOf(ProtocolError);
    expect(apply.settled).toBe('pending');
    await vi.advanceTimersByTimeAsync(4_000);
    expect(apply.settled).toBeInstanceOf(ProtocolError);
    expect(asked).toEqual(['query', 'apply']);
  });

  it('failWaiting() rejects every request still waiting with the error given (a host that died on them)', async () => {
    vi.useFakeTimers();
    const client = new CacheClient({ replyTimeoutMs: () => 1_000 });
    const waiting = client.query(DB, { query: 'folders' });
    client.attach(recordingLink());
    const inFlight = client.apply(DB, [{ op: 'removePendingOp', id: 'op-1' }]);
    const unavailable = new ProtocolError({ code: 'CACHE_UNAVAILABLE', message: ERROR_MESSAGES.CACHE_UNAVAILABLE });

    client.failWaiting(unavailable);

    await expect(waiting).rejects.toBe(unavailable);
    await expect(inFlight).rejects.toBe(unavailable);
    expect(vi.getTimerCount()).toBe(0);
    // The client still works for what comes next.
    const next = client.query(DB, { query: 'pendingCount' });
    client.receive({ kind: 'done', requestId: 3, value: 0 });
    await expect(next).resolves.toBe(0);
  });

  it('close() leaves no timer behind', async () => {
    vi.useFakeTimers();
    const client = new CacheClient({ replyTimeoutMs: () => 1_000 });
    client.attach(recordingLink());
    const waiting = client.query(DB, { query: 'folders' });

    client.close();

    await expect(waiting).rejects.toThrow('Cache client closed');
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('cacheReplyTimeoutMs: generous, and longer for batches that carry many bytes', () => {
  const raw = (bytes: number): CacheOp => ({ op: 'putRawSource', source: { messageId: 'm', raw: new Uint8Array(bytes) } });

  it('gives a query or a small batch a minute', () => {
    expect(cacheReplyTimeoutMs({ kind: 'query', requestId: 1, dbName: DB, query: { query: 'folders' } })).toBe(60_000);
    expect(cacheReplyTimeoutMs({ kind: 'apply', requestId: 1, dbName: DB, ops: [{ op: 'removePendingOp', id: 'x' }] })).toBe(60_000);
  });

  it('adds time for every megabyte of sources, attachments and bodies (a POP batch of several MB on a slow disk)', () => {
    const small = cacheReplyTimeoutMs({ kind: 'apply', requestId: 1, dbName: DB, ops: [raw(1_000)] });
    const big = cacheReplyTimeoutMs({ kind: 'apply', requestId: 1, dbName: DB, ops: [raw(20 * 1024 * 1024), raw(20 * 1024 * 1024)] });
    expect(small).toBe(60_000);
    expect(big).toBeGreaterThanOrEqual(60_000 + 40 * 1_000);
  });

  it('counts bytes wherever an op carries them: bodies and attachments too', () => {
    const body = 'x'.repeat(3 * 1024 * 1024);
    const withBody = cacheReplyTimeoutMs({
      kind: 'apply',
      requestId: 1,
      dbName: DB,
      ops: [{ op: 'putBody', body: { messageId: 'm', text: body, html: null, headers: [], references: [], attachments: [], fetchedAt: 0, parseWarnings: [] }, attachments: [{ id: 'a', messageId: 'm', content: new Uint8Array(2 * 1024 * 1024) }] }],
    });
    expect(withBody).toBe(60_000 + 5 * 2_000);
  });

  it('takes a batch of 5,000 headers for a small one', () => {
    const messages = Array.from({ length: 5_000 }, (_, i) => ({ id: `server:INBOX#${i}`, subject: `Message ${i}`, words: ['alpha', 'beta', 'gamma'], flags: ['\\Seen'] }));
    expect(cacheReplyTimeoutMs({ kind: 'apply', requestId: 1, dbName: DB, ops: [{ op: 'putMessages', messages } as unknown as CacheOp] })).toBe(60_000);
  });

  it('gives deleting a whole database longer than a query', () => {
    expect(cacheReplyTimeoutMs({ kind: 'dropDatabase', requestId: 1, dbName: DB })).toBeGreaterThan(60_000);
  });
});
