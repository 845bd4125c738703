import { afterEach, describe, expect, inject, it } from 'vitest';
import type { CacheHostRequest } from '../../common/cache-protocol';
import { FLAG_FLAGGED, FLAG_SEEN, LOCAL_FOLDER_IDS, serverFolderId } from '../../common/model/mail';
import type { SwitchOptions, SwitchProgress } from '../../common/model/switch';
import type { DeviceCache } from '../../renderer/cache-host/schema';
import { createUser, makeMessage, seedMessages, startTestServers, type MailUser } from '../servers';
import { accountDraft, addAccount, popAccountDraft, startCore, type CoreFixture } from '../support/core-fixture';
import { numberedMessages } from '../support/fixtures';
import { openCacheForReading } from '../support/in-process-cache-host';
import type { ImapFlow } from 'imapflow';
import { otherImapClient, serverFlags, serverSubjects } from '../support/other-client';
import { waitFor } from '../support/wait';
import { noticeEnglish } from '../support/main-words';
import { outgoingMessage } from '../support/outgoing';

const servers = inject('servers');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

const UPLOAD_ALL: SwitchOptions = { upload: true, pushStates: true, copyFolders: [] };

async function subjectsIn(db: DeviceCache, folderId: string): Promise<string[]> {
  return (await db.messages.toArray()).filter((m) => m.folderId === folderId).map((m) => m.subject).sort();
}

/** A POP device used for a while: read, flagged, filed, deleted, sent, and one message gone from the server. */
async function populatedPopDevice(fixture: CoreFixture, user: MailUser) {
  await seedMessages(servers, user, 'INBOX', numberedMessages(5));
  const { account, ref, db } = await addAccount(fixture, popAccountDraft(servers, user, 'tls', { retention: { kind: 'keep' } }));
  await waitFor(async () => (await db.messages.count()) === 5, 'the POP download');
  const bySubject = async (s: string) => (await db.messages.toArray()).find((m) => m.subject === s)!;
  await fixture.core.handle('messages:flag', { ...ref, messageIds: [(await bySubject('Message 1')).id, (await bySubject('Message 2')).id], add: [FLAG_SEEN], remove: [] });
  await fixture.core.handle('messages:flag', { ...ref, messageIds: [(await bySubject('Message 1')).id, (await bySubject('Message 3')).id], add: [FLAG_FLAGGED], remove: [] });
  await fixture.core.handle('folder:create', { ...ref, parentPath: null, name: 'Projects' });
  await fixture.core.handle('messages:move', { ...ref, messageIds: [(await bySubject('Message 4')).id], toPath: 'Projects' });
  await fixture.core.handle('messages:delete', { ...ref, messageIds: [(await bySubject('Message 5')).id] });
  await fixture.core.handle('message:send', outgoingMessage(ref, user.address, { subject: 'Sent while on POP', text: 'hello' }));
  // Message 3 disappears from the server (another client), so here it is the only copy left.
  const other = await otherImapClient(servers, user);
  cleanups.push(() => other.logout());
  const lock = await other.getMailboxLock('INBOX');
  try {
    const uids = await other.search({ header: { subject: 'Message 3' } }, { uid: true });
    if (Array.isArray(uids)) await other.messageDelete(uids, { uid: true });
    // The message just sent arrives in the INBOX too (it was sent to this very user).
  } finally {
    lock.release();
  }
  await waitFor(async () => (await serverSubjects(other, 'INBOX')).includes('Sent while on POP'), 'the sent message to arrive');
  return { account, ref, db, other };
}

/** Read/flag states on the server, by subject: what every other device (here "the Laptop") sees. */
async function serverStates(other: ImapFlow): Promise<Record<string, string[]>> {
  const lock = await other.getMailboxLock('INBOX');
  try {
    // Flag changes made by another session arrive as untagged FETCH responses (RFC 3501 §7.4.2):
    // taken in first, and left out of the answer, which has each message's envelope.
    await other.noop();
    const out: Record<string, string[]> = {};
    for await (const m of other.fetch('1:*', { envelope: true, flags: true })) {
      if (m.envelope?.subject) out[m.envelope.subject] = [...(m.flags ?? [])].filter((f) => f === FLAG_SEEN || f === FLAG_FLAGGED).sort();
    }
    return out;
  } finally {
    lock.release();
  }
}

