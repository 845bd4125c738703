import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright';
import { describe, expect, inject, it } from 'vitest';
import { FLAG_SEEN } from '../../common/model/mail';
import { createUser, seedMessages } from '../servers';
import { sharedBrowser } from '../support/e2e-browser';
import { numberedMessages } from '../support/fixtures';
import { otherImapClient, serverFlags, serverSubjects } from '../support/other-client';
import { waitFor } from '../support/wait';
import { addAccountThroughForm, chooseFolder, column, folderCounts, messageLabels, messageList, openApp, openSideBySide } from './device-ui';

const servers = inject('servers');
const e2e = sharedBrowser('switch');
const cleanups = e2e.cleanups;

/** The dialog at the three sizes the issue names: laid out without overflow, and shot when PORTHOLE_SCREENSHOTS names a folder. */
async function checkLayout(page: Page, dialog: Locator, name: string): Promise<void> {
  for (const [width, height] of [[1440, 900], [1024, 700], [800, 600]] as const) {
    await page.setViewportSize({ width, height });
    await dialog.getByTestId('switch-state-list').scrollIntoViewIfNeeded();
    // Nothing of the list runs past the dialog's right edge, and no direction line is cut.
    const overflow = await dialog.evaluate((el) => {
      const box = el.getBoundingClientRect();
      return [...el.querySelectorAll('[data-testid="switch-state-row"], [data-testid="switch-state-direction"]')].filter((row) => row.getBoundingClientRect().right > box.right + 1 || row.scrollWidth > row.clientWidth + 1).length;
    });
    expect(overflow, `rows past the dialog's edge at ${width}×${height}`).toBe(0);
    const folder = process.env.PORTHOLE_SCREENSHOTS;
    if (folder) {
      await mkdir(folder, { recursive: true });
      await page.screenshot({ path: join(folder, `switch-${name}-${width}x${height}.png`) });
    }
  }
  await page.setViewportSize({ width: 1800, height: 1000 });
}

