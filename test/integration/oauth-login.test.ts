import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { connect, createServer, type Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Events } from '../../common/contract';
import { FLAG_FLAGGED, serverFolderId } from '../../common/model/mail';
import { transcriptAsText, type TranscriptEntry } from '../../common/model/transcript';
import { FileSecretStore, secretKey } from '../../main/accounts/secret-store';
import { type PortholeCore } from '../../main/core/porthole-core';
import { oauthSecretKey, parseStoredTokens } from '../../main/oauth/stored-tokens';
import { OAuthProviders } from '../../main/oauth/oauth-providers';
import { OAuthTokens } from '../../main/oauth/oauth-tokens';
import type { TokenSource } from '../../main/oauth/token-source';
import { connectImap } from '../../main/protocols/imap/imap-connection';
import { openPop3 } from '../../main/protocols/pop3/pop3-connection';
import { oauthInitialResponse } from '../../main/protocols/sasl-oauth';
import { submitMessage, verifySmtpLogin } from '../../main/protocols/smtp/smtp-client';
import { TranscriptStore } from '../../main/transcript/transcript-store';
import { createUser, doveadm, seedMessages, type MailUser, type TestServerInfo } from '../servers';
import { instanceLayout } from '../servers/layout';
import { startOAuthMailServers, type OAuthMailServers } from '../servers/oauth-mail';
import { SMTP_SIZE_LIMIT } from '../servers/smtp';
import { introspectToken, TEST_PROVIDER, type RunningOAuthServer } from '../servers/oauth-server';
import { accountDraft, popAccountDraft } from '../support/core-fixture';
import { numberedMessages } from '../support/fixtures';
import { openCacheForReading } from '../support/in-process-cache-host';
import { startOAuthCore, type OAuthCore } from '../support/oauth-core';
import { otherImapClient, serverFlags } from '../support/other-client';
import { waitFor } from '../support/wait';
import { statusEnglish } from '../support/main-words';
import { outgoingMessage } from '../support/outgoing';

/**
 * OAuth2 logins against real servers: Dovecot with its oauth2 passdb and the SMTP test server both
 * introspect every token at a real authorization server (oidc-provider), which issued it.
 */
let oauthMail: OAuthMailServers;
let oauth: RunningOAuthServer;
let servers: TestServerInfo;
let clientsFile: string;
let workDir: string;

beforeAll(async () => {
  oauthMail = await startOAuthMailServers();
  ({ oauth, clientsFile } = oauthMail);
  servers = oauthMail.mail.info;
  workDir = dirname(clientsFile);
});

afterAll(async () => {
  await oauthMail?.stop();
});

/** Porthole's own token manager, as the core builds it, with a sign-in of `user` waiting as a grant. */
async function signedIn(user: MailUser): Promise<{ tokens: TokenSource; accessToken: string; refreshToken: string; manager: OAuthTokens }> {
  const issued = await oauth.issueTokens(user.user);
  const manager = new OAuthTokens({ secrets: new FileSecretStore(workDir), providers: new OAuthProviders({ clientFiles: [clientsFile], requestTimeoutMs: 10_000 }), requestTimeoutMs: 10_000, now: Date.now });
  const grantId = manager.holdGrant({ provider: TEST_PROVIDER, accessToken: issued.accessToken, refreshToken: issued.refreshToken, expiresAt: Date.now() + 3_600_000 }, user.address);
  return { tokens: manager.pendingGrant(grantId).tokens, ...issued, manager };
}

/** Tokens no authorization server issued: each rejection is answered with another made-up one. */
function madeUpTokens(): TokenSource & { rejected: string[] } {
  const rejected: string[] = [];
  return {
    rejected,
    accessToken: () => Promise.resolve('made-up-token-1'),
    afterRejection: (token) => {
      rejected.push(token);
      return Promise.resolve('made-up-token-2');
    },
  };
}

/** A transcript as the core keeps it (redacted on the way in), for one connection. */
function transcript(): { store: TranscriptStore; sink: ReturnType<TranscriptStore['sink']>; text: () => string } {
  const store = new TranscriptStore(Date.now, () => undefined);
  return { store, sink: store.sink('account', { device: null, role: 'loginCheck' }), text: () => store.get('account').map((e: TranscriptEntry) => `${e.service} ${e.direction === 'client' ? 'C' : 'S'}: ${e.text}`).join('\n') };
}

