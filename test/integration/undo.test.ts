import type { ImapFlow } from 'imapflow';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { PopSettings } from '../../common/model/account';
import { FLAG_FLAGGED, FLAG_SEEN, LOCAL_FOLDER_IDS, serverFolderId } from '../../common/model/mail';
import type { DeviceCache } from '../../renderer/cache-host/schema';
import { createUser, seedMessages, startTestServers } from '../servers';
import { accountDraft, addAccount, popAccountDraft, startCore, type CoreFixture } from '../support/core-fixture';
import { numberedMessages } from '../support/fixtures';
import { otherImapClient } from '../support/other-client';
import { waitFor } from '../support/wait';
import { noticeEnglish } from '../support/main-words';

const servers = inject('servers');
const INBOX = serverFolderId('INBOX');
const TRASH = serverFolderId('Trash');
const cleanups: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

/** Subject → flags of every message in a folder, as the server has them (a fresh SELECT each time; \Recent, this session's, left out). */
async function serverFlagsBySubject(client: ImapFlow, path: string): Promise<Map<string, string[]>> {
  const lock = await client.getMailboxLock(path);
  try {
    const out = new Map<string, string[]>();
    if ((await client.mailboxOpen(path)).exists === 0) return out;
    for await (const message of client.fetch('1:*', { uid: true, flags: true, envelope: true })) out.set(message.envelope?.subject ?? '', [...(message.flags ?? [])].filter((f) => f !== '\\Recent'));
    return out;
  } finally {
    lock.release();
  }
}

/** "Another device" adds a flag to the message with this subject. */
async function flagOnServer(client: ImapFlow, path: string, subject: string, flag: string): Promise<void> {
  const lock = await client.getMailboxLock(path);
  try {
    const uids = await client.search({ subject }, { uid: true });
    expect(uids).toHaveLength(1);
    expect(await client.messageFlagsAdd(uids as number[], [flag], { uid: true })).toBe(true);
  } finally {
    lock.release();
  }
}

async function bySubject(db: DeviceCache, subject: string) {
  return (await db.messages.toArray()).find((m) => m.subject === subject);
}

/** The undo id a change answered (the change must be undoable). */
function undoIdOf(result: Awaited<ReturnType<CoreFixture['core']['handle']>>): string {
  expect(result).toMatchObject({ ok: true, value: { undoId: expect.any(String) as unknown } });
  return (result as { ok: true; value: { undoId: string } }).value.undoId;
}

async function imapDevice(count: number, own = servers) {
  const user = await createUser(own);
  await seedMessages(own, user, 'INBOX', numberedMessages(count));
  const fixture = await startCore();
  cleanups.push(() => fixture.dispose());
  const added = await addAccount(fixture, accountDraft(own, user, 'tls'));
  await waitFor(async () => (await added.db.messages.where('folderId').equals(INBOX).count()) === count && (await added.db.folders.get(TRASH)), 'the first sync');
  const other = await otherImapClient(own, user);
  cleanups.push(() => other.logout());
  const queueEmpty = () => waitFor(async () => (await added.db.pendingOps.count()) === 0 || undefined, 'the server to have every change', 30_000);
  return { user, fixture, other, queueEmpty, ...added };
}

