import { mkdir } from 'node:fs/promises';
import type { Locator, Page } from 'playwright';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { sharedBrowser } from '../support/e2e-browser';
import { startHarnessProcess, type HarnessProcess } from '../support/harness-process';
import { column, serverPanel } from './device-ui';

/**
 * Issue 12, items 7–9: what a new user saw in the sandbox at 1440, 1024 and 800 pixels wide —
 * Arabic laid out left to right, dialogs Escape did not close, a toolbar on three rows, a reader
 * squeezed to a strip, flags broken mid-word. Layout is checked by measuring, on every run;
 * screenshots (PORTHOLE_SCREENSHOTS=<folder>) are for looking at.
 */

const servers = inject('servers');
const shared = sharedBrowser('presentation');
let harness: HarnessProcess;
let page: Page;
const pageErrors: string[] = [];

const SIZES = { wide: { width: 1440, height: 900 }, medium: { width: 1024, height: 700 }, narrow: { width: 800, height: 600 } } as const;
type Size = keyof typeof SIZES;

async function shot(name: string): Promise<void> {
  const folder = process.env.PORTHOLE_SCREENSHOTS;
  if (!folder) return;
  await mkdir(folder, { recursive: true });
  await page.screenshot({ path: `${folder}/${name}.png` });
}

async function resize(size: Size): Promise<void> {
  await page.setViewportSize(SIZES[size]);
}

const inbox = (): Locator => page.getByRole('listbox', { name: 'Messages in Inbox' });
const ARABIC_SUBJECT = 'دعوة إلى العشاء يوم الجمعة';

/** Texts inside `root` matching `token` that the layout broke across two lines. */
async function brokenTokens(root: Locator, cellSelector: string, token: string): Promise<string[]> {
  return root.evaluate(
    (element, { cellSelector, token }) => {
      const broken: string[] = [];
      for (const cell of element.querySelectorAll(cellSelector)) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (const match of (node.textContent ?? '').matchAll(new RegExp(token, 'g'))) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
            if (lines.size > 1) broken.push(match[0]);
          }
        }
      }
      return broken;
    },
    { cellSelector, token },
  );
}

beforeAll(async () => {
  harness = await startHarnessProcess();
  const context = await shared.browser.newContext({ viewport: SIZES.wide });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Try the sandbox' }).click();
  await inbox().getByRole('option', { name: new RegExp(ARABIC_SUBJECT) }).waitFor({ timeout: 30_000 });
}, 120_000);

// A test that failed with a dialog open leaves the next one a usable window.
afterEach(async () => {
  for (const dialog of await page.getByRole('dialog').all()) await dialog.getByRole('button', { name: 'Close', exact: true }).click({ timeout: 2_000 }).catch(() => undefined);
  const accountForm = page.getByRole('form', { name: 'Add a mail account' });
  if (await accountForm.count()) await accountForm.getByRole('button', { name: 'Cancel' }).click({ timeout: 2_000 }).catch(() => undefined);
  await page.setViewportSize(SIZES.wide);
});

afterAll(async () => {
  await harness?.stop();
});

describe('right-to-left mail (issue 12, item 7)', () => {
  it('an Arabic row runs right to left in its own fields; every row keeps its date at the same edge', async () => {
    const arabic = inbox().getByRole('option', { name: new RegExp(ARABIC_SUBJECT) });
    const directions = await arabic.evaluate((row) => ['.sender', '.subject', '.snippet'].map((field) => getComputedStyle(row.querySelector(field)!).direction));
    expect(directions).toEqual(['rtl', 'rtl', 'rtl']);
    // The row itself stays left to right: its date at the right edge, like every other row's.
    const dateEdges = await inbox().locator('.message-row .date').evaluateAll((dates) => dates.filter((d) => d.textContent).map((d) => Math.round(d.getBoundingClientRect().right)));
    expect(dateEdges.length).toBeGreaterThan(3);
    expect(new Set(dateEdges).size).toBe(1);

    await arabic.click();
    const reader = page.getByRole('article', { name: 'Message' });
    await expect.poll(() => reader.locator('h2').textContent()).toBe(ARABIC_SUBJECT);
    expect(await reader.locator('h2').evaluate((h) => getComputedStyle(h).direction)).toBe('rtl');
    // From: ليلى حداد — the field runs right to left; its label stays in the left column.
    const from = reader.locator('.reader-header dd').first();
    expect(await from.evaluate((dd) => getComputedStyle(dd).direction)).toBe('rtl');
    const labelRight = await reader.locator('.reader-header dt').first().evaluate((dt) => dt.getBoundingClientRect().right);
    expect(await from.evaluate((dd) => dd.getBoundingClientRect().left)).toBeGreaterThan(labelRight);
    for (const size of Object.keys(SIZES) as Size[]) {
      await resize(size);
      await shot(`rtl-${size}`);
    }
    await resize('wide');
  });
});

