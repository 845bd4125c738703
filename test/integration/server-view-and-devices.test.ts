import Dexie from 'dexie';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { DEFAULT_POP_SETTINGS } from '../../common/model/account';
import type { ImapServerView, PopServerView } from '../../common/model/server-view';
import { FLAG_FLAGGED, FLAG_SEEN, serverFolderId } from '../../common/model/mail';
import { createUser, makeMessage, seedMessages } from '../servers';
import { accountDraft, addAccount, popAccountDraft, startCore, type CoreFixture } from '../support/core-fixture';
import { numberedMessages } from '../support/fixtures';
import { fakeIdbOptions, openCacheForReading } from '../support/in-process-cache-host';
import { otherImapClient } from '../support/other-client';
import { poplibView } from '../support/poplib';
import { waitFor } from '../support/wait';

const servers = inject('servers');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

async function core(): Promise<CoreFixture> {
  const fixture = await startCore();
  cleanups.push(() => fixture.dispose());
  return fixture;
}

function latestView<K extends 'imap' | 'pop3'>(fixture: CoreFixture, accountId: string, kind: K) {
  const views = fixture.events['serverView:update'].filter((u) => u.accountId === accountId && u.view.kind === kind).map((u) => u.view);
  return views.at(-1) as (K extends 'imap' ? ImapServerView : PopServerView) | undefined;
}

describe('what the server sees', () => {
  it('IMAP: the observer shows UIDVALIDITY, UIDNEXT, HIGHESTMODSEQ and each message’s flags, live', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', numberedMessages(3));
    const fixture = await core();
    const { account, ref, db } = await addAccount(fixture, accountDraft(servers, user, 'tls'));
    await waitFor(async () => (await db.messages.count()) === 3, 'the sync');
    expect(await fixture.core.handle('serverView:watch', { accountId: account.id, mode: 'imap', folderPath: 'INBOX' })).toEqual({ ok: true, value: null });
    const first = await waitFor(() => latestView(fixture, account.id, 'imap'), 'a server view');
    expect(first).toMatchObject({ folderPath: 'INBOX', exists: 3, uidNext: 4, truncated: false });
    expect(first.uidValidity).toBe((await db.folders.get(serverFolderId('INBOX')))!.uidValidity);
    expect(first.highestModseq).not.toBeNull();
    expect(first.messages.map((m) => m.uid)).toEqual([3, 2, 1]);
    expect(first.folders.find((f) => f.path === 'INBOX')).toMatchObject({ total: 3, unseen: 3 });

    // Another client flags a message: the panel follows without being asked.
    const other = await otherImapClient(servers, user);
    cleanups.push(() => other.logout());
    const lock = await other.getMailboxLock('INBOX');
    try {
      await other.messageFlagsAdd('2', [FLAG_FLAGGED], { uid: true });
    } finally {
      lock.release();
    }
    await waitFor(() => latestView(fixture, account.id, 'imap')?.messages.find((m) => m.uid === 2)?.flags.includes(FLAG_FLAGGED), 'the flag in the server view');
    // This device reads one: the server (and so the panel) shows \Seen.
    const message = (await db.messages.toArray()).find((m) => m.uid === 1)!;
    await fixture.core.handle('messages:flag', { ...ref, messageIds: [message.id], add: [FLAG_SEEN], remove: [] });
    await waitFor(() => latestView(fixture, account.id, 'imap')?.messages.find((m) => m.uid === 1)?.flags.includes(FLAG_SEEN), 'the read state in the server view');
  });

  it('POP: the maildrop with UIDLs and subjects, refreshed after each check; a dry run changes nothing', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', numberedMessages(3));
    const fixture = await core();
    const { account, ref, db } = await addAccount(fixture, popAccountDraft(servers, user, 'tls', { retention: { kind: 'keep' } }));
    await waitFor(async () => (await db.messages.count()) === 3, 'the download');
    await fixture.core.handle('serverView:watch', { accountId: account.id, mode: 'pop3', folderPath: null });
    const view = await waitFor(() => latestView(fixture, account.id, 'pop3'), 'the maildrop view');
    expect(view).toMatchObject({ count: 3, hasUidl: true });
    expect(view.messages.map((m) => m.subject)).toEqual(['Message 3', 'Message 2', 'Message 1']);
    const states = await db.popState.toArray();
    expect(view.messages.map((m) => m.uidl).sort()).toEqual(states.map((s) => s.uidl).sort());

    // Two days later, with "delete after 1 day" and one new message: the dry run says what would happen.
    await fixture.core.handle('device:configure', { ...ref, pop: { ...DEFAULT_POP_SETTINGS, checkEveryMinutes: null, retention: { kind: 'delete-after-days', days: 1 } } });
    fixture.clock.advanceDays(2);
    await seedMessages(servers, user, 'INBOX', [{ raw: makeMessage({ subject: 'New one' }) }]);
    fixture.core.transcripts.flush();
    const before = fixture.events['transcript:lines'].length;
    const dryRun = await fixture.core.handle('pop:dryRun', ref);
    if (!dryRun.ok) throw new Error(dryRun.error.message);
    expect(dryRun.value.download.map((d) => d.number)).toEqual([4]);
    expect(dryRun.value.deletions.map((d) => d.uidl).sort()).toEqual(states.map((s) => s.uidl).sort());
    expect(dryRun.value.alreadyHere).toBe(3);
    fixture.core.transcripts.flush();
    const dryRunCommands = fixture.events['transcript:lines'].slice(before).flatMap((batch) => batch.entries).filter((e) => e.direction === 'client').map((e) => e.text.split(' ')[0]);
    expect(dryRunCommands).toContain('UIDL');
    expect(dryRunCommands).not.toContain('RETR');
    expect(dryRunCommands).not.toContain('DELE');
    expect((await poplibView(servers, user)).count).toBe(4);

    // The real check does exactly that, and the panel refreshes by itself.
    await fixture.core.handle('device:sync', ref);
    await waitFor(() => latestView(fixture, account.id, 'pop3')?.count === 1 || undefined, 'the refreshed maildrop');
    expect(latestView(fixture, account.id, 'pop3')!.messages.map((m) => m.subject)).toEqual(['New one']);
  });
});

