import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MessageRecord } from '../../../../common/model/mail';
import { applyOps } from '../../../../renderer/cache-host/apply-ops';
import type { DeviceCache } from '../../../../renderer/cache-host/schema';
import { attachment, body, folder, message, pendingOp } from '../../factories';
import { openDeviceCache } from './fake-idb';

let db: DeviceCache;

beforeEach(() => {
  db = openDeviceCache('apply-ops');
});

afterEach(async () => {
  await db.delete();
});

/** Two folders, each with one message that has a body and an attachment. */
async function seedTwoFolders(): Promise<void> {
  await applyOps(db, [
    { op: 'putFolders', folders: [folder({ path: 'INBOX' }), folder({ path: 'Archive' })] },
    { op: 'putMessages', messages: [message({ folderId: 'server:INBOX', uid: 1 }), message({ folderId: 'server:Archive', uid: 1 })] },
    { op: 'putBody', body: body({ messageId: 'server:INBOX#1' }), attachments: [attachment({ messageId: 'server:INBOX#1' })] },
    { op: 'putBody', body: body({ messageId: 'server:Archive#1' }), attachments: [attachment({ messageId: 'server:Archive#1' })] },
  ]);
}

async function ids(table: 'folders' | 'messages' | 'bodies' | 'attachments' | 'pendingOps'): Promise<string[]> {
  return (await db.table(table).toCollection().primaryKeys()).map(String).sort();
}

describe('applyOps: folders', () => {
  it('putFolders inserts and replaces', async () => {
    await applyOps(db, [{ op: 'putFolders', folders: [folder({ path: 'INBOX', uidNext: 5 }), folder({ path: 'Sent' })] }]);
    await applyOps(db, [{ op: 'putFolders', folders: [folder({ path: 'INBOX', uidNext: 9 })] }]);

    expect(await ids('folders')).toEqual(['server:INBOX', 'server:Sent']);
    expect((await db.folders.get('server:INBOX'))?.uidNext).toBe(9);
  });

  it('patchFolder changes only the given fields', async () => {
    await applyOps(db, [{ op: 'putFolders', folders: [folder({ path: 'INBOX', uidValidity: 1, uidNext: 5 })] }]);
    await applyOps(db, [{ op: 'patchFolder', id: 'server:INBOX', changes: { uidNext: 6, highestModseq: '100' } }]);

    expect(await db.folders.get('server:INBOX')).toEqual(folder({ path: 'INBOX', uidValidity: 1, uidNext: 6, highestModseq: '100' }));
  });

  it('deleteFolder removes the folder with its messages, bodies and attachments', async () => {
    await seedTwoFolders();
    await applyOps(db, [{ op: 'deleteFolder', id: 'server:INBOX' }]);

    expect(await ids('folders')).toEqual(['server:Archive']);
    expect(await ids('messages')).toEqual(['server:Archive#1']);
    expect(await ids('bodies')).toEqual(['server:Archive#1']);
    expect(await ids('attachments')).toEqual(['server:Archive#1/0']);
  });

  it('clearFolder removes the messages, bodies and attachments but keeps the folder', async () => {
    await seedTwoFolders();
    await applyOps(db, [{ op: 'clearFolder', folderId: 'server:INBOX' }]);

    expect(await ids('folders')).toEqual(['server:Archive', 'server:INBOX']);
    expect(await ids('messages')).toEqual(['server:Archive#1']);
    expect(await ids('bodies')).toEqual(['server:Archive#1']);
    expect(await ids('attachments')).toEqual(['server:Archive#1/0']);
  });
});

