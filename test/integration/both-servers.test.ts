import type { ImapFlow } from 'imapflow';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { AccountDraft, PopSettings } from '../../common/model/account';
import { LOCAL_FOLDER_IDS, serverFolderId } from '../../common/model/mail';
import type { DeviceCache } from '../../renderer/cache-host/schema';
import { createUser, makeMessage, seedMessages } from '../servers';
import { startSandbox } from '../sandbox/support/sandbox-fixture';
import { accountDraft, addAccount, popAccountDraft, startCore } from '../support/core-fixture';
import { openCacheForReading } from '../support/in-process-cache-host';
import { otherImapClient, serverFlags, serverSubjects } from '../support/other-client';
import { waitFor } from '../support/wait';
import { outgoingMessage } from '../support/outgoing';

/**
 * The product's IMAP, POP3 and SMTP paths against two real servers: the Dovecot and SMTP server
 * of the tests, and Porthole's built-in sandbox. The same assertions hold for both, except where
 * a test says they differ on purpose.
 */
interface Mailbox {
  address: string;
  imapDraft: AccountDraft;
  popDraft(pop: Partial<PopSettings>): AccountDraft;
  /** Puts messages in the owner's INBOX as the server's own delivery would. */
  seed(subjects: string[]): Promise<void>;
  /** A client that is not the product's code, logged in as the owner. */
  other(): Promise<ImapFlow>;
  /** Another person on the same server, and a client logged in as them. */
  correspondent: { address: string; other(): Promise<ImapFlow> };
}

interface ServerUnderTest {
  name: 'Dovecot' | 'sandbox';
  mailbox(): Promise<Mailbox>;
}

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

function track(client: ImapFlow): ImapFlow {
  cleanups.push(() => client.logout());
  return client;
}

const servers = inject('servers');

const DOVECOT: ServerUnderTest = {
  name: 'Dovecot',
  async mailbox() {
    const user = await createUser(servers);
    const other = await createUser(servers);
    return {
      address: user.address,
      imapDraft: accountDraft(servers, user, 'tls'),
      popDraft: (pop) => popAccountDraft(servers, user, 'tls', pop),
      seed: (subjects) => seedMessages(servers, user, 'INBOX', subjects.map((subject) => ({ raw: makeMessage({ subject }) }))),
      other: async () => track(await otherImapClient(servers, user)),
      correspondent: { address: other.address, other: async () => track(await otherImapClient(servers, other)) },
    };
  },
};

const SANDBOX: ServerUnderTest = {
  name: 'sandbox',
  async mailbox() {
    const sandbox = await startSandbox();
    cleanups.push(() => sandbox.dispose());
    const { info } = sandbox.server;
    const you = sandbox.login('you');
    const at = (port: number) => ({ host: info.host, port, security: 'none' as const, user: you.user });
    const imapDraft: AccountDraft = { displayName: 'You', address: you.address, mode: 'imap', incoming: at(info.imapPort), incomingPassword: you.password, smtp: at(info.smtpPort), smtpPassword: '', trustFingerprints: [], pop: null };
    return {
      address: you.address,
      imapDraft,
      popDraft: (pop) => ({ ...imapDraft, mode: 'pop3', incoming: at(info.pop3Port), pop: { retention: { kind: 'keep' }, checkEveryMinutes: null, headersOnlyOverBytes: null, ...pop } }),
      seed: async (subjects) => {
        for (const subject of subjects) await sandbox.server.store.deliver('you', Buffer.from(makeMessage({ subject })), 'test');
      },
      other: async () => track(await sandbox.imap('you')),
      correspondent: { address: sandbox.login('ana').address, other: async () => track(await sandbox.imap('ana')) },
    };
  },
};

async function subjectsIn(db: DeviceCache, folderId: string): Promise<string[]> {
  return (await db.messages.where('folderId').equals(folderId).toArray()).map((m) => m.subject);
}

async function started() {
  const fixture = await startCore();
  cleanups.push(() => fixture.dispose());
  return fixture;
}

