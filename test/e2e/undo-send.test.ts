import type { Locator, Page } from 'playwright';
import { describe, expect, inject, it } from 'vitest';
import { createUser } from '../servers';
import { sharedBrowser } from '../support/e2e-browser';
import { freePort, startHarnessProcess } from '../support/harness-process';
import { arrivedMessage, otherImapClient, serverSubjects } from '../support/other-client';
import { freshTestProfile } from '../support/test-profile';
import { waitFor } from '../support/wait';
import { addAccountThroughForm, openSideBySide } from './device-ui';

/**
 * Issue 16, "undo send: sending waits a configurable few seconds with an Undo button; a message in
 * that window survives an app restart (sent at the next start … never lost, never sent twice)", in
 * Chromium through the harness against Dovecot and the test submission server: the wait is chosen
 * in Preferences; Send closes the composer and shows "Sending … in N s" with Undo; Undo brings the
 * message back into the composer whole (attachment too) and nothing reaches the recipient; sent
 * again, it arrives once; the harness killed during the wait, started again on the same profile,
 * sends it then, once, with one copy in Sent (both modes); side by side, Undo waits while a device
 * column's composer is open.
 */

const servers = inject('servers');
const e2e = sharedBrowser('undo-send');

const composer = (page: Page): Locator => page.getByRole('dialog', { name: 'Compose message' });
const sending = (page: Page): Locator => page.getByRole('group', { name: 'Sending' });

async function chooseDelay(page: Page, label: string): Promise<void> {
  await page.getByRole('button', { name: 'Preferences…' }).click();
  const preferences = page.getByRole('dialog', { name: 'Preferences' });
  await expect.poll(() => preferences.getByLabel('Undo send').isEnabled()).toBe(true);
  await preferences.getByLabel('Undo send').selectOption({ label });
  await preferences.getByRole('button', { name: 'Close' }).click();
}

async function write(page: Page, to: string, subject: string, withFile: boolean): Promise<void> {
  await page.getByRole('button', { name: 'Compose' }).click();
  await composer(page).getByLabel('To', { exact: true }).fill(to);
  await composer(page).getByLabel('Subject').fill(subject);
  await composer(page).getByLabel('Message').fill('Meet at the pier.');
  if (withFile) await composer(page).getByLabel('Attach files').setInputFiles({ name: 'pier.txt', mimeType: 'text/plain', buffer: Buffer.from('north pier') });
}

