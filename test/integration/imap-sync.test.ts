import { afterEach, describe, expect, inject, it } from 'vitest';
import { FLAG_FLAGGED, FLAG_SEEN, serverFolderId } from '../../common/model/mail';
import type { DeviceCache } from '../../renderer/cache-host/schema';
import { createUser, doveadm, makeMessage, seedMessages, type MailUser } from '../servers';
import { accountDraft, addAccount, startCore } from '../support/core-fixture';
import { fixtureMail, numberedMessages } from '../support/fixtures';
import { otherImapClient, serverFlags, serverSubjects } from '../support/other-client';
import { waitFor } from '../support/wait';

const servers = inject('servers');
const INBOX = serverFolderId('INBOX');
const cleanups: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

async function setup(seed: (user: MailUser) => Promise<void> = () => Promise.resolve()) {
  const user = await createUser(servers);
  await seed(user);
  const fixture = await startCore();
  cleanups.push(() => fixture.dispose());
  const added = await addAccount(fixture, accountDraft(servers, user, 'tls'));
  const other = await otherImapClient(servers, user);
  cleanups.push(() => other.logout());
  return { user, fixture, other, ...added };
}

function inboxCount(db: DeviceCache): Promise<number> {
  return db.messages.filter((m) => m.folderId === INBOX).count();
}

async function cachedSubjects(db: DeviceCache, folderId = INBOX): Promise<string[]> {
  return (await db.messages.toArray()).filter((m) => m.folderId === folderId).map((m) => m.subject);
}

