import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { PopSettings } from '../../common/model/account';
import { FLAG_FLAGGED, FLAG_SEEN, LOCAL_FOLDER_IDS } from '../../common/model/mail';
import type { DeviceCache } from '../../renderer/cache-host/schema';
import { createUser, makeMessage, seedMessages, type MailUser } from '../servers';
import { addAccount, popAccountDraft, startCore } from '../support/core-fixture';
import { fixtureMail, numberedMessages } from '../support/fixtures';
import { otherImapClient, serverSubjects } from '../support/other-client';
import { Pop3FaultProxy } from '../support/pop3-fault-proxy';
import { poplibView } from '../support/poplib';
import { waitFor } from '../support/wait';
import { outgoingMessage } from '../support/outgoing';

const servers = inject('servers');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

const settings = (overrides: Partial<PopSettings>): Partial<PopSettings> => ({ checkEveryMinutes: null, headersOnlyOverBytes: null, ...overrides });

/** A POP device through the logging relay, with `count` seeded messages and a first check done. */
async function popDevice(pop: Partial<PopSettings>, seed: (user: MailUser) => Promise<void>) {
  const user = await createUser(servers);
  await seed(user);
  const relay = await new Pop3FaultProxy(servers.pop3.stlsPort).start();
  cleanups.push(() => relay.stop());
  const fixture = await startCore();
  cleanups.push(() => fixture.dispose());
  const draft = popAccountDraft(servers, user, 'none', settings(pop));
  const added = await addAccount(fixture, { ...draft, incoming: { ...draft.incoming, port: relay.port } });
  await waitFor(() => fixture.events['device:status'].at(-1)?.detail.kind === 'checked' || undefined, 'the first check');
  const check = async (): Promise<void> => {
    const result = await fixture.core.handle('device:sync', added.ref);
    expect(result).toEqual({ ok: true, value: null });
  };
  return { user, relay, fixture, check, ...added };
}

async function inboxSubjects(db: DeviceCache, folderId: string = LOCAL_FOLDER_IDS.inbox): Promise<string[]> {
  return (await db.messages.toArray()).filter((m) => m.folderId === folderId).map((m) => m.subject).sort();
}

async function serverSubjectsByPop(user: MailUser): Promise<string[]> {
  return (await poplibView(servers, user)).messages.map((m) => m.subject).sort();
}

