import { createServer } from 'node:net';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Security } from '../../common/model/account';
import { accountDraft, addAccount, startCore, type CoreFixture } from '../support/core-fixture';
import Dexie from 'dexie';
import { createUser, makeMessage, seedMessages } from '../servers';
import { otherImapClient, serverSubjects } from '../support/other-client';
import { fakeIdbOptions } from '../support/in-process-cache-host';
import type { DeviceCache } from '../../renderer/cache-host/schema';
import { waitFor } from '../support/wait';

const servers = inject('servers');
let fixture: CoreFixture | null = null;

afterEach(async () => {
  await fixture?.dispose();
  fixture = null;
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('adding an IMAP account checks the login first', () => {
  it.each<Security>(['tls', 'starttls', 'none'])('adds an account with security %s and lists its SPECIAL-USE folders', async (security) => {
    fixture = await startCore();
    const user = await createUser(servers);
    const { account, db } = await addAccount(fixture, accountDraft(servers, user, security));
    expect(account.devices).toHaveLength(1);
    const folders = await waitForFolders(db);
    expect(Object.fromEntries(folders.filter((f) => f.role).map((f) => [f.role, f.path]))).toMatchObject({ inbox: 'INBOX', sent: 'Sent', drafts: 'Drafts', trash: 'Trash', junk: 'Junk' });
    const list = await fixture.core.handle('accounts:list', null);
    expect(list.ok && list.value.map((a) => a.address)).toEqual([user.address]);
    // The password is in the secret store, never in the account list.
    expect(JSON.stringify(list)).not.toContain(user.password);
  });

  it('refuses a wrong password with AUTH_FAILED and saves nothing', async () => {
    fixture = await startCore();
    const user = await createUser(servers);
    const result = await fixture.core.handle('account:add', accountDraft(servers, user, 'tls', { incomingPassword: 'wrong-password' }));
    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', details: { service: 'imap' } } });
    const list = await fixture.core.handle('accounts:list', null);
    expect(list).toEqual({ ok: true, value: [] });
  });

  it('refuses a wrong SMTP password separately', async () => {
    fixture = await startCore();
    const user = await createUser(servers);
    const draft = accountDraft(servers, user, 'starttls');
    const result = await fixture.core.handle('account:add', { ...draft, smtpPassword: 'not-the-password' });
    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', details: { service: 'smtp' } } });
  });

  it.each<Security>(['tls', 'starttls'])('shows an untrusted certificate (%s) with its fingerprint, and trusts it only when asked', async (security) => {
    fixture = await startCore();
    const user = await createUser(servers);
    const untrusted = await fixture.core.handle('account:add', accountDraft(servers, user, security, { trustFingerprints: [] }));
    expect(untrusted).toMatchObject({ ok: false, error: { code: 'CERT_UNTRUSTED', details: { service: 'imap', certificate: { fingerprint256: servers.certificate.fingerprint256 } } } });
    const wrongPin = await fixture.core.handle('account:add', accountDraft(servers, user, security, { trustFingerprints: ['AA:'.repeat(31) + 'AA'] }));
    expect(wrongPin).toMatchObject({ ok: false, error: { code: 'CERT_UNTRUSTED' } });
    const { account } = await addAccount(fixture, accountDraft(servers, user, security));
    expect(account.trustedCertificates.map((c) => c.fingerprint256)).toContain(servers.certificate.fingerprint256);
  });

  it('says the port is closed when nothing listens', async () => {
    fixture = await startCore();
    const user = await createUser(servers);
    const draft = accountDraft(servers, user, 'tls');
    const result = await fixture.core.handle('account:add', { ...draft, incoming: { ...draft.incoming, port: await closedPort() } });
    expect(result).toMatchObject({ ok: false, error: { code: 'CONNECTION_REFUSED' } });
  });

  it('says the host does not exist', async () => {
    fixture = await startCore();
    const user = await createUser(servers);
    const draft = accountDraft(servers, user, 'tls');
    const result = await fixture.core.handle('account:add', { ...draft, incoming: { ...draft.incoming, host: 'no-such-host.invalid' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'HOST_NOT_FOUND' } });
  });

  it('explains a TLS setting that does not match the port, both ways', async () => {
    fixture = await startCore();
    const user = await createUser(servers);
    const draft = accountDraft(servers, user, 'tls');
    const tlsOnPlainPort = await fixture.core.handle('account:add', { ...draft, incoming: { ...draft.incoming, port: servers.imap.starttlsPort } });
    expect(tlsOnPlainPort).toMatchObject({ ok: false, error: { code: 'TLS_MISMATCH' } });
    const plainOnTlsPort = await fixture.core.handle('account:add', { ...draft, incoming: { ...draft.incoming, security: 'starttls', port: servers.imap.tlsPort } });
    expect(plainOnTlsPort).toMatchObject({ ok: false, error: { code: 'TLS_MISMATCH', message: expect.stringContaining('expects TLS') as unknown } });
  });

  it('removes an account from this computer only: its cache and password go, the server keeps the mail', async () => {
    fixture = await startCore();
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', [{ raw: makeMessage({ subject: 'Still on the server' }) }]);
    const { account, db } = await addAccount(fixture, accountDraft(servers, user, 'tls'));
    await waitFor(async () => (await db.messages.count()) === 1, 'the sync');
    expect(await fixture.core.handle('account:remove', { accountId: account.id })).toEqual({ ok: true, value: null });
    expect(await fixture.core.handle('accounts:list', null)).toEqual({ ok: true, value: [] });
    expect(await fixture.core.secrets.get(`${account.id}/incoming`)).toBeNull();
    Dexie.dependencies.indexedDB = fakeIdbOptions.indexedDB;
    Dexie.dependencies.IDBKeyRange = fakeIdbOptions.IDBKeyRange;
    expect((await Dexie.getDatabaseNames()).includes(db.name)).toBe(false);
    const other = await otherImapClient(servers, user);
    try {
      expect(await serverSubjects(other, 'INBOX')).toEqual(['Still on the server']);
    } finally {
      await other.logout();
    }
  });

  it('rejects malformed arguments with a typed error instead of throwing', async () => {
    fixture = await startCore();
    const result = await fixture.core.handle('account:add', { address: 42 });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });
});

async function waitForFolders(db: DeviceCache) {
  return waitFor(async () => {
    const folders = await db.folders.toArray();
    return folders.length >= 5 ? folders : undefined;
  }, 'the folder list in the cache');
}
