import { mkdir } from 'node:fs/promises';
import type { ImapFlow } from 'imapflow';
import type { Locator, Page } from 'playwright';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { FLAG_SEEN } from '../../common/model/mail';
import { createUser, seedMessages, type MailUser } from '../servers';
import { sharedBrowser } from '../support/e2e-browser';
import { numberedMessages } from '../support/fixtures';
import { otherImapClient } from '../support/other-client';
import { waitFor } from '../support/wait';
import { addAccountThroughForm, openApp } from './device-ui';

/**
 * Issue 15, undo, in Chromium over IMAP: a delete undone from the toast after the server has
 * the move, and Ctrl+Z after marking unread, each checked on the server. Screenshots of the
 * toast go to /tmp/shots-D2/ (PORTHOLE_SHOTS_DIR) at 1440×900 and 1024×700.
 */

const servers = inject('servers');
const SHOTS = process.env.PORTHOLE_SHOTS_DIR ?? '/tmp/shots-D2';
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
] as const;

const e2e = sharedBrowser('undo');
let page: Page;
let me: MailUser;
let server: ImapFlow;
let accountAdded = false;

/** Subject → flags of a folder's messages, as the server has them now. */
async function serverFolder(path: string): Promise<Map<string, string[]>> {
  const lock = await server.getMailboxLock(path);
  try {
    const out = new Map<string, string[]>();
    if ((await server.mailboxOpen(path)).exists === 0) return out;
    for await (const m of server.fetch('1:*', { envelope: true, flags: true })) out.set(m.envelope?.subject ?? '', [...(m.flags ?? [])]);
    return out;
  } finally {
    lock.release();
  }
}

function onServer(what: string, probe: (inbox: Map<string, string[]>, trash: Map<string, string[]>) => boolean): Promise<true> {
  return waitFor(async () => probe(await serverFolder('INBOX'), await serverFolder('Trash')) || undefined, what, 20_000, 100);
}

const list = (): Locator => page.getByRole('listbox', { name: 'Messages in Inbox' });
const row = (subject: string): Locator => list().getByRole('option', { name: new RegExp(`: ${subject}$`) });
const toast = (): Locator => page.getByRole('group', { name: 'Undo' });
const reader = (): Locator => page.getByRole('article', { name: 'Message' });

async function open(subject: string): Promise<void> {
  await row(subject).click();
  await expect.poll(() => reader().locator('h2').textContent(), { timeout: 15_000 }).toBe(subject);
}

beforeAll(async () => {
  me = await createUser(servers);
  await seedMessages(servers, me, 'INBOX', numberedMessages(5));
  server = await otherImapClient(servers, me);
  page = (await openApp(e2e.browser, e2e.fileCleanups)).page;
}, 120_000);

beforeEach((context) => {
  if (!accountAdded && !context.task.name.startsWith('adds the account')) context.skip('the first test did not add the account');
});

afterAll(async () => {
  await server?.logout().catch(() => undefined);
});

describe('undo in Chromium', () => {
  it('adds the account', async () => {
    await addAccountThroughForm(page, servers, me, 'imap');
    await expect.poll(() => list().getByRole('option').count(), { timeout: 20_000 }).toBe(5);
    accountAdded = true;
  });

  it('deletes a message, offers Undo in a toast, and Undo brings it back to the list and to INBOX on the server', async () => {
    await open('Message 5');
    await onServer('Message 5 read on the server', (inbox) => inbox.get('Message 5')?.includes(FLAG_SEEN) ?? false);
    await page.locator('body').press('#');
    await expect.poll(() => toast().locator('.undo-toast-text').textContent()).toBe('Deleted 1 message');
    await expect.poll(() => row('Message 5').count()).toBe(0);
    // The focus stays where it was: the toast never takes it.
    expect(await page.evaluate(() => document.activeElement?.closest('.undo-toast') === null)).toBe(true);
    expect(await page.getByRole('status').filter({ hasText: 'Deleted 1 message' }).count()).toBe(1);
    await onServer('the move to Trash on the server', (inbox, trash) => !inbox.has('Message 5') && trash.has('Message 5'));

    await mkdir(SHOTS, { recursive: true });
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await toast().hover();
      await page.screenshot({ path: `${SHOTS}/undo-toast-${size.width}x${size.height}.png` });
    }
    await page.setViewportSize(SIZES[0]);

    await toast().getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => toast().locator('.undo-toast-text').textContent(), { timeout: 20_000 }).toBe('Undone: deleted 1 message');
    await expect.poll(() => row('Message 5').count(), { timeout: 20_000 }).toBe(1);
    await onServer('Message 5 back in INBOX on the server, still read', (inbox, trash) => (inbox.get('Message 5')?.includes(FLAG_SEEN) ?? false) && !trash.has('Message 5'));
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.screenshot({ path: `${SHOTS}/undo-done-${size.width}x${size.height}.png` });
    }
    await page.setViewportSize(SIZES[0]);
  });

  it('Ctrl+Z after marking a message unread makes it read again, on the server too; not while typing in the search box', async () => {
    await open('Message 3');
    await onServer('Message 3 read on the server', (inbox) => inbox.get('Message 3')?.includes(FLAG_SEEN) ?? false);
    await page.locator('body').press('u');
    await expect.poll(() => toast().locator('.undo-toast-text').textContent()).toBe('Marked 1 message unread');
    await onServer('Message 3 unread on the server', (inbox) => !(inbox.get('Message 3')?.includes(FLAG_SEEN) ?? true));
    // In a text field Ctrl+Z is the field's own.
    const search = page.getByRole('searchbox').first();
    if ((await search.count()) > 0) {
      await search.focus();
      await search.press('Control+z');
      expect(await toast().locator('.undo-toast-text').textContent()).toBe('Marked 1 message unread');
      await search.blur();
    }
    await page.locator('body').press('Control+z');
    await expect.poll(() => toast().locator('.undo-toast-text').textContent(), { timeout: 20_000 }).toBe('Undone: marked 1 message unread');
    await onServer('Message 3 read again on the server', (inbox) => inbox.get('Message 3')?.includes(FLAG_SEEN) ?? false);
    await expect.poll(async () => (await row('Message 3').getAttribute('class')) ?? '').not.toContain('unread');
  });
});