describe('devices', () => {
  it('opens an account as more devices, each with its own cache and mode; removing one never touches the server', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', numberedMessages(2));
    const fixture = await core();
    const { account } = await addAccount(fixture, accountDraft(servers, user, 'tls'));
    expect(account.devices.map((d) => d.name)).toEqual(['This computer']);
    // The window names the first device in its language (issue 16).
    const { account: named } = await addAccount(fixture, { ...accountDraft(servers, await createUser(servers), 'tls'), deviceName: 'Dieser Computer' });
    expect(named.devices.map((d) => d.name)).toEqual(['Dieser Computer']);
    const withoutServer = await fixture.core.handle('device:add', { accountId: account.id, name: 'Phone', mode: 'pop3', pop: null, incoming: null });
    expect(withoutServer).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('POP3 server') as unknown } });
    const pop3 = popAccountDraft(servers, user, 'tls').incoming;
    const added = await fixture.core.handle('device:add', { accountId: account.id, name: 'Phone', mode: 'pop3', pop: { ...DEFAULT_POP_SETTINGS, checkEveryMinutes: null }, incoming: pop3, password: user.password });
    if (!added.ok) throw new Error(added.error.message);
    const phone = added.value.devices.find((d) => d.name === 'Phone')!;
    expect(phone).toMatchObject({ mode: 'pop3' });
    expect(phone.dbName).not.toBe(account.devices[0]!.dbName);
    const phoneDb = openCacheForReading(phone.dbName);
    await waitFor(async () => (await phoneDb.messages.count()) === 2, 'the phone’s own download');
    expect(added.value.pop3).toEqual(pop3);
    expect(await fixture.core.handle('device:add', { accountId: account.id, name: 'phone', mode: 'imap', pop: null, incoming: null })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    const renamed = await fixture.core.handle('device:rename', { accountId: account.id, deviceId: phone.id, name: 'Old phone' });
    expect(renamed.ok && renamed.value.devices.map((d) => d.name)).toEqual(['This computer', 'Old phone']);
    expect(await fixture.core.handle('device:remove', { accountId: account.id, deviceId: phone.id })).toMatchObject({ ok: true });
    Dexie.dependencies.indexedDB = fakeIdbOptions.indexedDB;
    Dexie.dependencies.IDBKeyRange = fakeIdbOptions.IDBKeyRange;
    expect(await Dexie.getDatabaseNames()).not.toContain(phone.dbName);
    expect((await poplibView(servers, user)).count).toBe(2);
    expect(await fixture.core.handle('device:remove', { accountId: account.id, deviceId: account.devices[0]!.id })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });
});
