import { mkdir } from 'node:fs/promises';
import { describe, expect, inject, it } from 'vitest';
import type { ImapSyncSettings } from '../../common/model/account';
import { createUser, makeMessage, seedMessages } from '../servers';
import { ContractClient } from '../support/contract-client';
import { accountDraft } from '../support/core-fixture';
import { sharedBrowser } from '../support/e2e-browser';
import { waitFor } from '../support/wait';
import { expectEveryControlNamed, openApp } from './device-ui';

const servers = inject('servers');
const e2e = sharedBrowser('imap-sync-settings');

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
];

describe('an IMAP device’s sync settings in Chromium', () => {
  it('shows what is kept offline and watched in plain words, and saves a choice made with the keyboard and mouse', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', [{ raw: makeMessage({ subject: 'Hello' }) }]);
    for (const folder of ['Archive', 'Lists', 'Projects/2026']) await seedMessages(servers, user, folder, [{ raw: makeMessage({ subject: `In ${folder}` }) }]);
    const { page, harness, pageErrors } = await openApp(e2e.browser, e2e.cleanups);
    const contract = await ContractClient.connect(harness.url);
    e2e.cleanups.push(() => Promise.resolve(contract.close()));
    const account = await contract.invoke('account:add', accountDraft(servers, user, 'tls'));
    const device = account.devices[0]!;
    await page.getByRole('region', { name: `Account ${user.address}` }).waitFor({ timeout: 20_000 });

    await page.getByRole('button', { name: `Settings of ${user.address}` }).click();
    const settings = page.getByRole('dialog', { name: `Settings of ${user.address}` });
    await settings.waitFor();
    // The folder list comes from the cache, as the folder pane's does.
    await settings.getByRole('checkbox', { name: 'Watch Lists for new mail' }).waitFor({ timeout: 20_000 });
    // Today's behaviour is the default: the inbox kept and watched, bodies when opened, no periodic check.
    expect(await settings.getByRole('radio', { name: 'Keep only the folders ticked below' }).isChecked()).toBe(true);
    expect(await settings.getByRole('checkbox', { name: 'Keep Inbox for offline reading' }).isChecked()).toBe(true);
    expect(await settings.getByRole('checkbox', { name: 'Watch Inbox for new mail' }).isChecked()).toBe(true);
    expect(await settings.getByRole('radio', { name: /^Headers only/ }).isChecked()).toBe(true);
    expect(await settings.getByRole('radio', { name: /^Only at start-up/ }).isChecked()).toBe(true);
    await expectEveryControlNamed(page);

    await settings.getByRole('checkbox', { name: 'Keep Archive for offline reading' }).check();
    await settings.getByRole('radio', { name: /^Messages received in the last/ }).check();
    const days = settings.getByLabel('Days of messages downloaded ahead');
    await days.fill('90');
    await settings.getByRole('checkbox', { name: 'Watch Lists for new mail' }).check();
    await settings.getByRole('radio', { name: /^Check every/ }).check();
    await settings.getByLabel('Check every (minutes)').fill('15');

    await mkdir('test-results', { recursive: true });
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await settings.getByRole('group', { name: 'Folders kept on this computer and watched' }).scrollIntoViewIfNeeded();
        await page.screenshot({ path: `test-results/imap-sync-settings-${size.width}x${size.height}-${colorScheme}.png` });
        await settings.getByRole('button', { name: 'Save settings' }).scrollIntoViewIfNeeded();
        await page.screenshot({ path: `test-results/imap-sync-settings-${size.width}x${size.height}-${colorScheme}-end.png` });
      }
    }
    await page.setViewportSize({ width: 1440, height: 900 });

    await settings.getByRole('button', { name: 'Save settings' }).click();
    // The dialog stays open on what was saved (the account section's edits would survive), focus on the note.
    await settings.getByRole('status').filter({ hasText: 'Saved.' }).waitFor({ timeout: 20_000 });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Saved.');
    await settings.getByRole('button', { name: 'Close' }).click();
    await settings.waitFor({ state: 'detached' });
    const expected: ImapSyncSettings = { checkEveryMinutes: 15, offlineFolders: { kind: 'some', paths: ['INBOX', 'Archive'] }, bodies: { kind: 'recent-days', days: 90 }, idleFolders: ['INBOX', 'Lists'] };
    const saved = await waitFor(async () => (await contract.invoke('accounts:list', null)).find((a) => a.id === account.id)?.devices.find((d) => d.id === device.id)?.imapSync, 'the saved settings');
    expect(saved).toEqual(expected);

    // Opened again, the dialog shows what was saved.
    await page.getByRole('button', { name: `Settings of ${user.address}` }).click();
    await settings.waitFor();
    expect(await settings.getByRole('checkbox', { name: 'Keep Archive for offline reading' }).isChecked()).toBe(true);
    expect(await settings.getByLabel('Days of messages downloaded ahead').inputValue()).toBe('90');
    expect(await settings.getByLabel('Check every (minutes)').inputValue()).toBe('15');
    expect(pageErrors).toEqual([]);
  });

  it('refuses a number out of range with a message next to it, saves nothing, and asks before closing', async () => {
    const user = await createUser(servers);
    const { page, harness, pageErrors } = await openApp(e2e.browser, e2e.cleanups);
    const contract = await ContractClient.connect(harness.url);
    e2e.cleanups.push(() => Promise.resolve(contract.close()));
    const account = await contract.invoke('account:add', accountDraft(servers, user, 'tls'));
    await page.getByRole('region', { name: `Account ${user.address}` }).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: `Settings of ${user.address}` }).click();
    const settings = page.getByRole('dialog', { name: `Settings of ${user.address}` });
    await settings.getByRole('radio', { name: /^Check every/ }).check();
    const minutes = settings.getByLabel('Check every (minutes)');
    await minutes.fill('0');
    const problem = settings.getByText('Type a whole number of minutes from 1 to 1440.');
    await problem.waitFor();
    expect(await minutes.getAttribute('aria-invalid')).toBe('true');
    await settings.getByLabel('Days of messages downloaded ahead').fill('-5');
    await settings.getByText('Type a whole number of days from 1 to 3650.').waitFor();
    await mkdir('test-results', { recursive: true });
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await minutes.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `test-results/imap-sync-settings-invalid-${size.width}x${size.height}.png` });
    }

    // Save goes nowhere while a field is wrong: the focus goes to the first wrong field, the field keeps what was typed.
    await settings.getByRole('button', { name: 'Save settings' }).click();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Days of messages downloaded ahead');
    expect(await settings.getByRole('status').filter({ hasText: 'Saved.' }).count()).toBe(0);
    expect(await minutes.inputValue()).toBe('0');
    const stored = (await contract.invoke('accounts:list', null)).find((a) => a.id === account.id)?.devices[0]?.imapSync;
    expect(stored?.checkEveryMinutes ?? null).toBeNull();

    // A wrong field is an unsaved edit: closing asks, and discarding leaves the saved settings as they were.
    await settings.getByRole('button', { name: 'Close' }).click();
    await settings.getByRole('alertdialog', { name: 'Discard your changes?' }).getByRole('button', { name: 'Discard changes' }).click();
    await settings.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: `Settings of ${user.address}` }).click();
    expect(await settings.getByRole('radio', { name: /^Only at start-up/ }).isChecked()).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
