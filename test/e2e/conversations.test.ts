import { mkdir } from 'node:fs/promises';
import type { ImapFlow } from 'imapflow';
import type { Locator, Page } from 'playwright';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { FLAG_SEEN } from '../../common/model/mail';
import { createUser, makeMessage, seedMessages, type MailUser } from '../servers';
import { MAIL_DOMAIN } from '../servers/layout';
import { sharedBrowser } from '../support/e2e-browser';
import { otherImapClient } from '../support/other-client';
import { waitFor } from '../support/wait';
import { addAccountThroughForm, openApp, recordPrintedSheets } from './device-ui';

/**
 * Issue 15, conversations, in Chromium against Dovecot: a thread of three (the user's reply in
 * Sent) is one row with its count, opens stacked with the older messages collapsed, a collapsed
 * one opens, "Mark all read" reaches the server for all three, Messages shows the three again and
 * the choice survives a reload. Screenshots (right-to-left subjects among them) go to
 * /tmp/shots-C/ at 1440×900 and 1024×700.
 */

const servers = inject('servers');
const SHOTS = process.env.PORTHOLE_SHOTS_DIR ?? '/tmp/shots-C';
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
] as const;

const e2e = sharedBrowser('conversations');
let page: Page;
let me: MailUser;
let server: ImapFlow;
let accountAdded = false;

const id = (name: string): string => `<${name}@${MAIL_DOMAIN}>`;
const day = (n: number): Date => new Date(Date.UTC(2026, 10, n, 9, 0, 0));

/** Flags of every message of `folder` with this subject, as the server has them now. */
async function serverFlags(folder: string, subject: string): Promise<string[][]> {
  const lock = await server.getMailboxLock(folder);
  try {
    const flags: string[][] = [];
    for await (const m of server.fetch('1:*', { envelope: true, flags: true })) if (m.envelope?.subject === subject) flags.push([...(m.flags ?? [])]);
    return flags;
  } finally {
    lock.release();
  }
}

const list = (): Locator => page.getByRole('listbox', { name: /^(Messages|Conversations) in Inbox$/ });
const rows = (): Locator => list().getByRole('option');
const conversation = (): Locator => page.getByRole('article', { name: 'Conversation' });
const folderButton = (path: string): Locator => page.locator(`nav[aria-label="Folders"] button[data-folder-path="${path}"]`);
const modeRadio = (name: 'Messages' | 'Conversations'): Locator => page.getByRole('radiogroup', { name: 'Show the list as' }).getByRole('radio', { name });