/**
 * Issue 12 item 2: the Phone used POP while the Laptop used IMAP. The Laptop read Messages 1 and
 * 2 and flagged 3; the Phone read 4 and flagged 5 and never opened 1–3.
 */
async function phoneAndLaptop(fixture: CoreFixture, user: MailUser) {
  await seedMessages(servers, user, 'INBOX', numberedMessages(5));
  const { ref, db } = await addAccount(fixture, popAccountDraft(servers, user, 'tls', { retention: { kind: 'keep' } }));
  await waitFor(async () => (await db.messages.count()) === 5, 'the POP download');
  const laptop = await otherImapClient(servers, user);
  cleanups.push(() => laptop.logout());
  const lock = await laptop.getMailboxLock('INBOX');
  try {
    // Dovecot marked everything \Seen when POP downloaded it; the Laptop's own state is this.
    await laptop.messageFlagsRemove('1:*', [FLAG_SEEN, FLAG_FLAGGED]);
    for (const [subject, flags] of [['Message 1', [FLAG_SEEN]], ['Message 2', [FLAG_SEEN]], ['Message 3', [FLAG_SEEN, FLAG_FLAGGED]]] as const) {
      const uids = (await laptop.search({ header: { subject } }, { uid: true })) as number[];
      await laptop.messageFlagsAdd(uids, [...flags], { uid: true });
    }
  } finally {
    lock.release();
  }
  const bySubject = async (subject: string) => (await db.messages.toArray()).find((m) => m.subject === subject)!;
  await fixture.core.handle('messages:flag', { ...ref, messageIds: [(await bySubject('Message 4')).id], add: [FLAG_SEEN], remove: [] });
  await fixture.core.handle('messages:flag', { ...ref, messageIds: [(await bySubject('Message 5')).id], add: [FLAG_FLAGGED], remove: [] });
  const before = await serverStates(laptop);
  expect(before).toEqual({ 'Message 1': [FLAG_SEEN], 'Message 2': [FLAG_SEEN], 'Message 3': [FLAG_FLAGGED, FLAG_SEEN], 'Message 4': [], 'Message 5': [] });
  return { ref, db, laptop, bySubject, imapEndpoint: accountDraft(servers, user, 'tls').incoming };
}

