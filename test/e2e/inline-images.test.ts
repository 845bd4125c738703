import { deflateSync } from 'node:zlib';
import type { Locator, Page } from 'playwright';
import { describe, expect, inject, it } from 'vitest';
import { createUser, seedMessages } from '../servers';
import { sharedBrowser } from '../support/e2e-browser';
import { addAccountThroughForm, openApp } from './device-ui';

/**
 * Issue 16, inline images and printing in Chromium through the harness: an HTML message's own
 * images (`<img src="cid:…">`, RFC 2392) show in the reader, read from the cache, in IMAP and in
 * POP mode; a cid: naming a part the message does not have, or a part that is not a raster image,
 * shows nothing; the images are not listed as attachments. Print (and Ctrl+P) hands the print
 * dialog a page of the message alone: its headers and body with its own images, none of the app.
 */

const servers = inject('servers');
const e2e = sharedBrowser('inline-images');

/** A PNG of `width`×`height` red pixels, built here so the test depends on no image file. */
function redPng(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer): number => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  const rows = Buffer.concat(Array.from({ length: height }, () => Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [255, 0, 0]).flat())])));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

function wrap(base64: string): string {
  return base64.replace(/.{1,76}/g, '$&\r\n');
}

/** multipart/related: HTML naming two parts it has (a PNG, an SVG) and one it has not, then a listed PDF. */
function messageWithInlineImages(subject: string): string {
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>').toString('base64');
  return [
    'From: Design <design@example.test>',
    'To: reader@example.test',
    `Subject: ${subject}`,
    'Date: Thu, 03 Dec 2026 09:00:00 +0000',
    `Message-ID: <${subject.replace(/\W/g, '')}@example.test>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="outer"',
    '',
    '--outer',
    'Content-Type: multipart/related; boundary="related"',
    '',
    '--related',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p>Our logo:</p><img id="logo" src="cid:Logo.Red%40example.test" alt="logo"><img id="missing" src="cid:nothing@example.test" alt="missing"><img id="vector" src="cid:vector@example.test" alt="vector">',
    '--related',
    'Content-Type: image/png; name="logo.png"',
    'Content-Transfer-Encoding: base64',
    'Content-ID: <logo.red@example.test>',
    'Content-Disposition: inline; filename="logo.png"',
    '',
    wrap(redPng(12, 7).toString('base64')),
    '--related',
    'Content-Type: image/svg+xml; name="vector.svg"',
    'Content-Transfer-Encoding: base64',
    'Content-ID: <vector@example.test>',
    'Content-Disposition: inline; filename="vector.svg"',
    '',
    wrap(svg),
    '--related--',
    '--outer',
    'Content-Type: application/pdf; name="terms.pdf"',
    'Content-Transfer-Encoding: base64',
    'Content-Disposition: attachment; filename="terms.pdf"',
    '',
    wrap(Buffer.from('%PDF-1.4 not really').toString('base64')),
    '--outer--',
    '',
  ].join('\r\n');
}

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

describe('printing a message', () => {
  it('Print and Ctrl+P give the print dialog the message alone: headers, body and its own image, no script, nothing of the app', async () => {
    const me = await createUser(servers);
    await seedMessages(servers, me, 'INBOX', [{ raw: messageWithInlineImages('Logo to print') }]);
    const { page, pageErrors } = await openApp(e2e.browser, e2e.cleanups);
    await addAccountThroughForm(page, servers, me, 'imap');
    await expectInlineImagesShown(page, 'Logo to print');
    const printed = await recordPrintPages(page);

    await page.getByRole('toolbar', { name: 'Message actions' }).getByRole('button', { name: 'Print' }).click();
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
