import { mkdir } from 'node:fs/promises';
import type { ImapFlow } from 'imapflow';
import type { Locator, Page } from 'playwright';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { FLAG_FLAGGED } from '../../common/model/mail';
import { createUser, makeMessage, seedMessages, type MailUser } from '../servers';
import { sharedBrowser } from '../support/e2e-browser';
import { otherImapClient } from '../support/other-client';
import { waitFor } from '../support/wait';
import { addAccountThroughForm, openApp } from './device-ui';

/**
 * Issue 15, unified views, in Chromium against Dovecot: an IMAP account and a POP3 account; All
 * inboxes lists both inboxes newest first, each row naming its account; a message opened there is
 * read in its own account (marked read on the server for IMAP); Unread and Flagged follow the
 * changes; a delete there can be undone; a reply is written from the message's account.
 * Screenshots to /tmp/shots-unified/ (PORTHOLE_SHOTS_DIR).
 */

const servers = inject('servers');
const SHOTS = process.env.PORTHOLE_SHOTS_DIR ?? '/tmp/shots-unified';
const e2e = sharedBrowser('unified');
let page: Page;
let work: MailUser;
let home: MailUser;
let workServer: ImapFlow;
let accountsAdded = false;

const at = (day: number, minute: number): Date => new Date(Date.UTC(2026, 10, day, 9, minute));
const view = (name: string): Locator => page.getByRole('navigation', { name: 'Every account' }).getByRole('button', { name });
const list = (title: string): Locator => page.getByRole('listbox', { name: `Messages in ${title}` });
const subjects = (title: string): Promise<string[]> => list(title).getByRole('option').evaluateAll((nodes) => nodes.map((n) => (n.getAttribute('aria-label') ?? '').replace(/^.*: /, '').replace(/, in .*$/, '')));
const accountsOf = (title: string): Promise<string[]> => list(title).getByRole('option').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-account') ?? ''));
const row = (title: string, subject: string): Locator => list(title).getByRole('option', { name: new RegExp(`: ${subject}, in `) });
const reader = (): Locator => page.getByRole('article', { name: 'Message' });

async function serverFlags(subject: string): Promise<string[]> {
  const lock = await workServer.getMailboxLock('INBOX');
  try {
    for await (const message of workServer.fetch('1:*', { envelope: true, flags: true })) {
      if (message.envelope?.subject === subject) return [...(message.flags ?? [])];
    }
    return [];
  } finally {
    lock.release();
  }
}

beforeAll(async () => {
  work = await createUser(servers);
  home = await createUser(servers);
  // Work (IMAP) has the oldest and the newest message; home (POP3) two in between.
  await seedMessages(servers, work, 'INBOX', [
    { raw: makeMessage({ subject: 'Budget for March', date: at(2, 0), from: 'Ann <ann@example.com>' }) },
    { raw: makeMessage({ subject: 'Standup moved', date: at(5, 0), from: 'Bo <bo@example.com>' }) },
  ]);
  await seedMessages(servers, home, 'INBOX', [
    { raw: makeMessage({ subject: 'Dinner on Friday', date: at(3, 0), from: 'Mum <mum@example.org>' }) },
    { raw: makeMessage({ subject: 'Your parcel is on its way', date: at(4, 0), from: 'Parcels <track@example.net>' }) },
  ]);
  workServer = await otherImapClient(servers, work);
  page = (await openApp(e2e.browser, e2e.fileCleanups)).page;
  await page.setViewportSize({ width: 1440, height: 900 });
  await mkdir(SHOTS, { recursive: true });
}, 300_000);

beforeEach((context) => {
  if (!accountsAdded && !context.task.name.startsWith('adds')) context.skip('the first test did not add the accounts');
});

afterAll(async () => {
  await workServer?.logout().catch(() => undefined);
});

