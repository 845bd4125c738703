import { mkdir } from 'node:fs/promises';
import { createElement } from 'react';
import type { Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createUser, makeMessage, seedMessages } from '../servers';
import { accountDraft } from '../support/core-fixture';
import { ContractClient } from '../support/contract-client';
import { sharedBrowser } from '../support/e2e-browser';
import { renderInLanguage } from '../support/render-intl';
import { startHarnessProcess, type HarnessProcess } from '../support/harness-process';
import { serverFolder } from '../support/named-folder';
import { Notices } from '../../renderer/features/status/Notices';

/**
 * One bad message costs that message, never the window: a link whose %-escape is not UTF-8 used
 * to throw while the reader rendered and blanked the whole UI; and whatever else breaks while a
 * pane renders (here: a cached body made unreadable) is caught by that pane's error boundary.
 */

const servers = inject('servers');
const shared = sharedBrowser('pane-errors');
let harness: HarnessProcess;
let page: Page;
let dbName = '';
const pageErrors: string[] = [];

function htmlMessage(subject: string, minute: number, html: string): { raw: string; internalDate: Date } {
  const date = new Date(Date.UTC(2026, 2, 1, 9, minute));
  const raw = makeMessage({ subject, date, body: html, headers: {} }).replace('Content-Type: text/plain; charset=utf-8', 'Content-Type: text/html; charset=utf-8');
  return { raw, internalDate: date };
}

