import { describe, expect, it } from 'vitest';
import type { CacheHostRequest } from '../../../../common/cache-protocol';
import type { PopStateRecord } from '../../../../common/model/mail';
import { CacheClient } from '../../../../main/cache/cache-client';
import { attachInProcessCacheHost, openCacheForReading } from '../../../support/in-process-cache-host';

function state(uidl: string, changes: Partial<PopStateRecord> = {}): PopStateRecord {
  return { uidl, messageId: `m-${uidl}`, size: 100, contentHash: `h-${uidl}`, messageIdHeader: `<${uidl}@x>`, firstSeenAt: 1, downloadedAt: 2, headersOnly: false, deleteRequested: false, serverDeletedAt: null, serverDeletedBy: null, ...changes };
}

const byUidl = (states: PopStateRecord[]): PopStateRecord[] => [...states].sort((a, b) => a.uidl.localeCompare(b.uidl));

/** A client over the real cache host code (fake-indexeddb) that counts the POP-state reads the host answered. */
function setup(dbName: string, hooks: { beforeApply?(request: CacheHostRequest): 'apply' | 'hold' } = {}) {
  const client = new CacheClient();
  let hostReads = 0;
  const { handler } = attachInProcessCacheHost(client, hooks);
  const handle = handler.handle.bind(handler);
  handler.handle = (request) => {
    if (request.kind === 'query' && request.query.query === 'popStates') hostReads += 1;
    return handle(request);
  };
  const stored = async (): Promise<PopStateRecord[]> => byUidl(await openCacheForReading(dbName).popState.toArray());
  return { client, hostReads: () => hostReads, stored };
}

describe('POP states read through the CacheClient', () => {
  it('are read from the host once, then answered in main exactly as the host holds them after every kind of write', async () => {
    const db = 'mirror-writes';
    const { client, hostReads, stored } = setup(db);
    await client.apply(db, [{ op: 'putPopStates', states: [state('a'), state('b'), state('c')] }]);

    expect(byUidl(await client.query(db, { query: 'popStates' }))).toEqual(await stored());
    expect(hostReads()).toBe(1);

    await client.apply(db, [{ op: 'patchPopStates', uidls: ['a', 'zz'], changes: { deleteRequested: true } }]);
    await client.apply(db, [{ op: 'deletePopStates', uidls: ['b'] }]);
    await client.apply(db, [{ op: 'putPopStates', states: [state('d', { headersOnly: true, downloadedAt: null })] }, { op: 'patchPopStates', uidls: ['d'], changes: { serverDeletedAt: 9, serverDeletedBy: 'elsewhere' } }]);
    await client.apply(db, [{ op: 'deleteFolder', id: 'local:none' }]);

    const answered = byUidl(await client.query(db, { query: 'popStates' }));
    expect(answered).toEqual(await stored());
    expect(answered.map((s) => s.uidl)).toEqual(['a', 'c', 'd']);
    expect(hostReads()).toBe(1);

    // A switch to IMAP clears them all in one op; a state put in the same batch after it stays.
    await client.apply(db, [{ op: 'clearPopStates' }, { op: 'putPopStates', states: [state('e')] }]);
    expect(byUidl(await client.query(db, { query: 'popStates' }))).toEqual(await stored());
    expect((await stored()).map((s) => s.uidl)).toEqual(['e']);
    expect(hostReads()).toBe(1);
  });

  it('hands out copies: a caller changing a record changes nothing held', async () => {
    const db = 'mirror-copies';
    const { client, stored } = setup(db);
    await client.apply(db, [{ op: 'putPopStates', states: [state('a')] }]);
    (await client.query(db, { query: 'popStates' }))[0]!.deleteRequested = true;
    (await client.query(db, { query: 'popStates' }))[0]!.size = 1;

    expect(await client.query(db, { query: 'popStates' })).toEqual(await stored());
  });

  it('asks the host while a write of POP states is on its way, and again after a write failed', async () => {
    const db = 'mirror-in-flight';
    let hold = false;
    const { client, hostReads } = setup(db, { beforeApply: (r) => (hold && r.kind === 'apply' ? 'hold' : 'apply') });
    await client.apply(db, [{ op: 'putPopStates', states: [state('a')] }]);
    await client.query(db, { query: 'popStates' });
    expect(hostReads()).toBe(1);

    hold = true;
    void client.apply(db, [{ op: 'putPopStates', states: [state('b')] }]).catch(() => undefined);
    expect((await client.query(db, { query: 'popStates' })).map((s) => s.uidl)).toEqual(['a']);
    expect(hostReads()).toBe(2);

    // A write the host refuses (a record without its key): the transaction rolled back.
    hold = false;
    const keyless = { ...state('x'), uidl: undefined } as unknown as PopStateRecord;
    await expect(client.apply(db, [{ op: 'putPopStates', states: [state('c'), keyless] }])).rejects.toThrow();
    expect((await client.query(db, { query: 'popStates' })).map((s) => s.uidl)).toEqual(['a']);
    expect(hostReads()).toBe(3);
  });

  it('forgets a device whose database was dropped', async () => {
    const db = 'mirror-dropped';
    const { client, hostReads } = setup(db);
    await client.apply(db, [{ op: 'putPopStates', states: [state('a')] }]);
    await client.query(db, { query: 'popStates' });
    await client.dropDatabase(db);

    expect(await client.query(db, { query: 'popStates' })).toEqual([]);
    expect(hostReads()).toBe(2);
  });
});