/** Dovecot's submission service, which the servers run with `oauth2` (test/servers/dovecot-config.ts). */
function submissionPort(): number {
  if (servers.oauthSubmissionPort === null) throw new Error('the test servers run no submission service');
  return servers.oauthSubmissionPort;
}

/** Every form a token could take on the wire: itself, base64, and the SASL messages that carry it. */
function tokenForms(token: string, user: string, port: number): string[] {
  return [token, Buffer.from(token).toString('base64'), oauthInitialResponse('XOAUTH2', user, token, { host: '127.0.0.1', port }), oauthInitialResponse('OAUTHBEARER', user, token, { host: '127.0.0.1', port })];
}

/**
 * A relay to Dovecot's plain IMAP port that plays a server offering AUTH=XOAUTH2 but not
 * AUTH=OAUTHBEARER (as Microsoft 365's IMAP does): it drops OAUTHBEARER from the capabilities the
 * server announces, whole lines at a time. Dovecot offers both, and OAUTHBEARER is taken whenever
 * it is offered. Returns the relay's port; it closes after the test.
 */
async function imapWithoutOAuthBearer(): Promise<number> {
  const sockets = new Set<Socket>();
  const relay = createServer((client) => {
    const upstream = connect(servers.imap.starttlsPort, servers.host);
    const close = (): void => {
      client.destroy();
      upstream.destroy();
    };
    sockets.add(client).add(upstream);
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    client.pipe(upstream);
    let pending = '';
    upstream.on('data', (chunk: Buffer) => {
      pending += chunk.toString('latin1');
      const end = pending.lastIndexOf('\r\n') + 2;
      if (end < 2) return;
      client.write(Buffer.from(pending.slice(0, end).replace(/ AUTH=OAUTHBEARER\b/gi, ''), 'latin1'));
      pending = pending.slice(end);
    });
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => relay.close(() => resolve()));
  });
  return (relay.address() as { port: number }).port;
}