/** An RFC 2047 encoded word, so a display name can carry any character (here: bidi controls). */
const encodedWord = (text: string): string => `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/** A screenshot to look at, when asked for (PORTHOLE_SCREENSHOTS=1). */
async function shot(path: string): Promise<void> {
  if (!process.env.PORTHOLE_SCREENSHOTS) return;
  await mkdir('test-results', { recursive: true });
  await page.screenshot({ path });
}

const list = (): ReturnType<Page['getByRole']> => page.getByRole('listbox', { name: 'Messages in Inbox' });
const row = (subject: string): ReturnType<Page['getByRole']> => list().getByRole('option', { name: new RegExp(subject) });
const readerHeading = (): ReturnType<Page['locator']> => page.locator('.reader h2');

beforeAll(async () => {
  const user = await createUser(servers);
  await seedMessages(servers, user, 'INBOX', [
    htmlMessage('Before the bad one', 1, '<p>An ordinary message.</p>'),
    htmlMessage('Write to us with a broken link', 2, '<p>Questions? <a href="mailto:%E0%A4%A@evil.test">write to us</a> or <a href="https://example.com/help">read the help</a>.</p>'),
    htmlMessage('After the bad one', 3, '<p>Another ordinary message.</p>'),
    // The review of issue 11: a right-to-left override printed the real address backwards, glued to the fake one.
    { raw: makeMessage({ subject: 'Your account is locked', date: new Date(Date.UTC(2026, 2, 1, 9, 4)), from: `${encodedWord('security@bank.example\u202E')} <x@evil.test>`, body: 'Log in now.' }), internalDate: new Date(Date.UTC(2026, 2, 1, 9, 4)) },
    { raw: makeMessage({ subject: 'Your card', date: new Date(Date.UTC(2026, 2, 1, 9, 5)), from: `"Bank Example Security Team - bank.example customer care" <x@evil.test>`, body: 'Confirm your card.' }), internalDate: new Date(Date.UTC(2026, 2, 1, 9, 5)) },
    // Content-Type without its ";": shown as text, with the reader's "malformed" warning.
    {
      raw: makeMessage({ subject: 'Malformed content type', date: new Date(Date.UTC(2026, 2, 1, 9, 6)), body: 'Plain text whose Content-Type lacks its semicolon.' }).replace('Content-Type: text/plain; charset=utf-8', 'Content-Type: TEXT/PLAIN charset=US-ASCII'),
      internalDate: new Date(Date.UTC(2026, 2, 1, 9, 6)),
    },
  ]);
  harness = await startHarnessProcess();
  const context = await shared.browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(harness.url);
  const client = await ContractClient.connect(harness.url);
  const added = await client.invoke('account:add', accountDraft(servers, user, 'tls'));
  client.close();
  dbName = added.devices[0]!.dbName;
  await list().waitFor({ timeout: 30_000 });
  await row('After the bad one').waitFor({ timeout: 30_000 });
}, 120_000);

afterAll(async () => {
  await harness?.stop();
});

describe('a message that breaks its pane', () => {
  it('shows a mailto: link with a broken %-escape as refused, and the rest of the app stays usable', async () => {
    await row('Write to us with a broken link').click();
    await expect.poll(() => readerHeading().textContent()).toBe('Write to us with a broken link');
    await page.getByText(/Links in this message \(2\)/).click();
    await page.getByText(/The e-mail address in this link is not valid/).waitFor();
    expect(await page.getByRole('button', { name: /Open link write to us/ }).count()).toBe(0);
    // The list, the folders and the reader still answer.
    await row('After the bad one').click();
    await expect.poll(() => readerHeading().textContent()).toBe('After the bad one');
    const folders = page.getByRole('navigation', { name: 'Folders' }).getByRole('button', { disabled: false });
    const other = (await folders.allTextContents()).map((text) => text.trim()).find((name) => name && !name.startsWith('Inbox'));
    expect(other).toBeTruthy();
    await folders.filter({ hasText: other! }).first().click();
    await expect.poll(() => page.locator('.list-pane h1').textContent()).toBe(other!.replace(/\d+$/, '').trim());
    await folders.filter({ hasText: 'Inbox' }).first().click();
    await row('Before the bad one').click();
    await expect.poll(() => readerHeading().textContent()).toBe('Before the bad one');
    expect(pageErrors).toEqual([]);
  });

  it('catches a render failure in the reader: that message says it cannot be shown, the list and the other messages work', async () => {
    await row('Before the bad one').click();
    await expect.poll(() => readerHeading().textContent()).toBe('Before the bad one');
    const messageId = await page.locator('.reader').getAttribute('data-message-id');
    // A cached body no code can read (fields of the wrong type), as a corrupt or hostile record would be.
    await page.evaluate(
      async ({ name, id }) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(new Error(String(open.error)));
        });
        await new Promise<void>((resolve, reject) => {
          const tx = db.transaction('bodies', 'readwrite');
          const bodies = tx.objectStore('bodies');
          const read = bodies.get(id);
          read.onsuccess = () => bodies.put({ ...(read.result as object), text: 42, html: 42, attachments: 42 });
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(new Error(String(tx.error)));
        });
        db.close();
      },
      { name: dbName, id: messageId! },
    );
    await row('After the bad one').click();
    await expect.poll(() => readerHeading().textContent()).toBe('After the bad one');
    await row('Before the bad one').click();
    const alert = page.locator('.reader-pane').getByRole('alert');
    await alert.getByText('This message could not be shown.').waitFor();
    await alert.getByRole('button', { name: 'Try again' }).waitFor();
    if (process.env.PORTHOLE_SCREENSHOTS) {
      await mkdir('test-results', { recursive: true });
      await page.screenshot({ path: 'test-results/pane-error-1440x900.png' });
      await page.setViewportSize({ width: 1024, height: 700 });
      await page.screenshot({ path: 'test-results/pane-error-1024x700.png' });
      await page.setViewportSize({ width: 1440, height: 900 });
    }
    // The rest of the window is untouched: the list, the sidebar, the other messages.
    expect(await list().getByRole('option').count()).toBe(6);
    await row('Write to us with a broken link').click();
    await expect.poll(() => readerHeading().textContent()).toBe('Write to us with a broken link');
    await page.getByRole('button', { name: 'Check mail' }).click();
    await row('Before the bad one').click();
    await page.locator('.reader-pane').getByText('This message could not be shown.').waitFor();
    await page.locator('.reader-pane').getByRole('button', { name: 'Try again' }).click();
    await page.locator('.reader-pane').getByText('This message could not be shown.').waitFor();
    await row('After the bad one').click();
    await expect.poll(() => readerHeading().textContent()).toBe('After the bad one');
  });

  it('shows a spoofing sender with the real address first and no bidi control, and one broken record as its own row', async () => {
    // B and C: the address first, each part isolated, nothing reversed.
    const spoof = row('Your account is locked');
    const parts = await spoof.locator('.sender bdi').allTextContents();
    expect(parts).toEqual(['x@evil.test', 'security@bank.example']);
    expect(await spoof.locator('.sender').textContent()).not.toMatch(BIDI);
    expect(await spoof.getAttribute('aria-label')).toContain('x@evil.test (“security@bank.example”)');
    expect(await row('Your card').locator('.sender bdi').first().textContent()).toBe('x@evil.test');
    await spoof.click();
    await expect.poll(() => readerHeading().textContent()).toBe('Your account is locked');
    expect(await page.locator('.reader-header dd').first().textContent()).toBe('"security@bank.example" <x@evil.test>');

    // D: one record of the wrong shape (as a corrupt or hostile cache entry would be), and E: an
    // unreadable message's record as IMAP sync makes it, dated when found.
    const folderId = await page.evaluate(
      async ({ name }) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(new Error(String(open.error)));
        });
        const folder = await new Promise<string>((resolve, reject) => {
          const tx = db.transaction('messages', 'readwrite');
          const messages = tx.objectStore('messages');
          const all = messages.getAll();
          all.onsuccess = () => {
            const records = all.result as Array<{ id: string; folderId: string; subject: unknown }>;
            const bad = records.find((r) => r.subject === 'Before the bad one')!;
            messages.put({ ...bad, subject: { x: 1 }, from: 42 });
            const problem = 'UID 99: the server\'s answer for this message could not be read: its FETCH response is malformed (BODYSTRUCTURE nested too deep).';
            messages.put({ ...bad, id: `${bad.folderId}#99`, uid: 99, messageId: '', subject: '', from: [], to: [], cc: [], replyTo: [], flags: [], seen: 0, flagged: 0, hasAttachments: false, snippet: '', words: [], size: 0, date: Date.now(), problem });
            resolve(bad.folderId);
          };
          tx.onerror = () => reject(new Error(String(tx.error)));
        });
        db.close();
        return folder;
      },
      { name: dbName },
    );
    expect(folderId).toBe('server:INBOX');
    // The list reads its records again when the folder is opened again.
    const folders = page.getByRole('navigation', { name: 'Folders' }).getByRole('button', { disabled: false });
    const other = (await folders.allTextContents()).map((text) => text.trim()).find((name) => name && !name.startsWith('Inbox'));
    await folders.filter({ hasText: other! }).first().click();
    await folders.filter({ hasText: 'Inbox' }).first().click();
    const broken = list().getByRole('option', { name: 'This message could not be shown' });
    await broken.waitFor({ timeout: 20_000 });
    expect(await page.getByText('The message list could not be shown').count()).toBe(0);
    await row('After the bad one').waitFor();
    await row('Write to us with a broken link').waitFor();
    await row('Your account is locked').waitFor();
    const unreadable = list().getByRole('option', { name: /Cannot be shown: UID 99:/ });
    await unreadable.waitFor();
    // Dated when found: the newest row, today's time, not 1/1/1970.
    expect(await list().getByRole('option').first().getAttribute('aria-label')).toMatch(/UID 99/);
    expect(await unreadable.locator('.date').textContent()).not.toMatch(/1970/);
    expect(await list().getByRole('option').count()).toBe(7);
    // The broken row is still a row: it can be selected, and the reader says it cannot show it.
    await broken.click();
    await expect.poll(() => broken.getAttribute('aria-selected')).toBe('true');
    await row('After the bad one').click();
    await expect.poll(() => readerHeading().textContent()).toBe('After the bad one');

    // The list with the spoofing senders, the broken row and the unreadable one, the reader with its
    // warning, and notices as the app shows them (the real component and stylesheet): never over the list.
    await row('Malformed content type').click();
    await expect.poll(() => readerHeading().textContent()).toBe('Malformed content type');
    // G: the "malformed" band keeps the reader's horizontal padding, like its header.
    const band = await page.locator('.reader .warning').first().boundingBox();
    const heading = await readerHeading().boundingBox();
    expect.soft(Math.round(band!.x)).toBe(Math.round(heading!.x));
    const notices = renderInLanguage(
      createElement(Notices, {
        notices: [
          { id: 'n1', level: 'warning', where: 'folder', accountId: 'a1', deviceId: null, words: { kind: 'unreadableResponse', uid: 5, folder: serverFolder('INBOX'), reason: { kind: 'malformed', detail: 'BODYSTRUCTURE nested too deep' } }, code: null, at: 0 },
          { id: 'n2', level: 'error', where: 'action', accountId: null, deviceId: null, words: { kind: 'worded', text: 'Could not move 1 message from Inbox to Gone.' }, code: null, at: 0 },
        ],
        accounts: [{ id: 'a1', name: 'work@example.org' }],
        onDismiss: () => undefined,
      }),
    );
    await page.evaluate((html) => document.querySelector('.app')!.insertAdjacentHTML('beforeend', `<div id="screenshot-notices">${html}</div>`), notices);
    for (const [width, height] of [
      [1440, 900],
      [1024, 700],
    ] as const) {
      await page.setViewportSize({ width, height });
      await shot(`test-results/list-review-${width}x${height}.png`);
      const noticeBox = await page.locator('#screenshot-notices .notices').boundingBox();
      const listBox = await page.locator('.list-pane').boundingBox();
      expect.soft(noticeBox!.x).toBeGreaterThanOrEqual(listBox!.x + listBox!.width);
    }
    await page.evaluate(() => document.getElementById('screenshot-notices')?.remove());
    // The Devices dialog with a POP device on an account without a POP server: its server and password fields.
    await page.getByRole('button', { name: /^Devices of / }).click();
    const form = page.getByRole('form', { name: 'Add a device' });
    await form.getByLabel('How this device gets mail').selectOption('pop3');
    await form.getByLabel('Password for this server').waitFor();
    for (const [width, height] of [
      [1440, 900],
      [1024, 700],
    ] as const) {
      await page.setViewportSize({ width, height });
      await form.getByLabel('Password for this server').scrollIntoViewIfNeeded();
      await shot(`test-results/devices-review-${width}x${height}.png`);
    }
    const serverInput = await form.getByLabel('Server', { exact: true }).boundingBox();
    const passwordInput = await form.getByLabel('Password for this server').boundingBox();
    // G: the password field lines up with the server fields above it.
    expect.soft(passwordInput!.x).toBe(serverInput!.x);
    expect.soft(passwordInput!.width).toBe(serverInput!.width);
    // The Switch dialog quotes the device's name.
    await page.getByRole('button', { name: /^Switch This computer to POP3/ }).click();
    await page.getByRole('heading', { name: 'Switch “This computer” from IMAP to POP3' }).waitFor();
    await page.getByRole('heading', { name: 'Switch “This computer” from IMAP to POP3' }).scrollIntoViewIfNeeded();
    await shot('test-results/switch-review-1024x700.png');
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 1440, height: 900 });

  });
});
