import { appendFile, readFile, rename, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { FLAG_SEEN, serverFolderId } from '../../common/model/mail';
import { createUser, seedMessages, type MailUser } from '../servers';
import { changePassword } from '../servers/change-password';
import { instanceLayout, userHome } from '../servers/layout';
import { addPasswdEntry } from '../servers/passwd-file';
import { transcriptAsText } from '../../common/model/transcript';
import { accountDraft, addAccount, popAccountDraft, startCore, type CoreFixture } from '../support/core-fixture';
import { numberedMessages } from '../support/fixtures';
import { otherImapClient, serverFlags } from '../support/other-client';
import { startRecordingPop3Server } from '../support/recording-server';
import { TcpProxy } from '../support/tcp-proxy';
import { startTlsRelay } from '../support/tls-relay';
import { waitFor } from '../support/wait';
import { outgoingMessage } from '../support/outgoing';

// Issue 14, "every setting editable later": account:update against real Dovecot and SMTP.
const servers = inject('servers');
const INBOX = serverFolderId('INBOX');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

async function core(): Promise<CoreFixture> {
  const fixture = await startCore();
  cleanups.push(() => fixture.dispose());
  return fixture;
}

/** accounts.json and secrets.json as they are on disk: "nothing saved" means both unchanged. */
async function profileFiles(fixture: CoreFixture): Promise<string[]> {
  return Promise.all(['accounts.json', 'secrets.json'].map((name) => readFile(join(fixture.profileDir, name), 'utf8')));
}

/** The device's connection came back online after the `from`-th status event. */
function onlineAfter(fixture: CoreFixture, from: number, what: string): Promise<true> {
  return waitFor(() => fixture.events['device:status'].slice(from).some((s) => s.connection === 'online'), what, 30_000);
}

/**
 * Makes `user`'s login name stop working with its password: Dovecot reads the user's own passwd file
 * first and refuses a login whose entry says `nologin`; the SMTP server takes the shared file's last
 * line for a name, here one with another password. As change-password.ts does, the own file is
 * replaced by rename with an mtime Dovecot cannot have seen.
 */
async function retireLoginName(user: MailUser): Promise<void> {
  const { usersDir } = instanceLayout(servers.dir);
  const userFile = join(usersDir, user.user);
  const before = await stat(userFile);
  const [name, password, uid, gid, gecos, home] = (await readFile(userFile, 'utf8')).trimEnd().split(':');
  const partial = join(usersDir, `.${user.user}.${process.pid}.partial`);
  await writeFile(partial, `${[name, password, uid, gid, gecos, home, '', 'nologin reason=renamed'].join(':')}\n`, { encoding: 'utf8', mode: 0o644 });
  const later = new Date(before.mtimeMs + 10_000);
  await utimes(partial, later, later);
  await rename(partial, userFile);
  await appendFile(servers.passwdFile, `${[name, '{PLAIN}retired-login-name', uid, gid, gecos, home, '', ''].join(':')}\n`, { encoding: 'utf8', mode: 0o644 });
}

describe('account:update', () => {
  it('changes the display name alone: saved, published, no login check, no reconnect', async () => {
    const user = await createUser(servers);
    const fixture = await core();
    const { account } = await addAccount(fixture, accountDraft(servers, user, 'tls'));
    const published = fixture.events['accounts:changed'].length;
    const statuses = fixture.events['device:status'].length;
    const result = await fixture.core.handle('account:update', { accountId: account.id, displayName: '  Ann at work  ' });
    expect(result).toMatchObject({ ok: true, value: { id: account.id, displayName: 'Ann at work', imap: account.imap } });
    expect(JSON.parse((await profileFiles(fixture))[0]!)).toMatchObject({ accounts: [{ id: account.id, displayName: 'Ann at work' }] });
    expect(fixture.events['accounts:changed'].slice(published).at(-1)?.[0]?.displayName).toBe('Ann at work');
    expect(fixture.events['device:status'].slice(statuses).filter((s) => s.connection === 'connecting')).toEqual([]);
  });

  it('TLS → STARTTLS on another port: the device reconnects there and keeps its cached messages', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', numberedMessages(3));
    // The old address is a relay to the TLS port, closed after the change: only the new address works then.
    const old = await new TcpProxy(servers.imap.tlsPort).start();
    cleanups.push(() => old.stop());
    const fixture = await core();
    const draft = accountDraft(servers, user, 'tls');
    const { account, db } = await addAccount(fixture, { ...draft, incoming: { ...draft.incoming, port: old.port } });
    await waitFor(async () => (await db.messages.count()) === 3, 'the first sync');
    const idsBefore = (await db.messages.toArray()).map((m) => m.id).sort();
    const statuses = fixture.events['device:status'].length;

    const starttls = { ...account.imap!, port: servers.imap.starttlsPort, security: 'starttls' as const };
    const result = await fixture.core.handle('account:update', { accountId: account.id, imap: starttls });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.imap).toEqual(starttls);
    // The certificate the user trusted at setup is trusted on the new port too, without asking again.
    expect(result.value.trustedCertificates.map((c) => c.port)).toContain(servers.imap.starttlsPort);
    await onlineAfter(fixture, statuses, 'the device back online on the STARTTLS port');
    old.refuse(true);
    old.cutAll();
    expect((await db.messages.toArray()).map((m) => m.id).sort()).toEqual(idsBefore);
    // New mail arrives through the new connection.
    await seedMessages(servers, user, 'INBOX', numberedMessages(1, new Date('2026-02-01T00:00:00Z')));
    await fixture.core.handle('device:sync', { accountId: account.id, deviceId: account.devices[0]!.id });
    await waitFor(async () => (await db.messages.where('folderId').equals(INBOX).count()) === 4, 'the new message over STARTTLS');
    expect(fixture.core.accounts.get(account.id)?.imap).toEqual(starttls);
  });

  it('a change queued while the server was unreachable survives the move to a working server and is replayed', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', numberedMessages(2));
    const proxy = await new TcpProxy(servers.imap.tlsPort).start();
    cleanups.push(() => proxy.stop());
    const fixture = await core();
    const draft = accountDraft(servers, user, 'tls');
    const { account, db, ref } = await addAccount(fixture, { ...draft, incoming: { ...draft.incoming, port: proxy.port } });
    await waitFor(async () => (await db.messages.count()) === 2, 'the first sync through the old address');

    // The old address stops answering: the flag waits in the offline queue.
    proxy.refuse(true);
    proxy.cutAll();
    await waitFor(() => fixture.events['device:status'].at(-1)?.connection !== 'online' || undefined, 'the device to notice');
    const [first] = (await db.messages.toArray()).sort((a, b) => a.uid! - b.uid!);
    expect(await fixture.core.handle('messages:flag', { ...ref, messageIds: [first!.id], add: [FLAG_SEEN], remove: [] })).toMatchObject({ ok: true, value: { undoId: expect.any(String) as unknown } });
    expect(await db.pendingOps.count()).toBe(1);

    const result = await fixture.core.handle('account:update', { accountId: account.id, imap: draft.incoming });
    if (!result.ok) throw new Error(result.error.message);
    await waitFor(async () => (await db.pendingOps.count()) === 0, 'the queue replayed against the new server', 30_000);
    const other = await otherImapClient(servers, user);
    cleanups.push(() => other.logout());
    expect((await serverFlags(other, 'INBOX')).get(first!.uid!)).toContain(FLAG_SEEN);
    expect(await db.messages.count()).toBe(2);
  });

  it('a wrong new password is refused and nothing is saved, not even the servers changed with it', async () => {
    const user = await createUser(servers);
    const fixture = await core();
    const { account } = await addAccount(fixture, accountDraft(servers, user, 'tls'));
    const before = await profileFiles(fixture);
    const starttls = { ...account.imap!, port: servers.imap.starttlsPort, security: 'starttls' as const };
    const result = await fixture.core.handle('account:update', { accountId: account.id, displayName: 'Changed', imap: starttls, incomingPassword: 'not the password' });
    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    expect(await profileFiles(fixture)).toEqual(before);
    expect(fixture.core.accounts.get(account.id)).toMatchObject({ displayName: account.displayName, imap: account.imap });
  });

  it('an unreachable new server is refused with a clear error and nothing is saved', async () => {
    const user = await createUser(servers);
    const fixture = await core();
    const { account } = await addAccount(fixture, accountDraft(servers, user, 'tls'));
    const closed = await new TcpProxy(servers.imap.tlsPort).start();
    closed.refuse(true);
    cleanups.push(() => closed.stop());
    const before = await profileFiles(fixture);
    const result = await fixture.core.handle('account:update', { accountId: account.id, imap: { ...account.imap!, port: closed.port } });
    expect(result).toMatchObject({ ok: false });
    if (result.ok) return;
    expect(result.error.code).not.toBe('INTERNAL');
    expect(result.error.message.length).toBeGreaterThan(10);
    expect(await profileFiles(fixture)).toEqual(before);
  });

  it('a server with a certificate no one vouches for: refused with its fingerprint, saved once the user trusts it', async () => {
    const user = await createUser(servers);
    const fixture = await core();
    const { account } = await addAccount(fixture, accountDraft(servers, user, 'tls'));
    const other = await startTlsRelay(servers.imap.starttlsPort);
    cleanups.push(() => other.close());
    const moved = { ...account.imap!, port: other.port };
    const before = await profileFiles(fixture);
    const refused = await fixture.core.handle('account:update', { accountId: account.id, imap: moved });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CERT_UNTRUSTED', details: { certificate: { fingerprint256: other.fingerprint256 } } } });
    expect(await profileFiles(fixture)).toEqual(before);
    const trusted = await fixture.core.handle('account:update', { accountId: account.id, imap: moved, trustFingerprints: [other.fingerprint256] });
    if (!trusted.ok) throw new Error(trusted.error.message);
    expect(trusted.value.trustedCertificates).toContainEqual(expect.objectContaining({ port: other.port, fingerprint256: other.fingerprint256 }));
    // The certificate of the server the account left is no longer trusted for it.
    expect(trusted.value.trustedCertificates.map((c) => c.port)).not.toContain(servers.imap.tlsPort);
  });

  it('a changed host gets the saved password only when typed again or confirmed', async () => {
    const user = await createUser(servers);
    const fixture = await core();
    const { account } = await addAccount(fixture, accountDraft(servers, user, 'tls'));
    const listener = await startRecordingPop3Server();
    cleanups.push(() => listener.close());
    const before = await profileFiles(fixture);

    // The same machine by another name: for Porthole another host, which must be confirmed.
    const renamed = { ...account.imap!, host: 'localhost' };
    const refused = await fixture.core.handle('account:update', { accountId: account.id, imap: renamed });
    expect(refused).toMatchObject({ ok: false, error: { code: 'HOST_NOT_CONFIRMED', message: expect.stringContaining('localhost') as unknown } });
    const smtpRefused = await fixture.core.handle('account:update', { accountId: account.id, smtp: { ...account.smtp, host: 'localhost' } });
    expect(smtpRefused).toMatchObject({ ok: false, error: { code: 'HOST_NOT_CONFIRMED' } });
    expect(await profileFiles(fixture)).toEqual(before);

    // Confirmed for another host than the one changed: still refused.
    expect(await fixture.core.handle('account:update', { accountId: account.id, imap: renamed, sendSavedPasswordTo: ['elsewhere.example'] })).toMatchObject({ ok: false, error: { code: 'HOST_NOT_CONFIRMED' } });
    // A plain-text server needs its own yes, before anything connects.
    const plain = { host: '127.0.0.1', port: listener.port, security: 'none' as const, user: user.user };
    expect(await fixture.core.handle('account:update', { accountId: account.id, imap: plain, incomingPassword: 'typed' })).toMatchObject({ ok: false, error: { code: 'HOST_NOT_CONFIRMED', message: expect.stringContaining('unencrypted') as unknown } });
    expect(listener.connections).toBe(0);

    const confirmed = await fixture.core.handle('account:update', { accountId: account.id, imap: renamed, sendSavedPasswordTo: ['localhost'] });
    expect(confirmed).toMatchObject({ ok: true, value: { imap: renamed } });
    const typedAgain = await fixture.core.handle('account:update', { accountId: account.id, smtp: { ...account.smtp, host: 'localhost' }, incomingPassword: user.password });
    expect(typedAgain).toMatchObject({ ok: true, value: { smtp: { host: 'localhost' } } });
  });

  it('the address changes on the same account, but not to one another account on that server has', async () => {
    const user = await createUser(servers);
    const other = await createUser(servers);
    const fixture = await core();
    const { account, db } = await addAccount(fixture, accountDraft(servers, user, 'tls'));
    await addAccount(fixture, accountDraft(servers, other, 'tls', { address: 'shared@example.test' }));
    const renamed = await fixture.core.handle('account:update', { accountId: account.id, address: 'ann.new@example.test' });
    expect(renamed).toMatchObject({ ok: true, value: { id: account.id, address: 'ann.new@example.test', devices: account.devices } });
    expect(db.name).toBe(account.devices[0]!.dbName);
    const clash = await fixture.core.handle('account:update', { accountId: account.id, address: 'SHARED@example.test', imap: { ...account.imap!, user: other.user }, incomingPassword: other.password });
    expect(clash).toMatchObject({ ok: false, error: { code: 'ACCOUNT_EXISTS' } });
  });

  it('a password changed at the provider: the new one is checked, stored, and the device logs in with it', async () => {
    const user = await createUser(servers);
    const fixture = await core();
    const { account, ref } = await addAccount(fixture, accountDraft(servers, user, 'tls'));
    const changed = await changePassword(servers, user, 'a-brand-new-password');
    // Until Dovecot reads the new file, the old password may still work: wait until the new one does.
    await waitFor(async () => {
      const client = await otherImapClient(servers, changed);
      await client.logout();
      return true;
    }, 'the server to take the new password');
    expect(await fixture.core.handle('account:update', { accountId: account.id, incomingPassword: `${changed.password}-typo` })).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    const statuses = fixture.events['device:status'].length;
    const result = await fixture.core.handle('account:update', { accountId: account.id, incomingPassword: changed.password });
    expect(result).toMatchObject({ ok: true });
    const secrets = (await profileFiles(fixture))[1]!;
    expect(secrets).not.toContain(user.password);
    await onlineAfter(fixture, statuses, 'the device online with the new password');
    // SMTP shares the incoming password: sending works with the new one.
    const sent = await fixture.core.handle('message:send', outgoingMessage(ref, user.address, { subject: 'after the change', text: 'hi' }));
    expect(sent).toMatchObject({ ok: true });
    // The login check's lines (the wrong and the new password went through it) show neither.
    const lines = await fixture.core.handle('transcript:get', { accountId: account.id });
    if (!lines.ok) throw new Error(lines.error.message);
    expect(transcriptAsText(lines.value)).toContain('login check');
    expect(transcriptAsText(lines.value)).not.toContain(changed.password);
    expect(JSON.stringify(fixture.events['transcript:lines'])).not.toContain(changed.password);
  });

  it('a changed login name is checked, saved for IMAP and SMTP, and the device logs in with it, keeping its cached mail', async () => {
    const user = await createUser(servers);
    // A second login name for the same mailbox (same home, so the same Maildir) and the same password.
    const renamed = { ...user, user: `renamed-${user.user}` };
    await addPasswdEntry(servers.passwdFile, instanceLayout(servers.dir).usersDir, { name: renamed.user, password: user.password, uid: servers.mailUid, gid: servers.mailGid, home: userHome(servers.dir, user.user) });
    await seedMessages(servers, user, 'INBOX', numberedMessages(2));
    const fixture = await core();
    const { account, db, ref } = await addAccount(fixture, accountDraft(servers, user, 'tls'));
    await waitFor(async () => (await db.messages.count()) === 2, 'the first sync');
    const idsBefore = (await db.messages.toArray()).map((m) => m.id).sort();

    // The check logs in with the new name: one the server does not know is refused, nothing saved.
    const before = await profileFiles(fixture);
    expect(await fixture.core.handle('account:update', { accountId: account.id, imap: { ...account.imap!, user: `unknown-${user.user}` } })).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    expect(await profileFiles(fixture)).toEqual(before);

    // The provider retires the old login name: from here on only the new one logs in, to Dovecot and to SMTP.
    await retireLoginName(user);
    await waitFor(() => otherImapClient(servers, user).then((client) => client.logout().then(() => false), () => true), 'the old login name to be refused');

    const statuses = fixture.events['device:status'].length;
    const imap = { ...account.imap!, user: renamed.user };
    const smtp = { ...account.smtp, user: renamed.user };
    const result = await fixture.core.handle('account:update', { accountId: account.id, imap, smtp });
    if (!result.ok) throw new Error(`${result.error.code} ${result.error.message}`);
    expect(result.value).toMatchObject({ id: account.id, imap, smtp, devices: account.devices });
    const list = await fixture.core.handle('accounts:list', null);
    expect(list).toMatchObject({ ok: true, value: [{ id: account.id, imap: { user: renamed.user }, smtp: { user: renamed.user } }] });
    expect(JSON.parse((await profileFiles(fixture))[0]!)).toMatchObject({ accounts: [{ id: account.id, imap: { user: renamed.user }, smtp: { user: renamed.user } }] });

    await onlineAfter(fixture, statuses, 'the device online with the new login name');
    expect((await db.messages.toArray()).map((m) => m.id).sort()).toEqual(idsBefore);
    await seedMessages(servers, user, 'INBOX', numberedMessages(1, new Date('2026-03-01T00:00:00Z')));
    await fixture.core.handle('device:sync', ref);
    await waitFor(async () => (await db.messages.where('folderId').equals(INBOX).count()) === 3, 'the new message, fetched with the new login name');
    expect((await db.messages.toArray()).map((m) => m.id).filter((id) => idsBefore.includes(id)).sort()).toEqual(idsBefore);
    // SMTP logs in with the new name too.
    const sent = await fixture.core.handle('message:send', outgoingMessage(ref, user.address, { subject: 'after the rename', text: 'hi' }));
    expect(sent).toMatchObject({ ok: true });
  });

  it('a POP3 account moves from TLS to STLS: checked, saved, and its device keeps what it downloaded', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', numberedMessages(2));
    const fixture = await core();
    const { account, db, ref } = await addAccount(fixture, popAccountDraft(servers, user, 'tls'));
    await fixture.core.handle('device:sync', ref);
    await waitFor(async () => (await db.messages.count()) === 2, 'the first POP download');
    const idsBefore = (await db.messages.toArray()).map((m) => m.id).sort();
    const stls = { ...account.pop3!, port: servers.pop3.stlsPort, security: 'starttls' as const };
    const result = await fixture.core.handle('account:update', { accountId: account.id, pop3: stls });
    expect(result).toMatchObject({ ok: true, value: { pop3: stls, imap: null } });
    await seedMessages(servers, user, 'INBOX', numberedMessages(1, new Date('2026-04-01T00:00:00Z')));
    await fixture.core.handle('device:sync', ref);
    await waitFor(async () => (await db.messages.count()) === 3, 'the next POP download over STLS');
    expect((await db.messages.toArray()).map((m) => m.id).filter((id) => idsBefore.includes(id)).sort()).toEqual(idsBefore);
    // Only servers the account has: an IMAP server is added with a device, not here.
    expect(await fixture.core.handle('account:update', { accountId: account.id, imap: { ...stls, port: servers.imap.tlsPort, security: 'tls' } })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });
});
