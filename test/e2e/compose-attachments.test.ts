import type { ImapFlow } from 'imapflow';
import type { Locator, Page } from 'playwright';
import { describe, expect, inject, it } from 'vitest';
import { createUser, seedMessages, type MailUser } from '../servers';
import { SMTP_SIZE_LIMIT } from '../servers/smtp';
import { sharedBrowser } from '../support/e2e-browser';
import { arrivedMessage, otherImapClient } from '../support/other-client';
import { addAccountThroughForm, openApp } from './device-ui';

/**
 * Issue 16, attachments in the composer, in Chromium through the harness, for a POP and an IMAP
 * account against Dovecot and the test submission server (SIZE 10 MB, RFC 1870):
 * - a file dropped on the composer, and one pasted into it, are attached (the drop shows where it
 *   lands first), and arrive at the recipient byte for byte, with the sizes the composer showed;
 * - text that promises an attachment ("attached", "anbei"…) with none says so while typing, and
 *   Send asks once before sending without one;
 * - a message larger than the server takes is named as such while writing, and Send is refused
 *   by main with the same words, the composer staying open with everything in it.
 */

const servers = inject('servers');
const e2e = sharedBrowser('compose-attachments');

const composer = (page: Page): Locator => page.getByRole('dialog', { name: 'Compose message' });

async function openComposer(page: Page, to: string, subject: string, text: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Compose' }).click();
  const box = composer(page);
  await box.getByLabel('To', { exact: true }).fill(to);
  await box.getByLabel('Subject').fill(subject);
  await box.getByLabel('Message').fill(text);
  return box;
}

/** Files handed to the page as the system hands dropped or pasted ones: in a DataTransfer. */
async function dataTransferOf(page: Page, files: Array<{ name: string; type: string; text: string }>) {
  return page.evaluateHandle((list) => {
    const transfer = new DataTransfer();
    for (const f of list) transfer.items.add(new File([f.text], f.name, { type: f.type }));
    return transfer;
  }, files);
}


async function recipientOf(): Promise<{ user: MailUser; client: ImapFlow }> {
  const user = await createUser(servers);
  const client = await otherImapClient(servers, user);
  e2e.cleanups.push(() => client.logout());
  return { user, client };
}

