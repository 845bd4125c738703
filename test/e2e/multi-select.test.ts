import { mkdir } from 'node:fs/promises';
import type { ImapFlow } from 'imapflow';
import type { Locator, Page } from 'playwright';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { FLAG_FLAGGED, FLAG_SEEN } from '../../common/model/mail';
import { createUser, makeMessage, seedMessages, type MailUser } from '../servers';
import { sharedBrowser } from '../support/e2e-browser';
import { numberedMessages } from '../support/fixtures';
import { otherImapClient, serverSubjects } from '../support/other-client';
import { waitFor } from '../support/wait';
import { addAccountThroughForm, column, messageList, openApp, openSideBySide } from './device-ui';

/**
 * Issue 15, multi-select, in Chromium against Dovecot: Shift+click, Ctrl+click, Ctrl+A over rows
 * never rendered, Shift+J, a selection dragged to a folder, a bulk delete, the same model in a
 * device column, and 10,000 messages marked read in chunks with progress. Each change is checked
 * on the server through a client of its own. Screenshots go to /tmp/shots-D1/.
 */

const servers = inject('servers');
const SHOTS = process.env.PORTHOLE_SHOTS_DIR ?? '/tmp/shots-D1';
const INBOX_COUNT = 40;
const BIG_COUNT = 10_000;

const e2e = sharedBrowser('multi-select');
let page: Page;
let me: MailUser;
let server: ImapFlow;
let accountAdded = false;