describe('IMAP sync against a real Dovecot', () => {
  it('downloads headers newest first, in batches, with progress, snippets and attachment markers', async () => {
    const count = 1_500;
    const { db, fixture } = await setup(async (user) => {
      await seedMessages(servers, user, 'INBOX', numberedMessages(count));
      await seedMessages(servers, user, 'INBOX', [{ raw: fixtureMail('attachment.eml') }, { raw: fixtureMail('latin1.eml') }]);
    });
    const total = count + 2;
    // The first screenful arrives before the folder is done, and it is the newest messages.
    const firstBatch = await waitFor(async () => {
      const n = await db.messages.count();
      return n > 0 ? db.messages.toArray() : undefined;
    }, 'the first batch of headers');
    expect(firstBatch.length).toBeLessThan(total);
    const uids = firstBatch.map((m) => m.uid!);
    expect(Math.max(...uids)).toBe(total);
    expect(Math.min(...uids)).toBe(total - firstBatch.length + 1);
    await waitFor(async () => (await db.messages.count()) === total, 'every header in the cache', 30_000);
    const progress = fixture.events['sync:progress'].filter((p) => p.folderPath === 'INBOX');
    expect(progress.some((p) => p.phase === 'headers' && p.done < p.total)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ phase: 'done', done: total, total });
    const folder = await db.folders.get(INBOX);
    expect(folder).toMatchObject({ backfillBelowUid: 0, uidNext: total + 1 });

    const attachment = (await db.messages.toArray()).find((m) => m.messageId === '<attach-1@example.test>')!;
    expect(attachment).toMatchObject({ subject: 'Quarterly report attached', hasAttachments: true, from: [{ name: 'Ann Attach', address: 'ann@example.test' }] });
    expect(attachment.snippet).toBe('Hi Bob, the report is attached. Café at 10?');
    const latin1 = (await db.messages.toArray()).find((m) => m.messageId === '<latin1-1@example.test>')!;
    expect(latin1).toMatchObject({ subject: 'Grüße aus Köln', hasAttachments: false, snippet: 'Schöne Grüße aus Köln, bis bald!' });
    expect((await db.messages.toArray()).find((m) => m.subject === 'Message 7')).toMatchObject({ snippet: 'Body of message 7.', seen: 0, flagged: 0 });
  });

  it('fetches a body when a message is opened, keeps it, marks it read, and lists its attachments', async () => {
    const { db, fixture, ref, other } = await setup((user) => seedMessages(servers, user, 'INBOX', [{ raw: fixtureMail('attachment.eml') }]));
    const message = await waitFor(async () => (await db.messages.toArray())[0], 'the message header');
    expect(await db.bodies.get(message.id)).toBeUndefined();
    const opened = await fixture.core.handle('message:open', { ...ref, messageId: message.id });
    expect(opened).toEqual({ ok: true, value: null });
    const body = (await db.bodies.get(message.id))!;
    expect(body.text).toContain('the report is attached');
    expect(body.html).toContain('<b>report</b>');
    expect(body.attachments).toMatchObject([{ filename: 'report.pdf', contentType: 'application/pdf', inline: false }]);
    const pdf = await db.attachments.get(body.attachments[0]!.id);
    expect(Buffer.from(pdf!.content).subarray(0, 8).toString()).toBe('%PDF-1.4');
    await waitFor(async () => (await serverFlags(other, 'INBOX')).get(message.uid!)?.includes(FLAG_SEEN), 'the server to see \\Seen');
    expect((await db.messages.get(message.id))!.seen).toBe(1);
  });

  it('shows another client’s new mail, flag changes and expunges through IDLE, with no action here', async () => {
    const { db, other } = await setup((user) => seedMessages(servers, user, 'INBOX', numberedMessages(3)));
    await waitFor(async () => (await inboxCount(db)) === 3, 'the initial sync');
    await other.append('INBOX', makeMessage({ subject: 'Pushed by IDLE' }));
    await waitFor(async () => (await cachedSubjects(db)).includes('Pushed by IDLE'), 'the appended message to arrive by IDLE');

    const lock = await other.getMailboxLock('INBOX');
    try {
      await other.messageFlagsAdd('1', [FLAG_FLAGGED]);
    } finally {
      lock.release();
    }
    await waitFor(async () => (await db.messages.toArray()).find((m) => m.uid === 1)?.flagged === 1, 'the flag change by IDLE');

    const lock2 = await other.getMailboxLock('INBOX');
    try {
      await other.messageDelete('2');
    } finally {
      lock2.release();
    }
    await waitFor(async () => !(await db.messages.toArray()).some((m) => m.uid === 2), 'the expunge by IDLE');
    expect(await inboxCount(db)).toBe(3);
  });

  it('sends mark-read, flag, move, delete and expunge to the server, where another client sees them', async () => {
    const { db, fixture, ref, other } = await setup((user) => seedMessages(servers, user, 'INBOX', numberedMessages(4)));
    await waitFor(async () => (await inboxCount(db)) === 4, 'the initial sync');
    const byUid = async (uid: number) => (await db.messages.toArray()).find((m) => m.folderId === INBOX && m.uid === uid)!;

    expect(await fixture.core.handle('messages:flag', { ...ref, messageIds: [(await byUid(1)).id], add: [FLAG_SEEN, FLAG_FLAGGED], remove: [] })).toMatchObject({ ok: true, value: { undoId: expect.any(String) as unknown } });
    await waitFor(async () => {
      const flags = (await serverFlags(other, 'INBOX')).get(1) ?? [];
      return flags.includes(FLAG_SEEN) && flags.includes(FLAG_FLAGGED);
    }, 'the server to see \\Seen and \\Flagged');
    await fixture.core.handle('messages:flag', { ...ref, messageIds: [(await byUid(1)).id], add: [], remove: [FLAG_SEEN] });
    await waitFor(async () => !(await serverFlags(other, 'INBOX')).get(1)?.includes(FLAG_SEEN), 'the server to see the message unread again');

    expect(await fixture.core.handle('folder:create', { ...ref, parentPath: null, name: 'Archive' })).toEqual({ ok: true, value: null });
    expect((await db.folders.get(serverFolderId('Archive')))?.path).toBe('Archive');
    const toMove = await byUid(2);
    expect(await fixture.core.handle('messages:move', { ...ref, messageIds: [toMove.id], toPath: 'Archive' })).toMatchObject({ ok: true, value: { undoId: expect.any(String) as unknown } });
    // Optimistic: gone from the inbox at once.
    expect((await db.messages.get(toMove.id))).toBeUndefined();
    await waitFor(async () => (await serverSubjects(other, 'Archive')).includes(toMove.subject), 'the move on the server');
    expect(await serverSubjects(other, 'INBOX')).not.toContain(toMove.subject);
    await waitFor(async () => (await db.messages.toArray()).find((m) => m.folderId === serverFolderId('Archive') && m.uid !== null && m.subject === toMove.subject), 'the moved message to get its new UID in the cache');

    const toDelete = await byUid(3);
    await fixture.core.handle('messages:delete', { ...ref, messageIds: [toDelete.id] });
    await waitFor(async () => (await serverSubjects(other, 'Trash')).includes(toDelete.subject), 'the delete to move it to Trash');
    const inTrash = await waitFor(async () => (await db.messages.toArray()).find((m) => m.folderId === serverFolderId('Trash') && m.uid !== null), 'the message in the cached Trash');
    await fixture.core.handle('messages:delete', { ...ref, messageIds: [inTrash.id] });
    await waitFor(async () => (await serverSubjects(other, 'Trash')).length === 0, 'the expunge from Trash');
    expect(await serverSubjects(other, 'INBOX')).toEqual(['Message 1', 'Message 4']);
    expect(fixture.events.notice.filter((n) => n.level === 'error')).toEqual([]);
  });

  it('empties and refetches a folder whose UIDVALIDITY changed, without duplicates', async () => {
    const { db, fixture, ref, user } = await setup((u) => seedMessages(servers, u, 'INBOX', numberedMessages(20)));
    await waitFor(async () => (await inboxCount(db)) === 20, 'the initial sync');
    const before = (await db.folders.get(INBOX))!.uidValidity;
    await doveadm(servers, ['mailbox', 'update', '--uid-validity', String((before ?? 1) + 1000), '-u', user.user, 'INBOX']);
    await fixture.core.handle('device:sync', ref);
    await waitFor(async () => (await db.folders.get(INBOX))?.uidValidity === (before ?? 1) + 1000, 'the new UIDVALIDITY in the cache');
    await waitFor(async () => (await inboxCount(db)) === 20 && (await db.folders.get(INBOX))?.backfillBelowUid === 0, 'the refetch');
    const subjects = await cachedSubjects(db);
    expect(new Set(subjects).size).toBe(20);
  });

  it('creates, renames and deletes server folders', async () => {
    const { db, fixture, ref, other } = await setup();
    // Folder commands need the server now and fail at once while the account is still connecting.
    await waitFor(() => fixture.events['device:status'].some((s) => s.connection === 'online') || undefined, 'the account to connect', 30_000);
    expect(await fixture.core.handle('folder:create', { ...ref, parentPath: null, name: 'Projects' })).toEqual({ ok: true, value: null });
    expect(await fixture.core.handle('folder:rename', { ...ref, path: 'Projects', newName: 'Done' })).toEqual({ ok: true, value: null });
    const paths = async () => (await other.list()).map((f) => f.path);
    expect(await paths()).toContain('Done');
    expect(await paths()).not.toContain('Projects');
    expect(await db.folders.get(serverFolderId('Done'))).toBeDefined();
    expect(await db.folders.get(serverFolderId('Projects'))).toBeUndefined();
    expect(await fixture.core.handle('folder:delete', { ...ref, path: 'Done' })).toEqual({ ok: true, value: null });
    expect(await paths()).not.toContain('Done');
    const refused = await fixture.core.handle('folder:delete', { ...ref, path: 'No such folder' });
    expect(refused).toMatchObject({ ok: false });
  });
});
