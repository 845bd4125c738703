import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createUser, makeMessage, seedMessages } from '../servers';
import { accountDraft } from '../support/core-fixture';
import { ContractClient } from '../support/contract-client';
import { sharedBrowser } from '../support/e2e-browser';
import { startHarnessProcess, type HarnessProcess } from '../support/harness-process';

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

const list = (): ReturnType<Page['getByRole']> => page.getByRole('listbox', { name: 'Messages in Inbox' });
const row = (subject: string): ReturnType<Page['getByRole']> => list().getByRole('option', { name: new RegExp(subject) });
const readerHeading = (): ReturnType<Page['locator']> => page.locator('.reader h2');

beforeAll(async () => {
  const user = await createUser(servers);
  await seedMessages(servers, user, 'INBOX', [
    htmlMessage('Before the bad one', 1, '<p>An ordinary message.</p>'),
    htmlMessage('Write to us with a broken link', 2, '<p>Questions? <a href="mailto:%E0%A4%A@evil.test">write to us</a> or <a href="https://example.com/help">read the help</a>.</p>'),
    htmlMessage('After the bad one', 3, '<p>Another ordinary message.</p>'),
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
    expect(await list().getByRole('option').count()).toBe(3);
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
});
