import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { transcriptAsText } from '../../common/model/transcript';
import { createUser, seedMessages, type TestServerInfo } from '../servers';
import { startOAuthMailServers, type OAuthMailServers } from '../servers/oauth-mail';
import { TEST_PROVIDER, type RunningOAuthServer } from '../servers/oauth-server';
import { accountDraft, startCore, type CoreFixture } from '../support/core-fixture';
import { numberedMessages } from '../support/fixtures';
import { openCacheForReading } from '../support/in-process-cache-host';
import { TcpProxy } from '../support/tcp-proxy';
import { waitFor } from '../support/wait';

// Issue 14: an OAuth2 account's servers change like a password account's, checked with its tokens,
// against Dovecot and the SMTP server introspecting them at a real authorization server.
let oauthMail: OAuthMailServers;
let oauth: RunningOAuthServer;
let servers: TestServerInfo;
const cleanups: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  oauthMail = await startOAuthMailServers();
  oauth = oauthMail.oauth;
  servers = oauthMail.mail.info;
});

afterAll(async () => {
  await oauthMail?.stop();
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

/** A core as main runs it (cache host over fake-indexeddb), whose OAuth2 client file names the test server. */
async function startOAuthCore(): Promise<CoreFixture> {
  const fixture = await startCore(undefined, { oauth: { clientsFile: oauthMail.clientsFile, requestTimeoutMs: 10_000 } });
  cleanups.push(() => fixture.dispose());
  return fixture;
}

describe('account:update on an OAuth2 account', () => {
  it('moves its IMAP server with a login check by its token, keeps its cache, and refuses passwords and unconfirmed hosts', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', numberedMessages(2));
    const { core } = await startOAuthCore();
    // The sign-in itself is oauth-flow's to test: here the tokens the provider issued wait as a grant.
    const issued = await oauth.issueTokens(user.user);
    const grantId = core.oauthTokens.holdGrant({ provider: TEST_PROVIDER, accessToken: issued.accessToken, refreshToken: issued.refreshToken, expiresAt: Date.now() + 3_600_000 }, user.address);
    // The account's IMAP server at first: a relay to the TLS port, closed once the account moved away.
    const old = await new TcpProxy(servers.imap.tlsPort).start();
    cleanups.push(() => old.stop());
    const draft = accountDraft(servers, user, 'tls');
    const added = await core.handle('account:add', { ...draft, incoming: { ...draft.incoming, port: old.port }, oauth: { provider: TEST_PROVIDER, grantId } });
    if (!added.ok) throw new Error(added.error.message);
    const account = added.value;
    const ref = { accountId: account.id, deviceId: account.devices[0]!.id };
    const db = openCacheForReading(account.devices[0]!.dbName);
    await waitFor(async () => (await db.messages.count()) === 2, 'the first sync');
    const idsBefore = (await db.messages.toArray()).map((m) => m.id).sort();

    expect(await core.handle('account:update', { accountId: account.id, incomingPassword: 'a password' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('Sign in again') as unknown } });
    expect(await core.handle('account:update', { accountId: account.id, imap: { ...account.imap!, host: 'localhost' } })).toMatchObject({ ok: false, error: { code: 'HOST_NOT_CONFIRMED', message: expect.stringContaining('sign-in') as unknown } });
    // A server that refuses this user's token: the check fails and nothing changes.
    const other = await createUser(servers);
    expect(await core.handle('account:update', { accountId: account.id, imap: { ...account.imap!, user: other.user } })).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    expect(core.accounts.get(account.id)?.imap).toEqual(account.imap);

    const starttls = { ...account.imap!, port: servers.imap.starttlsPort, security: 'starttls' as const };
    const moved = await core.handle('account:update', { accountId: account.id, imap: starttls });
    expect(moved).toMatchObject({ ok: true, value: { imap: starttls, auth: { kind: 'oauth2', provider: TEST_PROVIDER } } });
    old.refuse(true);
    old.cutAll();
    await seedMessages(servers, user, 'INBOX', numberedMessages(1, new Date('2026-05-01T00:00:00Z')));
    await core.handle('device:sync', ref);
    await waitFor(async () => (await db.messages.count()) === 3, 'new mail through the new server, logged in with the token');
    expect((await db.messages.toArray()).map((m) => m.id).filter((id) => idsBefore.includes(id)).sort()).toEqual(idsBefore);

    const lines = await core.handle('transcript:get', { accountId: account.id });
    if (!lines.ok) throw new Error(lines.error.message);
    const text = transcriptAsText(lines.value);
    expect(text).toMatch(/IMAP \[login check\] C: \S+ AUTHENTICATE (OAUTHBEARER|XOAUTH2)/);
    expect(text).not.toContain(issued.accessToken);
  });
});