describe('switching a device between POP and IMAP in place', () => {
  it('POP → IMAP: the preview counts what happens, nothing is lost, nothing appears twice, read states as chosen', async () => {
    const user = await createUser(servers);
    const fixture = await startCore();
    cleanups.push(() => fixture.dispose());
    const { account, ref, db, other } = await populatedPopDevice(fixture, user);
    const imapEndpoint = accountDraft(servers, user, 'tls').incoming;

    const preview = await fixture.core.handle('device:switchPreview', { ...ref, to: 'imap', incoming: imapEndpoint, password: user.password });
    if (!preview.ok) throw new Error(preview.error.message);
    // 1 and 2 in the Inbox, 4 filed in Projects, 5 in Trash; 3 is gone from the server; the mail
    // sent to oneself arrived in the server's INBOX meanwhile.
    expect(preview.value).toMatchObject({ from: 'pop3', to: 'imap', matched: 4, inboxOnlyHere: 1, serverOnly: 1 });
    expect(preview.value.matchedBy.uidl).toBe(4);
    // Dovecot set \Seen on every RETR'd message (pop3MarksSeen). Differences to push: Message 1's
    // \Flagged, and Messages 4 and 5, unread here (3 is uploaded with its flags instead).
    expect(servers.pop3MarksSeen).toBe(true);
    expect(preview.value.statesToPush).toBe(3);
    expect(preview.value.localFolders.sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { path: 'Projects', messages: 1 },
      { path: 'Sent', messages: 1 },
      { path: 'Trash', messages: 1 },
    ]);

    const result = await fixture.core.handle('device:switchMode', { ...ref, to: 'imap', incoming: imapEndpoint, password: user.password, options: UPLOAD_ALL });
    if (!result.ok) throw new Error(result.error.message);
    // Pushing sends what this device set (Message 1's \Flagged) and clears nothing: Messages 4 and
    // 5, unread here and \Seen on the server, were not chosen one by one (issue 12 item 2).
    expect(result.value).toMatchObject({ statesPushed: 1, uploaded: 2 });
    const list = await fixture.core.handle('accounts:list', null);
    expect(list.ok && list.value[0]!.devices[0]).toMatchObject({ mode: 'imap', switching: null });
    expect(list.ok && list.value[0]!.imap).toEqual(imapEndpoint);

    // The server now holds everything, once, where it was filed here.
    expect((await serverSubjects(other, 'INBOX')).sort()).toEqual(['Message 1', 'Message 2', 'Message 3', 'Sent while on POP']);
    expect(await serverSubjects(other, 'Projects')).toEqual(['Message 4']);
    expect(await serverSubjects(other, 'Trash')).toEqual(['Message 5']);
    expect(await serverSubjects(other, 'Sent')).toEqual(['Sent while on POP']);
    const flags = await serverFlags(other, 'INBOX');
    const flagsOf = async (subject: string) => {
      const lock = await other.getMailboxLock('INBOX');
      try {
        const uids = (await other.search({ header: { subject } }, { uid: true })) as number[];
        return flags.get(uids[0]!) ?? (await serverFlags(other, 'INBOX')).get(uids[0]!) ?? [];
      } finally {
        lock.release();
      }
    };
    expect(await flagsOf('Message 1')).toEqual(expect.arrayContaining([FLAG_SEEN, FLAG_FLAGGED]) as unknown);
    expect(await flagsOf('Message 3')).toContain(FLAG_FLAGGED);
    expect((await serverFlags(other, 'Projects')).values().next().value).toContain(FLAG_SEEN);

    // And the device shows it once: its cache is now the IMAP view, no local leftovers.
    await waitFor(async () => (await subjectsIn(db, serverFolderId('INBOX'))).length === 4, 'the IMAP sync after the switch');
    expect(await subjectsIn(db, serverFolderId('INBOX'))).toEqual(['Message 1', 'Message 2', 'Message 3', 'Sent while on POP']);
    await waitFor(async () => (await subjectsIn(db, serverFolderId('Projects'))).length === 1, 'Projects in the cache');
    expect(await db.messages.count()).toBe(7);
    expect((await db.folders.toArray()).filter((f) => f.origin === 'local')).toEqual([]);
    expect(await db.popState.count()).toBe(0);
    expect(account.id).toBe(list.ok && list.value[0]!.id);
  });

  it('IMAP → POP → counts match the preview, the first POP check downloads nothing twice, folders copied down', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', numberedMessages(4));
    await seedMessages(servers, user, 'Projects', [{ raw: makeMessage({ subject: 'Filed on the server' }) }]);
    const fixture = await startCore();
    cleanups.push(() => fixture.dispose());
    const { ref, db } = await addAccount(fixture, accountDraft(servers, user, 'tls'));
    await waitFor(async () => (await subjectsIn(db, serverFolderId('INBOX'))).length === 4, 'the IMAP sync');
    const first = (await db.messages.toArray()).find((m) => m.subject === 'Message 1')!;
    await fixture.core.handle('message:open', { ...ref, messageId: first.id });
    await waitFor(async () => (await db.pendingOps.count()) === 0, 'the read state to reach the server');
    const popEndpoint = popAccountDraft(servers, user, 'tls').incoming;

    const preview = await fixture.core.handle('device:switchPreview', { ...ref, to: 'pop3', incoming: popEndpoint, password: user.password });
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value).toMatchObject({ from: 'imap', to: 'pop3', cachedWhole: 1, toDownload: 3 });
    expect(preview.value.serverFolders.map((f) => f.path)).toEqual(expect.arrayContaining(['Projects', 'Sent', 'Drafts', 'Trash', 'Junk']) as unknown);
    expect(preview.value.retentionAfter).toEqual({ kind: 'pop-rule', retention: { kind: 'keep' } });

    const result = await fixture.core.handle('device:switchMode', { ...ref, to: 'pop3', incoming: popEndpoint, password: user.password, options: { upload: false, pushStates: false, copyFolders: ['Projects'] } });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toMatchObject({ matched: 4, downloaded: 4, copiedFolders: 1 });
    expect(await subjectsIn(db, LOCAL_FOLDER_IDS.inbox)).toEqual(['Message 1', 'Message 2', 'Message 3', 'Message 4']);
    const projects = (await db.folders.toArray()).find((f) => f.path === 'Projects')!;
    expect(projects.origin).toBe('local');
    expect(await subjectsIn(db, projects.id)).toEqual(['Filed on the server']);
    expect((await db.messages.toArray()).find((m) => m.subject === 'Message 1')!.seen).toBe(1);
    expect((await db.folders.toArray()).filter((f) => f.origin === 'server')).toEqual([]);
    expect(await db.popState.count()).toBe(4);

    // The POP engine's first check (at start) finds everything already here.
    await waitFor(() => fixture.events['device:status'].at(-1)?.detail.kind === 'checked' || undefined, 'the first POP check');
    const transcript = await fixture.core.handle('transcript:get', { accountId: ref.accountId });
    expect(transcript.ok && transcript.value.filter((l) => l.connection.role === 'check' && l.text.startsWith('RETR'))).toEqual([]);
    expect(await db.messages.count()).toBe(5);
    // The server was not changed by the switch.
    const other = await otherImapClient(servers, user);
    cleanups.push(() => other.logout());
    expect((await serverSubjects(other, 'INBOX')).length).toBe(4);
    expect(await serverSubjects(other, 'Projects')).toEqual(['Filed on the server']);
  });

  it('IMAP → POP downloads whole what was cut or never here: a 5 MB text opened over IMAP (kept cut) and a 2 MB message never opened', async () => {
    const user = await createUser(servers);
    // Lines of text: the body of "Long log" is over the 4 million characters a part keeps.
    const line = 'A line of the long log, the same every time, with nothing else in it.\n';
    const longBody = line.repeat(Math.ceil((5 * 1024 * 1024) / line.length));
    await seedMessages(servers, user, 'INBOX', [{ raw: makeMessage({ subject: 'Long log', body: longBody }) }, { raw: makeMessage({ subject: 'Two megabytes', body: line.repeat(Math.ceil((2 * 1024 * 1024) / line.length)) }) }]);
    const fixture = await startCore();
    cleanups.push(() => fixture.dispose());
    const { ref, db } = await addAccount(fixture, accountDraft(servers, user, 'tls'));
    await waitFor(async () => (await subjectsIn(db, serverFolderId('INBOX'))).length === 2, 'the IMAP sync');
    const long = (await db.messages.toArray()).find((m) => m.subject === 'Long log')!;
    expect(await fixture.core.handle('message:open', { ...ref, messageId: long.id })).toMatchObject({ ok: true });
    expect((await db.bodies.get(long.id))!.parseWarnings.join(' ')).toContain('only the first 4 million characters');
    const popEndpoint = popAccountDraft(servers, user, 'tls').incoming;

    const preview = await fixture.core.handle('device:switchPreview', { ...ref, to: 'pop3', incoming: popEndpoint, password: user.password });
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value).toMatchObject({ cachedWhole: 0, toDownload: 2 });
    const result = await fixture.core.handle('device:switchMode', { ...ref, to: 'pop3', incoming: popEndpoint, password: user.password, options: { upload: false, pushStates: false, copyFolders: [] } });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toMatchObject({ downloaded: 2 });
    // POP keeps each message's whole source: nothing of the long one is lost if the server copy goes.
    for (const subject of ['Long log', 'Two megabytes']) {
      const here = (await db.messages.toArray()).find((m) => m.subject === subject && m.folderId === LOCAL_FOLDER_IDS.inbox)!;
      const source = await db.rawSources.get(here.id);
      expect(source?.raw.length).toBe(here.size);
    }
    expect((await db.popState.toArray()).every((s) => s.downloadedAt !== null && !s.headersOnly)).toBe(true);
  });

  it('a switch interrupted by a crash is completed at the next start, without duplicates on the server', async () => {
    const user = await createUser(servers);
    let holding = true;
    let held = false;
    const holdCommit = (request: CacheHostRequest): 'apply' | 'hold' => {
      const hold = holding && request.kind === 'apply' && request.ops.some((op) => op.op === 'putFolders' && op.folders.some((f) => f.id === serverFolderId('INBOX')));
      held ||= hold;
      return hold ? 'hold' : 'apply';
    };
    const fixture = await startCore(undefined, { hooks: { beforeApply: holdCommit } });
    cleanups.push(() => fixture.dispose());
    const { ref, db, other } = await populatedPopDevice(fixture, user);
    const imapEndpoint = accountDraft(servers, user, 'tls').incoming;
    // The switch does its server work, then the app dies before its cache commit.
    void fixture.core.handle('device:switchMode', { ...ref, to: 'imap', incoming: imapEndpoint, password: user.password, options: UPLOAD_ALL });
    await waitFor(async () => (await serverSubjects(other, 'Sent')).includes('Sent while on POP'), 'the upload of Sent', 30_000);
    await waitFor(() => held, 'the switch to reach its cache commit');
    fixture.crash();
    holding = false;

    const restarted = await startCore(fixture.profileDir);
    cleanups.push(() => restarted.dispose());
    const list = await restarted.core.handle('accounts:list', null);
    expect(list.ok && list.value[0]!.devices[0]).toMatchObject({ mode: 'imap', switching: null });
    expect(restarted.events.notice.some((n) => n.words.kind === 'switchCompleted' && noticeEnglish(n).includes('interrupted switch to IMAP was completed'))).toBe(true);
    expect((await serverSubjects(other, 'INBOX')).sort()).toEqual(['Message 1', 'Message 2', 'Message 3', 'Sent while on POP']);
    expect(await serverSubjects(other, 'Sent')).toEqual(['Sent while on POP']);
    const reopened = openCacheForReading(db.name);
    await waitFor(async () => (await subjectsIn(reopened, serverFolderId('INBOX'))).length === 4, 'the IMAP sync after resuming');
    await waitFor(async () => (await reopened.messages.count()) === 7, 'every message once');
  });

  it('POP → IMAP keeping local-only mail local: it stays in folders marked “this computer”, nothing twice', async () => {
    const user = await createUser(servers);
    const fixture = await startCore();
    cleanups.push(() => fixture.dispose());
    const { ref, db, other } = await populatedPopDevice(fixture, user);
    const imapEndpoint = accountDraft(servers, user, 'tls').incoming;
    const result = await fixture.core.handle('device:switchMode', { ...ref, to: 'imap', incoming: imapEndpoint, password: user.password, options: { upload: false, pushStates: false, copyFolders: [] } });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toMatchObject({ uploaded: 0, keptLocal: 2 });
    const localFolders = (await db.folders.toArray()).filter((f) => f.origin === 'local').map((f) => [f.path, f.role]);
    expect(localFolders.sort()).toEqual([['Inbox (this computer)', null], ['Sent (this computer)', null]]);
    expect(await subjectsIn(db, LOCAL_FOLDER_IDS.inbox)).toEqual(['Message 3']);
    expect(await subjectsIn(db, LOCAL_FOLDER_IDS.sent)).toEqual(['Sent while on POP']);
    // Matched messages still follow their folders on the server; nothing was uploaded.
    expect(await serverSubjects(other, 'Projects')).toEqual(['Message 4']);
    expect(await serverSubjects(other, 'Sent')).toEqual([]);
    await waitFor(async () => (await subjectsIn(db, serverFolderId('INBOX'))).length === 3, 'the IMAP sync');
    expect(await subjectsIn(db, serverFolderId('INBOX'))).toEqual(['Message 1', 'Message 2', 'Sent while on POP']);
    // Later, the user uploads the local-only message by moving it into a server folder.
    const onlyHere = (await db.messages.toArray()).find((m) => m.subject === 'Message 3')!;
    expect(await fixture.core.handle('messages:move', { ...ref, messageIds: [onlyHere.id], toPath: 'INBOX' })).toEqual({ ok: true, value: { undoId: null } });
    await waitFor(async () => (await serverSubjects(other, 'INBOX')).includes('Message 3'), 'the upload');
    await waitFor(async () => (await subjectsIn(db, serverFolderId('INBOX'))).length === 4, 'the uploaded message in the cache');
    expect(await subjectsIn(db, LOCAL_FOLDER_IDS.inbox)).toEqual([]);
  });

  it('a switch that cannot be completed at the next start is undone: old mode, nothing lost, and the user is told', async () => {
    const own = await startTestServers();
    cleanups.push(() => own.stop());
    const user = await createUser(own.info);
    await seedMessages(own.info, user, 'INBOX', numberedMessages(3));
    let holding = true;
    let held = false;
    const fixture = await startCore(undefined, {
      hooks: {
        beforeApply: (request) => {
          const hold = holding && request.kind === 'apply' && request.ops.some((op) => op.op === 'putFolders' && op.folders.some((f) => f.id === serverFolderId('INBOX')));
          held ||= hold;
          return hold ? 'hold' : 'apply';
        },
      },
    });
    cleanups.push(() => fixture.dispose());
    const { ref, db } = await addAccount(fixture, popAccountDraft(own.info, user, 'tls', { retention: { kind: 'keep' } }));
    await waitFor(async () => (await db.messages.count()) === 3, 'the POP download');
    void fixture.core.handle('device:switchMode', { ...ref, to: 'imap', incoming: accountDraft(own.info, user, 'tls').incoming, password: user.password, options: UPLOAD_ALL });
    await waitFor(async () => (await fixture.core.handle('accounts:list', null)).ok && fixture.events['device:status'].at(-1)?.detail.kind === 'stopped' || undefined, 'the switch to start');
    await waitFor(() => held, 'the switch to reach its cache commit', 30_000);
    fixture.crash();
    holding = false;
    await own.stopDovecot();

    const restarted = await startCore(fixture.profileDir);
    cleanups.push(() => restarted.dispose());
    const list = await restarted.core.handle('accounts:list', null);
    expect(list.ok && list.value[0]!.devices[0]).toMatchObject({ mode: 'pop3', switching: null });
    expect(restarted.events.notice.some((n) => n.level === 'warning' && n.words.kind === 'switchUndone' && noticeEnglish(n).includes('could not be completed and was undone'))).toBe(true);
    expect((await openCacheForReading(db.name).messages.toArray()).map((m) => m.subject).sort()).toEqual(['Message 1', 'Message 2', 'Message 3']);
  });
  it('POP → IMAP with the dialog’s default options leaves every state another device set on the server, and lists each difference (issue 12 item 2)', async () => {
    const user = await createUser(servers);
    const fixture = await startCore();
    cleanups.push(() => fixture.dispose());
    const { ref, db, laptop, imapEndpoint } = await phoneAndLaptop(fixture, user);
    const preview = await fixture.core.handle('device:switchPreview', { ...ref, to: 'imap', incoming: imapEndpoint, password: user.password });
    if (!preview.ok) throw new Error(preview.error.message);
    // Each matched message whose states differ, with each state here and on the server.
    const listed = Object.fromEntries(preview.value.stateChanges.map((c) => [c.subject, c.differences.map((d) => `${d.flag} here=${d.here} server=${d.server}`)]));
    expect(listed).toEqual({
      'Message 1': ['\\Seen here=false server=true'],
      'Message 2': ['\\Seen here=false server=true'],
      'Message 3': ['\\Seen here=false server=true', '\\Flagged here=false server=true'],
      'Message 4': ['\\Seen here=true server=false'],
      'Message 5': ['\\Flagged here=true server=false'],
    });
    const result = await fixture.core.handle('device:switchMode', { ...ref, to: 'imap', incoming: imapEndpoint, password: user.password, options: { upload: true, pushStates: false, pushMessages: [], copyFolders: [] } });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toMatchObject({ matched: 5, statesPushed: 0 });
    expect(await serverStates(laptop)).toEqual({ 'Message 1': [FLAG_SEEN], 'Message 2': [FLAG_SEEN], 'Message 3': [FLAG_FLAGGED, FLAG_SEEN], 'Message 4': [], 'Message 5': [] });
    // And the Phone now shows the server's states (server → this device).
    await waitFor(async () => (await db.messages.where('folderId').equals(serverFolderId('INBOX')).count()) === 5, 'the IMAP sync');
    await waitFor(async () => {
      const states = Object.fromEntries((await db.messages.toArray()).map((m) => [m.subject, `${m.seen}${m.flagged}`]));
      return states['Message 1'] === '10' && states['Message 3'] === '11' && states['Message 4'] === '00' && states['Message 5'] === '00';
    }, 'the server’s states in the Phone’s cache');
  });

  it('POP → IMAP pushing this device’s states sets what the Phone set, and clears only on the message the user chose (issue 12 item 2)', async () => {
    const user = await createUser(servers);
    const fixture = await startCore();
    cleanups.push(() => fixture.dispose());
    const { ref, laptop, bySubject, imapEndpoint } = await phoneAndLaptop(fixture, user);
    const chosen = (await bySubject('Message 2')).id;
    const result = await fixture.core.handle('device:switchMode', { ...ref, to: 'imap', incoming: imapEndpoint, password: user.password, options: { upload: true, pushStates: true, pushMessages: [chosen], copyFolders: [] } });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toMatchObject({ matched: 5, statesPushed: 3 });
    // 4 read and 5 flagged on the Phone reach the server; 2, chosen, is unread as on the Phone;
    // 1 and 3 keep what the Laptop set.
    expect(await serverStates(laptop)).toEqual({ 'Message 1': [FLAG_SEEN], 'Message 2': [], 'Message 3': [FLAG_FLAGGED, FLAG_SEEN], 'Message 4': [FLAG_SEEN], 'Message 5': [FLAG_FLAGGED] });
  });

  it('a cancelled POP → IMAP switch keeps POP, changes nothing on the server, and a later switch finds everything once (issue 12 item 3)', async () => {
    const user = await createUser(servers);
    const fixture = await startCore();
    cleanups.push(() => fixture.dispose());
    const { ref, db, other } = await populatedPopDevice(fixture, user);
    const imapEndpoint = accountDraft(servers, user, 'tls').incoming;
    const statesBefore = await serverStates(other);
    const cacheBefore = (await db.messages.toArray()).map((m) => `${m.folderId} ${m.subject} ${m.flags.join(' ')}`).sort();
    // The user presses Cancel as soon as the dialog shows the server being read.
    const seen: SwitchProgress[] = [];
    const off = fixture.core.on('switch:progress', (progress) => {
      seen.push(progress);
      if (progress.stage === 'switch' && progress.step === 'reading-server' && seen.filter((p) => p.step === 'reading-server').length === 1) void fixture.core.handle('device:switchCancel', ref);
    });
    const result = await fixture.core.handle('device:switchMode', { ...ref, to: 'imap', incoming: imapEndpoint, password: user.password, options: UPLOAD_ALL });
    off();
    expect(result).toMatchObject({ ok: true, value: { cancelled: true } });
    expect(seen[0]).toMatchObject({ stage: 'switch', step: 'reading-here', canCancel: true });
    const list = await fixture.core.handle('accounts:list', null);
    expect(list.ok && list.value[0]!.devices[0]).toMatchObject({ mode: 'pop3', switching: null });
    expect(await serverStates(other)).toEqual(statesBefore);
    expect(await serverSubjects(other, 'Sent')).toEqual([]);
    expect((await other.list()).map((f) => f.path)).not.toContain('Projects');
    expect((await db.messages.toArray()).map((m) => `${m.folderId} ${m.subject} ${m.flags.join(' ')}`).sort()).toEqual(cacheBefore);
    expect(await db.popState.count()).toBeGreaterThan(0);
    // POP runs again; its check brings the mail sent to oneself, which reached the INBOX meanwhile.
    await waitFor(async () => (await subjectsIn(db, LOCAL_FOLDER_IDS.inbox)).includes('Sent while on POP'), 'the POP check after the cancel');
    // Nothing left half done: the next switch does everything once — 5 found on the server, 2
    // uploaded (and then found in their folders: 7 matched).
    const again = await fixture.core.handle('device:switchMode', { ...ref, to: 'imap', incoming: imapEndpoint, password: user.password, options: UPLOAD_ALL });
    expect(again).toMatchObject({ ok: true, value: { matched: 7, uploaded: 2 } });
    expect((await serverSubjects(other, 'INBOX')).sort()).toEqual(['Message 1', 'Message 2', 'Message 3', 'Sent while on POP']);
    expect(await serverSubjects(other, 'Sent')).toEqual(['Sent while on POP']);
  });

  it('a cancelled IMAP → POP switch keeps IMAP and leaves no staged download behind (issue 12 item 3)', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', numberedMessages(4));
    const fixture = await startCore();
    cleanups.push(() => fixture.dispose());
    const { ref, db } = await addAccount(fixture, accountDraft(servers, user, 'tls'));
    await waitFor(async () => (await subjectsIn(db, serverFolderId('INBOX'))).length === 4, 'the IMAP sync');
    const off = fixture.core.on('switch:progress', (progress) => {
      if (progress.stage === 'switch' && progress.step === 'downloading' && progress.done === 0) void fixture.core.handle('device:switchCancel', ref);
    });
    const result = await fixture.core.handle('device:switchMode', { ...ref, to: 'pop3', incoming: popAccountDraft(servers, user, 'tls').incoming, password: user.password, options: { upload: false, pushStates: false, copyFolders: [] } });
    off();
    expect(result).toMatchObject({ ok: true, value: { cancelled: true } });
    const list = await fixture.core.handle('accounts:list', null);
    expect(list.ok && list.value[0]!.devices[0]).toMatchObject({ mode: 'imap', switching: null });
    expect(await subjectsIn(db, serverFolderId('INBOX'))).toEqual(['Message 1', 'Message 2', 'Message 3', 'Message 4']);
    expect(await db.messages.where('folderId').equals('local:switch-staging').count()).toBe(0);
    expect(await db.popState.count()).toBe(0);
  });
});

