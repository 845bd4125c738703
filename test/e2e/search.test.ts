import { mkdir } from 'node:fs/promises';
import type { Locator, Page } from 'playwright';
import { beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { FLAG_SEEN } from '../../common/model/mail';
import { createUser, makeMessage, seedMessages, type MailUser } from '../servers';
import { sharedBrowser } from '../support/e2e-browser';
import { fixtureMail } from '../support/fixtures';
import { addAccountThroughForm, openApp } from './device-ui';

/**
 * Issue 15, search, in Chromium through the web harness against a real Dovecot account (IMAP,
 * bodies not kept offline: the default). Operators and header words are found in the cache; body
 * words the cache does not hold are found by the server (messages:searchServer) and marked so;
 * once a message is opened its body is indexed and found here. Highlights in the rows, in a
 * plain-text body and in an HTML body's frame. Screenshots go to /tmp/shots-A2/.
 */

const servers = inject('servers');
const SHOTS = process.env.PORTHOLE_SHOTS_DIR ?? '/tmp/shots-A2';
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
] as const;

const e2e = sharedBrowser('search');
let page: Page;
let me: MailUser;
let accountAdded = false;

const seen = [FLAG_SEEN];
const day = (text: string): Date => new Date(`${text}T10:00:00Z`);

beforeAll(async () => {
  me = await createUser(servers);
  // Bodies are not cached (the IMAP default), but each message's first 200 characters are, as its
  // snippet: a word only the server can find is written after them.
  await seedMessages(servers, me, 'INBOX', [
    { raw: fixtureMail('attachment.eml'), flags: seen, internalDate: day('2026-11-02') },
    { raw: makeMessage({ subject: 'Lunch on Friday', from: 'Bob <bob@example.test>', date: day('2026-03-10'), body: `Plans for lunch on Friday.\n${'Details follow below. '.repeat(12)}\nMeet me at the café by the river.\n` }), internalDate: day('2026-03-10') },
    { raw: makeMessage({ subject: '会議の資料', from: '田中 <tanaka@example.test>', date: day('2026-03-11'), body: '来週の会議資料を送ります。\n' }), flags: seen, internalDate: day('2026-03-11') },
    { raw: makeMessage({ subject: 'Grüße aus Köln', from: 'Jürgen <juergen@example.test>', date: day('2026-03-12'), body: 'Viele Grüße.\n' }), flags: seen, internalDate: day('2026-03-12') },
    { raw: makeMessage({ subject: 'Old invoice', from: 'Billing <billing@example.test>', date: day('2025-06-01'), body: 'The invoice for May.\n' }), flags: seen, internalDate: day('2025-06-01') },
    { raw: makeMessage({ subject: 'Project notes', from: 'Carol <carol@example.test>', date: day('2026-03-13'), body: 'Here is the draft of the lunch plans document.\n' }), flags: seen, internalDate: day('2026-03-13') },
  ]);
  await seedMessages(servers, me, 'Archive', [
    { raw: makeMessage({ subject: 'Archived minutes', from: 'Dan <dan@example.test>', date: day('2025-12-01'), body: 'Minutes of the zeppelin meeting.\n' }), flags: seen, internalDate: day('2025-12-01') },
  ]);
  page = (await openApp(e2e.browser, e2e.fileCleanups)).page;
}, 120_000);

beforeEach((context) => {
  if (!accountAdded && !context.task.name.startsWith('adds the account')) context.skip('the first test did not add the account');
});

const box = (): Locator => page.getByRole('searchbox', { name: 'Search mail' });
const list = (): Locator => page.getByRole('listbox', { name: /^Messages in/ });
const rows = (): Locator => list().getByRole('option');
const row = (subject: string): Locator => list().getByRole('option', { name: new RegExp(`: ${subject}$`) });
const count = (): Promise<string | null> => page.getByTestId('search-count').textContent();
const reader = (): Locator => page.getByRole('article', { name: 'Message' });

/** The subjects of the rows shown, top to bottom (from their accessible names). */
async function subjects(): Promise<string[]> {
  const labels = await rows().evaluateAll((options) => options.map((o) => o.getAttribute('aria-label') ?? ''));
  return labels.map((label) => label.slice(label.indexOf(': ') + 2));
}

async function search(text: string): Promise<void> {
  await box().fill(text);
}