describe('applyOps: messages', () => {
  it('putMessages inserts and replaces headers, keeping a cached body', async () => {
    await seedTwoFolders();
    await applyOps(db, [{ op: 'putMessages', messages: [message({ uid: 1, subject: 'Updated' }), message({ uid: 2 })] }]);

    expect((await db.messages.get('server:INBOX#1'))?.subject).toBe('Updated');
    expect(await db.messages.get('server:INBOX#2')).toEqual({ ...message({ uid: 2 }), searchDoc: expect.any(Number) as number });
    expect(await db.bodies.get('server:INBOX#1')).toEqual(body({ messageId: 'server:INBOX#1' }));
  });

  it('setFlags sets the whole flag list with seen/flagged, skipping unknown ids', async () => {
    await applyOps(db, [{ op: 'putMessages', messages: [message({ uid: 1, flags: ['\\Answered'] }), message({ uid: 2, flags: ['\\Seen'], seen: 1 })] }]);
    await applyOps(db, [
      {
        op: 'setFlags',
        updates: [
          { id: 'server:INBOX#1', flags: ['\\Seen', '\\Flagged'] },
          { id: 'server:INBOX#404', flags: ['\\Seen'] },
          { id: 'server:INBOX#2', flags: [] },
        ],
      },
    ]);

    expect(await db.messages.get('server:INBOX#1')).toMatchObject({ flags: ['\\Seen', '\\Flagged'], seen: 1, flagged: 1 });
    expect(await db.messages.get('server:INBOX#2')).toMatchObject({ flags: [], seen: 0, flagged: 0 });
    expect(await ids('messages')).toEqual(['server:INBOX#1', 'server:INBOX#2']);
  });

  it('changeFlags adds and removes flags, skipping unknown ids', async () => {
    await applyOps(db, [{ op: 'putMessages', messages: [message({ uid: 1, flags: ['\\Flagged', '$Work'], flagged: 1 })] }]);
    const applied = await applyOps(db, [{ op: 'changeFlags', ids: ['server:INBOX#1', 'server:INBOX#404'], add: ['\\Seen'], remove: ['\\Flagged'] }]);
    // What undo needs: the place and flags before, of the messages found.
    expect(applied.flagsBefore).toEqual([{ id: 'server:INBOX#1', folderId: 'server:INBOX', uid: 1, flags: ['\\Flagged', '$Work'] }]);

    const changed = await db.messages.get('server:INBOX#1');
    expect(changed?.flags.sort()).toEqual(['$Work', '\\Seen']);
    expect(changed).toMatchObject({ seen: 1, flagged: 0 });
    expect(await ids('messages')).toEqual(['server:INBOX#1']);
  });

  it('setFlags and changeFlags write only the records whose flags change (a resync after a bulk change rewrites nothing)', async () => {
    await applyOps(db, [{ op: 'putMessages', messages: [message({ uid: 1, flags: ['\\Seen'], seen: 1 }), message({ uid: 2, flags: [] })] }]);
    const writes = vi.spyOn(db.messages, 'bulkPut');
    await applyOps(db, [{ op: 'setFlags', updates: [{ id: 'server:INBOX#1', flags: ['\\Seen'] }, { id: 'server:INBOX#2', flags: ['\\Seen'] }] }]);
    await applyOps(db, [{ op: 'changeFlags', ids: ['server:INBOX#1', 'server:INBOX#2'], add: ['\\Seen'], remove: [] }]);
    expect(writes.mock.calls.map(([records]) => [...records].map((m) => m.id))).toEqual([['server:INBOX#2'], []]);
    expect(await applyOps(db, [{ op: 'putFolders', folders: [] }])).toEqual({ flagsBefore: [] });
    writes.mockRestore();
    expect(await db.messages.get('server:INBOX#2')).toMatchObject({ flags: ['\\Seen'], seen: 1 });
  });

  it('changeFlags reports every message it found, changed or not, in the order of its ids, once each; over several ops, in their order', async () => {
    await applyOps(db, [{ op: 'putMessages', messages: [message({ uid: 1, flags: ['\\Seen'], seen: 1 }), message({ uid: 2, flags: [] }), message({ uid: 3, flags: ['\\Flagged'], flagged: 1 })] }]);
    const applied = await applyOps(db, [
      { op: 'changeFlags', ids: ['server:INBOX#3', 'server:INBOX#1', 'server:INBOX#3', 'pending:op-1'], add: ['\\Seen'], remove: [] },
      { op: 'changeFlags', ids: ['server:INBOX#2'], add: ['\\Seen'], remove: [] },
    ]);
    expect(applied.flagsBefore.map((m) => [m.id, m.flags])).toEqual([
      ['server:INBOX#3', ['\\Flagged']],
      ['server:INBOX#1', ['\\Seen']],
      ['server:INBOX#2', []],
    ]);
  });

  it('deleteMessages removes the messages with their bodies and attachments', async () => {
    await seedTwoFolders();
    await applyOps(db, [{ op: 'putBody', body: body({ messageId: 'server:INBOX#1' }), attachments: [attachment({ id: 'server:INBOX#1/1', messageId: 'server:INBOX#1' })] }]);
    await applyOps(db, [{ op: 'deleteMessages', ids: ['server:INBOX#1', 'server:INBOX#404'] }]);

    expect(await ids('messages')).toEqual(['server:Archive#1']);
    expect(await ids('bodies')).toEqual(['server:Archive#1']);
    expect(await ids('attachments')).toEqual(['server:Archive#1/0']);
  });

  it('renameMessages re-keys a message and moves its body and attachments', async () => {
    await seedTwoFolders();
    await applyOps(db, [{ op: 'renameMessages', renames: [{ from: 'server:INBOX#1', to: 'server:Trash#7', folderId: 'server:Trash', uid: 7 }] }]);

    expect(await db.messages.get('server:INBOX#1')).toBeUndefined();
    expect(await db.messages.get('server:Trash#7')).toMatchObject({ id: 'server:Trash#7', folderId: 'server:Trash', uid: 7, subject: 'Hello' });
    expect(await db.bodies.get('server:INBOX#1')).toBeUndefined();
    expect(await db.bodies.get('server:Trash#7')).toEqual(body({ messageId: 'server:Trash#7' }));
    expect(await db.attachments.where('messageId').equals('server:Trash#7').toArray()).toEqual([attachment({ id: 'server:Trash#7/0', messageId: 'server:Trash#7' })]);
    expect(await ids('attachments')).toEqual(['server:Archive#1/0', 'server:Trash#7/0']);
  });

  it('renameMessages can make a placeholder without a UID and ignores unknown ids', async () => {
    await applyOps(db, [{ op: 'putMessages', messages: [message({ uid: 1 })] }]);
    await applyOps(db, [
      {
        op: 'renameMessages',
        renames: [
          { from: 'server:INBOX#1', to: 'pending:op-1', folderId: 'server:Archive', uid: null },
          { from: 'server:INBOX#404', to: 'pending:op-2', folderId: 'server:Archive', uid: null },
        ],
      },
    ]);

    expect(await ids('messages')).toEqual(['pending:op-1']);
    expect(await db.messages.get('pending:op-1')).toMatchObject({ folderId: 'server:Archive', uid: null });
  });

  it('putBody stores the body and its attachments', async () => {
    const content = Uint8Array.from([0x25, 0x50, 0x44, 0x46]);
    await applyOps(db, [{ op: 'putBody', body: body({ messageId: 'm', text: 'Hi', html: '<p>Hi</p>' }), attachments: [attachment({ id: 'm/0', messageId: 'm', content })] }]);

    expect(await db.bodies.get('m')).toEqual(body({ messageId: 'm', text: 'Hi', html: '<p>Hi</p>' }));
    const stored = await db.attachments.get('m/0');
    expect(stored?.content).toBeInstanceOf(Uint8Array);
    expect([...stored!.content]).toEqual([...content]);
  });
});