/** Subject → flags of every message of a folder, as the server has them now. */
async function flagsBySubject(path: string): Promise<Map<string, string[]>> {
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

/** Until every one of `subjects` in INBOX has (or lacks) `flag` on the server. */
function serverFlagIs(subjects: readonly string[], flag: string, on: boolean): Promise<true> {
  return waitFor(
    async () => {
      const flags = await flagsBySubject('INBOX');
      return subjects.every((s) => flags.get(s)?.includes(flag) === on) || undefined;
    },
    `${flag} ${on ? 'on' : 'off'} for ${subjects.join(', ')} on the server`,
    30_000,
    200,
  );
}

const subjects = (...numbers: number[]): string[] => numbers.map((n) => `Message ${n}`);
const list = (): Locator => page.getByRole('listbox', { name: 'Messages in Inbox' });
const row = (subject: string, within: Locator = list()): Locator => within.getByRole('option', { name: new RegExp(`: ${subject}$`) });
const bulkPanel = (within: Locator | Page = page): Locator => within.getByRole('region', { name: 'Selected messages' });
const selectedLabels = (within: Locator = list()): Promise<string[]> => within.locator('[aria-selected="true"]').evaluateAll((nodes) => nodes.map((n) => (n.getAttribute('aria-label') ?? '').replace(/^.*: /, '')));

beforeAll(async () => {
  me = await createUser(servers);
  await seedMessages(servers, me, 'INBOX', numberedMessages(INBOX_COUNT));
  const start = new Date('2024-01-01T00:00:00Z').getTime();
  await seedMessages(
    servers,
    me,
    'Big',
    Array.from({ length: BIG_COUNT }, (_, i) => ({ raw: makeMessage({ subject: `Big ${i + 1}`, date: new Date(start + i * 60_000), body: `Big message ${i + 1}.\n` }) })),
  );
  server = await otherImapClient(servers, me);
  await server.mailboxCreate('Projects');
  page = (await openApp(e2e.browser, e2e.fileCleanups)).page;
  await page.setViewportSize({ width: 1440, height: 900 });
}, 300_000);

beforeEach((context) => {
  if (!accountAdded && !context.task.name.startsWith('adds the account')) context.skip('the first test did not add the account');
});

afterAll(async () => {
  await server?.logout().catch(() => undefined);
});

describe('multi-select in Chromium', () => {
  it('adds the account; the list says it can select several', async () => {
    await addAccountThroughForm(page, servers, me, 'imap');
    await expect.poll(() => page.locator('.pane-header .muted').textContent(), { timeout: 30_000 }).toBe(`${INBOX_COUNT} messages`);
    accountAdded = true;
    expect(await list().getAttribute('aria-multiselectable')).toBe('true');
    // A folder larger than the screen: most rows are not rendered.
    expect(await list().getByRole('option').count()).toBeLessThan(INBOX_COUNT);
  });

  it('Shift+click selects a range and Ctrl+click toggles; the reader becomes the bulk panel, and selecting marks nothing read', async () => {
    await row('Message 40').click();
    await serverFlagIs(subjects(40), FLAG_SEEN, true);
    await row('Message 37').click({ modifiers: ['Shift'] });
    await expect.poll(() => selectedLabels()).toEqual(subjects(40, 39, 38, 37));
    await expect.poll(() => bulkPanel().getByRole('heading').textContent()).toBe('4 messages selected');
    expect(await page.getByRole('article', { name: 'Message' }).count()).toBe(0);
    await row('Message 35').click({ modifiers: ['Control'] });
    await row('Message 38').click({ modifiers: ['Control'] });
    await expect.poll(() => selectedLabels()).toEqual(subjects(40, 39, 37, 35));
    await expect.poll(() => bulkPanel().getByRole('heading').textContent()).toBe('4 messages selected');

    await mkdir(SHOTS, { recursive: true });
    for (const size of [{ width: 1440, height: 900 }, { width: 1024, height: 700 }]) {
      await page.setViewportSize(size);
      await page.screenshot({ path: `${SHOTS}/bulk-panel-${size.width}x${size.height}.png` });
    }
    await page.setViewportSize({ width: 1440, height: 900 });

    // s flags the four (none was flagged); once the flags are on the server, a \Seen sent when
    // they were selected would be there too (one connection, changes in order).
    await page.locator('body').press('s');
    await serverFlagIs(subjects(40, 39, 37, 35), FLAG_FLAGGED, true);
    await serverFlagIs(subjects(39, 37, 35), FLAG_SEEN, false);
    await serverFlagIs(subjects(38, 36), FLAG_FLAGGED, false);
  });

  it('Escape goes back to the focused message; Ctrl+A selects the whole folder and Mark read reaches every message, rows never rendered included', async () => {
    // The focus is on the last message Ctrl+clicked (38, clicked out of the selection): it alone now.
    await page.locator('body').press('Escape');
    await expect.poll(() => selectedLabels()).toEqual(subjects(38));
    await expect.poll(() => bulkPanel().count()).toBe(0);
    await list().focus();
    await page.keyboard.press('Control+a');
    await expect.poll(() => bulkPanel().getByRole('heading').textContent()).toBe(`${INBOX_COUNT} messages selected`);
    await bulkPanel().getByRole('button', { name: /^Mark read/ }).click();
    await serverFlagIs(
      Array.from({ length: INBOX_COUNT }, (_, i) => `Message ${i + 1}`),
      FLAG_SEEN,
      true,
    );
    // u on a selection most of which is read: all unread.
    await page.locator('body').press('u');
    await serverFlagIs(subjects(1, 20, 40), FLAG_SEEN, false);
  });

  it('Shift+J extends the selection; dragging one of its rows to a folder moves all three on the server', async () => {
    await page.locator('body').press('Escape');
    await row('Message 30').click();
    await page.locator('body').press('Shift+J');
    await page.locator('body').press('Shift+J');
    await expect.poll(() => selectedLabels()).toEqual(subjects(30, 29, 28));
    await row('Message 29').dragTo(page.getByRole('navigation', { name: 'Folders' }).locator('button[data-folder-path="Projects"]'));
    await waitFor(async () => (await serverSubjects(server, 'Projects')).length === 3 || undefined, 'three messages in Projects on the server', 30_000, 200);
    expect((await serverSubjects(server, 'Projects')).sort()).toEqual(subjects(28, 29, 30).sort());
    await expect.poll(() => row('Message 29').count()).toBe(0);
  });

  it('# deletes a selection on the server', async () => {
    await row('Message 27').click();
    await row('Message 25').click({ modifiers: ['Shift'] });
    await expect.poll(() => selectedLabels()).toEqual(subjects(27, 26, 25));
    await page.locator('body').press('#');
    await waitFor(async () => {
      const left = await flagsBySubject('INBOX');
      return subjects(25, 26, 27).every((s) => !left.has(s) || left.get(s)!.includes('\\Deleted')) || undefined;
    }, 'messages 25–27 gone from INBOX on the server', 30_000, 200);
    expect(await row('Message 26').count()).toBe(0);
  });

  it('the same model in a device column: Shift+click, the column’s bulk panel, Mark read and Delete', async () => {
    await openSideBySide(page);
    const laptop = column(page, 'This computer');
    const columnList = messageList(laptop);
    await row('Message 24', columnList).click();
    await row('Message 22', columnList).click({ modifiers: ['Shift'] });
    await expect.poll(() => selectedLabels(columnList)).toEqual(subjects(24, 23, 22));
    await expect.poll(() => bulkPanel(laptop).getByRole('heading').textContent()).toBe('3 messages selected');
    for (const size of [{ width: 1440, height: 900 }, { width: 1024, height: 700 }]) {
      await page.setViewportSize(size);
      await page.screenshot({ path: `${SHOTS}/column-bulk-panel-${size.width}x${size.height}.png` });
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    await bulkPanel(laptop).getByRole('button', { name: /^Mark read/ }).click();
    await serverFlagIs(subjects(24, 23, 22), FLAG_SEEN, true);
    await bulkPanel(laptop).getByRole('button', { name: /^Delete/ }).click();
    await waitFor(async () => {
      const left = await flagsBySubject('INBOX');
      return subjects(22, 23, 24).every((s) => !left.has(s) || left.get(s)!.includes('\\Deleted')) || undefined;
    }, 'messages 22–24 gone from INBOX on the server', 30_000, 200);
    await page.getByRole('button', { name: 'Devices side by side' }).click();
  });

  it(`a selection of ${BIG_COUNT.toLocaleString('en-US')} shows its progress and finishes; every message is read on the server`, async () => {
    await page.getByRole('navigation', { name: 'Folders' }).locator('button[data-folder-path="Big"]').click();
    const big = page.getByRole('listbox', { name: 'Messages in Big' });
    await expect.poll(() => page.locator('.pane-header .muted').textContent(), { timeout: 240_000, interval: 1_000 }).toBe(`${BIG_COUNT.toLocaleString('en-US')} messages`);
    await big.focus();
    await page.keyboard.press('Control+a');
    await expect.poll(() => bulkPanel().getByRole('heading').textContent()).toBe(`${BIG_COUNT.toLocaleString('en-US')} messages selected`);
    await bulkPanel().getByRole('button', { name: /^Mark read/ }).click();
    // The progress line while the chunks go, then nothing once the last is done.
    await page.getByRole('status').filter({ hasText: /^Marking read: [\d,]+ of 10,000/ }).waitFor({ timeout: 60_000 });
    await page.getByRole('status').filter({ hasText: /^Marking read/ }).waitFor({ state: 'detached', timeout: 300_000 });
    await waitFor(
      async () => {
        const status = await server.status('Big', { unseen: true });
        return (status && status.unseen === 0) || undefined;
      },
      'no unseen message left in Big on the server',
      120_000,
      500,
    );
  }, 600_000);
});