describe('OAuth2 logins at IMAP, POP3 and SMTP servers that introspect the token', () => {
  it('IMAP: AUTHENTICATE OAUTHBEARER with a real token logs in; the transcript never shows the token', async () => {
    const user = await createUser(servers);
    const { tokens, accessToken } = await signedIn(user);
    const log = transcript();
    const client = await connectImap({ endpoint: { host: servers.host, port: servers.imap.tlsPort, security: 'tls', user: user.user }, oauth2: tokens, trusted: [{ host: servers.host, port: servers.imap.tlsPort, fingerprint256: servers.certificate.fingerprint256, anchorPem: servers.certificate.pem }], transcript: log.sink }, { disableAutoIdle: true });
    const inbox = await client.status('INBOX', { messages: true });
    await client.logout();
    expect(inbox).toMatchObject({ messages: 0 });
    expect(log.text()).toMatch(/C: \S+ AUTHENTICATE OAUTHBEARER/);
    for (const form of tokenForms(accessToken, user.user, servers.imap.tlsPort)) expect(log.text()).not.toContain(form);
  });

  it('IMAP: a made-up token is refused, tried once more after asking the source, then AUTH_FAILED', async () => {
    const user = await createUser(servers);
    const tokens = madeUpTokens();
    const failure = await connectImap({ endpoint: { host: servers.host, port: servers.imap.starttlsPort, security: 'none', user: user.user }, oauth2: tokens, trusted: [] }, { disableAutoIdle: true }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ wire: { code: 'AUTH_FAILED' } });
    expect(tokens.rejected).toEqual(['made-up-token-1']);
  });

  it('IMAP: a user’s password sent as a token, and a real token for another user, are refused', async () => {
    const user = await createUser(servers);
    const other = await createUser(servers);
    const { tokens: othersTokens } = await signedIn(other);
    const endpoint = { host: servers.host, port: servers.imap.starttlsPort, security: 'none' as const, user: user.user };
    const asToken = { accessToken: () => Promise.resolve(user.password), afterRejection: () => Promise.resolve(user.password) };
    await expect(connectImap({ endpoint, oauth2: asToken, trusted: [] }, { disableAutoIdle: true })).rejects.toMatchObject({ wire: { code: 'AUTH_FAILED' } });
    await expect(connectImap({ endpoint, oauth2: othersTokens, trusted: [] }, { disableAutoIdle: true })).rejects.toMatchObject({ wire: { code: 'AUTH_FAILED' } });
    // Passwords still work beside tokens.
    const client = await connectImap({ endpoint, password: user.password, trusted: [] }, { disableAutoIdle: true });
    await client.logout();
  });

  it('IMAP: AUTHENTICATE XOAUTH2 with a real token logs in at a server that offers no OAUTHBEARER, and a made-up token is refused: AUTH_FAILED; the transcript never shows the token', async () => {
    const user = await createUser(servers);
    const { tokens, accessToken } = await signedIn(user);
    const log = transcript();
    const endpoint = { host: servers.host, port: await imapWithoutOAuthBearer(), security: 'none' as const, user: user.user };
    const client = await connectImap({ endpoint, oauth2: tokens, trusted: [], transcript: log.sink }, { disableAutoIdle: true });
    const inbox = await client.status('INBOX', { messages: true });
    await client.logout();
    expect(inbox).toMatchObject({ messages: 0 });
    // Offered XOAUTH2 only, Porthole took it, and the server's tagged OK answered it.
    expect(log.text()).toMatch(/imap S: [^\n]*AUTH=XOAUTH2/);
    expect(log.text()).toMatch(/imap C: (\S+) AUTHENTICATE XOAUTH2[^\n]*\n(?:[^\n]*\n)*?imap S: \1 OK/);
    expect(log.text()).not.toContain('OAUTHBEARER');
    for (const form of tokenForms(accessToken, user.user, endpoint.port)) expect(log.text()).not.toContain(form);
    // Dovecot logged the login with the mechanism it took.
    await waitFor(async () => new RegExp(`imap-login: [^\n]*Login: user=<${user.user}>, method=XOAUTH2,`).test(await readFile(instanceLayout(servers.dir).logPath, 'utf8')), 'Dovecot to log the XOAUTH2 login');

    // A made-up token by XOAUTH2: refused, tried once more after asking the source, then AUTH_FAILED.
    const madeUp = madeUpTokens();
    const refused = transcript();
    const failure = await connectImap({ endpoint, oauth2: madeUp, trusted: [], transcript: refused.sink }, { disableAutoIdle: true }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ wire: { code: 'AUTH_FAILED' } });
    expect(madeUp.rejected).toEqual(['made-up-token-1']);
    expect(refused.text().match(/imap C: \S+ AUTHENTICATE XOAUTH2/g)).toHaveLength(2);
    for (const token of ['made-up-token-1', 'made-up-token-2']) for (const form of tokenForms(token, user.user, endpoint.port)) expect(refused.text()).not.toContain(form);
  });

  it('POP3: AUTH OAUTHBEARER with a real token logs in, and so does AUTH XOAUTH2; the transcript never shows the token', async () => {
    const user = await createUser(servers);
    const { tokens, accessToken } = await signedIn(user);
    const log = transcript();
    const endpoint = { host: servers.host, port: servers.pop3.stlsPort, security: 'starttls' as const, user: user.user };
    const trusted = [{ host: servers.host, port: servers.pop3.stlsPort, fingerprint256: servers.certificate.fingerprint256, anchorPem: servers.certificate.pem }];
    const opened = await openPop3({ endpoint, oauth2: tokens, trusted, transcript: log.sink });
    expect(opened.authMethod).toBe('SASL OAUTHBEARER');
    expect(await opened.session.stat()).toEqual({ count: 0, size: 0 });
    await opened.session.quit();
    expect(log.text()).toMatch(/pop3 C: AUTH OAUTHBEARER \*{8}\npop3 S: \+OK/);
    for (const form of tokenForms(accessToken, user.user, servers.pop3.stlsPort)) expect(log.text()).not.toContain(form);

    // XOAUTH2, which a server offers when it lacks OAUTHBEARER, against the same Dovecot.
    const { Pop3Session } = await import('../../main/protocols/pop3/pop3-session');
    const session = await Pop3Session.open({ host: servers.host, port: servers.pop3.stlsPort, tls: null });
    await session.authOAuth('XOAUTH2', oauthInitialResponse('XOAUTH2', user.user, accessToken, { host: servers.host, port: servers.pop3.stlsPort }));
    expect(await session.stat()).toEqual({ count: 0, size: 0 });
    await session.quit();
  });

  it('POP3: a made-up token gets Dovecot’s error challenge, answered, then -ERR: AUTH_FAILED after one retry', async () => {
    const user = await createUser(servers);
    const tokens = madeUpTokens();
    const log = transcript();
    const failure = await openPop3({ endpoint: { host: servers.host, port: servers.pop3.stlsPort, security: 'none', user: user.user }, oauth2: tokens, trusted: [], transcript: log.sink }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ wire: { code: 'AUTH_FAILED' } });
    expect(tokens.rejected).toEqual(['made-up-token-1']);
    // RFC 7628 §3.2.2: the server's JSON status as a challenge, ^A from the client (masked), then -ERR.
    expect(log.text()).toMatch(/pop3 C: AUTH OAUTHBEARER \*{8}\npop3 S: \+ \S+\npop3 C: \*{8}\npop3 S: -ERR/);
  });

  it('SMTP: AUTH XOAUTH2 at the SMTP test server, which offers no OAUTHBEARER, submits a message that arrives; the transcript never shows the token', async () => {
    const user = await createUser(servers);
    const { tokens, accessToken } = await signedIn(user);
    const log = transcript();
    const endpoint = { host: servers.host, port: servers.smtp.starttlsPort, security: 'starttls' as const, user: user.user };
    const trusted = [{ host: servers.host, port: servers.smtp.starttlsPort, fingerprint256: servers.certificate.fingerprint256, anchorPem: servers.certificate.pem }];
    await verifySmtpLogin({ endpoint, oauth2: tokens, trusted, transcript: log.sink });
    const raw = new TextEncoder().encode(`From: ${user.address}\r\nTo: ${user.address}\r\nSubject: sent with a token\r\nMessage-ID: <oauth-${user.user}@example.test>\r\n\r\nhello\r\n`);
    await expect(submitMessage({ endpoint, oauth2: tokens, trusted, transcript: log.sink }, { from: user.address, to: [user.address] }, raw)).resolves.toEqual({ refused: [], maxMessageBytes: SMTP_SIZE_LIMIT });
    expect(log.text()).toMatch(/smtp C: AUTH XOAUTH2 \*{8}\nsmtp S: 235/);
    for (const form of tokenForms(accessToken, user.user, servers.smtp.starttlsPort)) expect(log.text()).not.toContain(form);
    const client = await connectImap({ endpoint: { host: servers.host, port: servers.imap.starttlsPort, security: 'none', user: user.user }, password: user.password, trusted: [] }, { disableAutoIdle: true });
    await waitFor(async () => ((await client.status('INBOX', { messages: true })) || { messages: 0 }).messages === 1, 'the message in the inbox');
    await client.logout();
  });

  it('SMTP: Dovecot’s submission service offers OAUTHBEARER, and a real token logs in with AUTH OAUTHBEARER; the transcript never shows the token', async () => {
    const user = await createUser(servers);
    const { tokens, accessToken } = await signedIn(user);
    const log = transcript();
    const port = submissionPort();
    const trusted = [{ host: servers.host, port, fingerprint256: servers.certificate.fingerprint256, anchorPem: servers.certificate.pem }];
    await verifySmtpLogin({ endpoint: { host: servers.host, port, security: 'starttls', user: user.user }, oauth2: tokens, trusted, transcript: log.sink });
    // The EHLO over TLS offered both; OAUTHBEARER, the standard one, was taken and accepted at once.
    expect(log.text()).toMatch(/smtp S: 250[ -]AUTH [^\n]*OAUTHBEARER/);
    expect(log.text()).toMatch(/smtp C: AUTH OAUTHBEARER \*{8}\nsmtp S: 235/);
    expect(log.text()).not.toContain('XOAUTH2 *');
    for (const form of tokenForms(accessToken, user.user, port)) expect(log.text()).not.toContain(form);
  });

  it('SMTP: a made-up token at Dovecot’s submission service gets the error challenge, answered with ^A, then 535: AUTH_FAILED after one retry', async () => {
    const user = await createUser(servers);
    const tokens = madeUpTokens();
    const log = transcript();
    const failure = await verifySmtpLogin({ endpoint: { host: servers.host, port: submissionPort(), security: 'none', user: user.user }, oauth2: tokens, trusted: [], transcript: log.sink }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ wire: { code: 'AUTH_FAILED' } });
    expect(tokens.rejected).toEqual(['made-up-token-1']);
    // RFC 7628 §3.2.2, on each of the two connections: the JSON status as a 334 challenge, ^A (masked), then 535.
    expect(log.text().match(/smtp C: AUTH OAUTHBEARER \*{8}\nsmtp S: 334 \S+\nsmtp C: \*{8}\nsmtp S: 535/g)).toHaveLength(2);
    for (const token of ['made-up-token-1', 'made-up-token-2']) for (const form of tokenForms(token, user.user, submissionPort())) expect(log.text()).not.toContain(form);
  });

  it('a server that offers no OAuth2 mechanism gets no token, and the error says why', async () => {
    // The run's shared servers: Dovecot with passwords only (auth_mechanisms = plain login apop).
    const plain = inject('servers');
    const user = await createUser(plain);
    const tokens = madeUpTokens();
    await expect(connectImap({ endpoint: { host: plain.host, port: plain.imap.starttlsPort, security: 'none', user: user.user }, oauth2: tokens, trusted: [] }, { disableAutoIdle: true })).rejects.toMatchObject({ wire: { code: 'SERVER_ERROR', message: expect.stringContaining('does not offer OAuth2 sign-in') as unknown } });
    const log = transcript();
    await expect(openPop3({ endpoint: { host: plain.host, port: plain.pop3.stlsPort, security: 'none', user: user.user }, oauth2: tokens, trusted: [], transcript: log.sink })).rejects.toMatchObject({ wire: { code: 'SERVER_ERROR', message: expect.stringContaining('does not offer OAuth2 sign-in') as unknown } });
    // The SMTP test server without OAuth2 offers PLAIN and LOGIN only.
    await expect(verifySmtpLogin({ endpoint: { host: plain.host, port: plain.smtp.starttlsPort, security: 'none', user: user.user }, oauth2: tokens, trusted: [], transcript: log.sink })).rejects.toMatchObject({ wire: { code: 'SERVER_ERROR', message: expect.stringContaining('does not offer OAuth2 sign-in') as unknown } });
    expect(log.text()).not.toMatch(/C: AUTH/);
    expect(tokens.rejected).toEqual([]);
  });

  it('SMTP: a made-up token is refused (334 error challenge, then 535) and tried once more: AUTH_FAILED, nothing sent', async () => {
    const user = await createUser(servers);
    const tokens = madeUpTokens();
    const endpoint = { host: servers.host, port: servers.smtp.starttlsPort, security: 'none' as const, user: user.user };
    const raw = new TextEncoder().encode(`From: ${user.address}\r\nTo: ${user.address}\r\nSubject: never\r\n\r\nno\r\n`);
    await expect(submitMessage({ endpoint, oauth2: tokens, trusted: [] }, { from: user.address, to: [user.address] }, raw)).rejects.toMatchObject({ wire: { code: 'AUTH_FAILED' } });
    expect(tokens.rejected).toEqual(['made-up-token-1']);
    const client = await connectImap({ endpoint: { ...endpoint, port: servers.imap.starttlsPort }, password: user.password, trusted: [] }, { disableAutoIdle: true });
    expect(await client.status('INBOX', { messages: true })).toMatchObject({ messages: 0 });
    await client.logout();
  });
});

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});


