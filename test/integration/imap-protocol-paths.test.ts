import { afterEach, describe, expect, inject, it } from 'vitest';
import { FLAG_FLAGGED, FLAG_SEEN, serverFolderId } from '../../common/model/mail';
import { connectionEnglish, type TranscriptEntry } from '../../common/model/transcript';
import type { DeviceCache } from '../../renderer/cache-host/schema';
import { createUser, makeMessage, seedMessages } from '../servers';
import { accountDraft, addAccount, startCore, type CoreFixture } from '../support/core-fixture';
import { numberedMessages } from '../support/fixtures';
import { otherImapClient, serverFlags } from '../support/other-client';
import { CommandCutProxy } from '../support/command-cut-proxy';
import { TcpProxy } from '../support/tcp-proxy';
import { waitFor } from '../support/wait';
import { noticeEnglish } from '../support/main-words';

const servers = inject('servers');
const INBOX = serverFolderId('INBOX');
const ARCHIVE = serverFolderId('Archive');
const TRASH = serverFolderId('Trash');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

async function transcript(fixture: CoreFixture, accountId: string): Promise<TranscriptEntry[]> {
  const result = await fixture.core.handle('transcript:get', { accountId });
  if (!result.ok) throw new Error(`transcript:get failed: ${result.error.message}`);
  return result.value;
}

/** What one connection sent or received, tags removed ("12 UID FETCH …" -> "UID FETCH …"). */
function lines(entries: TranscriptEntry[], connection: string, direction: 'client' | 'server'): string[] {
  return entries.filter((e) => e.service === 'imap' && connectionEnglish(e.connection) === `This computer · ${connection}` && e.direction === direction).map((e) => (direction === 'client' ? e.text.replace(/^\S+ /, '') : e.text));
}

function withoutRecent(flags: Iterable<string>): string[] {
  return [...flags].filter((f) => f !== '\\Recent').sort();
}

async function cachedFlags(db: DeviceCache, folderId: string): Promise<Map<number, string[]>> {
  const messages = (await db.messages.toArray()).filter((m) => m.folderId === folderId && m.uid !== null);
  return new Map(messages.map((m) => [m.uid!, withoutRecent(m.flags)]));
}

