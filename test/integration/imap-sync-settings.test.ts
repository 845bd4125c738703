import { afterEach, describe, expect, inject, it } from 'vitest';
import type { SyncProgress } from '../../common/contract';
import { DEFAULT_IMAP_SYNC_SETTINGS, type ImapSyncSettings } from '../../common/model/account';
import { FLAG_SEEN, serverFolderId } from '../../common/model/mail';
import type { DeviceCache } from '../../renderer/cache-host/schema';
import { createUser, makeMessage, seedMessages, type MailUser } from '../servers';
import { accountDraft, addAccount, popAccountDraft, startCore, type CoreFixture } from '../support/core-fixture';
import { otherImapClient, serverFlags } from '../support/other-client';
import { waitFor } from '../support/wait';

const servers = inject('servers');
const cleanups: Array<() => Promise<unknown>> = [];
const DAY_MS = 24 * 60 * 60 * 1000;

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

async function setup(seed: (user: MailUser) => Promise<void>) {
  const user = await createUser(servers);
  await seed(user);
  const fixture = await startCore();
  cleanups.push(() => fixture.dispose());
  const added = await addAccount(fixture, accountDraft(servers, user, 'tls'));
  return { user, fixture, ...added };
}

/** Messages whose INTERNALDATE is `daysAgo` days before now, subjects `${label} 1…n`. */
function datedMessages(label: string, count: number, daysAgo: number): Array<{ raw: string; internalDate: Date }> {
  const date = new Date(Date.now() - daysAgo * DAY_MS);
  return Array.from({ length: count }, (_, i) => ({ raw: makeMessage({ subject: `${label} ${i + 1}`, date, body: `${label} body ${i + 1}.\n` }), internalDate: date }));
}

async function subjectsWithBodies(db: DeviceCache, path: string): Promise<string[]> {
  const messages = (await db.messages.toArray()).filter((m) => m.folderId === serverFolderId(path));
  const withBodies = new Set((await db.bodies.bulkGet(messages.map((m) => m.id))).filter((b) => b !== undefined).map((b) => b.messageId));
  return messages
    .filter((m) => withBodies.has(m.id))
    .map((m) => m.subject)
    .sort();
}

async function cachedCount(db: DeviceCache, path: string): Promise<number> {
  return db.messages.filter((m) => m.folderId === serverFolderId(path)).count();
}

/** The end of a folder's offline body download (header progress has no byte counts). */
function bodiesDone(fixture: CoreFixture, path: string, from = 0): () => SyncProgress | undefined {
  return () => fixture.events['sync:progress'].slice(from).find((p) => p.folderPath === path && p.phase === 'done' && p.bytesTotal !== null);
}