describe('the reader at 1024 and 800 pixels (issue 12, item 9)', () => {
  it('keeps its toolbar on one row at 1024×700 and clips no header field at 800×600', async () => {
    await inbox().getByRole('option', { name: /Welcome to the Porthole sandbox$/ }).click();
    const reader = page.getByRole('article', { name: 'Message' });
    await expect.poll(() => reader.locator('h2').textContent()).toBe('Welcome to the Porthole sandbox');
    const toolbar = reader.getByRole('toolbar', { name: 'Message actions' });
    const rows = async (): Promise<number> =>
      toolbar.evaluate((bar) => new Set([...bar.querySelectorAll('button, select')].map((c) => Math.round(c.getBoundingClientRect().top))).size);

    await resize('medium');
    await shot('reader-medium');
    expect(await rows()).toBe(1);
    const buttonHeight = await toolbar.getByRole('button', { name: 'Reply', exact: true }).evaluate((b) => b.getBoundingClientRect().height);
    expect(await toolbar.evaluate((bar) => bar.getBoundingClientRect().height)).toBeLessThan(buttonHeight * 2);

    // With the server panel open too, nothing runs off the window's right edge.
    const serverToggle = page.getByRole('button', { name: 'What the server sees' });
    await serverToggle.click();
    await serverPanel(page).waitFor();
    await shot('reader-server-medium');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await serverToggle.click();
    await expect.poll(() => serverPanel(page).count()).toBe(0);

    await resize('narrow');
    await shot('reader-narrow');
    expect(await rows()).toBe(1);
    // Usable, not crushed: the reader keeps most of a narrow window.
    expect(await page.locator('.reader-pane').evaluate((pane) => pane.getBoundingClientRect().width)).toBeGreaterThanOrEqual(380);
    const clipped = await reader.locator('.reader-header h2, .reader-header dt, .reader-header dd').evaluateAll((fields) =>
      fields.filter((f) => f.scrollWidth > f.clientWidth + 1 || f.getBoundingClientRect().right > (f.closest('.reader-pane')?.getBoundingClientRect().right ?? Infinity) + 1).map((f) => f.textContent),
    );
    expect(clipped).toEqual([]);
    await resize('wide');
  });
});

describe('dialogs (issue 12, item 8)', () => {
  it('Escape closes the Sandbox, Settings and Devices dialogs, a confirmation inside first, and focus returns to the button that opened it', async () => {
    for (const [opener, dialog] of [
      ['Sandbox settings of you@sandbox.test', 'Sandbox'],
      ['Settings of you@sandbox.test', 'Settings of you@sandbox.test'],
    ] as const) {
      const button = page.getByRole('button', { name: opener, exact: true });
      await button.click();
      await page.getByRole('dialog', { name: dialog }).waitFor();
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByRole('dialog', { name: dialog }).count()).toBe(0);
      expect(await button.evaluate((b) => b === document.activeElement)).toBe(true);
    }

    const devicesButton = page.getByRole('button', { name: 'Devices of you@sandbox.test' });
    await devicesButton.click();
    const devices = page.getByRole('dialog', { name: 'Devices of you@sandbox.test' });
    await devices.getByRole('button', { name: /^Rename / }).first().click();
    const newName = devices.getByLabel('New device name');
    await newName.waitFor();
    await shot('devices-rename-wide');
    // Escape in the rename field closes the rename only; the next one closes the dialog.
    await newName.press('Escape');
    await expect.poll(() => newName.count()).toBe(0);
    expect(await devices.count()).toBe(1);
    // Escape from a text field of the dialog itself closes the dialog.
    await devices.getByLabel('Device name').fill('Tablet');
    await devices.getByLabel('Device name').press('Escape');
    await expect.poll(() => devices.count()).toBe(0);
    expect(await devicesButton.evaluate((b) => b === document.activeElement)).toBe(true);
  });

  it('"Delete folder" is a red, secondary action, not the blue primary button', async () => {
    await page.getByRole('button', { name: 'New folder' }).click();
    await page.getByLabel('New folder name').fill('Old receipts');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    const folders = page.getByRole('navigation', { name: 'Folders' });
    await folders.getByRole('button', { name: /^Old receipts/ }).click();
    const del = page.getByRole('button', { name: 'Delete', exact: true });
    await del.click();
    const confirm = page.getByRole('button', { name: 'Delete folder' });
    const looks = async (button: Locator) => button.evaluate((b) => ({ color: getComputedStyle(b).color, background: getComputedStyle(b).backgroundColor, primary: b.classList.contains('primary') }));
    const danger = 'rgb(179, 38, 30)';
    expect(await looks(del)).toMatchObject({ color: danger });
    expect(await looks(confirm)).toEqual({ color: danger, background: 'rgb(255, 255, 255)', primary: false });
    await shot('delete-folder-wide');
    await confirm.click();
    await expect.poll(() => folders.getByRole('button', { name: /^Old receipts/ }).count()).toBe(0);
  });
});