describe('undo over IMAP, against a real Dovecot', () => {
  it('undoes a delete the server already has: the message is back in INBOX on the server, with its flags', async () => {
    const { db, ref, fixture, other, queueEmpty } = await imapDevice(3);
    const message = (await bySubject(db, 'Message 2'))!;
    await fixture.core.handle('messages:flag', { ...ref, messageIds: [message.id], add: [FLAG_FLAGGED], remove: [] });
    await queueEmpty();
    const undoId = undoIdOf(await fixture.core.handle('messages:delete', { ...ref, messageIds: [message.id] }));
    await queueEmpty();
    expect((await serverFlagsBySubject(other, 'Trash')).has('Message 2')).toBe(true);
    expect((await serverFlagsBySubject(other, 'INBOX')).has('Message 2')).toBe(false);

    expect(await fixture.core.handle('messages:undo', { ...ref, undoId })).toEqual({ ok: true, value: null });
    await queueEmpty();
    const inbox = await serverFlagsBySubject(other, 'INBOX');
    expect(inbox.get('Message 2')).toEqual([FLAG_FLAGGED]);
    expect((await serverFlagsBySubject(other, 'Trash')).has('Message 2')).toBe(false);
    // Here too: in INBOX under the UID the server gave it, not a placeholder.
    const back = await waitFor(async () => (await bySubject(db, 'Message 2'))?.uid !== null && bySubject(db, 'Message 2'), 'the message back under its new UID');
    expect(back).toMatchObject({ folderId: INBOX, flagged: 1 });
    // Once: a second undo of the same change is refused.
    expect(await fixture.core.handle('messages:undo', { ...ref, undoId })).toMatchObject({ ok: false, error: { code: 'UNDO_EXPIRED' } });
    expect(fixture.events.notice).toEqual([]);
  });

  it('undoes "mark read" the server already has: \\Seen is gone on the server again', async () => {
    const { db, ref, fixture, other, queueEmpty } = await imapDevice(2);
    const ids = (await db.messages.toArray()).map((m) => m.id);
    const undoId = undoIdOf(await fixture.core.handle('messages:flag', { ...ref, messageIds: ids, add: [FLAG_SEEN], remove: [] }));
    await queueEmpty();
    expect([...(await serverFlagsBySubject(other, 'INBOX')).values()]).toEqual([[FLAG_SEEN], [FLAG_SEEN]]);
    expect(await fixture.core.handle('messages:undo', { ...ref, undoId })).toEqual({ ok: true, value: null });
    expect((await db.messages.toArray()).map((m) => m.seen)).toEqual([0, 0]);
    await queueEmpty();
    expect([...(await serverFlagsBySubject(other, 'INBOX')).values()]).toEqual([[], []]);
  });

  it('leaves alone a message another device changed between the change and the undo, and says so', async () => {
    const { db, ref, fixture, other, queueEmpty } = await imapDevice(2);
    const ids = (await db.messages.toArray()).map((m) => m.id);
    const undoId = undoIdOf(await fixture.core.handle('messages:flag', { ...ref, messageIds: ids, add: [FLAG_SEEN], remove: [] }));
    await queueEmpty();
    // Another device flags Message 2 (no wait for this device to hear of it: the undo asks the server first).
    await flagOnServer(other, 'INBOX', 'Message 2', FLAG_FLAGGED);
    expect(await fixture.core.handle('messages:undo', { ...ref, undoId })).toEqual({ ok: true, value: null });
    await queueEmpty();
    const flags = await serverFlagsBySubject(other, 'INBOX');
    expect(flags.get('Message 1')).toEqual([]);
    expect(new Set(flags.get('Message 2'))).toEqual(new Set([FLAG_SEEN, FLAG_FLAGGED]));
    expect(fixture.events.notice.map((n) => [n.where, noticeEnglish(n)])).toEqual([['undo', 'Undone, except: 1 message left as it is: changed again since (here or on another device).']]);
  });

  it('undoes changes made while the server is down in the queue itself; what is replayed is right', async () => {
    // A private server: this test stops it.
    const own = await startTestServers();
    cleanups.push(() => own.stop());
    const { db, ref, fixture, other, queueEmpty, user } = await imapDevice(3, own.info);
    await other.logout();
    await own.stopDovecot();
    await waitFor(() => fixture.events['device:status'].at(-1)?.connection !== 'online' || undefined, 'the client to notice the server is gone');
    const deleted = (await bySubject(db, 'Message 1'))!;
    const read = (await bySubject(db, 'Message 3'))!;
    const deleteUndo = undoIdOf(await fixture.core.handle('messages:delete', { ...ref, messageIds: [deleted.id] }));
    const readUndo = undoIdOf(await fixture.core.handle('messages:flag', { ...ref, messageIds: [read.id], add: [FLAG_SEEN], remove: [] }));
    expect(await db.pendingOps.count()).toBe(2);
    expect(await db.messages.get(deleted.id)).toBeUndefined();

    expect(await fixture.core.handle('messages:undo', { ...ref, undoId: deleteUndo })).toEqual({ ok: true, value: null });
    // The move left the queue: the message is back under its own id, and the server will never hear of it.
    expect(await db.messages.get(deleted.id)).toMatchObject({ folderId: INBOX, subject: 'Message 1' });
    expect((await db.pendingOps.toArray()).map((p) => p.change.kind)).toEqual(['flags']);
    expect(await fixture.core.handle('messages:undo', { ...ref, undoId: readUndo })).toEqual({ ok: true, value: null });
    expect((await db.messages.get(read.id))!.seen).toBe(0);

    await own.startDovecot();
    await waitFor(() => fixture.events['device:status'].at(-1)?.connection === 'online' || undefined, 'the reconnect', 45_000);
    await queueEmpty();
    const again = await otherImapClient(own.info, user);
    cleanups.push(() => again.logout());
    const inbox = await serverFlagsBySubject(again, 'INBOX');
    expect([...inbox.keys()].sort()).toEqual(['Message 1', 'Message 2', 'Message 3']);
    expect(inbox.get('Message 3')).toEqual([]);
    expect((await serverFlagsBySubject(again, 'Trash')).size).toBe(0);
    expect(fixture.events.notice.filter((n) => n.level === 'error')).toEqual([]);
  });
});

