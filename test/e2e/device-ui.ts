import type { Browser, Locator, Page } from 'playwright';
import { expect } from 'vitest';
import type { MailUser, TestServerInfo } from '../servers';
import { startHarnessProcess, type HarnessProcess } from '../support/harness-process';

/**
 * What a person does in Porthole's device UI, as steps for the end-to-end tests: add an account
 * with the form, add and rename devices, open the side-by-side layout and read its columns.
 */

export interface OpenedApp {
  page: Page;
  harness: HarnessProcess;
  pageErrors: string[];
}

/** A fresh harness and a page on it; `newContext` makes the page's context (the shared browser's by default). */
export async function openApp(browser: Browser, cleanups: Array<() => Promise<unknown>>, newContext: Browser['newContext'] = (options) => browser.newContext(options)): Promise<OpenedApp> {
  const harness = await startHarnessProcess();
  cleanups.push(() => harness.stop());
  const context = await newContext({ acceptDownloads: true, viewport: { width: 1800, height: 1000 } });
  cleanups.push(() => context.close());
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(harness.url);
  return { page, harness, pageErrors };
}

export type RetentionChoice = 'Leave messages on the server' | 'Delete from the server right after downloading' | 'Delete from the server when I delete it here';

/** The account form, as in the IMAP and POP e2e tests; the test server's certificate is trusted when shown. */
export async function addAccountThroughForm(page: Page, servers: TestServerInfo, user: MailUser, mode: 'imap' | 'pop3', retention: RetentionChoice = 'Leave messages on the server'): Promise<void> {
  await page.getByLabel('Your name').fill('Dana Devices');
  await page.getByLabel('Email address').fill(user.address);
  await page.getByRole('button', { name: 'Configure manually' }).click();
  if (mode === 'pop3') await page.getByLabel('How to get mail').selectOption('pop3');
  await page.locator('#incoming-host').fill('127.0.0.1');
  await page.locator('#incoming-security').selectOption('tls');
  await page.locator('#incoming-port').fill(String(mode === 'imap' ? servers.imap.tlsPort : servers.pop3.tlsPort));
  await page.locator('#incoming-user').fill(user.user);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.locator('#smtp-host').fill('127.0.0.1');
  await page.locator('#smtp-security').selectOption('tls');
  await page.locator('#smtp-port').fill(String(servers.smtp.tlsPort));
  if (mode === 'pop3') {
    await page.getByRole('radio', { name: retention }).check();
    // Checks only when asked (and at start-up), so the test decides when the maildrop changes.
    await page.getByLabel('Check for new mail every (minutes)').fill('');
  }
  await page.getByRole('button', { name: 'Check and add account' }).click();
  await expect.poll(() => page.getByTestId('certificate-fingerprint').textContent(), { timeout: 20_000 }).toBe(servers.certificate.fingerprint256);
  await page.getByRole('button', { name: 'Trust this certificate for this account' }).click();
  await expect.poll(() => page.getByRole('region', { name: `Account ${user.address}` }).count(), { timeout: 20_000 }).toBe(1);
}

export function devicesDialog(page: Page, user: MailUser): Locator {
  return page.getByRole('dialog', { name: `Devices of ${user.address}` });
}

export interface NewDevice {
  name: string;
  mode: 'imap' | 'pop3';
  retention?: RetentionChoice;
  /** When the account has no server of that mode yet: the port (and security) to fill in; the host is guessed. */
  incomingPort?: number;
}

/** Opens "Devices…" of the account (sidebar, or side-by-side header) and adds a device. */
export async function addDevice(page: Page, user: MailUser, device: NewDevice): Promise<void> {
  const dialog = devicesDialog(page, user);
  if ((await dialog.count()) === 0) await page.getByRole('button', { name: `Devices of ${user.address}` }).click();
  const form = dialog.getByRole('form', { name: 'Add a device' });
  await form.getByLabel('Device name').fill(device.name);
  await form.getByLabel('How this device gets mail').selectOption(device.mode);
  if (device.incomingPort !== undefined) {
    // The host is guessed from the account's other server.
    expect(await form.getByLabel('Server', { exact: true }).inputValue()).toBe('127.0.0.1');
    await form.getByLabel('Security', { exact: true }).selectOption('tls');
    await form.getByLabel('Port', { exact: true }).fill(String(device.incomingPort));
    // A server the account does not have yet gets only the password typed for it (issue 11, item 12).
    await form.getByLabel('Password for this server').fill(user.password);
  }
  if (device.mode === 'pop3') {
    await form.getByRole('radio', { name: device.retention ?? 'Leave messages on the server' }).check();
    await form.getByLabel('Check for new mail every (minutes)').fill('');
  }
  await expectEveryControlNamed(page);
  await form.getByRole('button', { name: 'Add device' }).click();
  await expect.poll(() => dialog.getByRole('listitem', { name: `Device ${device.name}` }).count(), { timeout: 20_000 }).toBe(1);
}

