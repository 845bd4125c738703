import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileSecretStore } from '../../main/accounts/secret-store';
import { CacheClient } from '../../main/cache/cache-client';
import { PortholeCore } from '../../main/core/porthole-core';
import { createUser, doveadm, makeMessage, seedMessages, type MailUser, type RunningTestServers } from '../servers';
import { startOAuthMailServers, type OAuthMailServers } from '../servers/oauth-mail';
import { TEST_PROVIDER, type RunningOAuthServer } from '../servers/oauth-server';
import { accountDraft } from '../support/core-fixture';
import { sharedBrowser } from '../support/e2e-browser';
import { startHarnessProcess, type HarnessProcess } from '../support/harness-process';
import { attachInProcessCacheHost } from '../support/in-process-cache-host';

// Issue 14: an OAuth2 account's Settings: no password fields, "Sign in again" through the
// provider's page, and a line when the provider no longer accepts the account's sign-in.
const e2e = sharedBrowser('account-settings-oauth');
const { cleanups } = e2e;

let servers: OAuthMailServers;
let oauthServer: RunningOAuthServer;
let mail: RunningTestServers;

beforeAll(async () => {
  servers = await startOAuthMailServers();
  ({ oauth: oauthServer, mail } = servers);
});

afterAll(async () => {
  await servers?.stop();
});

/**
 * A profile with the OAuth2 account in it (its tokens, as the provider issued them, taken by
 * account:add like the setup form's grant), and the harness on it with the client file.
 */
async function harnessWithOAuthAccount(user: MailUser): Promise<{ harness: HarnessProcess; accessToken: string }> {
  const profileDir = await mkdtemp(join(tmpdir(), 'porthole-settings-oauth-'));
  cleanups.push(() => rm(profileDir, { recursive: true, force: true }));
  const cache = new CacheClient();
  attachInProcessCacheHost(cache);
  const core = new PortholeCore({ profileDir, secrets: new FileSecretStore(profileDir), cache, transport: 'web', version: 'test', oauth: { clientsFile: servers.clientsFile, requestTimeoutMs: 10_000 } });
  await core.start();
  const issued = await oauthServer.issueTokens(user.user);
  const grantId = core.oauthTokens.holdGrant({ provider: TEST_PROVIDER, accessToken: issued.accessToken, refreshToken: issued.refreshToken, expiresAt: Date.now() + 3_600_000 }, user.address);
  const added = await core.handle('account:add', { ...accountDraft(mail.info, user, 'tls'), oauth: { provider: TEST_PROVIDER, grantId } });
  await core.stop();
  if (!added.ok) throw new Error(added.error.message);
  const harness = await startHarnessProcess(profileDir, [], servers.env);
  cleanups.push(() => harness.stop());
  return { harness, accessToken: issued.accessToken };
}

describe('the Settings of an account that signs in with OAuth2', () => {
  it('has no password fields; a refused sign-in is said, and "Sign in again" through the provider’s page brings the account back', async () => {
    const user = await createUser(mail.info);
    await seedMessages(mail.info, user, 'INBOX', [{ raw: makeMessage({ subject: 'Before' }) }]);
    const { harness, accessToken } = await harnessWithOAuthAccount(user);
    const { page, pageErrors } = await e2e.openPage(harness.url);
    const list = page.getByRole('listbox', { name: 'Messages in Inbox' });
    await expect.poll(() => list.getByRole('option').count(), { timeout: 20_000 }).toBe(1);

    // The user revokes Porthole at the provider: the next login finds no way to renew the sign-in.
    await oauthServer.revokeRefreshTokens(user.user);
    await oauthServer.revokeAccessToken(accessToken);
    await doveadm(mail.info, ['kick', user.user]);
    await page.getByRole('button', { name: `Settings of ${user.address}` }).click();
    const settings = page.getByRole('dialog', { name: `Settings of ${user.address}` });
    expect(await settings.locator('#settings-password, #settings-smtp-choice').count()).toBe(0);
    await expect.poll(() => settings.getByRole('alert').filter({ hasText: 'no longer accepts this account’s sign-in' }).count(), { timeout: 30_000 }).toBe(1);
    await page.screenshot({ path: 'test-results/account-settings-oauth-1440x900.png' });

    const popup = page.context().waitForEvent('page');
    await settings.getByRole('button', { name: 'Sign in again with Test provider…' }).click();
    const signInPage = await popup;
    const authorizationUrl = await settings.getByRole('link', { name: /Open the sign-in page|open it/ }).getAttribute('href');
    expect(authorizationUrl).toMatch(new RegExp(`^${oauthServer.issuer}/`));
    await signInPage.goto(await oauthServer.authorize(authorizationUrl!, user.user));
    await expect.poll(() => settings.getByRole('status').filter({ hasText: 'Signed in again' }).count(), { timeout: 30_000 }).toBe(1);

    await settings.getByRole('button', { name: 'Close' }).click();
    await seedMessages(mail.info, user, 'INBOX', [{ raw: makeMessage({ subject: 'After signing in again' }) }]);
    await page.getByRole('button', { name: 'Check mail' }).click();
    await expect.poll(() => list.getByRole('option').count(), { timeout: 30_000 }).toBe(2);
    expect(pageErrors).toEqual([]);
  });

});
