import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright';
import { describe, expect, inject, it } from 'vitest';
import { createUser, seedMessages } from '../servers';
import { sharedBrowser } from '../support/e2e-browser';
import { arrivedMessage, otherImapClient } from '../support/other-client';
import { messageWithInlineImages } from '../support/inline-image-message';
import { addAccountThroughForm, openApp, recordPrintedSheets } from './device-ui';

/**
 * Issue 16, "save a message as .eml; open an .eml file … by dropping it on the window, read-only",
 * in Chromium through the harness, against Dovecot:
 * - Save as .eml in the reader gives the message byte for byte as the server (IMAP) or this
 *   computer (POP) has it;
 * - an .eml dropped on the window, or chosen with Ctrl+O, opens read-only over the app with the
 *   reader's header, attachments, body and its own images, script and remote content still
 *   blocked; Escape closes it; nothing of it goes in the account;
 * - a dropped file that is not a message is said, and the page does not navigate to it.
 * (The system's "open with" in Electron is tested in test/unit/main/electron/message-files.test.ts.)
 */

const servers = inject('servers');
const e2e = sharedBrowser('message-files');

const HOSTILE = [
  'From: Mallory <mallory@example.test>',
  'To: you@example.test',
  'Subject: Saved offer',
  'Date: Wed, 02 Dec 2026 08:00:00 +0000',
  'MIME-Version: 1.0',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<p id="text">Look</p><script>parent.document.title = "owned"</script><img id="remote" src="https://tracker.example/pixel.gif">',
  '',
].join('\r\n');

async function dropFiles(page: Page, target: Locator, files: Array<{ name: string; type: string; content: string }>): Promise<void> {
  const transfer = await page.evaluateHandle((list) => {
    const t = new DataTransfer();
    for (const f of list) t.items.add(new File([f.content], f.name, { type: f.type }));
    return t;
  }, files);
  await target.dispatchEvent('dragover', { dataTransfer: transfer });
  await target.dispatchEvent('drop', { dataTransfer: transfer });
}

const viewer = (page: Page, fileName: string): Locator => page.getByRole('dialog', { name: `Message file ${fileName}` });

