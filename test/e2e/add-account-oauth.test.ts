import type { Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, makeMessage, seedMessages, type RunningTestServers } from '../servers';
import { startOAuthMailServers, type OAuthMailServers } from '../servers/oauth-mail';
import type { RunningOAuthServer } from '../servers/oauth-server';
import { sharedBrowser } from '../support/e2e-browser';
import { startHarnessProcess } from '../support/harness-process';

const e2e = sharedBrowser('add-account-oauth');
const { cleanups } = e2e;

// Dovecot and the SMTP server of this file accept tokens that the real authorization server issued
// (introspection), besides passwords: the global instance does not, so this file starts its own.
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

/** The harness with this build's OAuth2 client file naming the test server (PORTHOLE_OAUTH_CLIENTS). */
async function openApp(): Promise<{ page: Page; pageErrors: string[] }> {
  const harness = await startHarnessProcess(undefined, [], servers.env);
  cleanups.push(() => harness.stop());
  return e2e.openPage(harness.url);
}

describe('adding an account that signs in with OAuth2, in Chromium through the web harness', () => {
  it('no password: "Sign in with" opens the provider’s page, the user signs in there, and the account is added with its tokens; its mail is listed', async () => {
    const info = mail.info;
    const user = await createUser(info);
    await seedMessages(info, user, 'INBOX', [{ raw: makeMessage({ subject: 'Read with a token' }) }]);
    const { page, pageErrors } = await openApp();

    await page.getByLabel('Your name').fill('Olga OAuth');
    await page.getByLabel('Email address').fill(user.address);
    await page.getByRole('button', { name: 'Configure manually' }).click();
    await page.locator('#incoming-host').fill('127.0.0.1');
    await page.locator('#incoming-port').fill(String(info.imap.tlsPort));
    await page.locator('#incoming-user').fill(user.user);
    await page.locator('#smtp-host').fill('127.0.0.1');
    await page.locator('#smtp-port').fill(String(info.smtp.tlsPort));
    await page.locator('#account-sign-in-method').selectOption('test');
    // Signing in replaces the password: there is none to type.
    expect(await page.getByLabel('Password', { exact: true }).count()).toBe(0);

    const popup = page.context().waitForEvent('page');
    await page.getByRole('button', { name: 'Sign in with Test provider…' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Finish signing in to Test provider in your browser' }).count()).toBe(1);
    // The window opened the provider's page itself (oauth:openUrl), and keeps a link to it.
    const signInPage = await popup;
    const authorizationUrl = await page.getByRole('link', { name: 'Open the sign-in page' }).getAttribute('href');
    expect(authorizationUrl).toMatch(new RegExp(`^${oauthServer.issuer}/`));
    // The person signs in on the provider's page; its redirect comes back to Porthole in the browser.
    const redirect = await oauthServer.authorize(authorizationUrl!, user.user);
    await signInPage.goto(redirect);

    await expect.poll(() => page.getByTestId('certificate-fingerprint').textContent(), { timeout: 30_000 }).toBe(info.certificate.fingerprint256);
    await page.getByRole('button', { name: 'Trust this certificate for this account' }).click();
    await expect.poll(() => page.getByRole('region', { name: `Account ${user.address}` }).count(), { timeout: 30_000 }).toBe(1);
    const list = page.getByRole('listbox', { name: 'Messages in Inbox' });
    await expect.poll(() => list.getByRole('option').first().getAttribute('aria-label'), { timeout: 20_000 }).toContain('Read with a token');
    expect(pageErrors).toEqual([]);
  });

  it('Cancel while the browser is open ends the sign-in: nothing is added, and signing in can start again', async () => {
    const info = mail.info;
    const user = await createUser(info);
    const { page, pageErrors } = await openApp();
    await page.getByLabel('Email address').fill(user.address);
    await page.getByRole('button', { name: 'Configure manually' }).click();
    await page.locator('#incoming-host').fill('127.0.0.1');
    await page.locator('#smtp-host').fill('127.0.0.1');
    await page.locator('#account-sign-in-method').selectOption('test');
    await page.getByRole('button', { name: 'Sign in with Test provider…' }).click();
    const cancel = page.getByRole('button', { name: 'Cancel sign-in' });
    await expect.poll(() => cancel.count()).toBe(1);
    // Focus is on the way out, and Escape takes it.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel sign-in');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('button', { name: 'Sign in with Test provider…' }).count()).toBe(1);
    expect(await page.locator('.oauth-panel [role=alert]').count()).toBe(0);
    expect(await page.getByRole('region', { name: `Account ${user.address}` }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('the person declines at the provider: a clear error next to the button, nothing added, and signing in can be tried again', async () => {
    const info = mail.info;
    const user = await createUser(info);
    const { page, pageErrors } = await openApp();
    await page.getByLabel('Email address').fill(user.address);
    await page.getByRole('button', { name: 'Configure manually' }).click();
    await page.locator('#incoming-host').fill('127.0.0.1');
    await page.locator('#smtp-host').fill('127.0.0.1');
    await page.locator('#account-sign-in-method').selectOption('test');
    const popup = page.context().waitForEvent('page');
    await page.getByRole('button', { name: 'Sign in with Test provider…' }).click();
    const signInPage = await popup;
    const link = page.getByRole('link', { name: 'Open the sign-in page' });
    await expect.poll(() => link.count()).toBe(1);
    const redirect = await oauthServer.authorize((await link.getAttribute('href'))!, user.user, { deny: true });
    await signInPage.goto(redirect);
    const error = page.locator('.oauth-panel [role=alert]');
    await expect.poll(() => error.getAttribute('data-error-code'), { timeout: 30_000 }).toMatch(/^OAUTH_/);
    expect(await error.textContent()).not.toBe('');
    expect(await page.getByRole('button', { name: 'Sign in with Test provider…' }).isEnabled()).toBe(true);
    expect(await page.getByRole('region', { name: `Account ${user.address}` }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
