import type { Locator, Page } from 'playwright';
import { describe, expect, inject, it } from 'vitest';
import { createUser, seedMessages } from '../servers';
import { sharedBrowser } from '../support/e2e-browser';
import { addAccountThroughForm, openApp } from './device-ui';
import { messageWithInlineImages } from '../support/inline-image-message';

/**
 * Issue 16, inline images and printing in Chromium through the harness: an HTML message's own
 * images (`<img src="cid:…">`, RFC 2392) show in the reader, read from the cache, in IMAP and in
 * POP mode; a cid: naming a part the message does not have, or a part that is not a raster image,
 * shows nothing; the images are not listed as attachments. Print (and Ctrl+P) hands the print
 * dialog a page of the message alone: its headers and body with its own images, none of the app.
 */

const servers = inject('servers');
const e2e = sharedBrowser('inline-images');

async function expectInlineImagesShown(page: Page, subject: string): Promise<void> {
  const list = page.getByRole('listbox', { name: 'Messages in Inbox' });
  await list.getByRole('option', { name: new RegExp(subject) }).click();
  const frame = page.frameLocator('iframe[title="Message content"]');
  const image = (id: string): Locator => frame.locator(`img#${id}`);
  // Drawn from the cache: the PNG is in the page, with its real size.
  await expect.poll(() => image('logo').evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)), { timeout: 15_000 }).toBe(12);
  expect(await image('logo').evaluate((img: HTMLImageElement) => img.naturalHeight)).toBe(7);
  expect(await image('logo').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
  // A part the message does not have, and one that is not a raster image: no source at all.
  expect(await image('missing').getAttribute('src')).toBeNull();
  expect(await image('vector').getAttribute('src')).toBeNull();
  // The images are part of the page, not attachments; the PDF is one.
  const attachments = page.getByRole('list', { name: 'Attachments' });
  expect(await attachments.getByRole('listitem').allTextContents()).toEqual([expect.stringContaining('terms.pdf')]);
}

describe('inline images (cid:) in the reader', () => {
  it.each([
    { mode: 'imap', subject: 'Logo over IMAP' },
    { mode: 'pop3', subject: 'Logo over POP' },
  ] as const)('$mode: shows the message’s own PNG from the cache, nothing for a missing or non-raster part', async ({ mode, subject }) => {
    const me = await createUser(servers);
    await seedMessages(servers, me, 'INBOX', [{ raw: messageWithInlineImages(subject) }]);
    const { page, pageErrors } = await openApp(e2e.browser, e2e.cleanups);
    await addAccountThroughForm(page, servers, me, mode);
    await expectInlineImagesShown(page, subject);
    expect(pageErrors).toEqual([]);
  });
});

/** Every print page the app makes from now on: its document, and whether it is gone again (print() returned). */
async function recordPrintPages(page: Page): Promise<() => Promise<Array<{ srcdoc: string; sandbox: string | null; removed: boolean }>>> {
  await page.evaluate(() => {
    const pages: Array<{ frame: HTMLIFrameElement; srcdoc: string; sandbox: string | null }> = [];
    (window as unknown as { printPages: typeof pages }).printPages = pages;
    new MutationObserver((records) => {
      for (const record of records)
        for (const node of record.addedNodes) if (node instanceof HTMLIFrameElement && node.title === 'Print') pages.push({ frame: node, srcdoc: node.srcdoc, sandbox: node.getAttribute('sandbox') });
    }).observe(document.body, { childList: true, subtree: true });
  });
  return () =>
    page.evaluate(() =>
      (window as unknown as { printPages: Array<{ frame: HTMLIFrameElement; srcdoc: string; sandbox: string | null }> }).printPages.map((p) => ({ srcdoc: p.srcdoc, sandbox: p.sandbox, removed: !p.frame.isConnected })),
    );
}

describe.each(['imap', 'pop3'] as const)('printing a message, %s account', (mode) => {
  it('Print and Ctrl+P give the print dialog the message alone: headers, body and its own image, no script, nothing of the app', async () => {
    const me = await createUser(servers);
    await seedMessages(servers, me, 'INBOX', [{ raw: messageWithInlineImages('Logo to print') }]);
    const { page, pageErrors } = await openApp(e2e.browser, e2e.cleanups);
    await addAccountThroughForm(page, servers, me, mode);
    await expectInlineImagesShown(page, 'Logo to print');
    const printed = await recordPrintPages(page);

    // Print is in the toolbar's More actions menu (a menu button: the menu opens with its first item focused).
    const more = page.getByRole('toolbar', { name: 'Message actions' }).getByRole('button', { name: 'More actions' });
    await more.click();
    expect(await more.getAttribute('aria-expanded')).toBe('true');
    expect(await page.getByRole('menu', { name: 'More actions' }).getByRole('menuitem').allTextContents()).toEqual(['PrintCtrl+P', 'Save as .eml', 'Forward as attachment']);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('PrintCtrl+P');
    await page.keyboard.press('Enter');
    expect(await page.getByRole('menu').count()).toBe(0);
    await expect.poll(async () => (await printed()).filter((p) => p.removed).length, { timeout: 15_000 }).toBe(1);
    const [sheet] = await printed();
    expect(sheet!.sandbox).toBe('allow-same-origin allow-modals');
    expect(sheet!.srcdoc).toContain('<title>Logo to print</title>');
    expect(sheet!.srcdoc).toContain('<h1 dir="auto">Logo to print</h1>');
    expect(sheet!.srcdoc).toContain('<dt>From</dt><dd dir="auto">Design &#60;design@example.test&#62;</dd>');
    expect(sheet!.srcdoc).toMatch(/<img id="logo" src="data:image\/png;base64,/);
    expect(sheet!.srcdoc).toContain("img-src data:;");
    expect(sheet!.srcdoc).not.toMatch(/cid:|<script|Compose|Inbox/);
    // Gone again: the hidden page does not stay in the window.
    expect(await page.locator('iframe[title="Print"]').count()).toBe(0);

    await page.locator('body').press('Control+p');
    await expect.poll(async () => (await printed()).filter((p) => p.removed).length, { timeout: 15_000 }).toBe(2);
    expect((await printed())[1]!.srcdoc).toBe(sheet!.srcdoc);
    expect(pageErrors).toEqual([]);
  });
});