describe('message files (.eml)', () => {
  it('a dropped .eml opens read-only with its own images; Ctrl+O opens one too; script and remote images stay blocked; other files are refused', async () => {
    const me = await createUser(servers);
    const { page, pageErrors } = await openApp(e2e.browser, e2e.cleanups);
    await addAccountThroughForm(page, servers, me, 'pop3');
    const urlBefore = page.url();

    await dropFiles(page, page.locator('.list-pane'), [{ name: 'Logo.eml', type: '', content: messageWithInlineImages('Logo from a file') }]);
    const logo = viewer(page, 'Logo.eml');
    await logo.waitFor();
    expect(await logo.getByRole('toolbar').textContent()).toContain('Opened from Logo.eml · read only');
    expect(await logo.locator('h2').textContent()).toBe('Logo from a file');
    expect(await logo.getByRole('list', { name: 'Attachments' }).getByRole('listitem').allTextContents()).toEqual([expect.stringContaining('terms.pdf')]);
    const frame = logo.frameLocator('iframe[title="Message content"]');
    await expect.poll(() => frame.locator('img#logo').evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)), { timeout: 15_000 }).toBe(12);
    expect(await frame.locator('img#missing').getAttribute('src')).toBeNull();
    // Saving an attachment of the file gives its bytes.
    const [download] = await Promise.all([page.waitForEvent('download'), logo.getByRole('button', { name: /^Save attachment terms\.pdf/ }).click()]);
    expect(await readFile((await download.path()), 'latin1')).toBe('%PDF-1.4 not really');
    // Ctrl+P prints the file's message (not the reader's): a print page with its subject and image.
    const printed = await recordPrintedSheets(page);
    await logo.press('Control+p');
    await expect.poll(async () => (await printed()).length, { timeout: 15_000 }).toBe(1);
    const [sheet = ''] = await printed();
    expect(sheet).toContain('<title>Logo from a file</title>');
    expect(sheet).toMatch(/<img id="logo" src="data:image\/png;base64,/);
    await page.keyboard.press('Escape');
    await expect.poll(() => logo.count()).toBe(0);

    // Ctrl+O: the system's file chooser, then the same viewer; no script ran, the remote image is held back.
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('body').press('Control+o')]);
    await chooser.setFiles({ name: 'offer.eml', mimeType: 'message/rfc822', buffer: Buffer.from(HOSTILE) });
    const offer = viewer(page, 'offer.eml');
    await offer.waitFor();
    const offerFrame = offer.frameLocator('iframe[title="Message content"]');
    await expect.poll(() => offerFrame.locator('#text').textContent()).toBe('Look');
    expect(await offerFrame.locator('script').count()).toBe(0);
    expect(await offerFrame.locator('img#remote').getAttribute('src')).toBeNull();
    expect(await offer.getByRole('button', { name: /Load 1 remote image/ }).count()).toBe(1);
    expect(await page.title()).not.toBe('owned');
    await offer.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => offer.count()).toBe(0);

    // Any other file dropped on the window: said, not opened, and the page stays where it is.
    await dropFiles(page, page.locator('.list-pane'), [{ name: 'notes.txt', type: 'text/plain', content: 'hello' }]);
    await expect.poll(() => page.getByText('Only message files (.eml) open here.', { exact: false }).count()).toBe(1);
    expect(page.url()).toBe(urlBefore);
    // Nothing of the files went into the account.
    expect(await page.getByRole('listbox', { name: 'Messages in Inbox' }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('an .eml over 64 MB dropped on the window is refused before it is read; a file named .eml that is no message opens as broken mail, with nothing run', async () => {
    const me = await createUser(servers);
    const { page, pageErrors } = await openApp(e2e.browser, e2e.cleanups);
    await addAccountThroughForm(page, servers, me, 'pop3');
    // Made in the page: 65 MB of zeros named huge.eml.
    const huge = await page.evaluateHandle(() => {
      const t = new DataTransfer();
      t.items.add(new File([new Uint8Array(65 * 1024 * 1024)], 'huge.eml', { type: 'message/rfc822' }));
      return t;
    });
    const list = page.locator('.list-pane');
    await list.dispatchEvent('dragover', { dataTransfer: huge });
    await list.dispatchEvent('drop', { dataTransfer: huge });
    await expect.poll(() => page.getByText('huge.eml is larger than the 64 MB Porthole opens.', { exact: false }).count()).toBe(1);
    expect(await page.getByRole('dialog', { name: /^Message file/ }).count()).toBe(0);

    // A picture renamed .eml: bytes that are no message at all, a NUL and a script tag among them.
    const png = '\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR<script>parent.document.title = "owned"</script>';
    await dropFiles(page, list, [{ name: 'holiday.eml', type: '', content: png }]);
    const broken = viewer(page, 'holiday.eml');
    await broken.waitFor();
    expect(await broken.locator('h2').textContent()).toBe('(no subject)');
    expect(await broken.innerText()).toContain('holiday.eml does not look like a mail message: it has no sender, recipients, subject, date or text.');
    expect(await broken.locator('script').count()).toBe(0);
    expect(await page.title()).not.toBe('owned');
    await page.keyboard.press('Escape');
    await expect.poll(() => broken.count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it.each(['imap', 'pop3'] as const)('%s: Save as .eml gives the message byte for byte, and the saved file opens again', async (mode) => {
    const me = await createUser(servers);
    const raw = messageWithInlineImages(`Saved over ${mode}`);
    await seedMessages(servers, me, 'INBOX', [{ raw }]);
    const { page, pageErrors } = await openApp(e2e.browser, e2e.cleanups);
    await addAccountThroughForm(page, servers, me, mode);
    await page.getByRole('listbox', { name: 'Messages in Inbox' }).getByRole('option', { name: new RegExp(`Saved over ${mode}`) }).click();
    await page.frameLocator('iframe[title="Message content"]').locator('img#logo').waitFor();

    await page.getByRole('toolbar', { name: 'Message actions' }).getByRole('button', { name: 'More actions' }).click();
    // Keyboard in the menu: ↓ to the second item, Escape closes and gives the button the focus back, then Enter opens again.
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Save as .eml');
    await page.keyboard.press('Escape');
    expect(await page.getByRole('menu').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-haspopup'))).toBe('menu');
    await page.keyboard.press('Enter');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Save as .eml' }).click()]);
    expect(download.suggestedFilename()).toBe(`Saved over ${mode}.eml`);
    const saved = await readFile((await download.path()), 'latin1');
    expect(saved).toBe(raw);

    // The saved file opens again (renamed, to tell it from the message in the reader behind it).
    await dropFiles(page, page.locator('.reader-pane'), [{ name: download.suggestedFilename(), type: '', content: saved.replace(`Subject: Saved over ${mode}`, 'Subject: The saved copy') }]);
    const reopened = viewer(page, `Saved over ${mode}.eml`);
    await reopened.waitFor();
    await expect.poll(() => reopened.frameLocator('iframe[title="Message content"]').locator('img#logo').evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)), { timeout: 15_000 }).toBe(12);
    // Ctrl+P over the reader prints the file shown on top, not the reader's message.
    await page.evaluate(() => {
      const titles: string[] = [];
      (window as unknown as { titles: string[] }).titles = titles;
      new MutationObserver((records) => {
        for (const r of records) for (const node of r.addedNodes) if (node instanceof HTMLIFrameElement && node.title === 'Print') titles.push(/<title>(.*?)<\/title>/.exec(node.srcdoc)?.[1] ?? '');
      }).observe(document.body, { childList: true, subtree: true });
    });
    await reopened.press('Control+p');
    await expect.poll(() => page.evaluate(() => (window as unknown as { titles: string[] }).titles), { timeout: 15_000 }).toEqual(['The saved copy']);
    expect(pageErrors).toEqual([]);
  });

  it.each(['imap', 'pop3'] as const)('%s: Forward as attachment sends the original whole, as message/rfc822', async (mode) => {
    const me = await createUser(servers);
    const friend = await createUser(servers);
    const raw = messageWithInlineImages(`Forwarded whole over ${mode}`);
    await seedMessages(servers, me, 'INBOX', [{ raw }]);
    const friendClient = await otherImapClient(servers, friend);
    e2e.cleanups.push(() => friendClient.logout());
    const { page, pageErrors } = await openApp(e2e.browser, e2e.cleanups);
    await addAccountThroughForm(page, servers, me, mode);
    await page.getByRole('listbox', { name: 'Messages in Inbox' }).getByRole('option', { name: new RegExp(`Forwarded whole over ${mode}`) }).click();
    await page.frameLocator('iframe[title="Message content"]').locator('img#logo').waitFor();

    await page.getByRole('toolbar', { name: 'Message actions' }).getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Forward as attachment' }).click();
    const composer = page.getByRole('dialog', { name: 'Compose message' });
    expect(await composer.getByLabel('Subject').inputValue()).toBe(`Fwd: Forwarded whole over ${mode}`);
    expect(await composer.getByLabel('Message').inputValue()).toBe('');
    expect(await composer.getByText('The original message is attached, whole.').count()).toBe(1);
    await composer.getByLabel('To', { exact: true }).fill(friend.address);
    await composer.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => composer.count(), { timeout: 20_000 }).toBe(0);

    await arrivedMessage(friendClient, 'INBOX', `Fwd: Forwarded whole over ${mode}`);
    // The server's view of the structure (mailparser would open the attached message up): one
    // message/rfc822 part named after the subject, holding the original byte for byte.
    const lock = await friendClient.getMailboxLock('INBOX');
    try {
      const fetched = await friendClient.fetchOne('*', { uid: true, bodyStructure: true });
      const parts = fetched ? (fetched.bodyStructure?.childNodes ?? []) : [];
      const attached = parts.find((node) => node.type === 'message/rfc822');
      expect(fetched && fetched.bodyStructure?.type).toBe('multipart/mixed');
      expect([attached?.disposition, attached?.dispositionParameters?.filename]).toEqual(['attachment', `Forwarded whole over ${mode}.eml`]);
      const { content } = await friendClient.download(String(fetched && fetched.uid), attached!.part, { uid: true });
      const chunks: Buffer[] = [];
      for await (const chunk of content!) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).toString('latin1')).toBe(raw);
    } finally {
      lock.release();
    }
    expect(pageErrors).toEqual([]);
  });
});
