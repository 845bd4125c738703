import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Security } from '../../common/model/account';
import { connectionEnglish, type TranscriptEntry } from '../../common/model/transcript';
import { openPop3 } from '../../main/protocols/pop3/pop3-connection';
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

/**
 * The client's commands in each POP3 session of a transcript, up to its login command. A session
 * starts with a server line that answers no command (the greeting).
 */
function popSessionsUntilLogin(entries: TranscriptEntry[]): string[][] {
  const sessions: string[][] = [];
  const open = new Map<string, { commands: string[]; loggedIn: boolean }>();
  const previous = new Map<string, TranscriptEntry['direction']>();
  for (const entry of entries.filter((e) => e.service === 'pop3')) {
    const connection = connectionEnglish(entry.connection);
    const last = previous.get(connection);
    previous.set(connection, entry.direction);
    if (entry.direction === 'server' && last !== 'client' && /^(\+OK|-ERR)/.test(entry.text)) {
      const session = { commands: [], loggedIn: false };
      open.set(connection, session);
      sessions.push(session.commands);
      continue;
    }
    const session = open.get(connection);
    if (entry.direction !== 'client' || !session || session.loggedIn) continue;
    session.commands.push(entry.text);
    session.loggedIn = /^(AUTH|APOP|PASS) /.test(entry.text);
  }
  return sessions;
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
    // RFC 2595 §4: after STLS the client forgets what CAPA said and asks again, inside TLS,
    // before it logs in; with TLS from the first byte, CAPA comes first.
    const transcript = await fixture.core.handle('transcript:get', { accountId: account.id });
    if (!transcript.ok) throw new Error('transcript:get failed');
    const sessions = popSessionsUntilLogin(transcript.value);
    expect(sessions.length).toBeGreaterThanOrEqual(2); // the login check and the first check
    const expected = security === 'starttls' ? ['CAPA', 'STLS', 'CAPA', 'AUTH PLAIN ********'] : ['CAPA', 'AUTH PLAIN ********'];
    for (const session of sessions) expect(session).toEqual(expected);
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
    const opened = await openPop3({ endpoint: popAccountDraft(servers, user, 'starttls').incoming, password: user.password, trusted: (await addAccount(fixture, popAccountDraft(servers, user, 'starttls'))).account.trustedCertificates, transcript: (line) => transcript.push(line.text) });
    expect(opened.authMethod).toBe('SASL PLAIN');
    expect(opened.session.encrypted).toBe(true);
    await opened.session.quit();
    expect(transcript.join('\n')).not.toContain(user.password);
    expect(transcript.join('\n')).not.toContain(Buffer.from(`\0${user.user}\0${user.password}`).toString('base64'));
    expect(transcript).toContain('AUTH PLAIN ********');
  });

  it('uses SASL LOGIN when the server offers LOGIN but not PLAIN, and keeps the password out of the transcript', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', numberedMessages(2));
    const relay = await proxy();
    relay.withoutApop = true;
    relay.saslMechanisms = ['LOGIN'];
    const transcript: string[] = [];
    const opened = await openPop3({ endpoint: { ...popAccountDraft(servers, user, 'none').incoming, port: relay.port }, password: user.password, trusted: [], transcript: (line) => transcript.push(line.text) });
    expect(opened.authMethod).toBe('SASL LOGIN');
    expect(opened.capabilities.get('SASL')).toBe('LOGIN');
    // Logged in for real: the maildrop is readable.
    expect(await opened.session.stat()).toMatchObject({ count: 2 });
    await opened.session.quit();
    // On the wire: AUTH LOGIN, then the user name and the password, each base64 (draft-murchison-sasl-login).
    const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
    // (The relay logs each line's first word upper-cased.)
    expect(relay.commands.map((c) => [c.verb, c.argument]).slice(0, 4)).toEqual([['CAPA', ''], ['AUTH', 'LOGIN'], [base64(user.user).toUpperCase(), ''], [base64(user.password).toUpperCase(), '']]);
    expect(relay.count('PASS') + relay.count('APOP') + relay.count('USER')).toBe(0);
    // In the transcript: the password in no form.
    const text = transcript.join('\n');
    expect(text).not.toContain(user.password);
    expect(text).not.toContain(base64(user.password));
    expect(transcript).toEqual(expect.arrayContaining(['AUTH LOGIN', base64(user.user), '********']) as unknown);
  });

  it('falls back to USER/PASS when the server offers neither APOP nor SASL', async () => {
    const user = await createUser(servers);
    const relay = await proxy();
    relay.withoutApop = true;
    relay.saslMechanisms = [];
    const transcript: string[] = [];
    const opened = await openPop3({ endpoint: { ...popAccountDraft(servers, user, 'none').incoming, port: relay.port }, password: user.password, trusted: [], transcript: (line) => transcript.push(line.text) });
    expect(opened.authMethod).toBe('USER/PASS');
    expect(opened.capabilities.has('SASL')).toBe(false);
    expect(await opened.session.stat()).toMatchObject({ count: 0 });
    await opened.session.quit();
    expect(relay.commands.map((c) => c.verb).slice(0, 3)).toEqual(['CAPA', 'USER', 'PASS']);
    expect(relay.count('AUTH') + relay.count('APOP')).toBe(0);
    expect(transcript.join('\n')).not.toContain(user.password);
    expect(transcript).toContain('PASS ********');
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