async function screenshots(name: string): Promise<void> {
  await mkdir(SHOTS, { recursive: true });
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${SHOTS}/${name}-${size.width}x${size.height}.png` });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

beforeAll(async () => {
  me = await createUser(servers);
  const ann = `Ann Example <ann@${MAIL_DOMAIN}>`;
  const self = `Me <${me.address}>`;
  await seedMessages(servers, me, 'INBOX', [
    { raw: makeMessage({ from: ann, to: self, subject: 'Lunch on Friday', date: day(1), messageId: id('lunch-1'), body: 'Shall we have lunch on Friday?\n' }), internalDate: day(1) },
    {
      raw: makeMessage({ from: ann, to: self, subject: 'Re: Lunch on Friday', date: day(3), messageId: id('lunch-3'), body: 'Great, see you at noon.\n', headers: { 'In-Reply-To': id('lunch-2'), References: `${id('lunch-1')}\r\n ${id('lunch-2')}` } }),
      internalDate: day(3),
    },
    { raw: makeMessage({ from: `Bob <bob@${MAIL_DOMAIN}>`, to: self, subject: 'Unrelated', date: day(2), messageId: id('other') }), internalDate: day(2) },
    { raw: makeMessage({ from: `سارة <sara@${MAIL_DOMAIN}>`, to: self, subject: 'اجتماع الأسبوع القادم', date: day(4), messageId: id('rtl-1'), body: 'مرحبا، هل أنت متاح؟\n' }), internalDate: day(4) },
    {
      raw: makeMessage({ from: `سارة <sara@${MAIL_DOMAIN}>`, to: self, subject: 'رد: اجتماع الأسبوع القادم', date: day(5), messageId: id('rtl-2'), headers: { 'In-Reply-To': id('rtl-1'), References: id('rtl-1') } }),
      internalDate: day(5),
    },
  ]);
  await seedMessages(servers, me, 'Sent', [
    {
      raw: makeMessage({ from: self, to: ann, subject: 'Re: Lunch on Friday', date: day(2), messageId: id('lunch-2'), body: 'Yes, Friday works for me.\n', headers: { 'In-Reply-To': id('lunch-1'), References: id('lunch-1') } }),
      internalDate: day(2),
      flags: [FLAG_SEEN],
    },
  ]);
  server = await otherImapClient(servers, me);
  page = (await openApp(e2e.browser, e2e.fileCleanups)).page;
}, 120_000);

beforeEach((context) => {
  if (!accountAdded && !context.task.name.startsWith('adds the account')) context.skip('the first test did not add the account');
});

afterAll(async () => {
  await server?.logout().catch(() => undefined);
});

describe('conversations in Chromium', () => {
  it('adds the account; the list shows single messages by default; Sent is opened once', async () => {
    await addAccountThroughForm(page, servers, me, 'imap');
    await expect.poll(() => rows().count(), { timeout: 20_000 }).toBe(5);
    accountAdded = true;
    expect(await modeRadio('Messages').getAttribute('aria-checked')).toBe('true');
    // Sent is cached once opened (the default keeps only the Inbox offline): the reply joins then.
    await folderButton('Sent').click();
    await expect.poll(() => page.getByRole('listbox', { name: 'Messages in Sent' }).getByRole('option').count(), { timeout: 20_000 }).toBe(1);
    await folderButton('INBOX').click();
    await expect.poll(() => rows().count(), { timeout: 20_000 }).toBe(5);
  });

  it('Conversations (chosen from the keyboard): the thread of three, with the reply from Sent, is one row with its count', async () => {
    await modeRadio('Messages').focus();
    await page.keyboard.press('ArrowRight');
    expect(await modeRadio('Conversations').getAttribute('aria-checked')).toBe('true');
    // The reply in Sent joins once Sent is cached: three rows, the lunch thread of three.
    const lunch = rows().filter({ hasText: 'Lunch on Friday' });
    await expect.poll(() => lunch.getAttribute('data-thread-size'), { timeout: 30_000 }).toBe('3');
    await expect.poll(() => rows().count()).toBe(3);
    expect(await lunch.getAttribute('aria-label')).toBe('Unread, 3 messages, Ann, me: Re: Lunch on Friday');
    expect(await lunch.locator('.thread-count').textContent()).toBe('3');
    expect(await rows().filter({ hasText: 'Unrelated' }).getAttribute('data-thread-size')).toBe('1');
    // Threaded off the page's thread: by the worker (a page that threads by itself is slower, not wrong).
    expect(page.workers().map((w) => new URL(w.url()).pathname)).toContainEqual(expect.stringMatching(/\/assets\/threading\.worker-[\w-]+\.js$/));
  });

  it('opens stacked, oldest first, the older ones collapsed; one opens on Enter', async () => {
    await rows().filter({ hasText: 'Lunch on Friday' }).click();
    const items = conversation().locator('.thread-item');
    await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(3);
    expect(await items.evaluateAll((list) => list.map((item) => item.classList.contains('open')))).toEqual([true, false, true]);
    // The first is unread (open), the user's reply from Sent is read (collapsed, its folder named), the newest is the selected one.
    const reply = items.nth(1).getByRole('button', { expanded: false });
    expect(await reply.textContent()).toContain('Sent');
    expect(await reply.textContent()).toContain('Yes, Friday works for me.');
    await reply.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => items.nth(1).locator('pre.plain-body').textContent(), { timeout: 15_000 }).toContain('Yes, Friday works for me.');
    expect(await items.nth(2).getByRole('toolbar', { name: 'Message actions' }).count()).toBe(1);
    await screenshots('conversation-open');
  });

  it('"Mark all read" marks every message of the conversation on the server, the one in Sent included', async () => {
    await conversation().getByRole('toolbar', { name: 'Conversation actions' }).getByRole('button', { name: 'Mark all read' }).click();
    await waitFor(async () => ((await serverFlags('INBOX', 'Lunch on Friday'))[0]?.includes(FLAG_SEEN) && (await serverFlags('INBOX', 'Re: Lunch on Friday'))[0]?.includes(FLAG_SEEN)) || undefined, 'both Inbox messages read on the server', 20_000, 100);
    expect((await serverFlags('Sent', 'Re: Lunch on Friday'))[0]).toContain(FLAG_SEEN);
    await expect.poll(() => rows().filter({ hasText: 'Lunch on Friday' }).getAttribute('aria-label')).toBe('3 messages, Ann, me: Re: Lunch on Friday');
  });

  it('Print conversation prints every message of it, oldest first, with headers and text, nothing of the app and no script', async () => {
    const printed = await recordPrintedSheets(page);
    await rows().filter({ hasText: 'Lunch on Friday' }).click();
    await expect.poll(() => conversation().locator('.thread-item').count(), { timeout: 15_000 }).toBe(3);
    await conversation().getByRole('toolbar', { name: 'Conversation actions' }).getByRole('button', { name: 'Print conversation' }).click();
    await expect.poll(async () => (await printed()).length, { timeout: 15_000 }).toBe(1);
    const [sheet = ''] = await printed();
    expect(sheet).toContain('<title>Re: Lunch on Friday</title>');
    expect(sheet).toContain('<p class="count">3 messages</p>');
    const order = ['Shall we have lunch on Friday?', 'Yes, Friday works for me.', 'Great, see you at noon.'].map((text) => sheet.indexOf(text));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(sheet.match(/<article>/g)).toHaveLength(3);
    expect(sheet).not.toContain('<script');
    expect(sheet).not.toContain('Conversation actions');
    // The frame is gone once the dialog returned.
    expect(await page.locator('iframe[title="Print"]').count()).toBe(0);
  });

  it('j and k step through conversations; right-to-left subjects read from the right', async () => {
    await page.locator('body').press('k');
    await expect.poll(() => conversation().locator('h2').first().textContent(), { timeout: 15_000 }).toBe('رد: اجتماع الأسبوع القادم');
    await screenshots('conversation-rtl');
    await page.locator('body').press('j');
    await expect.poll(() => conversation().locator('h2').first().textContent(), { timeout: 15_000 }).toBe('Re: Lunch on Friday');
    await page.locator('body').press('j');
    await expect.poll(() => page.getByRole('article', { name: 'Message' }).locator('h2').textContent(), { timeout: 15_000 }).toBe('Unrelated');
  });

  it('Messages shows the three again; the choice survives a reload', async () => {
    await modeRadio('Messages').click();
    await expect.poll(() => rows().count()).toBe(5);
    await modeRadio('Conversations').click();
    await page.reload();
    await expect.poll(() => modeRadio('Conversations').getAttribute('aria-checked'), { timeout: 20_000 }).toBe('true');
    await expect.poll(() => rows().count(), { timeout: 20_000 }).toBe(3);
    await screenshots('conversation-list');
    await modeRadio('Messages').click();
    await expect.poll(() => rows().count()).toBe(5);
    await page.reload();
    await expect.poll(() => rows().count(), { timeout: 20_000 }).toBe(5);
    expect(await modeRadio('Messages').getAttribute('aria-checked')).toBe('true');
  });
});