async function screenshots(name: string): Promise<void> {
  await mkdir(SHOTS, { recursive: true });
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${SHOTS}/${name}-${size.width}x${size.height}.png` });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

describe('search in Chromium', () => {
  it('adds the account', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await addAccountThroughForm(page, servers, me, 'imap');
    await expect.poll(() => rows().count(), { timeout: 20_000 }).toBe(6);
    accountAdded = true;
  });

  it('operators: from:, is:unread, has:attachment, before:, in any case', async () => {
    await page.locator('body').press('/');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Search mail');
    await page.keyboard.type('FROM:ann');
    await expect.poll(subjects, { timeout: 15_000 }).toEqual(['Quarterly report attached']);
    await expect.poll(count).toBe('1 found');
    await search('is:unread');
    await expect.poll(subjects, { timeout: 15_000 }).toEqual(['Lunch on Friday']);
    await search('has:attachment');
    await expect.poll(subjects, { timeout: 15_000 }).toEqual(['Quarterly report attached']);
    // The server has no search key for it, and says how it looked (its hits are then checked here).
    await expect.poll(() => page.getByTestId('search-server-note').textContent(), { timeout: 15_000 }).toBe('The server finds attachments only in mail sent as multipart/mixed (most of it).');
    await search('before:2026-01-01');
    await expect.poll(subjects, { timeout: 15_000 }).toEqual(['Old invoice']);
  });

  it('what the parser could not read is said in plain words, and the rest is searched', async () => {
    await search('after:tomorrow invoice');
    await expect.poll(() => page.getByTestId('search-problems').textContent(), { timeout: 15_000 }).toBe('“after:tomorrow” was not understood: write the day as 2026-03-31, today or yesterday.');
    await expect.poll(subjects, { timeout: 15_000 }).toEqual(['Old invoice']);
  });

  it('a CJK word, and a word with diacritics typed without them, marked in the row', async () => {
    await search('資料');
    await expect.poll(subjects, { timeout: 15_000 }).toEqual(['会議の資料']);
    expect(await row('会議の資料').locator('.subject mark').allTextContents()).toEqual(['資料']);
    await search('grusse koln');
    await expect.poll(subjects, { timeout: 15_000 }).toEqual(['Grüße aus Köln']);
    expect(await row('Grüße aus Köln').locator('.subject mark').allTextContents()).toEqual(['Grüße', 'Köln']);
  });

  it('a body word the cache does not hold is found by the server, marked so; once opened, found here and marked in the reader', async () => {
    await search('river');
    await expect.poll(count, { timeout: 20_000 }).toBe('1 found on the server');
    expect(await subjects()).toEqual(['Lunch on Friday']);
    expect(await row('Lunch on Friday').locator('.found-on-server').textContent()).toBe('found on the server');
    await screenshots('results-server');
    await row('Lunch on Friday').click();
    await expect.poll(() => reader().locator('.plain-body mark').allTextContents(), { timeout: 15_000 }).toEqual(['river']);
    // The body is in the cache now, and in the index: the same search finds it here.
    await search('');
    await search('river');
    await expect.poll(count, { timeout: 20_000 }).toBe('1 found');
    expect(await row('Lunch on Friday').locator('.found-on-server').count()).toBe(0);
  });

  it('a phrase, and an excluded word', async () => {
    await search('"lunch plans"');
    await expect.poll(subjects, { timeout: 20_000 }).toEqual(['Project notes']);
    await search('lunch -draft');
    await expect.poll(subjects, { timeout: 20_000 }).toEqual(['Lunch on Friday']);
  });

  it('scope: the whole account finds a message in another folder', async () => {
    await search('zeppelin');
    await expect.poll(() => page.getByTestId('no-matches').count(), { timeout: 20_000 }).toBe(1);
    await page.getByRole('combobox', { name: 'Search in' }).selectOption('account');
    await expect.poll(subjects, { timeout: 20_000 }).toEqual(['Archived minutes']);
    await page.getByRole('combobox', { name: 'Search in' }).selectOption('folder');
  });

  it('an HTML body: the words are marked inside the sandboxed frame, in its text only', async () => {
    await search('report');
    await expect.poll(subjects, { timeout: 20_000 }).toEqual(['Quarterly report attached']);
    await screenshots('results');
    await row('Quarterly report attached').click();
    const frame = page.frameLocator('iframe[title="Message content"]');
    await expect.poll(() => frame.locator('mark').allTextContents(), { timeout: 15_000 }).toEqual(['report']);
    expect(await frame.locator('b > mark').count()).toBe(1);
    expect(await page.locator('iframe[title="Message content"]').getAttribute('sandbox')).toBe('');
  });

  it('the operators help opens from ? and closes with Escape', async () => {
    await page.getByRole('button', { name: 'What can be searched' }).click();
    const help = page.getByRole('region', { name: 'What can be searched' });
    await expect.poll(() => help.getByText('is:unread').count()).toBe(1);
    await screenshots('help');
    await page.keyboard.press('Escape');
    await expect.poll(() => help.count()).toBe(0);
  });

  it('nothing found says so with the words searched; Escape in the box clears it', async () => {
    await search('zzqx');
    await expect.poll(() => page.getByTestId('no-matches').locator('p').textContent(), { timeout: 20_000 }).toBe('Nothing in Inbox matches “zzqx”.');
    await screenshots('empty');
    await box().press('Escape');
    expect(await box().inputValue()).toBe('');
    await expect.poll(() => rows().count()).toBe(6);
  });
});