describe('applyOps: pending operations', () => {
  it('adds, patches and removes a pending operation', async () => {
    await applyOps(db, [{ op: 'addPendingOp', record: pendingOp({ id: 'op-1', seq: 1 }) }, { op: 'addPendingOp', record: pendingOp({ id: 'op-2', seq: 2 }) }]);
    await applyOps(db, [{ op: 'patchPendingOp', id: 'op-1', changes: { attempts: 3, lastError: 'NO [TRYCREATE]' } }]);

    expect(await db.pendingOps.get('op-1')).toEqual(pendingOp({ id: 'op-1', seq: 1, attempts: 3, lastError: 'NO [TRYCREATE]' }));

    await applyOps(db, [{ op: 'removePendingOp', id: 'op-1' }]);
    expect(await ids('pendingOps')).toEqual(['op-2']);
  });

  it('adding the same pending operation twice keeps one (a re-sent batch)', async () => {
    const op = { op: 'addPendingOp', record: pendingOp({ id: 'op-1' }) } as const;
    await applyOps(db, [op]);
    await applyOps(db, [op]);
    expect(await db.pendingOps.count()).toBe(1);
  });
});

describe('applyOps: atomicity', () => {
  it('commits nothing of a batch in which one operation fails', async () => {
    await seedTwoFolders();
    const invalid = { ...message({ uid: 3 }), id: undefined } as unknown as MessageRecord;

    await expect(
      applyOps(db, [
        { op: 'putFolders', folders: [folder({ path: 'Sent' })] },
        { op: 'deleteMessages', ids: ['server:Archive#1'] },
        { op: 'putMessages', messages: [message({ uid: 2 }), invalid] },
        { op: 'addPendingOp', record: pendingOp() },
      ]),
    ).rejects.toMatchObject({ name: 'DataError' });

    expect(await ids('folders')).toEqual(['server:Archive', 'server:INBOX']);
    expect(await ids('messages')).toEqual(['server:Archive#1', 'server:INBOX#1']);
    expect(await ids('bodies')).toEqual(['server:Archive#1', 'server:INBOX#1']);
    expect(await ids('attachments')).toEqual(['server:Archive#1/0', 'server:INBOX#1/0']);
    expect(await ids('pendingOps')).toEqual([]);
  });
});