describe('undo over POP (local folders), against a real Dovecot', () => {
  const popSettings: Partial<PopSettings> = { checkEveryMinutes: null, headersOnlyOverBytes: null, retention: { kind: 'delete-when-deleted-here' } };

  async function popDevice(count: number) {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', numberedMessages(count));
    const fixture = await startCore();
    cleanups.push(() => fixture.dispose());
    const added = await addAccount(fixture, popAccountDraft(servers, user, 'tls', popSettings));
    await waitFor(async () => (await added.db.messages.count()) === count || undefined, 'the first check');
    const check = async (): Promise<void> => expect(await fixture.core.handle('device:sync', added.ref)).toEqual({ ok: true, value: null });
    const serverSubjects = async (): Promise<string[]> => {
      const other = await otherImapClient(servers, user);
      try {
        return [...(await serverFlagsBySubject(other, 'INBOX')).keys()].sort();
      } finally {
        await other.logout();
      }
    };
    return { fixture, check, serverSubjects, ...added };
  }

  it('undoes a delete to the local Trash: back in the Inbox, and no check deletes it from the server', async () => {
    const { db, ref, fixture, check, serverSubjects } = await popDevice(2);
    const message = (await bySubject(db, 'Message 1'))!;
    await fixture.core.handle('messages:flag', { ...ref, messageIds: [message.id], add: [FLAG_FLAGGED], remove: [] });
    const undoId = undoIdOf(await fixture.core.handle('messages:delete', { ...ref, messageIds: [message.id] }));
    expect((await db.messages.get(message.id))!.folderId).toBe(LOCAL_FOLDER_IDS.trash);
    expect((await db.popState.get(message.popUidl!))!.deleteRequested).toBe(true);

    expect(await fixture.core.handle('messages:undo', { ...ref, undoId })).toEqual({ ok: true, value: null });
    expect(await db.messages.get(message.id)).toMatchObject({ folderId: LOCAL_FOLDER_IDS.inbox, flagged: 1 });
    expect((await db.popState.get(message.popUidl!))!.deleteRequested).toBe(false);
    await check();
    expect(await serverSubjects()).toEqual(['Message 1', 'Message 2']);
    expect(fixture.events.notice).toEqual([]);
  });

  it('undoes a delete whose server copy a check already deleted: back here, and the notice says the server copy is gone', async () => {
    const { db, ref, fixture, check, serverSubjects } = await popDevice(2);
    const message = (await bySubject(db, 'Message 2'))!;
    const undoId = undoIdOf(await fixture.core.handle('messages:delete', { ...ref, messageIds: [message.id] }));
    await check();
    expect(await serverSubjects()).toEqual(['Message 1']);

    expect(await fixture.core.handle('messages:undo', { ...ref, undoId })).toEqual({ ok: true, value: null });
    expect((await db.messages.get(message.id))!.folderId).toBe(LOCAL_FOLDER_IDS.inbox);
    expect(fixture.events.notice.map((n) => [n.where, n.level, noticeEnglish(n)])).toEqual([
      ['undo', 'warning', 'Undone, except: 1 message back on this computer only: the server’s copy was already deleted (“Delete from the server when I delete it here”).'],
    ]);
  });

  it('undoes "mark unread" and a move between local folders', async () => {
    const { db, ref, fixture } = await popDevice(2);
    const ids = (await db.messages.toArray()).map((m) => m.id);
    await fixture.core.handle('messages:flag', { ...ref, messageIds: ids, add: [FLAG_SEEN], remove: [] });
    const unread = undoIdOf(await fixture.core.handle('messages:flag', { ...ref, messageIds: [ids[0]!], add: [], remove: [FLAG_SEEN] }));
    expect(await fixture.core.handle('folder:create', { ...ref, parentPath: null, name: 'Receipts' })).toEqual({ ok: true, value: null });
    const moved = undoIdOf(await fixture.core.handle('messages:move', { ...ref, messageIds: ids, toPath: 'Receipts' }));
    expect(await fixture.core.handle('messages:undo', { ...ref, undoId: moved })).toEqual({ ok: true, value: null });
    expect(await fixture.core.handle('messages:undo', { ...ref, undoId: unread })).toEqual({ ok: true, value: null });
    expect((await db.messages.toArray()).map((m) => [m.folderId, m.seen])).toEqual([
      [LOCAL_FOLDER_IDS.inbox, 1],
      [LOCAL_FOLDER_IDS.inbox, 1],
    ]);
  });
});
