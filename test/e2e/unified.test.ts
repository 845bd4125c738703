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
 * changes; a delete there can be undone; a reply is written from the message's account. "All
 * accounts" search is one list of every account's results (an IMAP body not on this computer
 * found by its server); the search box of a view searches that view; several messages of several
 * accounts are selected and acted on at once, and one Undo reverses every account's part.
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
const searchBox = (): Locator => page.getByRole('searchbox', { name: 'Search mail' });
const toast = (): Locator => page.getByRole('group', { name: 'Undo' });
const unreadRows = (title: string): Promise<string[]> => list(title).locator('.message-row.unread').evaluateAll((nodes) => nodes.map((n) => (n.getAttribute('aria-label') ?? '').replace(/^.*: /, '').replace(/, in .*$/, '')));

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

async function serverSubjects(): Promise<string[]> {
  const lock = await workServer.getMailboxLock('INBOX');
  try {
    // Selected again: a FETCH alone may still return a message expunged since (RFC 3501 §7.4.1).
    await workServer.mailboxOpen('INBOX');
    const found: string[] = [];
    for await (const message of workServer.fetch('1:*', { envelope: true })) found.push(message.envelope?.subject ?? '');
    return found.sort();
  } finally {
    lock.release();
  }
}

async function shots(name: string): Promise<void> {
  for (const size of [
    { width: 1440, height: 900 },
    { width: 1024, height: 700 },
  ]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${SHOTS}/${name}-${size.width}x${size.height}.png` });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

beforeAll(async () => {
  work = await createUser(servers);
  home = await createUser(servers);
  // Work (IMAP) has the oldest and the newest message; home (POP3) two in between.
  await seedMessages(servers, work, 'INBOX', [
    { raw: makeMessage({ subject: 'Budget for March', date: at(2, 0), from: 'Ann <ann@example.com>', body: 'The lasagne budget for the team lunch.\n' }) },
    { raw: makeMessage({ subject: 'Standup moved', date: at(5, 0), from: 'Bo <bo@example.com>' }) },
  ]);
  await seedMessages(servers, home, 'INBOX', [
    { raw: makeMessage({ subject: 'Dinner on Friday', date: at(3, 0), from: 'Mum <mum@example.org>', body: 'Lasagne at eight, bring a salad.\n' }) },
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

  it('"All accounts" search: one list of every account’s results, each naming its account; a body the IMAP cache lacks is found by its server', async () => {
    // A new message in work's inbox whose text stays on the server: older than the bodies the account keeps
    // offline, the word past the preview the list shows.
    const longAgo = new Date(Date.UTC(2025, 0, 10, 9));
    await workServer.append('INBOX', makeMessage({ subject: 'Canteen menu', date: longAgo, from: 'Canteen <food@example.com>', body: `This week in the canteen.\n${'Opening hours as usual. '.repeat(12)}\nLasagne on Thursday.\n` }), [], longAgo);
    await page.getByRole('button', { name: 'Check mail' }).click();
    await expect.poll(() => page.locator('.pane-header .muted').textContent(), { timeout: 30_000 }).toBe('3 messages');
    // A message open in the folder stays open behind the search, and is there again once it is cleared.
    await page.getByRole('listbox', { name: 'Messages in Inbox' }).getByRole('option', { name: /: Standup moved$/ }).click();
    await expect.poll(() => reader().locator('h2').first().textContent(), { timeout: 10_000 }).toBe('Standup moved');
    await searchBox().fill('lasagne');
    await page.getByRole('combobox', { name: 'Search in' }).selectOption('all');
    await expect.poll(() => subjects('every account'), { timeout: 20_000 }).toEqual(['Dinner on Friday', 'Budget for March', 'Canteen menu']);
    expect(await accountsOf('every account')).toEqual([home.address, work.address, work.address]);
    expect(await page.locator('.pane-header h1').textContent()).toBe('Every account');
    await expect.poll(() => page.getByTestId('search-count').textContent(), { timeout: 20_000 }).toBe('2 found here, 1 more on the server');
    expect(await row('every account', 'Canteen menu').locator('.found-on-server').textContent()).toBe('found on the server');
    expect(await row('every account', 'Dinner on Friday').locator('.found-on-server').count()).toBe(0);
    expect(await row('every account', 'Dinner on Friday').locator('.subject mark, .snippet mark').allTextContents()).toContain('Lasagne');
    await shots('search-all-accounts');
    // A result of the other account opens there, its words marked.
    await row('every account', 'Dinner on Friday').click();
    await expect.poll(() => page.locator('.unified-where').textContent(), { timeout: 10_000 }).toBe(`In Inbox of ${home.address}`);
    await expect.poll(() => reader().locator('.plain-body mark').allTextContents(), { timeout: 10_000 }).toEqual(['Lasagne']);
    // Cleared, the folder is back with its message open.
    await searchBox().press('Escape');
    await expect.poll(() => page.getByRole('listbox', { name: 'Messages in Inbox' }).getByRole('option').count(), { timeout: 20_000 }).toBe(3);
    expect(await reader().locator('h2').first().textContent()).toBe('Standup moved');
    expect(await page.locator('.pane-header h1').textContent()).toBe('Inbox');
    // Only one account's words: the scope back to this folder lists work's alone.
    await searchBox().fill('lasagne');
    await page.getByRole('combobox', { name: 'Search in' }).selectOption('folder');
    await expect.poll(() => page.getByRole('listbox', { name: 'Messages in Inbox' }).getByRole('option').count(), { timeout: 20_000 }).toBe(2);
  });

  it('the search box of a view searches that view over every account', async () => {
    await view('All inboxes').click();
    await expect.poll(() => page.locator('.pane-header h1').textContent()).toBe('All inboxes');
    expect(await page.getByRole('combobox', { name: 'Search in' }).count()).toBe(0);
    await searchBox().fill('from:mum');
    await expect.poll(() => subjects('All inboxes'), { timeout: 20_000 }).toEqual(['Dinner on Friday']);
    await searchBox().fill('zeppelin');
    await expect.poll(() => page.getByTestId('no-matches').textContent(), { timeout: 20_000 }).toContain('Nothing in All inboxes matches “zeppelin”');
    await searchBox().fill('');
    await expect.poll(() => subjects('All inboxes'), { timeout: 20_000 }).toEqual(['Standup moved', 'Your parcel is on its way', 'Dinner on Friday', 'Budget for March', 'Canteen menu']);
  });

  it('selects several messages of two accounts and acts on them at once; one Undo reverses both accounts, on the server too', async () => {
    await row('All inboxes', 'Standup moved').click();
    await expect.poll(() => page.locator('.unified-where').textContent(), { timeout: 10_000 }).toBe(`In Inbox of ${work.address}`);
    await page.keyboard.press('ControlOrMeta+a');
    const panel = page.getByRole('region', { name: 'Selected messages' });
    await expect.poll(() => panel.locator('h2').textContent()).toBe('5 messages selected in 2 accounts');
    expect(await list('All inboxes').locator('[aria-selected="true"]').count()).toBe(5);
    await shots('all-inboxes-selection');
    // Most are read: u marks every one unread, in both accounts.
    await page.keyboard.press('u');
    await expect.poll(() => unreadRows('All inboxes'), { timeout: 20_000 }).toHaveLength(5);
    await waitFor(async () => !(await serverFlags('Standup moved')).includes('\\Seen') || undefined, 'the server to lose \\Seen');
    await expect.poll(() => toast().locator('.undo-toast-text').textContent()).toBe('Marked 5 messages unread in 2 accounts');
    await toast().getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => unreadRows('All inboxes'), { timeout: 20_000 }).toEqual(['Canteen menu']);
    await waitFor(async () => (await serverFlags('Standup moved')).includes('\\Seen') || undefined, 'the server to have \\Seen again');

    // Shift+click a range across accounts, then delete it with #, then undo.
    await row('All inboxes', 'Your parcel is on its way').click();
    await row('All inboxes', 'Budget for March').click({ modifiers: ['Shift'] });
    await expect.poll(() => panel.locator('h2').textContent()).toBe('3 messages selected in 2 accounts');
    await page.keyboard.press('#');
    await expect.poll(() => subjects('All inboxes'), { timeout: 20_000 }).toEqual(['Standup moved', 'Canteen menu']);
    await waitFor(async () => !(await serverSubjects()).includes('Budget for March') || undefined, 'Budget for March to leave INBOX on the server');
    await expect.poll(() => toast().locator('.undo-toast-text').textContent()).toBe('Deleted 3 messages in 2 accounts');
    await page.keyboard.press('ControlOrMeta+z');
    await expect.poll(() => subjects('All inboxes'), { timeout: 20_000 }).toEqual(['Standup moved', 'Your parcel is on its way', 'Dinner on Friday', 'Budget for March', 'Canteen menu']);
    await waitFor(async () => (await serverSubjects()).includes('Budget for March') || undefined, 'Budget for March back in INBOX on the server');

    // Dragged onto a folder of an account, a selection moves there; a message of another account stays, and is said to.
    await row('All inboxes', 'Standup moved').click();
    await row('All inboxes', 'Canteen menu').click({ modifiers: ['ControlOrMeta'] });
    const workJunk = page.getByRole('region', { name: `Account ${work.address}` }).locator('button[data-folder-path="Junk"]');
    await row('All inboxes', 'Canteen menu').dragTo(workJunk);
    await expect.poll(() => subjects('All inboxes'), { timeout: 20_000 }).toEqual(['Your parcel is on its way', 'Dinner on Friday', 'Budget for March']);
    await waitFor(async () => !(await serverSubjects()).includes('Canteen menu') || undefined, 'Canteen menu to leave INBOX on the server');
    await expect.poll(() => toast().locator('.undo-toast-text').textContent()).toBe('Moved 2 messages to Junk');
    await toast().getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => subjects('All inboxes'), { timeout: 20_000 }).toEqual(['Standup moved', 'Your parcel is on its way', 'Dinner on Friday', 'Budget for March', 'Canteen menu']);
    await row('All inboxes', 'Dinner on Friday').dragTo(workJunk);
    await expect.poll(() => page.getByRole('region', { name: `Account ${work.address}` }).getByRole('status').textContent()).toContain('1 message of another account stayed where it is');
    expect(await subjects('All inboxes')).toContain('Dinner on Friday');
    await shots('drop-from-another-account');

    // A selection is not kept for a return to the view: back in All inboxes, nothing is selected.
    await row('All inboxes', 'Standup moved').click();
    await row('All inboxes', 'Canteen menu').click({ modifiers: ['ControlOrMeta'] });
    await expect.poll(() => panel.locator('h2').textContent()).toBe('2 messages selected');
    await view('Unread').click();
    await view('All inboxes').click();
    await expect.poll(() => list('All inboxes').getByRole('option').count()).toBe(5);
    expect(await panel.count()).toBe(0);
    expect(await list('All inboxes').locator('[aria-selected="true"]').count()).toBe(0);
  });
});
