import { afterEach, describe, expect, it, vi } from 'vitest';
import { messagesById, messagesInOrder } from '../../../../renderer/cache-host/message-reads';
import type { DeviceCache } from '../../../../renderer/cache-host/schema';
import { message } from '../../factories';
import { openDeviceCache } from '../cache/fake-idb';

const opened: DeviceCache[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const db of opened.splice(0)) await db.delete();
});

async function cacheWith(records: ReturnType<typeof message>[]): Promise<DeviceCache> {
  const db = openDeviceCache('message-reads');
  opened.push(db);
  await db.messages.bulkPut(records);
  return db;
}

const uids = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('messagesById', () => {
  it("reads a run of one folder's UIDs as one range, across the ids' string order (#9 after #10)", async () => {
    const db = await cacheWith([...uids(1, 30).map((uid) => message({ uid })), ...uids(1, 5).map((uid) => message({ folderId: 'server:Archive', uid }))]);
    const bulkGet = vi.spyOn(db.messages, 'bulkGet');

    const wanted = [...uids(5, 25).map((uid) => `server:INBOX#${uid}`), 'server:Archive#2'];
    const found = await messagesById(db, wanted);

    expect([...found.keys()].sort()).toEqual([...wanted].sort());
    expect(found.get('server:INBOX#9')?.uid).toBe(9);
    expect(bulkGet).not.toHaveBeenCalled();
  });

  it('reads key by key when the range holds mostly other messages, and leaves out ids not there', async () => {
    const db = await cacheWith(uids(1, 100).map((uid) => message({ uid })));
    const bulkGet = vi.spyOn(db.messages, 'bulkGet');

    const found = await messagesById(db, ['server:INBOX#1', 'server:INBOX#100', 'server:INBOX#500', 'server:Gone#3']);

    expect([...found.keys()].sort()).toEqual(['server:INBOX#1', 'server:INBOX#100']);
    expect(bulkGet).toHaveBeenCalled();
  });

  it('asks nothing more for new mail (UIDs above those cached): their empty range says they are not stored', async () => {
    const db = await cacheWith(uids(1, 50).map((uid) => message({ uid })));
    const where = vi.spyOn(db.messages, 'where');

    const found = await messagesById(db, uids(51, 80).map((uid) => `server:INBOX#${uid}`));

    expect(found.size).toBe(0);
    expect(where.mock.calls.map(([index]) => index)).toEqual(['[folderId+uid]']);
  });

  it('finds messages whose ids are not a folder and a UID (POP, placeholders)', async () => {
    const pop = message({ folderId: 'local:inbox', uid: null, id: 'local:inbox:UIDL-a' });
    const placeholder = message({ folderId: 'server:Archive', uid: null, id: 'pending:op1:7' });
    const db = await cacheWith([pop, placeholder, message({ uid: 3 })]);

    const found = await messagesInOrder(db, ['pending:op1:7', 'server:INBOX#3', 'nothing', 'local:inbox:UIDL-a']);

    expect(found.map((m) => m.id)).toEqual(['pending:op1:7', 'server:INBOX#3', 'local:inbox:UIDL-a']);
  });
});