/** Opens the column's switch dialog and previews; returns the dialog. */
async function previewSwitch(page: Page, device: Locator, to: 'IMAP' | 'POP3', newServer?: { port: number; password: string }): Promise<Locator> {
  await device.getByRole('button', { name: `Switch This computer to ${to}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Switch the mode of This computer' });
  if (newServer) {
    await dialog.getByLabel('Security', { exact: true }).selectOption('tls');
    await dialog.getByLabel('Port', { exact: true }).fill(String(newServer.port));
    // A server the account does not have yet gets only the password typed for it (issue 11, item 12).
    await dialog.getByLabel('Password for this server').fill(newServer.password);
  }
  await dialog.getByRole('button', { name: 'Preview the switch' }).click();
  return dialog;
}

describe('6. switching a populated POP device to IMAP and back, in the UI', () => {
  it('counts match the preview, nothing appears twice, nothing is lost, read states as chosen', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', numberedMessages(4));
    const { page, pageErrors } = await openApp(e2e.browser, cleanups);
    await addAccountThroughForm(page, servers, user, 'pop3');
    await openSideBySide(page);
    const device = column(page, 'This computer');
    await expect.poll(() => folderCounts(device), { timeout: 20_000 }).toBe('Inbox: 4 messages, 4 unread');

    // Use POP for a while: read one, file one in a local folder, delete one.
    await messageList(device).getByRole('option', { name: /Message 1$/ }).click();
    await expect.poll(() => folderCounts(device)).toBe('Inbox: 4 messages, 3 unread');
    await device.getByRole('button', { name: 'New folder on This computer' }).click();
    await device.getByLabel('New folder name').fill('Kept');
    await device.getByRole('button', { name: 'Create' }).click();
    await messageList(device).getByRole('option', { name: /Message 3$/ }).click();
    await device.getByRole('toolbar', { name: 'Message actions on This computer' }).getByRole('combobox', { name: 'Move to folder' }).selectOption({ label: 'Kept' });
    await messageList(device).getByRole('option', { name: /Message 4$/ }).click();
    await device.getByRole('toolbar', { name: 'Message actions on This computer' }).getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => folderCounts(device)).toBe('Inbox: 2 messages, 1 unread');

    // POP → IMAP: the preview says what will happen, in numbers.
    const toImap = await previewSwitch(page, device, 'IMAP', { port: servers.imap.tlsPort, password: user.password });
    await expect.poll(() => toImap.getByTestId('preview-matched').textContent(), { timeout: 20_000 }).toMatch(/^4 messages \(by UIDL 4/);
    // Dovecot marked all four \Seen when POP downloaded them; opening 3 and 4 (to file and
    // delete them) read them here, so only Message 2 is read differently: it is unread here.
    expect(await toImap.getByTestId('preview-states').textContent()).toMatch(/^1 message /);
    expect(await toImap.getByTestId('preview-inbox-only').textContent()).toMatch(/^0 messages/);
    expect(await toImap.getByTestId('preview-local-folders').textContent()).toContain('Kept');
    // Issue 12 item 2: nothing goes to the server unless chosen, and each differing state says which way it goes.
    const pushAll = toImap.getByRole('checkbox', { name: /^Also mark on the server what was read, flagged or answered here/ });
    expect(await pushAll.isChecked()).toBe(false);
    const direction = toImap.getByTestId('switch-state-direction');
    expect(await direction.allTextContents()).toEqual(['unread here, read on the server: server → this device']);
    await checkLayout(page, toImap, 'to-imap');
    // The user chooses Message 2: its state (unread) goes to the server.
    await toImap.getByRole('checkbox', { name: 'Use this device’s state for “Message 2”' }).check();
    expect(await direction.allTextContents()).toEqual(['unread here, read on the server: this device → server']);
    // Every text the progress line shows while the switch runs, and whether it offered Cancel.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { switchProgressSeen: string[] }).switchProgressSeen = seen;
      new MutationObserver(() => {
        const words = document.querySelector('[data-testid="switch-progress-words"]');
        const cancel = document.querySelector('[aria-label="Switch progress"] button');
        if (words?.textContent) seen.push(`${words.textContent}${cancel ? ' [Cancel]' : ''}`);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await toImap.getByRole('button', { name: 'Switch to IMAP' }).click();
    await expect.poll(() => toImap.getByTestId('result-matched').textContent(), { timeout: 30_000 }).toBe('4');
    const progressSeen = await page.evaluate(() => (window as unknown as { switchProgressSeen: string[] }).switchProgressSeen);
    expect(progressSeen.some((text) => /^(Reading|Matching).* \d+ of \d+ \[Cancel\]$/.test(text)), progressSeen.join(' | ')).toBe(true);
    await toImap.getByRole('button', { name: 'Done' }).click();

    // The server holds each message once, where it was filed, with this computer's read states.
    const other = await otherImapClient(servers, user);
    cleanups.push(() => other.logout());
    expect((await serverSubjects(other, 'INBOX')).sort()).toEqual(['Message 1', 'Message 2']);
    expect(await serverSubjects(other, 'Kept')).toEqual(['Message 3']);
    expect(await serverSubjects(other, 'Trash')).toEqual(['Message 4']);
    const inboxFlags = [...(await serverFlags(other, 'INBOX')).values()];
    expect(inboxFlags.filter((f) => f.includes(FLAG_SEEN))).toHaveLength(1);
    // And the device shows them once, as IMAP.
    await expect.poll(() => folderCounts(device), { timeout: 20_000 }).toBe('Inbox: 2 messages, 1 unread');
    await chooseFolder(device, 'This computer', /^Kept/);
    await expect.poll(() => messageLabels(device, 'Kept'), { timeout: 20_000 }).toEqual([expect.stringMatching(/Message 3$/)]);

    // IMAP → POP: back again, copying Kept down as a local folder.
    const toPop = await previewSwitch(page, device, 'POP3');
    await expect.poll(() => toPop.getByTestId('preview-download').textContent(), { timeout: 20_000 }).toMatch(/INBOX message/);
    const cached = Number((await toPop.getByTestId('preview-cached').textContent())!.match(/^\d+/)![0]);
    const toDownload = Number((await toPop.getByTestId('preview-download').textContent())!.match(/^\d+/)![0]);
    expect(cached + toDownload).toBe(2);
    for (const name of ['Sent', 'Drafts', 'Trash', 'Junk']) await toPop.getByRole('checkbox', { name: new RegExp(`^Copy ${name} `) }).uncheck();
    await toPop.getByRole('button', { name: 'Switch to POP3' }).click();
    await expect.poll(() => toPop.getByTestId('result-downloaded').textContent(), { timeout: 30_000 }).toBe(String(toDownload + 1));
    await toPop.getByRole('button', { name: 'Done' }).click();
    await chooseFolder(device, 'This computer', /^Inbox/);
    await expect.poll(() => folderCounts(device), { timeout: 20_000 }).toBe('Inbox: 2 messages, 1 unread');
    await expect.poll(() => device.getByTestId('device-status').textContent(), { timeout: 20_000 }).toMatch(/nothing new/);
    await chooseFolder(device, 'This computer', /^Kept/);
    await expect.poll(() => messageLabels(device, 'Kept')).toEqual([expect.stringMatching(/Message 3$/)]);
    // The server was not touched by this switch.
    expect((await serverSubjects(other, 'INBOX')).sort()).toEqual(['Message 1', 'Message 2']);
    await waitFor(() => pageErrors.length === 0 || undefined, 'no page errors');
  });
});