describe.each([DOVECOT, SANDBOX])('the product against $name', (target) => {
  it('IMAP: syncs the inbox, and read, move and delete reach the server', async () => {
    const box = await target.mailbox();
    await box.seed(['Both 1', 'Both 2', 'Both 3']);
    const fixture = await started();
    const { db, ref } = await addAccount(fixture, box.imapDraft);
    const inbox = serverFolderId('INBOX');
    await waitFor(async () => {
      const cached = await subjectsIn(db, inbox);
      return ['Both 1', 'Both 2', 'Both 3'].every((s) => cached.includes(s)) || undefined;
    }, 'the seeded messages');
    const bySubject = async (subject: string) => (await db.messages.where('folderId').equals(inbox).toArray()).find((m) => m.subject === subject)!;

    expect(await fixture.core.handle('message:open', { ...ref, messageId: (await bySubject('Both 1')).id })).toMatchObject({ ok: true });
    expect(await fixture.core.handle('folder:create', { ...ref, parentPath: null, name: 'Kept' })).toMatchObject({ ok: true });
    expect(await fixture.core.handle('messages:move', { ...ref, messageIds: [(await bySubject('Both 2')).id], toPath: 'Kept' })).toMatchObject({ ok: true });
    expect(await fixture.core.handle('messages:delete', { ...ref, messageIds: [(await bySubject('Both 3')).id] })).toMatchObject({ ok: true });

    const other = await box.other();
    await waitFor(async () => (await serverSubjects(other, 'Kept')).includes('Both 2') || undefined, 'the move on the server');
    await waitFor(async () => (await serverSubjects(other, 'Trash')).includes('Both 3') || undefined, 'the delete on the server');
    const inboxSubjects = await serverSubjects(other, 'INBOX');
    expect(inboxSubjects).toContain('Both 1');
    expect(inboxSubjects).not.toContain('Both 2');
    expect(inboxSubjects).not.toContain('Both 3');
    const flags = await serverFlags(other, 'INBOX');
    const both1 = (await other.search({ header: { subject: 'Both 1' } }, { uid: true })) || [];
    expect(both1).toHaveLength(1);
    expect(flags.get(both1[0]!)).toContain('\\Seen');
  });

  it('IMAP: a message another client appends shows up through IDLE', async () => {
    const box = await target.mailbox();
    const fixture = await started();
    const { db } = await addAccount(fixture, box.imapDraft);
    await waitFor(() => fixture.events['device:status'].find((s) => s.connection === 'online'), 'online');
    const other = await box.other();
    await other.append('INBOX', makeMessage({ subject: 'Pushed by IDLE' }));
    await waitFor(async () => (await subjectsIn(db, serverFolderId('INBOX'))).includes('Pushed by IDLE') || undefined, 'the pushed message', 10_000);
  });

  it('POP: downloads once, and "delete right after download" empties the server inbox; RETR marks \\Seen for IMAP on both (Dovecot by default, the sandbox in its default personality)', async () => {
    const box = await target.mailbox();
    await box.seed(['Pop 1', 'Pop 2']);
    const other = await box.other();
    const fixture = await started();
    const { db, ref, account } = await addAccount(fixture, box.popDraft({ retention: { kind: 'keep' } }));
    let subjects = new Set<string>();
    await waitFor(async () => {
      subjects = new Set(await subjectsIn(db, LOCAL_FOLDER_IDS.inbox));
      return ['Pop 1', 'Pop 2'].every((s) => subjects.has(s)) || undefined;
    }, 'the download');
    // \Seen is set when the session ends (QUIT), after the downloads committed.
    await waitFor(() => fixture.events['device:status'].find((s) => s.deviceId === ref.deviceId && s.detail.kind === 'checked'), 'the end of the check');
    const flags = await serverFlags(other, 'INBOX');
    const uids = (await other.search({ header: { subject: 'Pop 1' } }, { uid: true })) || [];
    expect(uids).toHaveLength(1);
    expect(flags.get(uids[0]!)).toContain('\\Seen');

    const count = await db.messages.count();
    expect(await fixture.core.handle('device:sync', ref)).toEqual({ ok: true, value: null });
    expect(await db.messages.count()).toBe(count);
    const transcript = await fixture.core.handle('transcript:get', { accountId: account.id });
    if (!transcript.ok) throw new Error(transcript.error.message);
    const retrs = transcript.value.filter((e) => e.service === 'pop3' && e.direction === 'client' && /^RETR /.test(e.text)).length;
    expect(retrs).toBe(count);

    expect(await fixture.core.handle('device:configure', { ...ref, pop: { retention: { kind: 'delete-after-download' }, checkEveryMinutes: null, headersOnlyOverBytes: null } })).toMatchObject({ ok: true });
    expect(await fixture.core.handle('device:sync', ref)).toEqual({ ok: true, value: null });
    expect(await serverSubjects(other, 'INBOX')).toEqual([]);
    expect((await subjectsIn(db, LOCAL_FOLDER_IDS.inbox)).filter((s) => s.startsWith('Pop '))).toHaveLength(2);
  });

  it('SMTP: a sent message reaches the other person on the same server', async () => {
    const box = await target.mailbox();
    const fixture = await started();
    const { ref } = await addAccount(fixture, box.imapDraft);
    const sent = await fixture.core.handle('message:send', outgoingMessage(ref, box.correspondent.address, { subject: 'Across the server' }));
    expect(sent).toMatchObject({ ok: true });
    const correspondent = await box.correspondent.other();
    await waitFor(async () => (await serverSubjects(correspondent, 'INBOX')).includes('Across the server') || undefined, 'the delivery');
    const owner = await box.other();
    await waitFor(async () => (await serverSubjects(owner, 'Sent')).includes('Across the server') || undefined, 'the copy in Sent');
  });
  it('two devices on IMAP: what one reads, flags and deletes reaches the other without any action there', async () => {
    const box = await target.mailbox();
    await box.seed(['Shared 1', 'Shared 2']);
    const fixture = await started();
    const { account, db: laptopDb, ref: laptop } = await addAccount(fixture, box.imapDraft);
    const added = await fixture.core.handle('device:add', { accountId: account.id, name: 'Phone', mode: 'imap', pop: null, incoming: null });
    if (!added.ok) throw new Error(added.error.message);
    const phoneDevice = added.value.devices.find((d) => d.name === 'Phone')!;
    const phoneDb = openCacheForReading(phoneDevice.dbName);
    const inbox = serverFolderId('INBOX');
    const record = async (db: DeviceCache, subject: string) => (await db.messages.where('folderId').equals(inbox).toArray()).find((m) => m.subject === subject);
    await waitFor(async () => ((await record(laptopDb, 'Shared 2')) && (await record(phoneDb, 'Shared 2'))) || undefined, 'both devices synced');
    await waitFor(() => fixture.events['device:status'].find((s) => s.deviceId === phoneDevice.id && s.connection === 'online'), 'the Phone online');

    const first = (await record(laptopDb, 'Shared 1'))!;
    expect(await fixture.core.handle('message:open', { ...laptop, messageId: first.id })).toMatchObject({ ok: true });
    expect(await fixture.core.handle('messages:flag', { ...laptop, messageIds: [first.id], add: ['\\Flagged'], remove: [] })).toMatchObject({ ok: true });
    await waitFor(async () => { const m = await record(phoneDb, 'Shared 1'); return (m?.seen === 1 && m.flagged === 1) || undefined; }, 'read and flagged on the Phone', 10_000);
    expect(await fixture.core.handle('messages:delete', { ...laptop, messageIds: [(await record(laptopDb, 'Shared 2'))!.id] })).toMatchObject({ ok: true });
    await waitFor(async () => !(await record(phoneDb, 'Shared 2')) || undefined, 'gone from the Phone inbox', 10_000);
  });

  it('the server panel: the POP maildrop with the UIDLs the device recorded, and the IMAP folder with UIDVALIDITY and flags', async () => {
    const box = await target.mailbox();
    await box.seed(['Panel 1', 'Panel 2']);
    const fixture = await started();
    const { account, db, ref } = await addAccount(fixture, box.popDraft({ retention: { kind: 'keep' } }));
    await waitFor(async () => (await subjectsIn(db, LOCAL_FOLDER_IDS.inbox)).includes('Panel 2') || undefined, 'the download');
    await waitFor(() => fixture.events['device:status'].find((s) => s.deviceId === ref.deviceId && s.detail.kind === 'checked'), 'the end of the check');
    const latest = (mode: 'imap' | 'pop3') => fixture.events['serverView:update'].filter((u) => u.accountId === account.id && u.view.kind === mode).at(-1)?.view;

    expect(await fixture.core.handle('serverView:watch', { accountId: account.id, mode: 'pop3', folderPath: null })).toMatchObject({ ok: true });
    const maildrop = await waitFor(() => { const v = latest('pop3'); return v?.kind === 'pop3' ? v : undefined; }, 'the maildrop view');
    const other = await box.other();
    expect(maildrop.count).toBe((await serverSubjects(other, 'INBOX')).length);
    expect(maildrop.messages.map((m) => m.uidl).sort()).toEqual((await db.popState.toArray()).map((s) => s.uidl).sort());

    expect(await fixture.core.handle('device:add', { accountId: account.id, name: 'Laptop', mode: 'imap', pop: null, incoming: box.imapDraft.incoming, password: box.imapDraft.incomingPassword, allowPlaintext: true })).toMatchObject({ ok: true });
    expect(await fixture.core.handle('serverView:watch', { accountId: account.id, mode: 'imap', folderPath: 'INBOX' })).toMatchObject({ ok: true });
    const folder = await waitFor(() => { const v = latest('imap'); return v?.kind === 'imap' ? v : undefined; }, 'the IMAP folder view');
    expect(folder.uidValidity).toBeGreaterThan(0);
    expect(folder.highestModseq).not.toBeNull();
    // Read by the POP download (both servers mark RETR'd mail \Seen by default).
    expect(folder.messages.find((m) => m.subject === 'Panel 1')?.flags).toContain('\\Seen');
  });

  it('switching a POP device to IMAP in place: every message once, matched by UIDL, nothing only on one side', async () => {
    const box = await target.mailbox();
    await box.seed(['Switch 1', 'Switch 2']);
    const fixture = await started();
    const { db, ref } = await addAccount(fixture, box.popDraft({ retention: { kind: 'keep' } }));
    await waitFor(async () => (await subjectsIn(db, LOCAL_FOLDER_IDS.inbox)).includes('Switch 2') || undefined, 'the download');
    const other = await box.other();
    const onServer = (await serverSubjects(other, 'INBOX')).sort();

    const preview = await fixture.core.handle('device:switchPreview', { ...ref, to: 'imap', incoming: box.imapDraft.incoming, password: box.imapDraft.incomingPassword, allowPlaintext: true });
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value).toMatchObject({ matched: onServer.length, inboxOnlyHere: 0, serverOnly: 0 });
    expect(preview.value.matchedBy.uidl).toBe(onServer.length);
    const switched = await fixture.core.handle('device:switchMode', { ...ref, to: 'imap', incoming: box.imapDraft.incoming, password: box.imapDraft.incomingPassword, allowPlaintext: true, options: { upload: true, pushStates: true, copyFolders: [] } });
    expect(switched).toMatchObject({ ok: true, value: { uploaded: 0 } });
    await waitFor(async () => (await subjectsIn(db, serverFolderId('INBOX'))).length === onServer.length || undefined, 'the IMAP view of the inbox');
    expect((await subjectsIn(db, serverFolderId('INBOX'))).sort()).toEqual(onServer);
    expect((await serverSubjects(other, 'INBOX')).sort()).toEqual(onServer);
  });
});