/**
 * `oauth:signIn` as the setup form runs it, the test playing the browser: it signs in as `user` at
 * the page oauth:openUrl names and follows the redirect to Porthole's loopback listener. Without
 * `accountId` it returns the grant `account:add` takes; with it, the account's tokens are replaced.
 */
async function signInThroughCore(core: PortholeCore, user: MailUser, accountId?: string): Promise<string> {
  const opened = new Promise<Events['oauth:openUrl']>((resolve) => {
    const off = core.on('oauth:openUrl', (payload) => (off(), resolve(payload)));
  });
  const signingIn = core.handle('oauth:signIn', { flowId: randomUUID(), provider: TEST_PROVIDER, address: user.address, ...(accountId ? { accountId } : {}) });
  const { url } = await opened;
  await (await fetch(await oauth.authorize(url, user.user))).text();
  const result = await signingIn;
  if (!result.ok) throw new Error(`oauth:signIn failed: ${result.error.code} ${result.error.message}`);
  return result.value.grantId;
}

const grantFor = (core: PortholeCore, user: MailUser): Promise<string> => signInThroughCore(core, user);

async function storedTokens(fixture: OAuthCore, accountId: string) {
  const tokens = parseStoredTokens(await fixture.secrets.get(oauthSecretKey(accountId)));
  if (!tokens) throw new Error('no tokens stored for the account');
  return tokens;
}

