import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Events } from '../../common/contract';
import { transcriptAsText } from '../../common/model/transcript';
import { type PortholeCore } from '../../main/core/porthole-core';
import { oauthSecretKey, parseStoredTokens } from '../../main/oauth/stored-tokens';
import { createUser, doveadm, makeMessage, seedMessages, type MailUser, type TestServerInfo } from '../servers';
import { startOAuthMailServers, type OAuthMailServers } from '../servers/oauth-mail';
import { TEST_PROVIDER, type RunningOAuthServer } from '../servers/oauth-server';
import { accountDraft, popAccountDraft } from '../support/core-fixture';
import { openCacheForReading } from '../support/in-process-cache-host';
import { startOAuthCore, type OAuthCore } from '../support/oauth-core';
import { waitFor } from '../support/wait';

/**
 * Access tokens that end two seconds after they are issued, against Dovecot's oauth2 passdb and a
 * real authorization server: a device keeps working across the end of its token because every
 * login starts with a token refreshed beforehand, never with one the server would refuse.
 */
const ACCESS_TOKEN_TTL_SECONDS = 2;

let oauthMail: OAuthMailServers;
let oauth: RunningOAuthServer;
let servers: TestServerInfo;
let clientsFile: string;

beforeAll(async () => {
  oauthMail = await startOAuthMailServers({ accessTokenTtlSeconds: ACCESS_TOKEN_TTL_SECONDS });
  ({ oauth, clientsFile } = oauthMail);
  servers = oauthMail.mail.info;
});

afterAll(async () => {
  await oauthMail?.stop();
});

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});


/** `oauth:signIn` for account:add, the test playing the browser. */
async function grantFor(core: PortholeCore, user: MailUser): Promise<string> {
  const opened = new Promise<Events['oauth:openUrl']>((resolve) => {
    const off = core.on('oauth:openUrl', (payload) => (off(), resolve(payload)));
  });
  const signingIn = core.handle('oauth:signIn', { flowId: randomUUID(), provider: TEST_PROVIDER, address: user.address });
  await (await fetch(await oauth.authorize((await opened).url, user.user))).text();
  const result = await signingIn;
  if (!result.ok) throw new Error(result.error.message);
  return result.value.grantId;
}

async function storedAccessToken(fixture: OAuthCore, accountId: string): Promise<string> {
  const tokens = parseStoredTokens(await fixture.secrets.get(oauthSecretKey(accountId)));
  if (!tokens) throw new Error('no tokens stored');
  return tokens.accessToken;
}

/** Whether the authorization server still calls the token active (RFC 7662), as Dovecot asks it. */
async function isActive(token: string): Promise<boolean> {
  const url = new URL(oauth.introspectionUrl);
  const basic = Buffer.from(`${url.username}:${url.password}`).toString('base64');
  url.username = '';
  url.password = '';
  const response = await fetch(url, { method: 'POST', headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }) });
  return ((await response.json()) as { active?: unknown }).active === true;
}

async function transcriptText(fixture: OAuthCore, accountId: string): Promise<string> {
  const lines = await fixture.core.handle('transcript:get', { accountId });
  if (!lines.ok) throw new Error(lines.error.message);
  return transcriptAsText(lines.value);
}

describe('access tokens that end while the account is in use', () => {
  it('POP3: the check after the token ended logs in with a token refreshed beforehand, never refused', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', [{ raw: makeMessage({ subject: 'Before' }) }]);
    const fixture = await startOAuthCore(clientsFile, cleanups);
    const added = await fixture.core.handle('account:add', { ...popAccountDraft(servers, user, 'tls'), oauth: { provider: TEST_PROVIDER, grantId: await grantFor(fixture.core, user) } });
    if (!added.ok) throw new Error(added.error.message);
    const account = added.value;
    const ref = { accountId: account.id, deviceId: account.devices[0]!.id };
    const db = openCacheForReading(account.devices[0]!.dbName);
    await waitFor(async () => (await db.messages.count()) === 1, 'the first check');
    const used = await storedAccessToken(fixture, account.id);

    await waitFor(async () => !(await isActive(used)), 'the token to end at the server', 15_000);
    await seedMessages(servers, user, 'INBOX', [{ raw: makeMessage({ subject: 'After' }) }]);
    expect(await fixture.core.handle('device:sync', ref)).toEqual({ ok: true, value: null });
    await waitFor(async () => (await db.messages.count()) === 2, 'the check after the token ended');

    expect(await storedAccessToken(fixture, account.id)).not.toBe(used);
    const text = await transcriptText(fixture, account.id);
    expect(text).toMatch(/POP3 \[This computer · check\] C: AUTH OAUTHBEARER \*{8}/);
    expect(text).not.toMatch(/S: -ERR/);
    expect(text).not.toMatch(/S: \+ eyJ/);
  });

  it('IMAP: a device that logs in again after its token ended does so with a fresh one, never refused', async () => {
    const user = await createUser(servers);
    const fixture = await startOAuthCore(clientsFile, cleanups);
    const added = await fixture.core.handle('account:add', { ...accountDraft(servers, user, 'tls'), oauth: { provider: TEST_PROVIDER, grantId: await grantFor(fixture.core, user) } });
    if (!added.ok) throw new Error(added.error.message);
    const account = added.value;
    const db = openCacheForReading(account.devices[0]!.dbName);
    await waitFor(() => fixture.events['device:status'].filter((s) => s.accountId === account.id).at(-1)?.connection === 'online', 'the device online');
    const used = await storedAccessToken(fixture, account.id);

    await waitFor(async () => !(await isActive(used)), 'the token to end at the server', 15_000);
    // The connection outlives its token (IMAP checks it at login only); Dovecot ends it, the device logs in again.
    await doveadm(servers, ['kick', user.user]);
    await seedMessages(servers, user, 'INBOX', [{ raw: makeMessage({ subject: 'After' }) }]);
    await waitFor(async () => (await db.messages.count()) === 1, 'the sync after logging in again');

    expect(await storedAccessToken(fixture, account.id)).not.toBe(used);
    const text = await transcriptText(fixture, account.id);
    // A refusal would show as NO [AUTHENTICATIONFAILED] after an error challenge, a base64 JSON status ('{"' is "eyJ" in base64).
    expect(text).not.toMatch(/AUTHENTICATIONFAILED|S: \+ eyJ/);
    expect(fixture.events['device:status'].filter((s) => s.accountId === account.id).map((s) => s.connection)).not.toContain('error');
  });
});
