import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Security } from '../../common/model/account';
import { createUser, seedMessages } from '../servers';
import { addAccount, popAccountDraft, startCore, type CoreFixture } from '../support/core-fixture';
import { numberedMessages } from '../support/fixtures';
import { Pop3FaultProxy } from '../support/pop3-fault-proxy';
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

async function proxy(): Promise<Pop3FaultProxy> {
  const started = await new Pop3FaultProxy(servers.pop3.stlsPort).start();
  cleanups.push(() => started.stop());
  return started;
}

describe('adding a POP3 account checks the login first', () => {
  it.each<Security>(['tls', 'starttls'])('adds an account with security %s and downloads the maildrop into the local Inbox', async (security) => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', numberedMessages(3));
    const fixture = await core();
    const { account, db } = await addAccount(fixture, popAccountDraft(servers, user, security));
    expect(account.devices[0]).toMatchObject({ mode: 'pop3', pop: { retention: { kind: 'keep' } } });
    await waitFor(async () => (await db.messages.count()) === 3, 'the first download');
    const folders = await db.folders.toArray();
    expect(folders.map((f) => [f.role, f.origin]).sort()).toEqual([['drafts', 'local'], ['inbox', 'local'], ['sent', 'local'], ['trash', 'local']]);
  });

  it('logs in with APOP on an unencrypted connection, so the password never crosses the wire', async () => {
    const user = await createUser(servers);
    const relay = await proxy();
    const fixture = await core();
    const draft = popAccountDraft(servers, user, 'none');
    await addAccount(fixture, { ...draft, incoming: { ...draft.incoming, port: relay.port } });
    expect(relay.count('APOP')).toBeGreaterThan(0);
    expect(relay.count('PASS')).toBe(0);
    expect(relay.count('AUTH')).toBe(0);
    // CAPA is read before anything else after the greeting.
    expect(relay.commands[0]?.verb).toBe('CAPA');
  });

  it('uses SASL PLAIN over TLS', async () => {
    const user = await createUser(servers);
    const fixture = await core();
    const transcript: string[] = [];
    const { openPop3 } = await import('../../main/protocols/pop3/pop3-connection');
    const opened = await openPop3({ endpoint: popAccountDraft(servers, user, 'starttls').incoming, password: user.password, trusted: (await addAccount(fixture, popAccountDraft(servers, user, 'starttls'))).account.trustedCertificates, transcript: (line) => transcript.push(line.text) });
    expect(opened.authMethod).toBe('SASL PLAIN');
    expect(opened.session.encrypted).toBe(true);
    await opened.session.quit();
    expect(transcript.join('\n')).not.toContain(user.password);
    expect(transcript.join('\n')).not.toContain(Buffer.from(`\0${user.user}\0${user.password}`).toString('base64'));
    expect(transcript).toContain('AUTH PLAIN ********');
  });

  it('refuses a wrong password with AUTH_FAILED', async () => {
    const user = await createUser(servers);
    const fixture = await core();
    const result = await fixture.core.handle('account:add', popAccountDraft(servers, user, 'tls', {}, { incomingPassword: 'nope' }));
    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', details: { service: 'pop3' } } });
  });

  it('shows the untrusted certificate of the POP3 server with its fingerprint', async () => {
    const user = await createUser(servers);
    const fixture = await core();
    for (const security of ['tls', 'starttls'] as const) {
      const result = await fixture.core.handle('account:add', popAccountDraft(servers, user, security, {}, { trustFingerprints: [] }));
      expect(result).toMatchObject({ ok: false, error: { code: 'CERT_UNTRUSTED', details: { service: 'pop3', certificate: { fingerprint256: servers.certificate.fingerprint256 } } } });
    }
  });

  it('refuses, with an explanation, the retention choices that need UIDL on a server without it', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', numberedMessages(2));
    const relay = await proxy();
    relay.withoutUidl = true;
    const fixture = await core();
    const draft = popAccountDraft(servers, user, 'none');
    const viaProxy = { ...draft.incoming, port: relay.port };
    const refused = await fixture.core.handle('account:add', { ...draft, incoming: viaProxy, pop: { ...draft.pop!, retention: { kind: 'keep' } } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('UIDL') as unknown } });

    // Right after download works: downloaded, committed, deleted, nothing twice.
    const { db, ref } = await addAccount(fixture, { ...draft, incoming: viaProxy, pop: { ...draft.pop!, retention: { kind: 'delete-after-download' } } });
    await waitFor(async () => (await db.messages.count()) === 2, 'the download');
    await waitFor(async () => (await poplibView(servers, user)).count === 0, 'the server copies to go');
    const again = await fixture.core.handle('device:configure', { ...ref, pop: { retention: { kind: 'delete-after-days', days: 14 }, checkEveryMinutes: null, headersOnlyOverBytes: null } });
    expect(again).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('UIDL') as unknown } });
    await fixture.core.handle('device:sync', ref);
    expect(await db.messages.count()).toBe(2);
  });
});