describe('the account form (issue 12, items 8 and 9)', () => {
  it('configured by hand, no server is guessed (issue 14: discovery proposes them); the SMTP user mirrors the incoming one; the fingerprint stays inside its card', async () => {
    await page.getByRole('button', { name: 'Add account' }).click();
    const form = page.getByRole('form', { name: 'Add a mail account' });
    await form.getByLabel('Email address').fill('ann@example.net');
    await form.getByRole('button', { name: 'Configure manually' }).click();
    expect(await form.locator('#incoming-host').inputValue()).toBe('');
    expect(await form.locator('#smtp-host').inputValue()).toBe('');
    await form.getByLabel('How to get mail').selectOption('pop3');
    expect(await form.locator('#incoming-port').inputValue()).toBe('995');
    await form.getByLabel('How to get mail').selectOption('imap');
    expect(await form.locator('#incoming-port').inputValue()).toBe('993');

    // "Same user name and password": the SMTP user is the incoming one, and not editable.
    await form.locator('#incoming-user').fill('ann.l');
    expect(await form.locator('#smtp-user').isDisabled()).toBe(true);
    expect(await form.locator('#smtp-user').inputValue()).toBe('ann.l');
    await form.getByLabel('SMTP uses the same user name and password').uncheck();
    expect(await form.locator('#smtp-user').isEnabled()).toBe(true);
    await form.getByLabel('SMTP uses the same user name and password').check();

    // The harness keeps passwords in a file: said once, beside the password, not in a banner.
    expect(await form.getByRole('note').filter({ hasText: /password/i }).count()).toBe(1);

    // An untrusted certificate at 800 pixels: its fingerprint wraps inside the card.
    await resize('narrow');
    await form.locator('#incoming-host').fill('127.0.0.1');
    await form.locator('#incoming-security').selectOption('tls');
    await form.locator('#incoming-port').fill(String(servers.imap.tlsPort));
    await form.getByLabel('Password', { exact: true }).fill('not-needed');
    await form.locator('#smtp-host').fill('127.0.0.1');
    await form.getByRole('button', { name: 'Check and add account' }).click();
    const fingerprint = form.getByTestId('certificate-fingerprint');
    await expect.poll(() => fingerprint.textContent(), { timeout: 20_000 }).toBe(servers.certificate.fingerprint256);
    await fingerprint.scrollIntoViewIfNeeded();
    await shot('certificate-narrow');
    const edges = await fingerprint.evaluate((dd) => ({ text: dd.getBoundingClientRect().right, scroll: dd.scrollWidth - dd.clientWidth, card: dd.closest('.certificate')!.getBoundingClientRect().right, form: dd.closest('form')!.getBoundingClientRect().right }));
    expect(edges.scroll).toBeLessThanOrEqual(1);
    expect(edges.text).toBeLessThanOrEqual(edges.card);
    expect(edges.card).toBeLessThanOrEqual(edges.form);
    // The card says it all, its fingerprint once: no error line above it repeats it.
    expect(await form.locator('.error-text').count()).toBe(0);
    await resize('wide');
    await form.getByRole('button', { name: 'Cancel' }).click();
  });
});

describe('devices side by side (issue 12, item 9)', () => {
  it('gives the column reader a usable height, and breaks no flag or size in the server panel', async () => {
    await page.getByRole('group', { name: 'Sandbox' }).getByRole('button', { name: 'Demonstrate POP vs IMAP' }).click();
    const laptop = column(page, 'Laptop');
    const message = laptop.getByRole('option', { name: new RegExp(ARABIC_SUBJECT) });
    await message.waitFor({ timeout: 20_000 });
    await message.click();
    const mini = laptop.getByRole('article', { name: `Message ${ARABIC_SUBJECT}` });
    await mini.waitFor();
    await expect.poll(() => mini.locator('.plain-body').count(), { timeout: 10_000 }).toBe(1);
    expect(await mini.locator('h3').evaluate((h) => getComputedStyle(h).direction)).toBe('rtl');
    expect(await mini.evaluate((m) => m.getBoundingClientRect().height)).toBeGreaterThanOrEqual(300);

    // The server panel's messages: "\Flagged" and "1 KB" never broken across lines.
    const panel = serverPanel(page);
    await panel.locator('.data-table .flags').first().waitFor({ timeout: 20_000 });
    for (const size of Object.keys(SIZES) as Size[]) {
      await resize(size);
      await shot(`side-by-side-${size}`);
      // At 1024 pixels the guide, both devices and the server panel fit without scrolling sideways.
      if (size !== 'narrow') expect(await page.locator('.sbs-columns').evaluate((c) => c.scrollWidth - c.clientWidth)).toBeLessThanOrEqual(1);
      expect(await brokenTokens(panel, '.data-table .flags', '\\S+')).toEqual([]);
      expect(await brokenTokens(panel, '.data-table td', '\\d+(?:\\.\\d+)? (?:B|KB|MB)')).toEqual([]);
    }
    await resize('wide');
    expect(pageErrors).toEqual([]);
  });
});
