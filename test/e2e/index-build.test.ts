import type { Page } from 'playwright';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { FLAG_SEEN } from '../../common/model/mail';
import { createUser, makeMessage, seedMessages, type MailUser } from '../servers';
import { sharedBrowser } from '../support/e2e-browser';
import { addAccountThroughForm, openApp } from './device-ui';

/**
 * Issue 15, the search index's background build, in Chromium against Dovecot: a first sync of
 * 5,100 headers stores the larger batches without their terms (apply-ops.ts, leavesIndexToBuild),
 * and the cache host builds them in a worker of its own (worker-index-build.ts), off the thread it
 * shares with the UI in the harness. A word only the messages' snippets hold (the body's first
 * characters: in the index, not in the sender and subject words a search falls back on) finds
 * every message once the build is done. Then, the index complete and the folder large, a search lists
 * the newest page's hits first and every hit after (renderer/cache/search.ts, two steps that race to
 * give the first page).
 */

const servers = inject('servers');
const COUNT = 5_100;
const e2e = sharedBrowser('index-build');
let page: Page;
let me: MailUser;
const workers: string[] = [];

beforeAll(async () => {
  me = await createUser(servers);
  const start = Date.UTC(2026, 0, 1);
  const messages = Array.from({ length: COUNT }, (_, i) => ({
    raw: makeMessage({ subject: `Ledger ${i + 1}`, from: 'Accounts <accounts@example.test>', date: new Date(start + i * 60_000), body: `Quetzal figures for period ${i + 1}.\n` }),
    flags: [FLAG_SEEN],
  }));
  await seedMessages(servers, me, 'INBOX', messages);
  page = (await openApp(e2e.browser, e2e.fileCleanups)).page;
  page.on('worker', (worker) => workers.push(new URL(worker.url()).pathname));
}, 120_000);

describe('the search index built in the background', () => {
  it('a word of the snippets finds every message once the build, in a worker, is done', async () => {
    await addAccountThroughForm(page, servers, me, 'imap');
    await page.getByRole('listbox', { name: /^Messages in/ }).getByRole('option', { name: new RegExp(`: Ledger ${COUNT}$`) }).waitFor({ timeout: 60_000 });
    await page.getByRole('searchbox', { name: 'Search mail' }).fill('quetzal');
    // The server is searched too (bodies are not cached): the count says all were found here.
    await expect.poll(() => page.getByTestId('search-count').textContent(), { timeout: 90_000 }).toBe(`${COUNT.toLocaleString('en-US')} found`);
    expect(workers).toContainEqual(expect.stringMatching(/\/assets\/index-build\.worker-[\w-]+\.js$/));
    await page.getByRole('searchbox', { name: 'Search mail' }).fill('figures quetzal');
    await expect.poll(() => page.getByTestId('search-count').textContent(), { timeout: 30_000 }).toBe(`${COUNT.toLocaleString('en-US')} found`);
    expect(await page.getByTestId('search-problems').count()).toBe(0);
  }, 240_000);
});