async function configure(fixture: CoreFixture, ref: { accountId: string; deviceId: string }, changes: Partial<ImapSyncSettings>) {
  const result = await fixture.core.handle('device:configure', { ...ref, imapSync: { ...DEFAULT_IMAP_SYNC_SETTINGS, ...changes } });
  if (!result.ok) throw new Error(`device:configure failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

describe('IMAP sync settings against a real Dovecot', () => {
  it('keeps the bodies of the last N days by INTERNALDATE, and not older ones', async () => {
    const { fixture, db, ref } = await setup(async (user) => {
      await seedMessages(servers, user, 'INBOX', datedMessages('Old', 2, 60));
      await seedMessages(servers, user, 'INBOX', datedMessages('Recent', 3, 2));
    });
    await waitFor(async () => (await cachedCount(db, 'INBOX')) === 5, 'the inbox headers');
    // The default is today's behaviour: nothing downloaded ahead.
    expect(await db.bodies.count()).toBe(0);
    await configure(fixture, ref, { bodies: { kind: 'recent-days', days: 30 } });
    const done = await waitFor(bodiesDone(fixture, 'INBOX'), 'the inbox bodies to be downloaded');
    expect(done).toMatchObject({ done: 3, total: 3 });
    expect(await subjectsWithBodies(db, 'INBOX')).toEqual(['Recent 1', 'Recent 2', 'Recent 3']);
    const progress = fixture.events['sync:progress'].filter((p) => p.folderPath === 'INBOX' && p.bytesTotal !== null);
    expect(progress.some((p) => p.phase === 'download')).toBe(true);
    expect(fixture.events.notice.filter((n) => n.level === 'error')).toEqual([]);
  });

  it('"all" keeps every body of a kept folder, synced without opening it, and none of a folder not kept', async () => {
    const { user, fixture, db, ref } = await setup(async (u) => {
      await seedMessages(servers, u, 'INBOX', datedMessages('Inbox', 2, 1));
      await seedMessages(servers, u, 'Archive', datedMessages('Archived', 4, 400));
      await seedMessages(servers, u, 'Other', datedMessages('Other', 2, 1));
    });
    await waitFor(async () => (await cachedCount(db, 'INBOX')) === 2, 'the inbox headers');
    const saved = await configure(fixture, ref, { offlineFolders: { kind: 'some', paths: ['Archive'] }, bodies: { kind: 'all' } });
    expect(saved.devices[0]!.imapSync).toMatchObject({ offlineFolders: { kind: 'some', paths: ['Archive'] }, bodies: { kind: 'all' } });
    await waitFor(bodiesDone(fixture, 'Archive'), 'the Archive bodies to be downloaded');
    expect(await subjectsWithBodies(db, 'Archive')).toEqual(['Archived 1', 'Archived 2', 'Archived 3', 'Archived 4']);
    expect(await subjectsWithBodies(db, 'INBOX')).toEqual([]);
    expect(await cachedCount(db, 'Other')).toBe(0);
    const archived = await db.bodies.get((await db.messages.filter((m) => m.subject === 'Archived 2').first())!.id);
    expect(archived?.text).toContain('Archived body 2.');
    // Downloaded ahead is not read: BODY.PEEK[] leaves \Seen alone (RFC 3501 §6.4.5).
    const other = await otherImapClient(servers, user);
    cleanups.push(() => other.logout());
    expect([...(await serverFlags(other, 'Archive')).values()].filter((flags) => flags.includes(FLAG_SEEN))).toEqual([]);
  });

  it('going back to headers only keeps the bodies already here and downloads no new one', async () => {
    const { user, fixture, db, ref } = await setup((u) => seedMessages(servers, u, 'INBOX', datedMessages('First', 2, 1)));
    await waitFor(async () => (await cachedCount(db, 'INBOX')) === 2, 'the inbox headers');
    await configure(fixture, ref, { bodies: { kind: 'all' } });
    await waitFor(bodiesDone(fixture, 'INBOX'), 'the first bodies');
    await configure(fixture, ref, { bodies: { kind: 'headers-only' } });
    const from = fixture.events['sync:progress'].length;
    const other = await otherImapClient(servers, user);
    cleanups.push(() => other.logout());
    await other.append('INBOX', makeMessage({ subject: 'After headers only' }));
    await waitFor(async () => (await db.messages.toArray()).some((m) => m.subject === 'After headers only'), 'the new message by IDLE');
    await waitFor(() => fixture.events['sync:progress'].slice(from).find((p) => p.folderPath === 'INBOX' && p.phase === 'done'), 'its sync to end');
    expect(await subjectsWithBodies(db, 'INBOX')).toEqual(['First 1', 'First 2']);
    expect(fixture.events['sync:progress'].slice(from).filter((p) => p.bytesTotal !== null)).toEqual([]);
  });

  it('headers only keeps the headers of every kept folder and downloads no body', async () => {
    const { fixture, db, ref } = await setup(async (user) => {
      await seedMessages(servers, user, 'INBOX', datedMessages('Inbox', 2, 1));
      await seedMessages(servers, user, 'Archive', datedMessages('Archived', 3, 1));
    });
    await waitFor(async () => (await cachedCount(db, 'INBOX')) === 2, 'the inbox headers');
    await configure(fixture, ref, { offlineFolders: { kind: 'all' }, bodies: { kind: 'headers-only' } });
    await waitFor(async () => (await cachedCount(db, 'Archive')) === 3, 'the Archive headers, without opening it');
    await waitFor(() => fixture.events['sync:progress'].find((p) => p.folderPath === 'Archive' && p.phase === 'done'), 'the Archive sync to end');
    expect(await db.bodies.count()).toBe(0);
    expect(fixture.events['sync:progress'].filter((p) => p.bytesTotal !== null)).toEqual([]);
  });

  it('a watched folder that is not open gets another client’s new message by IDLE, with no sync asked', async () => {
    const { user, fixture, db, ref } = await setup(async (u) => {
      await seedMessages(servers, u, 'INBOX', datedMessages('Inbox', 1, 1));
      await seedMessages(servers, u, 'Lists', datedMessages('List', 1, 1));
    });
    await waitFor(async () => (await cachedCount(db, 'INBOX')) === 1, 'the inbox headers');
    await configure(fixture, ref, { idleFolders: ['INBOX', 'Lists'] });
    // Its watcher's first sync closes the gap before IDLE: the folder is listed, never opened.
    await waitFor(async () => (await cachedCount(db, 'Lists')) === 1, 'the watched folder’s first sync');
    const other = await otherImapClient(servers, user);
    cleanups.push(() => other.logout());
    await other.append('Lists', makeMessage({ subject: 'Pushed to Lists' }));
    await waitFor(async () => (await db.messages.toArray()).some((m) => m.folderId === serverFolderId('Lists') && m.subject === 'Pushed to Lists'), 'the new message in the watched folder');
    expect(fixture.events.notice.filter((n) => n.level !== 'info')).toEqual([]);
  });

  it('keeps the settings across a restart of the core, and follows them at start', async () => {
    const { user, fixture, db, ref } = await setup((u) => seedMessages(servers, u, 'INBOX', datedMessages('Before', 2, 1)));
    await waitFor(async () => (await cachedCount(db, 'INBOX')) === 2, 'the inbox headers');
    const settings: ImapSyncSettings = { checkEveryMinutes: 30, offlineFolders: { kind: 'some', paths: ['INBOX'] }, bodies: { kind: 'all' }, idleFolders: ['INBOX'] };
    await configure(fixture, ref, settings);
    await waitFor(bodiesDone(fixture, 'INBOX'), 'the first bodies');
    await fixture.stop();
    await seedMessages(servers, user, 'INBOX', datedMessages('While stopped', 1, 0));

    const again = await startCore(fixture.profileDir);
    cleanups.push(() => again.stop());
    const accounts = await again.core.handle('accounts:list', null);
    expect(accounts.ok && accounts.value[0]!.devices[0]!.imapSync).toEqual(settings);
    await waitFor(bodiesDone(again, 'INBOX'), 'the bodies of mail that came while stopped');
    expect(await subjectsWithBodies(db, 'INBOX')).toEqual(['Before 1', 'Before 2', 'While stopped 1']);
  });

  it('leaves an existing device on the defaults, and refuses settings that do not fit the device', async () => {
    const { fixture, db, account, ref } = await setup((u) => seedMessages(servers, u, 'INBOX', datedMessages('Inbox', 2, 1)));
    expect(account.devices[0]!.imapSync ?? null).toBeNull();
    await waitFor(async () => (await cachedCount(db, 'INBOX')) === 2, 'the inbox headers');

    const tooMany = await fixture.core.handle('device:configure', { ...ref, imapSync: { ...DEFAULT_IMAP_SYNC_SETTINGS, idleFolders: Array.from({ length: 9 }, (_, i) => `Folder ${i}`) } });
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    const noDays = await fixture.core.handle('device:configure', { ...ref, imapSync: { ...DEFAULT_IMAP_SYNC_SETTINGS, bodies: { kind: 'recent-days', days: 0 } } });
    expect(noDays).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    const retention = await fixture.core.handle('device:configure', { ...ref, pop: { retention: { kind: 'keep' }, checkEveryMinutes: null, headersOnlyOverBytes: null } });
    expect(retention).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    const stored = await fixture.core.handle('accounts:list', null);
    expect(stored.ok && (stored.value[0]!.devices[0]!.imapSync ?? null)).toBeNull();

    const popUser = await createUser(servers);
    const pop = await addAccount(fixture, popAccountDraft(servers, popUser));
    const onPop = await fixture.core.handle('device:configure', { ...pop.ref, imapSync: DEFAULT_IMAP_SYNC_SETTINGS });
    expect(onPop).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });
});