async function transcriptText(fixture: OAuthCore, accountId: string): Promise<string> {
  const lines = await fixture.core.handle('transcript:get', { accountId });
  if (!lines.ok) throw new Error(lines.error.message);
  return transcriptAsText(lines.value);
}

/** Ends the user's IMAP sessions at the server (`doveadm kick`): the device must log in again. */
async function kick(user: MailUser): Promise<void> {
  await doveadm(servers, ['kick', user.user]);
}

describe('OAuth2 accounts in the core', () => {
  it('account:add with a grant checks both logins with its token, saves no password and the tokens under the account; a failed check saves nothing and the grant still works', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', numberedMessages(1));
    const fixture = await startOAuthCore(clientsFile, cleanups);
    const grantId = await grantFor(fixture.core, user);
    const draft = { ...accountDraft(servers, user, 'tls'), incomingPassword: 'never-sent-anywhere', oauth: { provider: TEST_PROVIDER, grantId } };

    // The grant is the user's: logging in as someone else with it fails, and nothing is kept.
    const other = await createUser(servers);
    const wrong = await fixture.core.handle('account:add', { ...draft, incoming: { ...draft.incoming, user: other.user } });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    expect(fixture.core.accounts.list()).toEqual([]);
    expect(await readFile(join(fixture.profileDir, 'secrets.json'), 'utf8').catch(() => 'no file')).toBe('no file');

    const added = await fixture.core.handle('account:add', draft);
    if (!added.ok) throw new Error(added.error.message);
    const account = added.value;
    expect(account.auth).toEqual({ kind: 'oauth2', provider: TEST_PROVIDER });
    expect(await fixture.secrets.get(secretKey(account.id, 'incoming'))).toBeNull();
    expect(await fixture.secrets.get(secretKey(account.id, 'smtp'))).toBeNull();
    const tokens = await storedTokens(fixture, account.id);
    expect(tokens.provider).toBe(TEST_PROVIDER);
    // The grant went to the account: it cannot be taken a second time.
    expect(await fixture.core.handle('account:add', { ...draft, address: `again-${user.address}` })).toMatchObject({ ok: false, error: { code: 'OAUTH_FAILED' } });

    // The device logs in with the token and syncs; sending uses it too.
    const device = account.devices[0]!;
    const db = openCacheForReading(device.dbName);
    await waitFor(async () => (await db.messages.count()) === 1, 'the first sync');
    const ref = { accountId: account.id, deviceId: device.id };
    expect(await fixture.core.handle('message:send', outgoingMessage(ref, user.address, { subject: 'sent with the account’s token', text: 'hi' }))).toMatchObject({ ok: true });
    await waitFor(async () => (await db.messages.where('folderId').equals(serverFolderId('INBOX')).count()) === 2, 'the sent message in the inbox');
    // The server panel logs in with it as well.
    expect(await fixture.core.handle('serverView:watch', { accountId: account.id, mode: 'imap', folderPath: 'INBOX' })).toEqual({ ok: true, value: null });
    await waitFor(() => fixture.events['serverView:update'].find((u) => u.accountId === account.id && u.view.kind === 'imap'), 'the server panel');

    const text = await transcriptText(fixture, account.id);
    expect(text).toMatch(/IMAP \[login check\] C: \S+ AUTHENTICATE OAUTHBEARER/);
    expect(text).toMatch(/SMTP \[login check\] C: AUTH XOAUTH2 \*{8}/);
    expect(text).toMatch(/IMAP \[server panel\] C: \S+ AUTHENTICATE OAUTHBEARER/);
    expect(text).toMatch(/SMTP \[This computer · send\] C: AUTH XOAUTH2 \*{8}/);
    for (const secret of [draft.incomingPassword, tokens.accessToken, tokens.refreshToken!, ...tokenForms(tokens.accessToken, user.user, servers.imap.tlsPort)]) expect(text).not.toContain(secret);

    // Removing the account forgets its tokens, and revokes them at the provider (RFC 7009).
    expect(await introspectToken(oauth, tokens.refreshToken!)).toMatchObject({ active: true });
    expect(await fixture.core.handle('account:remove', { accountId: account.id })).toEqual({ ok: true, value: null });
    expect(await fixture.secrets.get(oauthSecretKey(account.id))).toBeNull();
    expect(await introspectToken(oauth, tokens.refreshToken!)).toMatchObject({ active: false });
  });

  it('account:add while the token endpoint stalls: a clear error after the time bound, nothing saved, and the same grant works once it answers', async () => {
    const user = await createUser(servers);
    const fixture = await startOAuthCore(clientsFile, cleanups, 1_500);
    const grantId = await grantFor(fixture.core, user);
    const draft = { ...accountDraft(servers, user, 'tls'), oauth: { provider: TEST_PROVIDER, grantId } };
    // The server stops accepting the grant's access token, so the login check needs a refresh, which stalls.
    const pending = fixture.core.oauthTokens.pendingGrant(grantId).tokens;
    await oauth.revokeAccessToken(await pending.accessToken());
    oauth.stallTokenEndpoint(true);
    cleanups.push(() => Promise.resolve(oauth.stallTokenEndpoint(false)));
    const stalled = await fixture.core.handle('account:add', draft);
    expect(stalled).toMatchObject({ ok: false, error: { code: 'OAUTH_FAILED' } });
    expect(fixture.core.accounts.list()).toEqual([]);
    expect(await readFile(join(fixture.profileDir, 'secrets.json'), 'utf8').catch(() => 'no file')).toBe('no file');

    oauth.stallTokenEndpoint(false);
    const added = await fixture.core.handle('account:add', draft);
    expect(added).toMatchObject({ ok: true, value: { auth: { kind: 'oauth2', provider: TEST_PROVIDER } } });
  });

  it('POP3: a token the server stopped accepting is refreshed and the check goes on', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', numberedMessages(1));
    const fixture = await startOAuthCore(clientsFile, cleanups);
    const grantId = await grantFor(fixture.core, user);
    const added = await fixture.core.handle('account:add', { ...popAccountDraft(servers, user, 'tls'), oauth: { provider: TEST_PROVIDER, grantId } });
    if (!added.ok) throw new Error(added.error.message);
    const account = added.value;
    const ref = { accountId: account.id, deviceId: account.devices[0]!.id };
    const db = openCacheForReading(account.devices[0]!.dbName);
    await waitFor(async () => (await db.messages.count()) === 1, 'the first check');
    const before = await storedTokens(fixture, account.id);

    await oauth.revokeAccessToken(before.accessToken);
    await seedMessages(servers, user, 'INBOX', [{ raw: `Subject: after the revocation\r\nMessage-ID: <after-${user.user}@example.test>\r\n\r\nnew\r\n` }]);
    expect(await fixture.core.handle('device:sync', ref)).toEqual({ ok: true, value: null });
    await waitFor(async () => (await db.messages.count()) === 2, 'the check after the refresh');

    const after = await storedTokens(fixture, account.id);
    expect(after.accessToken).not.toBe(before.accessToken);
    // Refused once (Dovecot's error challenge), then the refreshed token on a new connection.
    expect(await transcriptText(fixture, account.id)).toMatch(/C: AUTH OAUTHBEARER \*{8}\n.* S: \+ \S+\n.* C: \*{8}\n.* S: -ERR[^\n]*\n(.*\n)*.* C: AUTH OAUTHBEARER \*{8}\n.* S: \+OK/);
    expect(fixture.events.notice.filter((n) => n.accountId === account.id && n.level === 'error')).toEqual([]);
  });

  it('IMAP: a token the server stopped accepting is refreshed when the device logs in again', async () => {
    const user = await createUser(servers);
    const fixture = await startOAuthCore(clientsFile, cleanups);
    const grantId = await grantFor(fixture.core, user);
    const added = await fixture.core.handle('account:add', { ...accountDraft(servers, user, 'tls'), oauth: { provider: TEST_PROVIDER, grantId } });
    if (!added.ok) throw new Error(added.error.message);
    const account = added.value;
    const db = openCacheForReading(account.devices[0]!.dbName);
    await waitFor(async () => (await db.folders.get(serverFolderId('INBOX'))) !== undefined, 'the first sync');
    const before = await storedTokens(fixture, account.id);

    await oauth.revokeAccessToken(before.accessToken);
    const statuses = fixture.events['device:status'].length;
    await kick(user);
    await seedMessages(servers, user, 'INBOX', numberedMessages(1));
    await waitFor(async () => (await db.messages.count()) === 1, 'the sync after logging in again');
    expect(fixture.events['device:status'].slice(statuses).some((s) => s.connection !== 'online')).toBe(true);
    expect((await storedTokens(fixture, account.id)).accessToken).not.toBe(before.accessToken);
    expect(fixture.events.notice.filter((n) => n.accountId === account.id && n.level === 'error')).toEqual([]);
  });

  it('a refused refresh shows OAUTH_SIGN_IN_AGAIN on the device; changes made meanwhile stay queued and reach the server after signing in again', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', numberedMessages(2));
    const fixture = await startOAuthCore(clientsFile, cleanups);
    const grantId = await grantFor(fixture.core, user);
    const added = await fixture.core.handle('account:add', { ...accountDraft(servers, user, 'tls'), oauth: { provider: TEST_PROVIDER, grantId } });
    if (!added.ok) throw new Error(added.error.message);
    const account = added.value;
    const ref = { accountId: account.id, deviceId: account.devices[0]!.id };
    const db = openCacheForReading(account.devices[0]!.dbName);
    await waitFor(async () => (await db.messages.count()) === 2, 'the first sync');

    // The user withdrew Porthole's access at the provider: no token, no refresh works any more.
    await oauth.revokeRefreshTokens(user.user);
    await oauth.revokeAccessToken((await storedTokens(fixture, account.id)).accessToken);
    await kick(user);
    const refused = await waitFor(() => fixture.events.notice.find((n) => n.accountId === account.id && n.code === 'OAUTH_SIGN_IN_AGAIN'), 'the sign-in-again notice');
    expect(refused.level).toBe('error');
    await waitFor(() => fixture.events['device:status'].filter((s) => s.accountId === account.id).at(-1)?.connection === 'error', 'the device status to show the error');
    expect(statusEnglish(fixture.events['device:status'].filter((s) => s.accountId === account.id).at(-1)!.detail)).toMatch(/sign in again/i);

    // A change made now waits in the queue.
    const message = (await db.messages.toArray()).sort((a, b) => a.uid! - b.uid!)[0]!;
    expect(await fixture.core.handle('messages:flag', { ...ref, messageIds: [message.id], add: [FLAG_FLAGGED], remove: [] })).toMatchObject({ ok: true, value: { undoId: expect.any(String) as unknown } });
    expect(await db.pendingOps.count()).toBe(1);
    expect(await db.messages.count()).toBe(2);

    // "Sign in again" stores new tokens and restarts the device, which logs in with them and replays the queue.
    await signInThroughCore(fixture.core, user, account.id);
    await waitFor(async () => (await db.pendingOps.count()) === 0, 'the queue to be replayed');
    expect(fixture.events['device:status'].filter((s) => s.accountId === account.id).at(-1)?.connection).toBe('online');
    const other = await otherImapClient(servers, user);
    cleanups.push(() => other.logout());
    expect((await serverFlags(other, 'INBOX')).get(message.uid!)).toContain(FLAG_FLAGGED);
    expect(await db.messages.count()).toBe(2);
  });
});
