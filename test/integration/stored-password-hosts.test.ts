import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { DEFAULT_POP_SETTINGS, type ServerEndpoint } from '../../common/model/account';
import { LOCAL_FOLDER_IDS } from '../../common/model/mail';
import { createUser, seedMessages } from '../servers';
import { accountDraft, addAccount, popAccountDraft, startCore, type CoreFixture } from '../support/core-fixture';
import { numberedMessages } from '../support/fixtures';
import { openCacheForReading } from '../support/in-process-cache-host';
import { startRecordingPop3Server, type RecordingServer } from '../support/recording-server';
import { waitFor } from '../support/wait';

// Issue 11, item 12: a stored password goes only to the hosts the account was set up with.
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

async function recorder(): Promise<RecordingServer> {
  const server = await startRecordingPop3Server();
  cleanups.push(() => server.close());
  return server;
}

const NO_POLL = { ...DEFAULT_POP_SETTINGS, checkEveryMinutes: null };
const KEEP_ALL = { upload: false, pushStates: false, copyFolders: [] };

describe('a stored password and the hosts it may go to', () => {
  it('device:add, switchPreview and switchMode never send the stored password to a host the caller names', async () => {
    const user = await createUser(servers);
    const fixture = await core();
    const { account, ref } = await addAccount(fixture, accountDraft(servers, user, 'tls'));
    const listener = await recorder();
    const elsewhere: ServerEndpoint = { host: '127.0.0.1', port: listener.port, security: 'none', user: user.user };

    const added = await fixture.core.handle('device:add', { accountId: account.id, name: 'Phone', mode: 'pop3', pop: NO_POLL, incoming: elsewhere, allowPlaintext: true });
    const previewed = await fixture.core.handle('device:switchPreview', { ...ref, to: 'pop3', incoming: elsewhere, allowPlaintext: true });
    const switched = await fixture.core.handle('device:switchMode', { ...ref, to: 'pop3', incoming: elsewhere, allowPlaintext: true, options: KEEP_ALL });

    expect(listener.lines.filter((line) => line.includes(user.password))).toEqual([]);
    for (const result of [added, previewed, switched]) {
      expect(result).toMatchObject({ ok: false, error: { code: 'HOST_NOT_CONFIRMED', message: expect.stringContaining(`127.0.0.1, port ${listener.port}`) as unknown } });
    }
    expect(fixture.core.accounts.get(account.id)).toMatchObject({ pop3: null, devices: [{ mode: 'imap' }] });
  });

  it('a clear-text host needs allowPlaintext even with a typed password; nothing connects before', async () => {
    const user = await createUser(servers);
    const fixture = await core();
    const { account } = await addAccount(fixture, accountDraft(servers, user, 'tls'));
    const listener = await recorder();
    const elsewhere: ServerEndpoint = { host: '127.0.0.1', port: listener.port, security: 'none', user: user.user };
    const added = await fixture.core.handle('device:add', { accountId: account.id, name: 'Phone', mode: 'pop3', pop: NO_POLL, incoming: elsewhere, password: 'typed here' });
    expect(added).toMatchObject({ ok: false, error: { code: 'HOST_NOT_CONFIRMED', message: expect.stringContaining('unencrypted') as unknown } });
    expect(listener.connections).toBe(0);
  });

  it('a typed password goes to the new host alone, and is not stored when its login fails', async () => {
    const user = await createUser(servers);
    const fixture = await core();
    const { account } = await addAccount(fixture, accountDraft(servers, user, 'tls'));
    const listener = await recorder();
    const elsewhere: ServerEndpoint = { host: '127.0.0.1', port: listener.port, security: 'none', user: user.user };
    const added = await fixture.core.handle('device:add', { accountId: account.id, name: 'Phone', mode: 'pop3', pop: NO_POLL, incoming: elsewhere, password: 'typed for the recorder', allowPlaintext: true });
    expect(added).toMatchObject({ ok: false });
    expect(listener.lines).toContain('PASS typed for the recorder');
    expect(listener.lines.filter((line) => line.includes(user.password))).toEqual([]);
    expect(await readFile(join(fixture.profileDir, 'secrets.json'), 'utf8')).not.toContain('typed for the recorder');
    expect(fixture.core.accounts.get(account.id)).toMatchObject({ pop3: null });
  });

  it('typing the password for the new server makes it work; from then on the server is the account’s', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', numberedMessages(2));
    const fixture = await core();
    const { account } = await addAccount(fixture, accountDraft(servers, user, 'tls'));
    const pop3 = popAccountDraft(servers, user, 'tls').incoming;
    const withoutPassword = await fixture.core.handle('device:add', { accountId: account.id, name: 'Phone', mode: 'pop3', pop: NO_POLL, incoming: pop3 });
    expect(withoutPassword).toMatchObject({ ok: false, error: { code: 'HOST_NOT_CONFIRMED' } });
    const added = await fixture.core.handle('device:add', { accountId: account.id, name: 'Phone', mode: 'pop3', pop: NO_POLL, incoming: pop3, password: user.password });
    if (!added.ok) throw new Error(added.error.message);
    expect(added.value.pop3).toEqual(pop3);
    const phone = openCacheForReading(added.value.devices.find((d) => d.name === 'Phone')!.dbName);
    await waitFor(async () => (await phone.messages.where('folderId').equals(LOCAL_FOLDER_IDS.inbox).count()) === 2 || undefined, 'the Phone’s download');
    // Confirmed now: a second POP device needs no password.
    expect(await fixture.core.handle('device:add', { accountId: account.id, name: 'Tablet', mode: 'pop3', pop: NO_POLL, incoming: null })).toMatchObject({ ok: true });
  });

  it('a server added with its own password logs in with that password from then on, not the account’s', async () => {
    const owner = await createUser(servers);
    const other = await createUser(servers);
    await seedMessages(servers, other, 'INBOX', numberedMessages(2));
    const fixture = await core();
    const { account } = await addAccount(fixture, accountDraft(servers, owner, 'tls'));
    const pop3 = { ...popAccountDraft(servers, other, 'tls').incoming, user: other.user };
    const added = await fixture.core.handle('device:add', { accountId: account.id, name: 'Phone', mode: 'pop3', pop: NO_POLL, incoming: pop3, password: other.password });
    if (!added.ok) throw new Error(added.error.message);
    const phone = openCacheForReading(added.value.devices.find((d) => d.name === 'Phone')!.dbName);
    await waitFor(async () => (await phone.messages.where('folderId').equals(LOCAL_FOLDER_IDS.inbox).count()) === 2 || undefined, 'the Phone’s download with its own password');
  });
});