describe('IMAP protocol paths against the real Dovecot', () => {
  it('resyncs a folder after being away with CHANGEDSINCE and VANISHED (RFC 7162), and keeps HIGHESTMODSEQ', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', numberedMessages(5));
    const first = await startCore();
    cleanups.push(() => first.dispose());
    const { db, account } = await addAccount(first, accountDraft(servers, user, 'tls'));
    await waitFor(async () => (await db.messages.count()) === 5 && (await db.folders.get(INBOX))?.backfillBelowUid === 0, 'the initial sync');
    const modseqWhenLeft = (await db.folders.get(INBOX))!.highestModseq;
    expect(modseqWhenLeft).toMatch(/^\d+$/);
    // The app quits; the cache and the profile stay.
    await first.stop();

    const other = await otherImapClient(servers, user);
    cleanups.push(() => other.logout());
    const lock = await other.getMailboxLock('INBOX');
    try {
      await other.messageFlagsAdd('1', [FLAG_FLAGGED], { uid: true });
      await other.messageFlagsAdd('3', [FLAG_SEEN], { uid: true });
      await other.messageDelete('2', { uid: true });
    } finally {
      lock.release();
    }
    await other.append('INBOX', makeMessage({ subject: 'Arrived while away' }));
    const status = await other.status('INBOX', { highestModseq: true });
    const serverModseq = status ? status.highestModseq! : 0n;
    expect(serverModseq > BigInt(modseqWhenLeft!)).toBe(true);

    const second = await startCore(first.profileDir);
    cleanups.push(() => second.stop());
    await waitFor(async () => {
      const cached = await db.messages.toArray();
      return cached.length === 5 && !cached.some((m) => m.uid === 2) && cached.some((m) => m.subject === 'Arrived while away') && cached.find((m) => m.uid === 1)?.flagged === 1 && cached.find((m) => m.uid === 3)?.seen === 1;
    }, 'the changes made while away in the cache');
    const onServer = await serverFlags(other, 'INBOX');
    expect(await cachedFlags(db, INBOX)).toEqual(new Map([...onServer].map(([uid, flags]) => [uid, withoutRecent(flags)])));
    await waitFor(async () => (await db.folders.get(INBOX))?.highestModseq === serverModseq.toString(), 'the folder record to keep the server’s HIGHESTMODSEQ');

    const entries = await transcript(second, account.id);
    const sent = lines(entries, 'sync', 'client');
    expect(sent, sent.join('\n')).toContain(`UID FETCH 1:* (UID FLAGS MODSEQ) (CHANGEDSINCE ${modseqWhenLeft} VANISHED)`);
    // QRESYNC (RFC 7162 §3.2.10): the expunge comes as VANISHED (EARLIER), not from a UID SEARCH.
    expect(lines(entries, 'sync', 'server')).toContain('* VANISHED (EARLIER) 2');
    expect(sent.filter((c) => /^UID SEARCH|^SEARCH/.test(c))).toEqual([]);
  });

  it('watches a selected folder other than INBOX with IDLE: new mail, flags and expunges arrive with no action', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', numberedMessages(1));
    const fixture = await startCore();
    cleanups.push(() => fixture.dispose());
    const { db, ref, account } = await addAccount(fixture, accountDraft(servers, user, 'tls'));
    await waitFor(async () => (await db.messages.count()) === 1, 'the initial sync');
    expect(await fixture.core.handle('folder:create', { ...ref, parentPath: null, name: 'Archive' })).toEqual({ ok: true, value: null });
    expect(await fixture.core.handle('folder:select', { ...ref, folderPath: 'Archive' })).toEqual({ ok: true, value: null });
    // The watcher's catch-up sync after EXAMINE has run and it is idling: from here on only IDLE
    // can bring Archive's changes (nothing else here polls a folder's messages).
    await waitFor(async () => lines(await transcript(fixture, account.id), 'IDLE Archive', 'server').some((l) => /^\+ idling/i.test(l)), 'IDLE on Archive');
    await waitFor(async () => (await db.folders.get(ARCHIVE))?.uidNext !== null, 'Archive’s sync state');

    const other = await otherImapClient(servers, user);
    cleanups.push(() => other.logout());
    await other.append('Archive', makeMessage({ subject: 'Archived elsewhere 1' }));
    await other.append('Archive', makeMessage({ subject: 'Archived elsewhere 2' }));
    await waitFor(async () => (await db.messages.toArray()).filter((m) => m.folderId === ARCHIVE).length === 2, 'the appended messages by IDLE', 5_000);

    const lock = await other.getMailboxLock('Archive');
    try {
      await other.messageFlagsAdd('1', [FLAG_FLAGGED], { uid: true });
      await waitFor(async () => (await db.messages.get(`${ARCHIVE}#1`))?.flagged === 1, 'the flag change by IDLE', 5_000);
      await other.messageDelete('2', { uid: true });
      await waitFor(async () => (await db.messages.get(`${ARCHIVE}#2`)) === undefined, 'the expunge by IDLE', 5_000);
    } finally {
      lock.release();
    }
    const idleSaw = lines(await transcript(fixture, account.id), 'IDLE Archive', 'server');
    expect(idleSaw.some((l) => /^\* \d+ EXISTS$/.test(l))).toBe(true);
    expect(idleSaw.some((l) => /^\* \d+ FETCH \(.*FLAGS \(.*\\Flagged/.test(l))).toBe(true);
    expect(fixture.events.notice.filter((n) => n.level === 'error')).toEqual([]);
  });

  it('replays the offline queue with UID STORE +FLAGS.SILENT and UID EXPUNGE (RFC 4549 §4.2)', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', numberedMessages(2));
    await seedMessages(servers, user, 'Trash', [{ raw: makeMessage({ subject: 'Already in Trash' }) }]);
    const proxy = await new TcpProxy(servers.imap.tlsPort).start();
    cleanups.push(() => proxy.stop());
    const fixture = await startCore();
    cleanups.push(() => fixture.dispose());
    const draft = accountDraft(servers, user, 'tls');
    const { db, ref, account } = await addAccount(fixture, { ...draft, incoming: { ...draft.incoming, port: proxy.port } });
    await waitFor(async () => (await db.messages.count()) === 2, 'the initial sync');
    await fixture.core.handle('folder:select', { ...ref, folderPath: 'Trash' });
    const inTrash = await waitFor(async () => (await db.messages.toArray()).find((m) => m.folderId === TRASH), 'the Trash in the cache');
    const first = (await db.messages.toArray()).find((m) => m.folderId === INBOX && m.uid === 1)!;

    // The server becomes unreachable.
    proxy.refuse(true);
    proxy.cutAll();
    await waitFor(() => fixture.events['device:status'].at(-1)?.connection !== 'online' || undefined, 'the client to notice');
    expect(await fixture.core.handle('messages:flag', { ...ref, messageIds: [first.id], add: [FLAG_SEEN, FLAG_FLAGGED], remove: [] })).toMatchObject({ ok: true, value: { undoId: expect.any(String) as unknown } });
    expect(await fixture.core.handle('messages:delete', { ...ref, messageIds: [inTrash.id] })).toEqual({ ok: true, value: { undoId: null } });
    expect(await db.pendingOps.count()).toBe(2);
    const offlineSeq = (await transcript(fixture, account.id)).at(-1)?.seq ?? 0;

    proxy.refuse(false);
    await fixture.core.handle('device:sync', ref);
    await waitFor(async () => (await db.pendingOps.count()) === 0, 'the queue to be replayed', 20_000);

    const sent = lines((await transcript(fixture, account.id)).filter((e) => e.seq > offlineSeq), 'sync', 'client');
    const flagStore = sent.findIndex((c) => /^UID STORE 1 \+FLAGS\.SILENT \((\\Seen \\Flagged|\\Flagged \\Seen)\)$/.test(c));
    expect(flagStore, sent.join('\n')).toBeGreaterThanOrEqual(0);
    const deleteStore = sent.indexOf(`UID STORE ${inTrash.uid} +FLAGS.SILENT (\\Deleted)`);
    expect(deleteStore, sent.join('\n')).toBeGreaterThan(flagStore);
    expect(sent.indexOf(`UID EXPUNGE ${inTrash.uid}`)).toBeGreaterThan(deleteStore);
    // Never a plain EXPUNGE (it would remove whatever else is marked \Deleted), never a STORE that
    // makes the server echo every flag back.
    expect(sent.filter((c) => /^EXPUNGE\b/.test(c) || /STORE .*[+-]FLAGS \(/.test(c))).toEqual([]);

    const other = await otherImapClient(servers, user);
    cleanups.push(() => other.logout());
    expect(withoutRecent((await serverFlags(other, 'INBOX')).get(1) ?? [])).toEqual(withoutRecent([FLAG_FLAGGED, FLAG_SEEN]));
    expect((await serverFlags(other, 'Trash')).size).toBe(0);
    expect(fixture.events.notice.filter((n) => n.level === 'error')).toEqual([]);
  });

  it('does not send a flag change queued offline to a folder made anew since (another UIDVALIDITY, RFC 4549 §4.1): the new messages under the same UIDs keep their flags', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', numberedMessages(1));
    await seedMessages(servers, user, 'Work', numberedMessages(2));
    const proxy = await new TcpProxy(servers.imap.tlsPort).start();
    cleanups.push(() => proxy.stop());
    const fixture = await startCore();
    cleanups.push(() => fixture.dispose());
    const draft = accountDraft(servers, user, 'tls');
    const { db, ref } = await addAccount(fixture, { ...draft, incoming: { ...draft.incoming, port: proxy.port } });
    const WORK = serverFolderId('Work');
    await waitFor(async () => (await db.messages.count()) === 1, 'the initial sync');
    await fixture.core.handle('folder:select', { ...ref, folderPath: 'Work' });
    await waitFor(async () => (await db.messages.toArray()).filter((m) => m.folderId === WORK).length === 2 || undefined, 'Work in the cache');
    const oldValidity = (await db.folders.get(WORK))!.uidValidity;

    proxy.refuse(true);
    proxy.cutAll();
    await waitFor(() => fixture.events['device:status'].at(-1)?.connection !== 'online' || undefined, 'the client to notice');
    expect(await fixture.core.handle('messages:flag', { ...ref, messageIds: [`${WORK}#1`], add: [FLAG_FLAGGED], remove: [] })).toMatchObject({ ok: true });
    expect((await db.pendingOps.toArray()).map((r) => r.change)).toEqual([{ kind: 'flags', folderPath: 'Work', uids: [1], add: [FLAG_FLAGGED], remove: [], uidValidity: oldValidity }]);

    // Meanwhile another program deletes Work and makes it again: UID 1 is another message now.
    const other = await otherImapClient(servers, user);
    cleanups.push(() => other.logout());
    await other.mailboxDelete('Work');
    await other.mailboxCreate('Work');
    await other.append('Work', makeMessage({ subject: 'Made anew 1' }));
    await other.append('Work', makeMessage({ subject: 'Made anew 2' }));

    proxy.refuse(false);
    await fixture.core.handle('device:sync', ref);
    await waitFor(async () => (await db.pendingOps.count()) === 0, 'the queue to be replayed', 20_000);
    await waitFor(async () => (await db.folders.get(WORK))?.uidValidity !== oldValidity || undefined, 'the new Work in the cache');
    expect((await serverFlags(other, 'Work')).get(1) ?? []).not.toContain(FLAG_FLAGGED);
    // The cache shows the new messages as the server has them (UID 1 unflagged) once the resync is in.
    await waitFor(async () => {
      const now = await db.messages.get(`${WORK}#1`);
      return (now?.subject === 'Made anew 1' && now.flagged === 0) || undefined;
    }, 'the new Work as the server has it');
    expect(fixture.events.notice.filter((n) => n.level === 'error')).toEqual([]);
  });

  it('keeps a change queued when the connection drops while its UID STORE is in flight, and sends it again', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', numberedMessages(2));
    // Plain IMAP, so the relay can see the command it cuts.
    const proxy = await new CommandCutProxy(servers.imap.starttlsPort, /UID STORE 1 \+FLAGS\.SILENT \(\\Seen\)/).start();
    cleanups.push(() => proxy.stop());
    const fixture = await startCore();
    cleanups.push(() => fixture.dispose());
    const draft = accountDraft(servers, user, 'none');
    const { db, ref } = await addAccount(fixture, { ...draft, incoming: { ...draft.incoming, port: proxy.port } });
    await waitFor(async () => (await db.messages.count()) === 2, 'the initial sync');
    const first = (await db.messages.toArray()).find((m) => m.uid === 1)!;

    expect(await fixture.core.handle('messages:flag', { ...ref, messageIds: [first.id], add: [FLAG_SEEN], remove: [] })).toMatchObject({ ok: true, value: { undoId: expect.any(String) as unknown } });
    await waitFor(() => proxy.cut.length === 1, 'the connection to drop during the STORE');
    const other = await otherImapClient(servers, user);
    cleanups.push(() => other.logout());
    await waitFor(async () => (await serverFlags(other, 'INBOX')).get(1)?.includes(FLAG_SEEN), 'the change to reach the server after reconnecting', 15_000);
    await waitFor(async () => (await db.pendingOps.count()) === 0, 'the queue to be empty');
    expect((await db.messages.get(first.id))?.seen).toBe(1);
  });

  it('brings a message back to its folder when the server refuses its move (the target was deleted elsewhere)', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', numberedMessages(2));
    const fixture = await startCore();
    cleanups.push(() => fixture.dispose());
    const { db, ref } = await addAccount(fixture, accountDraft(servers, user, 'tls'));
    await waitFor(async () => (await db.messages.count()) === 2, 'the initial sync');
    expect(await fixture.core.handle('folder:create', { ...ref, parentPath: null, name: 'Gone' })).toEqual({ ok: true, value: null });
    const other = await otherImapClient(servers, user);
    cleanups.push(() => other.logout());
    await other.mailboxDelete('Gone');

    const toMove = (await db.messages.toArray()).find((m) => m.uid === 1)!;
    expect(await fixture.core.handle('messages:move', { ...ref, messageIds: [toMove.id], toPath: 'Gone' })).toMatchObject({ ok: true, value: { undoId: expect.any(String) as unknown } });
    await waitFor(async () => (await db.pendingOps.count()) === 0, 'the move to be answered');
    await waitFor(async () => (await db.messages.get(toMove.id))?.subject === toMove.subject, 'the message back in INBOX', 10_000);
    expect((await db.messages.toArray()).filter((m) => m.subject === toMove.subject)).toHaveLength(1);
    expect(fixture.events.notice.some((n) => n.level === 'error' && n.words.kind === 'changeRefused' && noticeEnglish(n) === 'Could not move 1 message from Inbox to Gone: IMAP: the server did not move the messages to Gone.')).toBe(true);
    expect(await serverFlags(other, 'INBOX')).toHaveProperty('size', 2);
  });
});
