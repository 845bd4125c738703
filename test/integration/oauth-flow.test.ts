import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EVENT_NAMES, type EventName, type Events } from '../../common/contract';
import type { AccountSummary } from '../../common/model/account';
import type { OAuthGrant } from '../../common/model/oauth';
import type { Result } from '../../common/result';
import { FileSecretStore } from '../../main/accounts/secret-store';
import { CacheClient } from '../../main/cache/cache-client';
import { PortholeCore } from '../../main/core/porthole-core';
import type { OAuthOptions } from '../../main/oauth/options';
import { introspectToken, startOAuthServer, TEST_CLIENT_ID, TEST_PROVIDER, type OAuthServerOptions, type RunningOAuthServer } from '../servers/oauth-server';
import { attachInProcessCacheHost } from '../support/in-process-cache-host';

// Issue 14, "OAuth2": the sign-in through PortholeCore against a real authorization server
// (oidc-provider), the test playing the browser: it catches oauth:openUrl, signs in at the server
// and follows the redirect to Porthole's loopback listener with an HTTP GET.

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

interface Setup {
  server: RunningOAuthServer;
  core: PortholeCore;
  profileDir: string;
  events: Array<{ name: EventName; payload: unknown }>;
  /** The next oauth:openUrl's page. */
  nextOpenUrl(): Promise<Events['oauth:openUrl']>;
}

interface SetupOptions {
  server?: OAuthServerOptions;
  oauth?: Partial<OAuthOptions>;
  clientsJson?: (server: RunningOAuthServer) => string;
  /** Accounts already in the profile when the core starts. */
  accounts?: AccountSummary[];
}

async function setup({ server: serverOptions = {}, oauth = {}, clientsJson, accounts }: SetupOptions = {}): Promise<Setup> {
  const server = await startOAuthServer(serverOptions);
  cleanups.push(() => server.stop());
  const profileDir = await mkdtemp(join(tmpdir(), 'porthole-oauth-'));
  cleanups.push(() => rm(profileDir, { recursive: true, force: true }));
  const clientsFile = join(profileDir, 'clients.json');
  await writeFile(clientsFile, clientsJson ? clientsJson(server) : server.clientsFileJson());
  if (accounts) await writeFile(join(profileDir, 'accounts.json'), JSON.stringify({ accounts }));
  const cache = new CacheClient();
  attachInProcessCacheHost(cache);
  const core = new PortholeCore({ profileDir, secrets: new FileSecretStore(profileDir), cache, transport: 'web', version: 'test', oauth: { clientsFile, ...oauth } });
  await core.start();
  cleanups.push(() => core.stop());
  const events: Setup['events'] = [];
  const waiting: Array<(payload: Events['oauth:openUrl']) => void> = [];
  for (const name of EVENT_NAMES) core.on(name, (payload) => events.push({ name, payload }));
  core.on('oauth:openUrl', (payload) => waiting.shift()?.(payload));
  const nextOpenUrl = () => new Promise<Events['oauth:openUrl']>((resolve) => waiting.push(resolve));
  return { server, core, profileDir, events, nextOpenUrl };
}

/** The browser's part: sign in as `user` and land on Porthole's redirect (the redirect URL as `change` leaves it). */
async function browse(s: Setup, user: string, change: (redirect: URL) => URL = (u) => u): Promise<{ page: string; redirect: URL }> {
  const { url } = await s.nextOpenUrl();
  const redirect = change(new URL(await s.server.authorize(url, user)));
  const response = await fetch(redirect);
  return { page: await response.text(), redirect };
}

function signIn(s: Setup, flowId = 'flow-1'): Promise<Result<OAuthGrant>> {
  return s.core.handle('oauth:signIn', { flowId, provider: TEST_PROVIDER, address: 'alice@example.test' });
}

/** Every file of the profile, to prove a token reached none but the secret store. */
async function profileFiles(s: Setup): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const name of await readdir(s.profileDir, { recursive: true })) {
    const text = await readFile(join(s.profileDir, name), 'utf8').catch(() => null);
    if (text !== null) files.set(name, text);
  }
  return files;
}