describe.each(['pop3', 'imap'] as const)('attachments in the composer, %s account', (mode) => {
  it('drop and paste attach files; a promised attachment that is missing is asked about once; both arrive', async () => {
    const me = await createUser(servers);
    const recipient = await recipientOf();
    const { page, pageErrors } = await openApp(e2e.browser, e2e.cleanups);
    await addAccountThroughForm(page, servers, me, mode);

    const box = await openComposer(page, recipient.user.address, 'Minutes', 'Hi,\nthe minutes are attached.\n');
    const warnings = box.getByRole('status', { name: 'Before sending' });
    await expect.poll(() => warnings.textContent()).toBe('You wrote “attached”, but nothing is attached.');
    // Send asks first: nothing goes, and the button says what a second press does.
    await box.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => warnings.textContent()).toContain('Press Send again to send it without one.');
    expect(await box.getByRole('button', { name: 'Send without attachment' }).count()).toBe(1);

    // A drag of files over the composer shows where they will land; the drop attaches them.
    const dropped = await dataTransferOf(page, [{ name: 'minutes.txt', type: 'text/plain', text: 'Item 1: ferries.\n' }]);
    await box.dispatchEvent('dragover', { dataTransfer: dropped });
    await expect.poll(() => box.getByText('Drop to attach').count()).toBe(1);
    await box.getByLabel('Message').dispatchEvent('drop', { dataTransfer: dropped });
    await expect.poll(() => box.getByText('Drop to attach').count()).toBe(0);
    const attached = box.getByRole('list', { name: 'Attached files' }).getByRole('listitem');
    await expect.poll(() => attached.allTextContents()).toEqual([expect.stringMatching(/^minutes\.txt \(17 bytes\)/)]);
    // Kept: the promise is now met, the warning and the question are gone.
    expect(await warnings.count()).toBe(0);
    expect(await box.getByRole('button', { name: 'Send', exact: true }).count()).toBe(1);

    // A pasted file (a screenshot, a copied file) is attached; the text stays as typed.
    const pasted = await dataTransferOf(page, [{ name: 'image.png', type: 'image/png', text: 'not really a png' }]);
    await box.getByLabel('Message').evaluate((area, transfer) => area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true })), pasted);
    await expect.poll(() => attached.count()).toBe(2);
    expect(await attached.nth(1).textContent()).toMatch(/^image\.png \(16 bytes\)/);
    expect(await box.getByLabel('Message').inputValue()).toBe('Hi,\nthe minutes are attached.\n');

    await box.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => composer(page).count(), { timeout: 20_000 }).toBe(0);
    const arrived = await arrivedMessage(recipient.client, 'INBOX', 'Minutes');
    expect(arrived.attachments.map((a) => [a.filename, a.contentType, a.content.toString()])).toEqual([
      ['minutes.txt', 'text/plain', 'Item 1: ferries.\n'],
      ['image.png', 'image/png', 'not really a png'],
    ]);
    // The sizes the reader gives the sent copy's files are those the composer gave.
    await page.getByRole('navigation', { name: 'Folders' }).getByRole('button', { name: /^Sent/ }).click();
    await page.getByRole('listbox', { name: 'Messages in Sent' }).getByRole('option', { name: /Minutes/ }).click({ timeout: 20_000 });
    const saveButtons = page.getByRole('article', { name: 'Message' }).getByRole('list', { name: 'Attachments' }).getByRole('button');
    await expect.poll(() => saveButtons.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label'))), { timeout: 15_000 }).toEqual(['Save attachment minutes.txt, 17 bytes', 'Save attachment image.png, 16 bytes']);
    expect(pageErrors).toEqual([]);
  });

  it('a message over the server’s SIZE is named while writing, refused at Send with the composer kept', async () => {
    const me = await createUser(servers);
    const recipient = await recipientOf();
    const { page, pageErrors } = await openApp(e2e.browser, e2e.cleanups);
    await addAccountThroughForm(page, servers, me, mode);

    const box = await openComposer(page, recipient.user.address, 'Holiday photos', 'Anbei die Fotos.');
    await box.getByLabel('Attach files').setInputFiles({ name: 'photos.zip', mimeType: 'application/zip', buffer: Buffer.alloc(SMTP_SIZE_LIMIT - 1024 * 1024, 1) });
    const warnings = box.getByRole('status', { name: 'Before sending' });
    await expect.poll(() => warnings.textContent(), { timeout: 15_000 }).toMatch(/^About 1[23] MB as sent: 127\.0\.0\.1 takes at most 10 MB\. Remove an attachment, or share a link to the file instead\.$/);
    await box.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => box.getByRole('alert').textContent(), { timeout: 15_000 }).toMatch(/This message is 1[23] MB as sent; 127\.0\.0\.1 takes at most 10 MB/);
    expect(await box.getByLabel('Subject').inputValue()).toBe('Holiday photos');

    // Without the file, it fits: the warning goes; and "Anbei" with nothing attached asks once.
    await box.getByRole('button', { name: 'Remove photos.zip' }).click();
    await expect.poll(() => warnings.textContent()).toBe('You wrote “Anbei”, but nothing is attached.');
    await box.getByRole('button', { name: 'Send', exact: true }).click();
    await box.getByRole('button', { name: 'Send without attachment' }).click();
    await expect.poll(() => composer(page).count(), { timeout: 20_000 }).toBe(0);
    expect((await arrivedMessage(recipient.client, 'INBOX', 'Holiday photos')).attachments).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

describe('a forward in the composer', () => {
  it('counts the original’s attachments, or the original whole, in the size it warns about', async () => {
    const me = await createUser(servers);
    // An attachment of 8 MB: about 11 MB as sent, over the server's 10 MB, with nothing the user attached.
    const attachment = Buffer.alloc(8 * 1024 * 1024, 7).toString('base64').replace(/.{76}/g, '$&\r\n');
    const raw = [
      'From: Ann <ann@example.com>',
      `To: ${me.address}`,
      'Subject: The scans',
      'Date: Tue, 03 Nov 2026 09:00:00 +0000',
      'Message-ID: <scans@example.com>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'The scans you asked for.',
      '--b1',
      'Content-Type: application/pdf; name="scans.pdf"',
      'Content-Disposition: attachment; filename="scans.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      attachment,
      '--b1--',
      '',
    ].join('\r\n');
    await seedMessages(servers, me, 'INBOX', [{ raw }]);
    const { page, pageErrors } = await openApp(e2e.browser, e2e.cleanups);
    await addAccountThroughForm(page, servers, me, 'imap');
    await page.getByRole('listbox', { name: 'Messages in Inbox' }).getByRole('option', { name: /The scans/ }).click();
    const actions = page.getByRole('toolbar', { name: 'Message actions' });
    await expect.poll(() => page.getByRole('article', { name: 'Message' }).locator('.plain-body').textContent(), { timeout: 30_000 }).toContain('The scans you asked for.');

    await actions.getByRole('button', { name: 'Forward', exact: true }).click();
    const warnings = composer(page).getByRole('status', { name: 'Before sending' });
    await expect.poll(() => warnings.textContent(), { timeout: 15_000 }).toMatch(/^About 11 MB as sent: 127\.0\.0\.1 takes at most 10 MB\./);
    await composer(page).getByRole('button', { name: 'Discard' }).click();
    await expect.poll(() => composer(page).count()).toBe(0);

    await actions.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Forward as attachment' }).click();
    await expect.poll(() => warnings.textContent(), { timeout: 15_000 }).toMatch(/^About 1[45] MB as sent: 127\.0\.0\.1 takes at most 10 MB\./);
    expect(pageErrors).toEqual([]);
  });
});

describe.each(['pop3', 'imap'] as const)('attachments in the rich-text composer, %s account', (mode) => {
  it('a dropped and a pasted file are attached, not put in the text; the missing-attachment warning comes and goes with the editor', async () => {
    const me = await createUser(servers);
    const recipient = await recipientOf();
    const { page, pageErrors } = await openApp(e2e.browser, e2e.cleanups, (options) => e2e.newContextAsShipped(options));
    await addAccountThroughForm(page, servers, me, mode);

    await page.getByRole('button', { name: 'Compose' }).click();
    const box = composer(page);
    expect(await box.getByRole('group', { name: 'Format' }).getByRole('button', { name: 'Rich text' }).getAttribute('aria-pressed')).toBe('true');
    await box.getByLabel('To', { exact: true }).fill(recipient.user.address);
    await box.getByLabel('Subject').fill('Rich minutes');
    const editor = box.getByRole('textbox', { name: 'Message' });
    await editor.click();
    await editor.pressSequentially('The minutes are attached.');
    const warnings = box.getByRole('status', { name: 'Before sending' });
    await expect.poll(() => warnings.textContent(), { timeout: 15_000 }).toBe('You wrote “attached”, but nothing is attached.');

    const dropped = await dataTransferOf(page, [{ name: 'minutes.txt', type: 'text/plain', text: 'Item 1: ferries.\n' }]);
    await box.dispatchEvent('dragover', { dataTransfer: dropped });
    await expect.poll(() => box.getByText('Drop to attach').count(), { timeout: 15_000 }).toBe(1);
    await editor.dispatchEvent('drop', { dataTransfer: dropped });
    const attached = box.getByRole('list', { name: 'Attached files' }).getByRole('listitem');
    await expect.poll(() => attached.allTextContents(), { timeout: 15_000 }).toEqual([expect.stringMatching(/^minutes\.txt \(17 bytes\)/)]);
    await expect.poll(() => warnings.count(), { timeout: 15_000 }).toBe(0);

    const pasted = await dataTransferOf(page, [{ name: 'image.png', type: 'image/png', text: 'not really a png' }]);
    await editor.evaluate((field, transfer) => field.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true })), pasted);
    await expect.poll(() => attached.count(), { timeout: 15_000 }).toBe(2);
    expect(await editor.textContent()).toBe('The minutes are attached.');
    expect(await editor.locator('img').count()).toBe(0);

    await box.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => composer(page).count(), { timeout: 20_000 }).toBe(0);
    const arrived = await arrivedMessage(recipient.client, 'INBOX', 'Rich minutes');
    expect(arrived.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([
      ['minutes.txt', 'Item 1: ferries.\n'],
      ['image.png', 'not really a png'],
    ]);
    expect(arrived.text?.trim()).toBe('The minutes are attached.');
    expect(pageErrors).toEqual([]);
  });
});
