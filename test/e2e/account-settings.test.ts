import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright';
import { describe, expect, inject, it } from 'vitest';
import { createUser, seedMessages, type MailUser } from '../servers';
import { changePassword } from '../servers/change-password';
import { expectEveryControlNamed } from './device-ui';
import { accountDraft, startCore } from '../support/core-fixture';
import { sharedBrowser } from '../support/e2e-browser';
import { numberedMessages } from '../support/fixtures';
import { startHarnessProcess, type HarnessProcess } from '../support/harness-process';
import { otherImapClient } from '../support/other-client';
import { TcpProxy } from '../support/tcp-proxy';
import { startTlsRelay } from '../support/tls-relay';
import { waitFor } from '../support/wait';

// Issue 14, "every setting editable later": the account's Settings dialog in Chromium, through the web harness.
const servers = inject('servers');
const e2e = sharedBrowser('account-settings');
const { cleanups } = e2e;

/**
 * A profile with the account already in it (added through the core's account:add, as the setup
 * form would), so this file tests the settings dialog and not the setup form; the harness syncs
 * it into the page's cache at start. The account's IMAP server is `imapPort` on 127.0.0.1.
 */
async function harnessWithAccount(user: MailUser, imapPort: number): Promise<HarnessProcess> {
  const profileDir = await mkdtemp(join(tmpdir(), 'porthole-settings-'));
  cleanups.push(() => rm(profileDir, { recursive: true, force: true }));
  const fixture = await startCore(profileDir);
  const draft = accountDraft(servers, user, 'tls', { displayName: 'Sam Settings' });
  const added = await fixture.core.handle('account:add', { ...draft, incoming: { ...draft.incoming, port: imapPort } });
  await fixture.stop();
  if (!added.ok) throw new Error(added.error.message);
  const harness = await startHarnessProcess(profileDir);
  cleanups.push(() => harness.stop());
  return harness;
}

function openPage(harness: HarnessProcess, colorScheme: 'light' | 'dark' = 'light'): Promise<{ page: Page; pageErrors: string[] }> {
  return e2e.openPage(harness.url, { colorScheme });
}

