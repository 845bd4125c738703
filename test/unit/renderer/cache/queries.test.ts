import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CacheQuery, CacheQueryResult } from '../../../../common/cache-protocol';
import { applyOps } from '../../../../renderer/cache-host/apply-ops';
import { runQuery } from '../../../../renderer/cache-host/queries';
import type { DeviceCache } from '../../../../renderer/cache-host/schema';
import { attachment, body, folder, message, pendingOp } from '../../factories';
import { openDeviceCache } from './fake-idb';

let db: DeviceCache;

beforeEach(async () => {
  db = openDeviceCache('queries');
  await applyOps(db, [
    { op: 'putFolders', folders: [folder({ path: 'INBOX' }), folder({ path: 'Archive' })] },
    {
      op: 'putMessages',
      messages: [
        message({ uid: 30, date: 1 }),
        message({ uid: 4, date: 3 }),
        message({ uid: 12, date: 2 }),
        message({ folderId: 'server:Archive', uid: 5 }),
        message({ id: 'pending:op-1', folderId: 'server:INBOX', uid: null }),
      ],
    },
    { op: 'putBody', body: body({ messageId: 'server:INBOX#4' }), attachments: [attachment({ id: 'server:INBOX#4/0', messageId: 'server:INBOX#4' }), attachment({ id: 'server:INBOX#4/1', messageId: 'server:INBOX#4' })] },
    { op: 'addPendingOp', record: pendingOp({ id: 'b', seq: 2 }) },
    { op: 'addPendingOp', record: pendingOp({ id: 'a', seq: 3 }) },
    { op: 'addPendingOp', record: pendingOp({ id: 'c', seq: 1 }) },
  ]);
});

afterEach(async () => {
  await db.delete();
});

/** runQuery, typed by the query as CacheClient.query types it. */
function query<Q extends CacheQuery>(q: Q): Promise<CacheQueryResult<Q>> {
  return runQuery(db, q) as Promise<CacheQueryResult<Q>>;
}

describe('runQuery', () => {
  it('folders: every folder', async () => {
    const folders = await query({ query: 'folders' });
    expect(folders).toHaveLength(2);
    expect(folders).toContainEqual(folder({ path: 'Archive' }));
  });

  it('messageUids: the UIDs of one folder in ascending order, without UID-less placeholders', async () => {
    expect(await query({ query: 'messageUids', folderId: 'server:INBOX' })).toEqual([4, 12, 30]);
    expect(await query({ query: 'messageUids', folderId: 'server:Archive' })).toEqual([5]);
    expect(await query({ query: 'messageUids', folderId: 'server:Nothing' })).toEqual([]);
  });

  it('message: the record, or null', async () => {
    expect(await query({ query: 'message', id: 'server:INBOX#12' })).toEqual({ ...message({ uid: 12, date: 2 }), searchDoc: expect.any(Number) as number });
    expect(await query({ query: 'message', id: 'server:INBOX#404' })).toBeNull();
  });

  it('messagesByIds: the records found, in the order asked', async () => {
    const found = await query({ query: 'messagesByIds', ids: ['server:INBOX#30', 'server:INBOX#404', 'pending:op-1'] });
    expect(found.map((m) => m.id)).toEqual(['server:INBOX#30', 'pending:op-1']);
    expect(await query({ query: 'messagesByIds', ids: [] })).toEqual([]);
  });

  it('body: the body, or null', async () => {
    expect(await query({ query: 'body', messageId: 'server:INBOX#4' })).toEqual(body({ messageId: 'server:INBOX#4' }));
    expect(await query({ query: 'body', messageId: 'server:INBOX#12' })).toBeNull();
  });

  it('attachments: those of one message', async () => {
    const found = await query({ query: 'attachments', messageId: 'server:INBOX#4' });
    expect(found.map((a) => a.id).sort()).toEqual(['server:INBOX#4/0', 'server:INBOX#4/1']);
    expect(await query({ query: 'attachments', messageId: 'server:INBOX#12' })).toEqual([]);
  });

  it('pendingOps: in replay (seq) order', async () => {
    const ops = await query({ query: 'pendingOps' });
    expect(ops.map((op) => op.id)).toEqual(['c', 'b', 'a']);
  });

  it('pendingCount: how many are queued', async () => {
    expect(await query({ query: 'pendingCount' })).toBe(3);
  });
});