describe('POP3 checks against a real Dovecot', () => {
  it('downloads whole messages once, with attachments, and a second check sends no RETR', async () => {
    const { db, relay, check, fixture, user } = await popDevice({ retention: { kind: 'keep' } }, (u) =>
      seedMessages(servers, u, 'INBOX', [...numberedMessages(4), { raw: fixtureMail('attachment.eml') }]),
    );
    expect(await db.messages.count()).toBe(5);
    expect(relay.count('RETR')).toBe(5);
    const withAttachment = (await db.messages.toArray()).find((m) => m.subject === 'Quarterly report attached')!;
    expect(withAttachment).toMatchObject({ hasAttachments: true, seen: 0, uid: null });
    // The whole source is here, as received, with the body parsed and the attachment stored.
    const source = await db.rawSources.get(withAttachment.id);
    expect(Buffer.from(source!.raw).toString('latin1')).toBe(fixtureMail('attachment.eml'));
    const body = (await db.bodies.get(withAttachment.id))!;
    expect(body.attachments.map((a) => a.filename)).toEqual(['report.pdf']);
    const progress = fixture.events['sync:progress'].filter((p) => p.phase === 'download');
    expect(progress.at(-1)).toMatchObject({ done: 5, total: 5 });
    expect(progress.at(-1)!.bytesDone).toBe(progress.at(-1)!.bytesTotal);

    await check();
    expect(relay.count('RETR')).toBe(5);
    expect(relay.count('DELE')).toBe(0);
    expect(relay.count('STAT') + relay.count('LIST')).toBeGreaterThan(1);
    expect(await db.messages.count()).toBe(5);
    expect(await serverSubjectsByPop(user)).toHaveLength(5);
  });

  it('keeps messages on the server with “leave on server”: another client sees them all', async () => {
    const { user, check, db } = await popDevice({ retention: { kind: 'keep' } }, (u) => seedMessages(servers, u, 'INBOX', numberedMessages(3)));
    await check();
    expect(await serverSubjectsByPop(user)).toEqual(['Message 1', 'Message 2', 'Message 3']);
    expect(await inboxSubjects(db)).toEqual(['Message 1', 'Message 2', 'Message 3']);
  });

  it('deletes from the server N days after this client downloaded, not before', async () => {
    const { user, check, fixture, relay } = await popDevice({ retention: { kind: 'delete-after-days', days: 14 } }, (u) => seedMessages(servers, u, 'INBOX', numberedMessages(2)));
    fixture.clock.advanceDays(13);
    await check();
    expect(relay.count('DELE')).toBe(0);
    expect(await serverSubjectsByPop(user)).toHaveLength(2);
    // A message that arrives now gets its own 14 days.
    await seedMessages(servers, user, 'INBOX', [{ raw: makeMessage({ subject: 'Later' }) }]);
    await check();
    fixture.clock.advanceDays(1.01);
    await check();
    expect(relay.count('DELE')).toBe(2);
    expect(await serverSubjectsByPop(user)).toEqual(['Later']);
    fixture.clock.advanceDays(14);
    await check();
    expect(await serverSubjectsByPop(user)).toEqual([]);
  });

  it('deletes from the server what I delete here, including by emptying Trash, and nothing else', async () => {
    const { user, check, db, ref, fixture } = await popDevice({ retention: { kind: 'delete-when-deleted-here' } }, (u) => seedMessages(servers, u, 'INBOX', numberedMessages(4)));
    const bySubject = async (s: string) => (await db.messages.toArray()).find((m) => m.subject === s)!;
    await fixture.core.handle('messages:delete', { ...ref, messageIds: [(await bySubject('Message 1')).id] });
    expect((await bySubject('Message 1')).folderId).toBe(LOCAL_FOLDER_IDS.trash);
    // Message 2: to Trash, then Trash emptied of it.
    await fixture.core.handle('messages:delete', { ...ref, messageIds: [(await bySubject('Message 2')).id] });
    await fixture.core.handle('messages:delete', { ...ref, messageIds: [(await bySubject('Message 2')).id] });
    expect(await bySubject('Message 2')).toBeUndefined();
    expect(await serverSubjectsByPop(user)).toHaveLength(4);
    await check();
    expect(await serverSubjectsByPop(user)).toEqual(['Message 3', 'Message 4']);
    expect(await inboxSubjects(db)).toEqual(['Message 3', 'Message 4']);
    expect(await inboxSubjects(db, LOCAL_FOLDER_IDS.trash)).toEqual(['Message 1']);
  });

  it('keeps on the server a message moved to Trash and back out of it before the check', async () => {
    const { user, check, db, ref, fixture, relay } = await popDevice({ retention: { kind: 'delete-when-deleted-here' } }, (u) => seedMessages(servers, u, 'INBOX', numberedMessages(3)));
    const bySubject = async (s: string) => (await db.messages.toArray()).find((m) => m.subject === s)!;
    const restored = await bySubject('Message 1');
    const emptied = await bySubject('Message 2');
    expect(await fixture.core.handle('messages:delete', { ...ref, messageIds: [restored.id, emptied.id] })).toMatchObject({ ok: true, value: { undoId: expect.any(String) as unknown } });
    expect((await db.popState.get(restored.popUidl!))!.deleteRequested).toBe(true);
    expect(await fixture.core.handle('messages:move', { ...ref, messageIds: [restored.id], toPath: 'Inbox' })).toMatchObject({ ok: true, value: { undoId: expect.any(String) as unknown } });
    expect((await db.popState.get(restored.popUidl!))!.deleteRequested).toBe(false);
    // Deleting from Trash is final: that request stays.
    expect(await fixture.core.handle('messages:delete', { ...ref, messageIds: [emptied.id] })).toEqual({ ok: true, value: { undoId: null } });
    expect((await db.popState.get(emptied.popUidl!))!.deleteRequested).toBe(true);
    await check();
    expect(relay.count('DELE')).toBe(1);
    expect(await serverSubjectsByPop(user)).toEqual(['Message 1', 'Message 3']);
    expect(await inboxSubjects(db)).toEqual(['Message 1', 'Message 3']);
    expect(await inboxSubjects(db, LOCAL_FOLDER_IDS.trash)).toEqual([]);
    // And it stays there at the next check too.
    await check();
    expect(relay.count('DELE')).toBe(1);
    expect(await serverSubjectsByPop(user)).toEqual(['Message 1', 'Message 3']);
  });

  it('deletes from the server right after download, and the local copies stay', async () => {
    const { user, db, relay } = await popDevice({ retention: { kind: 'delete-after-download' } }, (u) => seedMessages(servers, u, 'INBOX', numberedMessages(3)));
    expect(relay.count('DELE')).toBe(3);
    expect(await serverSubjectsByPop(user)).toEqual([]);
    expect(await inboxSubjects(db)).toEqual(['Message 1', 'Message 2', 'Message 3']);
    const states = await db.popState.toArray();
    expect(states.every((s) => s.serverDeletedBy === 'this-device' && s.downloadedAt !== null)).toBe(true);
  });

  it('downloads only the header of large messages, and the rest when opened', async () => {
    const big = makeMessage({ subject: 'Big one', body: `${'x'.repeat(76)}\r\n`.repeat(3_000) });
    const { db, relay, fixture, ref, user } = await popDevice({ retention: { kind: 'delete-after-download' }, headersOnlyOverBytes: 50_000 }, (u) =>
      seedMessages(servers, u, 'INBOX', [{ raw: big }, { raw: makeMessage({ subject: 'Small one' }) }]),
    );
    expect(relay.count('TOP')).toBe(1);
    expect(relay.count('RETR')).toBe(1);
    const bigHere = (await db.messages.toArray()).find((m) => m.subject === 'Big one')!;
    expect(await db.bodies.get(bigHere.id)).toBeUndefined();
    // Not downloaded whole, so not deleted from the server (invariant 1), whatever the retention.
    expect(await serverSubjectsByPop(user)).toEqual(['Big one']);
    expect(await fixture.core.handle('message:open', { ...ref, messageId: bigHere.id })).toEqual({ ok: true, value: null });
    expect((await db.bodies.get(bigHere.id))!.text.length).toBeGreaterThan(200_000);
    expect((await db.messages.get(bigHere.id))!.seen).toBe(1);
    await fixture.core.handle('device:sync', ref);
    expect(await serverSubjectsByPop(user)).toEqual([]);
    expect(await db.messages.count()).toBe(2);
  });

  it('keeps folders, read states and flags local: the server never hears of them', async () => {
    const { db, relay, fixture, ref, user } = await popDevice({ retention: { kind: 'keep' } }, (u) => seedMessages(servers, u, 'INBOX', numberedMessages(3)));
    const connectionsBefore = new Set(relay.commands.map((c) => c.connection)).size;
    const [first, second] = (await db.messages.toArray()).sort((a, b) => a.subject.localeCompare(b.subject));
    expect(await fixture.core.handle('message:open', { ...ref, messageId: first!.id })).toEqual({ ok: true, value: null });
    expect(await fixture.core.handle('messages:flag', { ...ref, messageIds: [second!.id], add: [FLAG_FLAGGED], remove: [] })).toMatchObject({ ok: true, value: { undoId: expect.any(String) as unknown } });
    expect(await fixture.core.handle('folder:create', { ...ref, parentPath: null, name: 'Receipts' })).toEqual({ ok: true, value: null });
    expect(await fixture.core.handle('folder:create', { ...ref, parentPath: 'Receipts', name: '2026' })).toEqual({ ok: true, value: null });
    expect(await fixture.core.handle('messages:move', { ...ref, messageIds: [second!.id], toPath: 'Receipts/2026' })).toMatchObject({ ok: true, value: { undoId: expect.any(String) as unknown } });
    expect(await fixture.core.handle('folder:rename', { ...ref, path: 'Receipts', newName: 'Bills' })).toEqual({ ok: true, value: null });
    const paths = (await db.folders.toArray()).map((f) => f.path).sort();
    expect(paths).toEqual(['Bills', 'Bills/2026', 'Drafts', 'Inbox', 'Sent', 'Trash']);
    const moved = (await db.messages.get(second!.id))!;
    expect(moved).toMatchObject({ flagged: 1 });
    expect((await db.folders.get(moved.folderId))!.path).toBe('Bills/2026');
    expect((await db.messages.get(first!.id))!.flags).toContain(FLAG_SEEN);
    expect(await fixture.core.handle('folder:rename', { ...ref, path: 'Inbox', newName: 'Mine' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    // Deleting a folder sends its mail to Trash: nothing is lost.
    expect(await fixture.core.handle('folder:delete', { ...ref, path: 'Bills' })).toEqual({ ok: true, value: null });
    expect((await db.messages.get(second!.id))!.folderId).toBe(LOCAL_FOLDER_IDS.trash);
    expect((await db.folders.toArray()).map((f) => f.path).sort()).toEqual(['Drafts', 'Inbox', 'Sent', 'Trash']);
    // None of that opened a connection to the POP server.
    expect(new Set(relay.commands.map((c) => c.connection)).size).toBe(connectionsBefore);
    expect(await serverSubjectsByPop(user)).toHaveLength(3);
  });

  it('sends over SMTP and keeps the copy in the local Sent only; drafts are local', async () => {
    const recipient = await createUser(servers);
    const { db, fixture, ref, user } = await popDevice({ retention: { kind: 'keep' } }, () => Promise.resolve());
    const outgoing = outgoingMessage(ref, recipient.address, { subject: 'From a POP account', text: 'Hello' });
    expect(await fixture.core.handle('draft:save', { ...outgoing, subject: 'Draft only' })).toMatchObject({ ok: true });
    const draft = (await db.messages.toArray()).find((m) => m.folderId === LOCAL_FOLDER_IDS.drafts)!;
    expect(draft.subject).toBe('Draft only');
    expect(await fixture.core.handle('message:send', { ...outgoing, replacesDraftId: draft.id })).toMatchObject({ ok: true });
    expect(await inboxSubjects(db, LOCAL_FOLDER_IDS.sent)).toEqual(['From a POP account']);
    expect(await inboxSubjects(db, LOCAL_FOLDER_IDS.drafts)).toEqual([]);
    const sent = (await db.messages.toArray()).find((m) => m.folderId === LOCAL_FOLDER_IDS.sent)!;
    expect(sent.seen).toBe(1);
    expect((await simpleParser(Buffer.from((await db.rawSources.get(sent.id))!.raw))).subject).toBe('From a POP account');
    const senderServer = await otherImapClient(servers, user);
    const recipientServer = await otherImapClient(servers, recipient);
    try {
      expect(await serverSubjects(senderServer, 'Sent')).toEqual([]);
      expect(await serverSubjects(senderServer, 'Drafts')).toEqual([]);
      await waitFor(async () => (await serverSubjects(recipientServer, 'INBOX')).includes('From a POP account'), 'the message at the recipient');
    } finally {
      await senderServer.logout();
      await recipientServer.logout();
    }
  });
});


describe('POP3 checks on a schedule', () => {
  it('checks at start-up and then every N minutes by itself', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', numberedMessages(1));
    const relay = await new Pop3FaultProxy(servers.pop3.stlsPort).start();
    cleanups.push(() => relay.stop());
    // The product's schedule with a minute of 3 s: the test waited out a real minute before.
    const fixture = await startCore(undefined, { minuteMs: 3_000 });
    cleanups.push(() => fixture.dispose());
    const draft = popAccountDraft(servers, user, 'none', { retention: { kind: 'keep' }, checkEveryMinutes: 1 });
    const { db } = await addAccount(fixture, { ...draft, incoming: { ...draft.incoming, port: relay.port } });
    await waitFor(async () => (await db.messages.count()) === 1, 'the start-up check');
    const checksSoFar = relay.count('STAT');
    await seedMessages(servers, user, 'INBOX', [{ raw: makeMessage({ subject: 'Arrives between checks' }) }]);
    // No action here: the next scheduled check, a "minute" later, brings it.
    await waitFor(async () => (await db.messages.count()) === 2, 'the scheduled check', 15_000, 200);
    expect(relay.count('STAT')).toBe(checksSoFar + 1);
  }, 90_000);
});