describe('the account’s Settings dialog', () => {
  it('edits the server and the password, checks them, saves, and the account works on the new server', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', numberedMessages(2));
    // The account's server at first: a relay to the TLS port, closed once the settings moved away from it.
    const old = await new TcpProxy(servers.imap.tlsPort).start();
    cleanups.push(() => old.stop());
    const harness = await harnessWithAccount(user, old.port);
    const { page, pageErrors } = await openPage(harness);
    const list = page.getByRole('listbox', { name: 'Messages in Inbox' });
    await expect.poll(() => list.getByRole('option').count(), { timeout: 20_000 }).toBe(2);

    await page.getByRole('button', { name: `Settings of ${user.address}` }).click();
    const settings = page.getByRole('dialog', { name: `Settings of ${user.address}` });
    const save = settings.getByRole('button', { name: 'Check and save' });
    // Nothing changed yet: nothing to save.
    expect(await save.isDisabled()).toBe(true);

    // A wrong password: a readable error in the dialog, nothing saved.
    await settings.locator('#settings-password').fill('not the password');
    await save.click();
    const error = settings.getByRole('alert');
    await expect.poll(() => error.getAttribute('data-error-code'), { timeout: 20_000 }).toBe('AUTH_FAILED');
    expect(await error.textContent()).toMatch(/user name or password|refused/i);
    // The button was disabled while checking; the focus went to the error, not to the page's body.
    expect(await page.evaluate(() => document.activeElement?.closest('.account-error')?.textContent ?? document.activeElement?.tagName)).toMatch(/user name or password|refused/i);

    // The password changed at the provider, and the server moved to STARTTLS on its own port.
    const changed = await changePassword(servers, user, 'changed-in-the-dialog');
    await waitFor(async () => {
      const client = await otherImapClient(servers, changed);
      await client.logout();
      return true;
    }, 'the server to take the new password');
    await settings.locator('#settings-imap-security').selectOption('starttls');
    await settings.locator('#settings-imap-port').fill(String(servers.imap.starttlsPort));
    await settings.locator('#settings-password').fill(changed.password);
    await save.click();
    await expect.poll(() => settings.getByRole('status').filter({ hasText: 'Saved.' }).count(), { timeout: 20_000 }).toBe(1);
    expect(await settings.locator('#settings-password').inputValue()).toBe('');
    expect(await settings.locator('#settings-imap-port').inputValue()).toBe(String(servers.imap.starttlsPort));

    // The old address is gone: new mail can only come through the new settings.
    old.refuse(true);
    old.cutAll();
    await settings.getByRole('button', { name: 'Close' }).click();
    await seedMessages(servers, user, 'INBOX', numberedMessages(1, new Date('2026-03-01T00:00:00Z')));
    await page.getByRole('button', { name: 'Check mail' }).click();
    await expect.poll(() => list.getByRole('option').count(), { timeout: 30_000 }).toBe(3);
    expect(pageErrors).toEqual([]);
  });

  it('saving one section keeps the other’s edits, closing with edits asks first, and the focus stays in the dialog', async () => {
    const user = await createUser(servers);
    const harness = await harnessWithAccount(user, servers.imap.tlsPort);
    const { page, pageErrors } = await openPage(harness);
    const opener = page.getByRole('button', { name: `Settings of ${user.address}` });
    await opener.click();
    const settings = page.getByRole('dialog', { name: `Settings of ${user.address}` });
    await settings.getByLabel('Your name').fill('Sam Renamed');

    // The device section's save leaves the dialog open, and the unsaved name in its field.
    await settings.getByRole('radio', { name: /^Check every/ }).check();
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => settings.getByRole('status').filter({ hasText: 'Saved.' }).count(), { timeout: 20_000 }).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Saved.');
    expect(await settings.getByLabel('Your name').inputValue()).toBe('Sam Renamed');

    // Closing with the name not saved asks; Escape goes back to editing, on the Close button.
    await settings.getByRole('button', { name: 'Close' }).click();
    const question = settings.getByRole('alertdialog', { name: 'Discard your changes?' });
    await question.waitFor();
    for (const [width, height] of [
      [1440, 900],
      [1024, 700],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: `test-results/account-settings-discard-${width}x${height}.png` });
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.keyboard.press('Escape');
    await question.waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Close');
    expect(await settings.getByLabel('Your name').inputValue()).toBe('Sam Renamed');

    // Check and save from the keyboard: after the check the focus is on the saved note, not the body.
    await settings.getByRole('button', { name: 'Check and save' }).press('Enter');
    await expect.poll(() => settings.getByRole('status').filter({ hasText: 'Saved.' }).count(), { timeout: 20_000 }).toBe(2);
    expect(await page.evaluate(() => document.activeElement?.closest('.account-fields') !== null && document.activeElement?.textContent === 'Saved.')).toBe(true);

    // Everything saved: Escape closes at once, and the focus goes back to what opened the dialog.
    await page.keyboard.press('Escape');
    await settings.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Settings of ${user.address}`);
    await opener.click();
    expect(await settings.getByLabel('Your name').inputValue()).toBe('Sam Renamed');
    expect(await settings.getByRole('radio', { name: /^Check every/ }).isChecked()).toBe(true);

    // An edit thrown away on purpose: Discard closes, and nothing of it was saved.
    await settings.getByLabel('Your name').fill('Not kept');
    await page.keyboard.press('Escape');
    await question.getByRole('button', { name: 'Discard changes' }).click();
    await settings.waitFor({ state: 'detached' });
    await opener.click();
    expect(await settings.getByLabel('Your name').inputValue()).toBe('Sam Renamed');
    expect(pageErrors).toEqual([]);
  });

  it('a changed host asks before the saved password goes there; screenshots in light and dark', async () => {
    const user = await createUser(servers);
    const harness = await harnessWithAccount(user, servers.imap.tlsPort);
    await mkdir('test-results', { recursive: true });
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, pageErrors } = await openPage(harness, colorScheme);
      await page.getByRole('button', { name: `Settings of ${user.address}` }).click();
      const settings = page.getByRole('dialog', { name: `Settings of ${user.address}` });
      // The light page saves the change; the dark one, opened after, shows another one.
      const host = colorScheme === 'light' ? 'localhost' : 'imap.example.test';
      await settings.locator('#settings-imap-host').fill(host);
      const consent = settings.getByRole('checkbox', { name: new RegExp(`Porthole will send your saved password to ${host}`) });
      await consent.waitFor();
      for (const [width, height] of [
        [1440, 900],
        [1024, 700],
      ] as const) {
        await page.setViewportSize({ width, height });
        await page.screenshot({ path: `test-results/account-settings-${colorScheme}-${width}x${height}.png` });
      }
      if (colorScheme === 'dark') break;
      await settings.locator('#settings-smtp-choice').selectOption('new');
      await expectEveryControlNamed(page);
      await settings.locator('#settings-smtp-choice').selectOption('keep');
      // Without the tick the form does not go (the checkbox is required), so nothing reaches main.
      await settings.getByRole('button', { name: 'Check and save' }).click();
      expect(await settings.getByRole('status').filter({ hasText: 'Saved.' }).count()).toBe(0);
      await consent.check();
      // From the keyboard: Enter in a field saves.
      await settings.locator('#settings-imap-host').press('Enter');
      await expect.poll(() => settings.getByRole('status').filter({ hasText: 'Saved.' }).count(), { timeout: 20_000 }).toBe(1);
      expect(await settings.locator('#settings-imap-host').inputValue()).toBe('localhost');
      await expect.poll(() => consent.count()).toBe(0);
      await settings.getByRole('button', { name: 'Close' }).click();
      expect(pageErrors).toEqual([]);
    }
  });

  it('a server with a private certificate: its fingerprint is shown, and trusting it saves the change', async () => {
    const user = await createUser(servers);
    const relay = await startTlsRelay(servers.imap.starttlsPort);
    cleanups.push(() => relay.close());
    const harness = await harnessWithAccount(user, servers.imap.tlsPort);
    const { page, pageErrors } = await openPage(harness);
    await page.getByRole('button', { name: `Settings of ${user.address}` }).click();
    const settings = page.getByRole('dialog', { name: `Settings of ${user.address}` });
    await settings.locator('#settings-imap-port').fill(String(relay.port));
    await settings.getByRole('button', { name: 'Check and save' }).click();
    await expect.poll(() => settings.getByTestId('certificate-fingerprint').textContent(), { timeout: 20_000 }).toBe(relay.fingerprint256);
    // The certificate's panel took the focus from the disabled button: its Trust button, in view.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Trust this certificate and save');
    await page.screenshot({ path: 'test-results/account-settings-certificate-1440x900.png' });
    await settings.getByRole('button', { name: 'Trust this certificate and save' }).click();
    await expect.poll(() => settings.getByRole('status').filter({ hasText: 'Saved.' }).count(), { timeout: 20_000 }).toBe(1);
    expect(await settings.getByTestId('certificate-fingerprint').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('the sandbox’s servers are shown, not edited; its name is', async () => {
    const harness = await startHarnessProcess();
    cleanups.push(() => harness.stop());
    const { page, pageErrors } = await openPage(harness);
    await page.getByRole('button', { name: 'Try the sandbox' }).click();
    await page.getByRole('button', { name: 'Settings of you@sandbox.test', exact: true }).click();
    const settings = page.getByRole('dialog', { name: 'Settings of you@sandbox.test' });
    await settings.getByText('they cannot be changed').waitFor();
    expect(await settings.locator('#settings-imap-host, #settings-smtp-host, #settings-password').count()).toBe(0);
    await settings.getByLabel('Your name').fill('Sandy');
    await settings.getByRole('button', { name: 'Check and save' }).click();
    await expect.poll(() => settings.getByRole('status').filter({ hasText: 'Saved.' }).count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => settings.getByRole('heading', { name: 'Sandy' }).count()).toBe(1);
    await page.screenshot({ path: 'test-results/account-settings-sandbox-1440x900.png' });
    expect(pageErrors).toEqual([]);
  });
});