describe('views over every account in Chromium', () => {
  it('adds an IMAP and a POP3 account; the views over both appear with the second', async () => {
    await addAccountThroughForm(page, servers, work, 'imap');
    await expect.poll(() => page.locator('.pane-header .muted').textContent(), { timeout: 30_000 }).toBe('2 messages');
    expect(await page.getByRole('navigation', { name: 'Every account' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Add account' }).click();
    await addAccountThroughForm(page, servers, home, 'pop3');
    await expect.poll(() => page.locator('.pane-header .muted').textContent(), { timeout: 30_000 }).toBe('2 messages');
    accountsAdded = true;
    expect(await page.getByRole('navigation', { name: 'Every account' }).getByRole('button').allTextContents()).toEqual(['All inboxes', 'Unread', 'Flagged']);
  });

  it('All inboxes: both inboxes, newest first, each row naming its account', async () => {
    await view('All inboxes').click();
    await expect.poll(() => subjects('All inboxes'), { timeout: 20_000 }).toEqual(['Standup moved', 'Your parcel is on its way', 'Dinner on Friday', 'Budget for March']);
    expect(await accountsOf('All inboxes')).toEqual([work.address, home.address, home.address, work.address]);
    expect(await list('All inboxes').locator('.row-account').first().textContent()).toBe(work.address);
    expect(await page.locator('.pane-header h1').textContent()).toBe('All inboxes');
    for (const size of [
      { width: 1440, height: 900 },
      { width: 1024, height: 700 },
    ]) {
      await page.setViewportSize(size);
      await page.screenshot({ path: `${SHOTS}/all-inboxes-${size.width}x${size.height}.png` });
    }
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('opens a message in its own account: marked read there (on the IMAP server too), Unread follows', async () => {
    await row('All inboxes', 'Standup moved').click();
    await expect.poll(() => reader().locator('h2').first().textContent(), { timeout: 10_000 }).toBe('Standup moved');
    expect(await page.locator('.unified-where').textContent()).toBe(`In Inbox of ${work.address}`);
    await waitFor(async () => (await serverFlags('Standup moved')).includes('\\Seen') || undefined, 'the server to have \\Seen');
    await page.screenshot({ path: `${SHOTS}/all-inboxes-reader-1440x900.png` });
    // j moves to the next row, in another account.
    await page.locator('body').press('j');
    await expect.poll(() => page.locator('.unified-where').textContent()).toBe(`In Inbox of ${home.address}`);
    await view('Unread').click();
    await expect.poll(() => subjects('Unread')).toEqual(['Dinner on Friday', 'Budget for March']);
  });

  it('Flagged follows a flag set from a unified view with s; a delete there can be undone', async () => {
    await row('Unread', 'Budget for March').click();
    await expect.poll(() => page.locator('.unified-where').textContent()).toBe(`In Inbox of ${work.address}`);
    // s flags as in a folder, in the message's own account.
    await page.locator('body').press('s');
    await waitFor(async () => (await serverFlags('Budget for March')).includes(FLAG_FLAGGED) || undefined, 'the server to have \\Flagged');
    await view('Flagged').click();
    await expect.poll(() => subjects('Flagged')).toEqual(['Budget for March']);
    await row('Flagged', 'Budget for March').click();
    await reader().getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => page.locator('.list-pane .muted.pad').textContent()).toBe('Nothing in Flagged.');
    await page.getByRole('group', { name: 'Undo' }).getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => subjects('Flagged'), { timeout: 20_000 }).toEqual(['Budget for March']);
  });

  it('a reply from All inboxes is written from the message’s account; choosing a folder leaves the view', async () => {
    await view('All inboxes').click();
    await row('All inboxes', 'Dinner on Friday').click();
    await reader().getByRole('button', { name: 'Reply', exact: true }).click();
    const composer = page.getByRole('dialog', { name: 'Compose message' });
    await expect.poll(() => composer.locator('p.muted').first().textContent()).toBe(`From Dana Devices <${home.address}>`);
    await page.keyboard.press('Escape');
    await expect.poll(() => composer.count()).toBe(0);
    await page.getByRole('region', { name: `Account ${work.address}` }).getByRole('button', { name: /^Inbox/ }).click();
    await expect.poll(() => page.locator('.pane-header h1').textContent()).toBe('Inbox');
    expect(await view('All inboxes').getAttribute('aria-current')).toBeNull();
  });
});
