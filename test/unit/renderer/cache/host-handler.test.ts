import { afterEach, describe, expect, it } from 'vitest';
import type { CacheHostRequest, CacheOp } from '../../../../common/cache-protocol';
import type { MessageRecord } from '../../../../common/model/mail';
import { CacheHostHandler } from '../../../../renderer/cache-host/host-handler';
import { folder, message } from '../../factories';
import { fakeIdb, uniqueDbName } from './fake-idb';

const handler = new CacheHostHandler(fakeIdb);

afterEach(() => {
  handler.close();
});

function apply(dbName: string, requestId: number, ops: CacheOp[]): CacheHostRequest {
  return { kind: 'apply', requestId, dbName, ops };
}

describe('CacheHostHandler', () => {
  it('applies a batch and answers queries on the same database', async () => {
    const dbName = uniqueDbName('host');

    expect(await handler.handle(apply(dbName, 1, [{ op: 'putFolders', folders: [folder()] }]))).toEqual({ kind: 'done', requestId: 1, value: { flagsBefore: [] } });
    expect(await handler.handle({ kind: 'query', requestId: 2, dbName, query: { query: 'folders' } })).toEqual({ kind: 'done', requestId: 2, value: [folder()] });
  });

  it('keeps each device in its own database', async () => {
    const first = uniqueDbName('host');
    const second = uniqueDbName('host');
    await handler.handle(apply(first, 1, [{ op: 'putMessages', messages: [message()] }]));

    expect(await handler.handle({ kind: 'query', requestId: 2, dbName: second, query: { query: 'messageUids', folderId: 'server:INBOX' } })).toEqual({ kind: 'done', requestId: 2, value: [] });
  });

  it('answers a failed batch with "failed" and commits none of it', async () => {
    const dbName = uniqueDbName('host');
    const invalid = { ...message({ uid: 2 }), id: undefined } as unknown as MessageRecord;

    const reply = await handler.handle(apply(dbName, 7, [{ op: 'putFolders', folders: [folder()] }, { op: 'putMessages', messages: [message(), invalid] }]));

    expect(reply).toMatchObject({ kind: 'failed', requestId: 7 });
    expect(reply.kind === 'failed' && reply.message).toBeTruthy();
    expect(await handler.handle({ kind: 'query', requestId: 8, dbName, query: { query: 'folders' } })).toEqual({ kind: 'done', requestId: 8, value: [] });
    expect(await handler.handle({ kind: 'query', requestId: 9, dbName, query: { query: 'message', id: 'server:INBOX#1' } })).toEqual({ kind: 'done', requestId: 9, value: null });
  });

  it('dropDatabase deletes everything; the next request starts from an empty database', async () => {
    const dbName = uniqueDbName('host');
    await handler.handle(apply(dbName, 1, [{ op: 'putFolders', folders: [folder()] }, { op: 'putMessages', messages: [message()] }]));

    expect(await handler.handle({ kind: 'dropDatabase', requestId: 2, dbName })).toEqual({ kind: 'done', requestId: 2, value: null });
    expect(await fakeIdb.indexedDB.databases()).not.toContainEqual(expect.objectContaining({ name: dbName }));

    expect(await handler.handle({ kind: 'query', requestId: 3, dbName, query: { query: 'folders' } })).toEqual({ kind: 'done', requestId: 3, value: [] });
    expect(await handler.handle({ kind: 'query', requestId: 4, dbName, query: { query: 'pendingCount' } })).toEqual({ kind: 'done', requestId: 4, value: 0 });
  });

  it('answers an unknown query with "failed"', async () => {
    const bogus = { kind: 'query', requestId: 5, dbName: uniqueDbName('host'), query: { query: 'everything' } } as unknown as CacheHostRequest;
    expect(await handler.handle(bogus)).toEqual({ kind: 'failed', requestId: 5, message: 'Unknown cache query {"query":"everything"}' });
  });
});
