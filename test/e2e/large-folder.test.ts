import type { Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createUser, makeMessage, seedMessages } from '../servers';
import { launchChromium } from '../support/browser';
import { startHarnessProcess, type HarnessProcess } from '../support/harness-process';
import { accountDraft } from '../support/core-fixture';

const servers = inject('servers');
const COUNT = 100_000;
let browser: Browser;
let harness: HarnessProcess;

beforeAll(async () => {
  browser = await launchChromium();
  harness = await startHarnessProcess();
});
afterAll(async () => {
  await browser?.close();
  await harness?.stop();
});

describe('a folder of 100,000 messages', () => {
  it('syncs in the browser cache and the virtualized list stays small and navigable', async () => {
    const user = await createUser(servers);
    const start = new Date('2020-01-01T00:00:00Z').getTime();
    const batch = 10_000;
    for (let offset = 0; offset < COUNT; offset += batch) {
      await seedMessages(
        servers,
        user,
        'INBOX',
        Array.from({ length: batch }, (_, i) => {
          const n = offset + i + 1;
          return { raw: makeMessage({ subject: `Bulk ${n}`, date: new Date(start + n * 60_000), body: `Message number ${n}.\n` }) };
        }),
      );
    }
    const page = await browser.newPage();
    await page.goto(harness.url);
    const t0 = Date.now();
    // Add the account through the contract, as the form does (the form itself is tested elsewhere).
    const added = await page.evaluate(async (draft) => {
      const socketUrl = `ws://${location.host}/ws?role=app&token=${encodeURIComponent(/token=([^&]+)/.exec(location.hash)![1]!)}`;
      const socket = new WebSocket(socketUrl);
      await new Promise((resolve) => (socket.onopen = resolve));
      socket.send(JSON.stringify({ kind: 'invoke', callId: 1, command: 'account:add', params: draft }));
      const reply = await new Promise<{ kind: string; result: { ok: boolean } }>((resolve) => {
        socket.onmessage = (m: MessageEvent<string>) => {
          const frame = JSON.parse(m.data) as { kind: string; result: { ok: boolean } };
          if (frame.kind === 'result') resolve(frame);
        };
      });
      socket.close();
      return reply;
    }, accountDraft(servers, user, 'tls'));
    expect(added.result.ok).toBe(true);
    const list = page.getByRole('listbox', { name: 'Messages in Inbox' });
    const ticker = setInterval(() => void page.locator('.pane-header .muted').textContent().then((t) => console.log(`[large-folder] ${Date.now() - t0} ms: ${t}`)), 5_000);
    await list.getByRole('option', { name: `Unread, Sender: Bulk ${COUNT}` }).waitFor({ timeout: 30_000 });
    const firstVisibleMs = Date.now() - t0;
    await page.locator('.pane-header .muted', { hasText: `${COUNT.toLocaleString('en-US')} messages` }).waitFor({ timeout: 240_000 });
    const allMs = Date.now() - t0;
    clearInterval(ticker);
    console.log(`[large-folder] first rows after ${firstVisibleMs} ms, all ${COUNT} headers after ${allMs} ms`);
    // Only the rows on screen (plus overscan) are in the DOM.
    expect(await list.getByRole('option').count()).toBeLessThan(60);
    // The oldest message is reachable: End of the list via the keyboard.
    await list.click();
    await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await list.getByRole('option', { name: /Bulk 1$/ }).waitFor({ timeout: 10_000 });
    await list.getByRole('option', { name: /Bulk 1$/ }).click();
    await page.keyboard.press('k');
    await expect.poll(() => list.locator('[aria-selected="true"]').getAttribute('aria-label')).toContain('Bulk 2');
    expect(await list.getByRole('option').count()).toBeLessThan(60);
  }, 300_000);
});