describe('where the sandbox differs on purpose', () => {
  it('with "POP marks read" switched off, a POP download leaves the message unread for IMAP (Dovecot: pop3_no_flag_updates = yes)', async () => {
    const sandbox = await startSandbox({ personality: { popMarksSeen: false } });
    cleanups.push(() => sandbox.dispose());
    const { info } = sandbox.server;
    const you = sandbox.login('you');
    const at = (port: number) => ({ host: info.host, port, security: 'none' as const, user: you.user });
    await sandbox.server.store.deliver('you', Buffer.from(makeMessage({ subject: 'Stays unread' })), 'test');
    const fixture = await started();
    const { db } = await addAccount(fixture, { displayName: 'You', address: you.address, mode: 'pop3', incoming: at(info.pop3Port), incomingPassword: you.password, smtp: at(info.smtpPort), smtpPassword: '', trustFingerprints: [], pop: { retention: { kind: 'keep' }, checkEveryMinutes: null, headersOnlyOverBytes: null } });
    await waitFor(async () => (await subjectsIn(db, LOCAL_FOLDER_IDS.inbox)).includes('Stays unread') || undefined, 'the download');
    await waitFor(() => fixture.events['device:status'].find((s) => s.detail.kind === 'checked'), 'the end of the check (QUIT)');
    const other = track(await sandbox.imap('you'));
    const flags = await serverFlags(other, 'INBOX');
    const uids = (await other.search({ header: { subject: 'Stays unread' } }, { uid: true })) || [];
    expect(uids).toHaveLength(1);
    expect(flags.get(uids[0]!)).not.toContain('\\Seen');
  });
});