describe.each(['pop3', 'imap'] as const)('undo send, %s account', (mode) => {
  it('waits as chosen, takes the message back whole on Undo, and sends it once when let go', async () => {
    const me = await createUser(servers);
    const friend = await createUser(servers);
    const friendClient = await otherImapClient(servers, friend);
    e2e.cleanups.push(() => friendClient.logout());
    const profileDir = await freshTestProfile('porthole-undo-send-');
    const port = await freePort();
    const harness = await startHarnessProcess(profileDir, [], {}, port);
    e2e.cleanups.push(() => harness.stop());
    const context = await e2e.browser.newContext({ viewport: { width: 1440, height: 900 } });
    e2e.cleanups.push(() => context.close());
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(harness.url);
    await addAccountThroughForm(page, servers, me, mode);
    await chooseDelay(page, 'Wait 20 seconds before sending');

    await write(page, friend.address, 'Pier at noon', true);
    await composer(page).getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => composer(page).count()).toBe(0);
    await expect.poll(() => sending(page).textContent()).toMatch(/^Sending “Pier at noon” in (20|19|18)\u00a0s/);

    // Undo (the button; in the POP run the key, outside any text field): the composer again, with everything in it; the recipient has nothing.
    if (mode === 'pop3') await page.keyboard.press('Control+z');
    else await sending(page).getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => composer(page).count()).toBe(1);
    expect(await composer(page).getByLabel('To', { exact: true }).inputValue()).toBe(friend.address);
    expect(await composer(page).getByLabel('Subject').inputValue()).toBe('Pier at noon');
    expect(await composer(page).getByLabel('Message').inputValue()).toBe('Meet at the pier.');
    expect(await composer(page).getByRole('list', { name: 'Attached files' }).textContent()).toContain('pier.txt');
    await expect.poll(() => sending(page).count()).toBe(0);
    expect(await serverSubjects(friendClient, 'INBOX')).toEqual([]);

    // Let go this time (with the shortest wait): it arrives once, with its attachment.
    await composer(page).getByRole('button', { name: 'Discard' }).click();
    await composer(page).getByRole('button', { name: 'Discard changes? Click again' }).click();
    await chooseDelay(page, 'Wait 5 seconds before sending');
    await write(page, friend.address, 'Pier at one', true);
    await composer(page).getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => sending(page).count()).toBe(1);
    const arrived = await arrivedMessage(friendClient, 'INBOX', 'Pier at one');
    expect(arrived.attachments.map((a) => a.filename)).toEqual(['pier.txt']);
    await expect.poll(() => sending(page).count(), { timeout: 10_000 }).toBe(0);
    expect(await serverSubjects(friendClient, 'INBOX')).toEqual(['Pier at one']);
    await expect.poll(() => page.getByText('Sent “Pier at one”.').count()).toBeGreaterThan(0);

    // Killed during the wait (a long one: the kill must come before the upload starts, however
    // slow the machine): at the next start, on the same profile, it is sent, once (at once if its
    // time passed while Porthole was down, so the test does not wait to see it shown waiting).
    await chooseDelay(page, 'Wait 10 seconds before sending');
    await write(page, friend.address, 'Pier at two', false);
    await composer(page).getByRole('button', { name: 'Send', exact: true }).click();
    // Send answered (the composer closed) and the wait shown: the message is on disk.
    await expect.poll(() => composer(page).count()).toBe(0);
    await expect.poll(() => sending(page).count()).toBe(1);
    process.kill(harness.pid, 'SIGKILL');
    await harness.stop();
    const again = await startHarnessProcess(profileDir, [], {}, port);
    e2e.cleanups.push(() => again.stop());
    await page.goto(again.url);
    await waitFor(async () => ((await serverSubjects(friendClient, 'INBOX')).includes('Pier at two') ? true : undefined), '"Pier at two" in INBOX', 45_000, 250);
    await expect.poll(() => sending(page).count(), { timeout: 15_000 }).toBe(0);
    expect((await serverSubjects(friendClient, 'INBOX')).sort()).toEqual(['Pier at one', 'Pier at two']);
    // Its copy in Sent, once (POP: the local Sent; IMAP: the server's).
    const folders = page.getByRole('navigation', { name: 'Folders' });
    await folders.getByRole('button', { name: /^Sent/ }).click();
    await expect.poll(() => page.getByRole('listbox', { name: 'Messages in Sent' }).getByRole('option', { name: /Pier at two/ }).count(), { timeout: 20_000 }).toBe(1);
    await folders.getByRole('button', { name: /^Inbox/ }).click();

    if (mode === 'pop3') {
      // Side by side, while a device column's composer is open, Undo waits (it would open a second composer over it).
      await chooseDelay(page, 'Wait 20 seconds before sending');
      await write(page, friend.address, 'Pier at three', false);
      await composer(page).getByRole('button', { name: 'Send', exact: true }).click();
      await expect.poll(() => sending(page).count()).toBe(1);
      await openSideBySide(page);
      await page.getByRole('button', { name: 'Compose on This computer' }).click();
      await expect.poll(() => sending(page).getByRole('button', { name: 'Undo' }).isDisabled()).toBe(true);
      await composer(page).getByRole('button', { name: 'Discard' }).click();
      await expect.poll(() => composer(page).count()).toBe(0);
      await sending(page).getByRole('button', { name: 'Undo' }).click();
      await expect.poll(() => composer(page).getByLabel('Subject').inputValue()).toBe('Pier at three');
      await composer(page).getByRole('button', { name: 'Discard' }).click();
      await expect.poll(() => composer(page).count()).toBe(0);
    }
    expect(pageErrors).toEqual([]);
    // Three waits of the user's choosing, and a restart in between.
  }, 180_000);
});