async function signedInGrant(s: Setup): Promise<OAuthGrant> {
  const [result] = await Promise.all([signIn(s), browse(s, 'alice')]);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('OAuth2 sign-in through the core', () => {
  it('lists the providers with whether this build has a client id for each', async () => {
    const s = await setup();
    const listed = await s.core.handle('oauth:providers', null);
    expect(listed).toMatchObject({ ok: true });
    if (!listed.ok) return;
    expect(listed.value).toEqual(
      expect.arrayContaining([
        { id: 'google', name: 'Google', clientConfigured: false },
        { id: 'microsoft', name: 'Microsoft', clientConfigured: false },
        { id: TEST_PROVIDER, name: 'Test provider', clientConfigured: true },
      ]),
    );
  });

  it('signs in through the browser and the loopback redirect, and holds a grant whose tokens the server accepts', async () => {
    const s = await setup();
    const [result, browser] = await Promise.all([signIn(s), browse(s, 'alice')]);
    expect(result).toMatchObject({ ok: true, value: { provider: TEST_PROVIDER, signedInAs: 'alice@example.test' } });
    expect(browser.redirect.hostname).toBe('127.0.0.1');
    expect(browser.page).toContain('Signed in');
    if (!result.ok) return;
    const grant = s.core.oauthTokens.pendingGrant(result.value.grantId);
    const token = await grant.tokens.accessToken();
    expect(await introspectToken(s.server, token)).toMatchObject({ active: true, sub: 'alice' });
    // The listener served its one redirect and is gone.
    await expect(fetch(browser.redirect)).rejects.toThrow();
    // Tokens stay in main: not in a file of the profile, not in any event to the windows.
    const everything = JSON.stringify(s.events) + JSON.stringify([...(await profileFiles(s)).values()]) + JSON.stringify(result);
    expect(everything).not.toContain(token);
  });

  it('a redirect with another state is refused with a clear message, and nothing is held or saved', async () => {
    const s = await setup();
    const [result, browser] = await Promise.all([
      signIn(s),
      browse(s, 'alice', (redirect) => {
        redirect.searchParams.set('state', 'not-the-one-porthole-sent');
        return redirect;
      }),
    ]);
    expect(result).toMatchObject({ ok: false, error: { code: 'OAUTH_FAILED', message: expect.stringContaining('state does not match') as unknown } });
    expect(browser.page).toContain('Not signed in');
    expect([...(await profileFiles(s)).keys()].filter((name) => name.includes('secrets'))).toEqual([]);
  });

  it('a provider that says access_denied gives a clear message', async () => {
    const s = await setup();
    const denied = (async () => {
      const { url } = await s.nextOpenUrl();
      const redirect = new URL(await s.server.authorize(url, 'alice', { deny: true }));
      expect(redirect.searchParams.get('error')).toBe('access_denied');
      return (await fetch(redirect)).text();
    })();
    const [result, page] = await Promise.all([signIn(s), denied]);
    expect(result).toMatchObject({ ok: false, error: { code: 'OAUTH_FAILED', message: expect.stringContaining('did not allow Porthole to read mail (access_denied: The user declined.)') as unknown } });
    expect(page).toContain('did not allow Porthole');
  });

  it('a token endpoint that stalls ends the sign-in within the bound, with a clear message', async () => {
    const s = await setup({ oauth: { requestTimeoutMs: 1_500 } });
    s.server.stallTokenEndpoint(true);
    const [result, browser] = await Promise.all([signIn(s), browse(s, 'alice')]);
    expect(result).toMatchObject({ ok: false, error: { code: 'OAUTH_FAILED', message: expect.stringContaining('did not answer within 2 seconds') as unknown } });
    expect(browser.page).toContain('Not signed in');
  });

  it('oauth:cancel ends a sign-in that waits for the browser, and its listener closes', async () => {
    const s = await setup();
    const opened = s.nextOpenUrl();
    const result = signIn(s, 'flow-to-cancel');
    const { url, flowId } = await opened;
    expect(flowId).toBe('flow-to-cancel');
    expect(await s.core.handle('oauth:cancel', { flowId })).toEqual({ ok: true, value: null });
    expect(await result).toMatchObject({ ok: false, error: { code: 'OAUTH_CANCELLED' } });
    await expect(fetch(new URL(url).searchParams.get('redirect_uri')!)).rejects.toThrow();
  });

  it('a provider without a client id in the file: OAUTH_NOT_CONFIGURED naming the provider and the file', async () => {
    const s = await setup();
    const result = await s.core.handle('oauth:signIn', { flowId: 'f', provider: 'google', address: 'someone@gmail.com' });
    expect(result).toMatchObject({ ok: false, error: { code: 'OAUTH_NOT_CONFIGURED', message: expect.stringMatching(/Google.*clients\.json/) as unknown } });
    expect(s.events.filter((e) => e.name === 'oauth:openUrl')).toEqual([]);
  });

  it('a broken client file is a clear message, not a crash', async () => {
    const s = await setup({ clientsJson: () => '{ "providers": { "test": ' });
    const listed = await s.core.handle('oauth:providers', null);
    expect(listed).toMatchObject({ ok: true, value: expect.arrayContaining([{ id: 'google', name: 'Google', clientConfigured: false }]) as unknown });
    const result = await signIn(s);
    expect(result).toMatchObject({ ok: false, error: { code: 'OAUTH_NOT_CONFIGURED', message: expect.stringContaining('not valid JSON') as unknown } });
  });
});

describe("an account's tokens", () => {
  it('are stored in the secret store only, and used as they are while far from expiry', async () => {
    const s = await setup();
    const grant = await signedInGrant(s);
    const first = await s.core.oauthTokens.pendingGrant(grant.grantId).tokens.accessToken();
    await s.core.oauthTokens.saveForAccount('account-1', grant.grantId);
    const source = s.core.oauthTokens.forAccount('account-1', TEST_PROVIDER);
    expect(await source.accessToken()).toBe(first);
    const files = await profileFiles(s);
    expect([...files].filter(([, text]) => text.includes(first)).map(([name]) => name)).toEqual(['secrets.json']);
    expect(() => s.core.oauthTokens.pendingGrant(grant.grantId)).toThrow(/no longer waiting/);
  });

  it('refresh before expiry, one refresh for concurrent callers, and the rotated refresh token is stored', async () => {
    // Tokens that live 30 s are within the one-minute margin at once: each use refreshes first.
    const s = await setup({ server: { accessTokenTtlSeconds: 30 } });
    const grant = await signedInGrant(s);
    const original = await readTokens(s, grant);
    const source = s.core.oauthTokens.forAccount('account-1', TEST_PROVIDER);
    const together = await Promise.all([source.accessToken(), source.accessToken(), source.accessToken()]);
    expect(new Set(together).size).toBe(1);
    expect(together[0]).not.toBe(original.accessToken);
    expect(await introspectToken(s.server, together[0])).toMatchObject({ active: true, sub: 'alice' });
    // The server rotates refresh tokens and treats a reused one as stolen: a second refresh works
    // only if the rotated one was stored.
    const stored = JSON.parse((await new FileSecretStore(s.profileDir).get('account-1/oauth'))!) as { refreshToken: string };
    expect(stored.refreshToken).not.toBe(original.refreshToken);
    const again = await source.accessToken();
    expect(again).not.toBe(together[0]);
    expect(await introspectToken(s.server, again)).toMatchObject({ active: true });
  });

  it('after a server rejects the token: one refresh, shared by every caller that held the old token', async () => {
    const s = await setup();
    const grant = await signedInGrant(s);
    const { accessToken: old } = await readTokens(s, grant);
    const source = s.core.oauthTokens.forAccount('account-1', TEST_PROVIDER);
    await s.server.revokeAccessToken(old);
    expect(await introspectToken(s.server, old)).toMatchObject({ active: false });
    const fresh = await source.afterRejection(old);
    expect(fresh).not.toBe(old);
    expect(await introspectToken(s.server, fresh)).toMatchObject({ active: true });
    expect(await source.afterRejection(old)).toBe(fresh);
    expect(await source.accessToken()).toBe(fresh);
  });

  it('a revoked refresh token: OAUTH_SIGN_IN_AGAIN, and the stored sign-in is kept until the user signs in again', async () => {
    const s = await setup();
    const grant = await signedInGrant(s);
    const { accessToken: old } = await readTokens(s, grant);
    const before = await new FileSecretStore(s.profileDir).get('account-1/oauth');
    await s.server.revokeRefreshTokens('alice');
    const source = s.core.oauthTokens.forAccount('account-1', TEST_PROVIDER);
    await expect(source.afterRejection(old)).rejects.toMatchObject({ wire: { code: 'OAUTH_SIGN_IN_AGAIN' } });
    await expect(source.afterRejection(old)).rejects.toMatchObject({ wire: { code: 'OAUTH_SIGN_IN_AGAIN' } });
    expect(await new FileSecretStore(s.profileDir).get('account-1/oauth')).toBe(before);
    // Signing in again replaces them, and the same source works again.
    const next = await signedInGrant(s);
    await s.core.oauthTokens.saveForAccount('account-1', next.grantId);
    expect(await introspectToken(s.server, await source.accessToken())).toMatchObject({ active: true, sub: 'alice' });
  });

  it('an account removed: its tokens are forgotten and revoked at the provider, and its source says OAUTH_SIGN_IN_AGAIN', async () => {
    const s = await setup();
    const grant = await signedInGrant(s);
    const { refreshToken } = await readTokens(s, grant);
    await s.core.oauthTokens.deleteForAccount('account-1');
    expect(await refreshAtServer(s.server, refreshToken)).toMatchObject({ error: 'invalid_grant' });
    await expect(s.core.oauthTokens.forAccount('account-1', TEST_PROVIDER).accessToken()).rejects.toMatchObject({ wire: { code: 'OAUTH_SIGN_IN_AGAIN' } });
    expect(await new FileSecretStore(s.profileDir).get('account-1/oauth')).toBeNull();
  });
});

describe('signing in again for an account', () => {
  // An account without devices: the sign-in's part, apart from the logins (oauth-login tests).
  const account = (id: string, auth: AccountSummary['auth']): AccountSummary => ({
    id,
    displayName: 'Alice',
    address: 'alice@example.test',
    imap: null,
    pop3: null,
    smtp: { host: '127.0.0.1', port: 465, security: 'tls', user: 'alice' },
    devices: [],
    trustedCertificates: [],
    auth,
  });
  const accounts = [account('oauth-account', { kind: 'oauth2', provider: TEST_PROVIDER }), account('password-account', { kind: 'password' })];

  function signInAgain(s: Setup, accountId: string): Promise<Result<OAuthGrant>> {
    return s.core.handle('oauth:signIn', { flowId: 'again', provider: TEST_PROVIDER, address: 'alice@example.test', accountId });
  }

  it('replaces the tokens of an account the provider stopped accepting, and its logins work again', async () => {
    const s = await setup({ accounts });
    const first = await signedInGrant(s);
    await s.core.oauthTokens.saveForAccount('oauth-account', first.grantId);
    const source = s.core.oauthTokens.forAccount('oauth-account', TEST_PROVIDER);
    const old = await source.accessToken();
    await s.server.revokeRefreshTokens('alice');
    await expect(source.afterRejection(old)).rejects.toMatchObject({ wire: { code: 'OAUTH_SIGN_IN_AGAIN' } });

    const [result] = await Promise.all([signInAgain(s, 'oauth-account'), browse(s, 'alice')]);
    expect(result).toMatchObject({ ok: true, value: { provider: TEST_PROVIDER, signedInAs: 'alice@example.test' } });
    const fresh = await source.accessToken();
    expect(fresh).not.toBe(old);
    expect(await introspectToken(s.server, fresh)).toMatchObject({ active: true, sub: 'alice' });
  });

  it('as someone else than the account: refused, and the stored tokens stay', async () => {
    const s = await setup({ accounts });
    const first = await signedInGrant(s);
    await s.core.oauthTokens.saveForAccount('oauth-account', first.grantId);
    const before = await new FileSecretStore(s.profileDir).get('oauth-account/oauth');
    const [result, browser] = await Promise.all([signInAgain(s, 'oauth-account'), browse(s, 'bob')]);
    expect(result).toMatchObject({ ok: false, error: { code: 'OAUTH_FAILED', message: expect.stringContaining('You signed in as bob@example.test, but this account is alice@example.test') as unknown } });
    // The browser is told too, not "Signed in".
    expect(browser.page).toContain('Not signed in');
    expect(await new FileSecretStore(s.profileDir).get('oauth-account/oauth')).toBe(before);
  });

  it('a password account or an unknown one is refused before any page opens', async () => {
    const s = await setup({ accounts });
    expect(await signInAgain(s, 'password-account')).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await signInAgain(s, 'no-such-account')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(s.events.filter((e) => e.name === 'oauth:openUrl')).toEqual([]);
  });
});

/** Saves the grant as account-1's and returns the tokens as stored. */
async function readTokens(s: Setup, grant: OAuthGrant): Promise<{ accessToken: string; refreshToken: string }> {
  await s.core.oauthTokens.saveForAccount('account-1', grant.grantId);
  return JSON.parse((await new FileSecretStore(s.profileDir).get('account-1/oauth'))!) as { accessToken: string; refreshToken: string };
}

async function refreshAtServer(server: RunningOAuthServer, refreshToken: string): Promise<{ error?: string }> {
  const response = await fetch(`${server.issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: TEST_CLIENT_ID }),
  });
  return (await response.json()) as { error?: string };
}
