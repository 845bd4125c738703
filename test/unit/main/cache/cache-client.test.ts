import { describe, expect, it } from 'vitest';
import type { CacheHostRequest } from '../../../../common/cache-protocol';
import { CacheClient, type CacheHostLink } from '../../../../main/cache/cache-client';

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

    await expect(client.apply(DB, [])).resolves.toBeUndefined();
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