export async function renameDevice(page: Page, user: MailUser, from: string, to: string): Promise<void> {
  const dialog = devicesDialog(page, user);
  if ((await dialog.count()) === 0) await page.getByRole('button', { name: `Devices of ${user.address}` }).click();
  await dialog.getByRole('button', { name: `Rename ${from}` }).click();
  await dialog.getByLabel('New device name').fill(to);
  await dialog.getByRole('button', { name: 'Save name' }).click();
  await expect.poll(() => dialog.getByRole('listitem', { name: `Device ${to}` }).count()).toBe(1);
}

export async function closeDevicesDialog(page: Page, user: MailUser): Promise<void> {
  await devicesDialog(page, user).getByRole('button', { name: 'Close', exact: true }).click();
}

export async function openSideBySide(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Devices side by side' }).click();
  await expect.poll(() => page.getByRole('region', { name: 'What the server sees' }).count()).toBe(1);
}

export function column(page: Page, deviceName: string): Locator {
  return page.getByRole('region', { name: `Device ${deviceName}`, exact: true });
}

export function serverPanel(page: Page): Locator {
  return page.getByRole('region', { name: 'What the server sees' });
}

/** "Inbox: 3 messages, 2 unread" under a column's folder picker. */
export function folderCounts(deviceColumn: Locator): Promise<string | null> {
  return deviceColumn.getByTestId('folder-counts').textContent();
}

export function messageList(deviceColumn: Locator, folder = 'Inbox'): Locator {
  return deviceColumn.getByRole('listbox', { name: `Messages in ${folder}` });
}

/** The accessible names of a column's messages ("Unread, Sender: Subject"). */
export async function messageLabels(deviceColumn: Locator, folder = 'Inbox'): Promise<string[]> {
  const options = messageList(deviceColumn, folder).getByRole('option');
  return (await options.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label') ?? ''))).filter((label) => label !== 'Loading');
}

export async function chooseFolder(deviceColumn: Locator, deviceName: string, folder: RegExp): Promise<void> {
  const picker = deviceColumn.getByRole('combobox', { name: `Folder on ${deviceName}` });
  const labels = await picker.locator('option').evaluateAll((nodes) => nodes.map((n) => ({ value: (n as HTMLOptionElement).value, text: n.textContent ?? '' })));
  const match = labels.find((o) => folder.test(o.text));
  if (!match) throw new Error(`No folder ${String(folder)} on ${deviceName}: ${labels.map((o) => o.text).join(', ')}`);
  await picker.selectOption(match.value);
}

/** Points the server panel at a device (its mode, its folder, its decisions). */
export async function panelAsSeenBy(page: Page, deviceName: string): Promise<void> {
  const chooser = serverPanel(page).getByRole('combobox', { name: 'Server panel as seen by' });
  const value = await chooser.locator('option').evaluateAll((nodes, name) => (nodes as HTMLOptionElement[]).find((n) => n.textContent?.startsWith(`as seen by ${name} (`))?.value, deviceName);
  if (!value) throw new Error(`No device ${deviceName} in the server panel`);
  await chooser.selectOption(value);
}

/** Subjects of the server panel's message table (IMAP folder or POP maildrop). */
export async function serverPanelSubjects(page: Page, table: string): Promise<string[]> {
  return serverPanel(page)
    .getByRole('table', { name: table })
    .locator('tbody tr[data-uid] td:nth-child(4), tbody tr[data-uidl] td:nth-child(4)')
    .allTextContents();
}

/** Every interactive element has an accessible name (what a screen reader announces). */
export async function expectEveryControlNamed(page: Page): Promise<void> {
  const snapshot = await page.locator('body').ariaSnapshot();
  const unnamed = snapshot.split('\n').filter((line) => /^\s*- (button|textbox|combobox|checkbox|listbox|option|link|spinbutton|tab|radio)\s*(\[.*\])?:?\s*$/.test(line));
  expect(unnamed, snapshot).toEqual([]);
}

/** From now on, every page handed to the print dialog (the hidden "Print" frame's document): read with the function returned. */
export async function recordPrintedSheets(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const sheets: string[] = [];
    (window as unknown as { printedSheets: string[] }).printedSheets = sheets;
    new MutationObserver((records) => {
      for (const r of records) for (const node of r.addedNodes) if (node instanceof HTMLIFrameElement && node.title === 'Print') sheets.push(node.srcdoc);
    }).observe(document.body, { childList: true, subtree: true });
  });
  return () => page.evaluate(() => (window as unknown as { printedSheets: string[] }).printedSheets);
}
