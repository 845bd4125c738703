import type { Page } from 'playwright';
import { addAccount, imapDraft, reloadApp, removeAllAccounts, withPageProfile, type BenchEnv } from '../lib/env';
import { figure, type Figure } from '../lib/figures';
import { chromiumRendererPids, cpuSeconds, rssMb } from '../lib/proc';
import { rowVisibleAt } from '../lib/page-probe';
import { benchSubject, seededUser } from '../lib/seed';
import { percentile, summarize } from '../lib/stats';

const COUNT = 100_000;

/** Clicks a folder and returns ms until its list shows a row with a loaded record. */
async function folderPaintMs(page: Page, folderPath: string): Promise<number> {
  return page.evaluate(async (path) => {
    const button = document.querySelector<HTMLButtonElement>(`nav[aria-label="Folders"] button[data-folder-path="${path}"]`);
    if (!button) throw new Error(`no folder button for ${path}`);
    const started = performance.now();
    button.click();
    return new Promise<number>((resolve, reject) => {
      const timeout = setTimeout(() => reject(new Error('the list did not paint in 30 s')), 30_000);
      const frame = (): void => {
        const row = document.querySelector('[role="listbox"] [role="option"]');
        if (row && row.getAttribute('aria-label') !== 'Loading') {
          clearTimeout(timeout);
          resolve(performance.now() - started);
        } else requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
  }, folderPath);
}

/** Shows an empty folder (so the next click on INBOX paints the list from nothing). */
async function showOtherFolder(page: Page): Promise<void> {
  await page.locator('nav[aria-label="Folders"] button[data-folder-path="Sent"]').click();
  await page.getByText('No messages in').waitFor();
}

/** Scrolls the list from top to bottom, 100 rows a frame, and returns every frame's duration. */
async function scrollFrames(page: Page): Promise<number[]> {
  return page.evaluate(
    () =>
      new Promise<number[]>((resolve) => {
        const list = document.querySelector<HTMLElement>('[role="listbox"]')!;
        list.scrollTop = 0;
        const frames: number[] = [];
        let last = performance.now();
        const frame = (now: number): void => {
          frames.push(now - last);
          last = now;
          if (list.scrollTop + list.clientHeight >= list.scrollHeight - 1) return resolve(frames.slice(1));
          list.scrollTop += 6_400;
          requestAnimationFrame(frame);
        };
        requestAnimationFrame((now) => {
          last = now;
          requestAnimationFrame(frame);
        });
      }),
  );
}

/** Clicks the row of message n and returns ms until its text is in the reader. */
async function openMs(page: Page, n: number): Promise<number> {
  const row = page.locator(`[role="option"][aria-label*="${benchSubject(n)}"]`);
  await row.scrollIntoViewIfNeeded();
  return page.evaluate(async (wanted) => {
    const target = [...document.querySelectorAll<HTMLElement>('[role="option"]')].find((o) => (o.getAttribute('aria-label') ?? '').includes(wanted.subject))!;
    const started = performance.now();
    target.click();
    return new Promise<number>((resolve, reject) => {
      const timeout = setTimeout(() => reject(new Error('the message did not open in 30 s')), 30_000);
      const frame = (): void => {
        if (document.querySelector('pre.plain-body')?.textContent?.includes(wanted.text)) {
          clearTimeout(timeout);
          resolve(performance.now() - started);
        } else requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
  }, { subject: benchSubject(n), text: `this is message ${n} of the benchmark` });
}

/** Types a query into the search box and returns ms until the result count and first match show. */
async function searchMs(page: Page, query: string, expectInLabel: string): Promise<{ ms: number; found: string }> {
  return page.evaluate(
    async ({ query, expectInLabel }) => {
      const box = document.querySelector<HTMLInputElement>('input[type="search"]')!;
      // The prototype's setter, as typing does: React ignores an input event after a plain `box.value =`.
      // eslint-disable-next-line @typescript-eslint/unbound-method -- called with .call(box) below
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      setValue.call(box, '');
      box.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((r) => setTimeout(r, 200));
      const started = performance.now();
      setValue.call(box, query);
      box.dispatchEvent(new Event('input', { bubbles: true }));
      return new Promise<{ ms: number; found: string }>((resolve, reject) => {
        const timeout = setTimeout(() => reject(new Error(`search for ${query} showed nothing in 30 s: count "${document.querySelector('[data-testid="search-count"]')?.textContent ?? ''}", first row "${document.querySelector('[role="listbox"] [role="option"]')?.getAttribute('aria-label') ?? ''}"`)), 30_000);
        const frame = (): void => {
          const count = document.querySelector('[data-testid="search-count"]')?.textContent ?? '';
          const first = document.querySelector('[role="listbox"] [role="option"]')?.getAttribute('aria-label') ?? '';
          if (/found/.test(count) && first.toLowerCase().includes(expectInLabel.toLowerCase())) {
            clearTimeout(timeout);
            resolve({ ms: performance.now() - started, found: count });
          } else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      });
    },
    { query, expectInLabel },
  );
}

async function clearSearch(page: Page): Promise<void> {
  await page.locator('input[type="search"]').fill('');
}

function memory(env: BenchEnv): { core: number; renderer: number } {
  return { core: rssMb(env.harness.pid), renderer: chromiumRendererPids().reduce((sum, pid) => sum + rssMb(pid), 0) };
}

function cpuTotal(env: BenchEnv): { core: number; renderer: number } {
  return { core: cpuSeconds(env.harness.pid), renderer: chromiumRendererPids().reduce((sum, pid) => sum + cpuSeconds(pid), 0) };
}

/** Scenarios 6 and 7: the renderer with a 100,000-message folder, and what the app costs after it. */
export async function largeFolder(env: BenchEnv, runs: number, idleMinutes: number): Promise<Figure[]> {
  const user = await seededUser(env.servers.info, COUNT);
  await removeAllAccounts(env);
  await reloadApp(env);
  const synced = env.client.waitFor('sync:progress', (p) => p.folderPath === 'INBOX' && p.phase === 'done' && p.total >= COUNT);
  const syncStarted = performance.now();
  await addAccount(env, imapDraft(env, user));
  await synced;
  console.log(`  synced ${COUNT} headers in ${((performance.now() - syncStarted) / 1000).toFixed(1)} s`);
  await rowVisibleAt(env.page, benchSubject(COUNT));
  await new Promise((r) => setTimeout(r, 3_000));
  const afterSync = memory(env);

  const paint: number[] = [];
  const frameMax: number[] = [];
  const frameP99: number[] = [];
  const open: number[] = [];
  const senderSearch: number[] = [];
  const subjectSearch: number[] = [];
  let senderFound = '';
  let subjectFound = '';
  // Bodies of the two messages opened, fetched once: the timed opens read the cache.
  const first = COUNT - 2;
  const second = COUNT - 5;
  await openMs(env.page, first);
  await openMs(env.page, second);
  for (let i = 0; i < runs; i++) {
    await showOtherFolder(env.page);
    paint.push(await withPageProfile(env, `first-paint-run-${i + 1}`, () => folderPaintMs(env.page, 'INBOX')));
    const frames = await withPageProfile(env, `scroll-run-${i + 1}`, () => scrollFrames(env.page));
    frameMax.push(Math.max(...frames));
    frameP99.push(percentile(frames, 99));
    await env.page.evaluate(() => {
      document.querySelector<HTMLElement>('[role="listbox"]')!.scrollTop = 0;
    });
    await env.page.waitForTimeout(300);
    open.push(await openMs(env.page, i % 2 ? second : first));
    const bySender = await searchMs(env.page, 'sender42', 'Sender 42');
    senderSearch.push(bySender.ms);
    senderFound = bySender.found;
    const n = 4_242 + i;
    const bySubject = await searchMs(env.page, `bulk ${n}`, `Bulk ${n}`);
    subjectSearch.push(bySubject.ms);
    subjectFound = bySubject.found;
    await clearSearch(env.page);
    console.log(`  run ${i + 1}: paint ${paint.at(-1)!.toFixed(1)} ms, scroll frames max ${frameMax.at(-1)!.toFixed(1)} / p99 ${frameP99.at(-1)!.toFixed(1)} ms over ${frames.length} frames, open ${open.at(-1)!.toFixed(1)} ms, search sender ${senderSearch.at(-1)!.toFixed(1)} ms (${senderFound}), subject ${subjectSearch.at(-1)!.toFixed(1)} ms (${subjectFound})`);
  }

  // Idle with the list open and IDLE running, as a user leaves the app.
  await showOtherFolder(env.page);
  await folderPaintMs(env.page, 'INBOX');
  const cpuBefore = cpuTotal(env);
  const idleStarted = performance.now();
  console.log(`  idling ${idleMinutes} min…`);
  await new Promise((r) => setTimeout(r, idleMinutes * 60_000));
  const idleSeconds = (performance.now() - idleStarted) / 1000;
  const cpuAfter = cpuTotal(env);
  const afterIdle = memory(env);
  await removeAllAccounts(env);

  const s = summarize;
  const one = (v: number) => summarize([v]);
  const idleCpu = (part: 'core' | 'renderer') => ((cpuAfter[part] - cpuBefore[part]) / idleSeconds) * 100;
  return [
    figure({ scenario: '6 Renderer, 100k folder', name: 'first paint of the list (folder click → rows)', unit: 'ms', client: s(paint), raw: null, target: '< 300 ms', met: s(paint).median < 300 }),
    figure({ scenario: '6 Renderer, 100k folder', name: 'scroll top → bottom, slowest frame', unit: 'ms', client: s(frameMax), raw: null, target: '≤ 50 ms', met: Math.max(...frameMax) <= 50 }),
    figure({ scenario: '6 Renderer, 100k folder', name: 'scroll top → bottom, 99th percentile frame', unit: 'ms', client: s(frameP99), raw: null, target: '–', met: null }),
    figure({ scenario: '6 Renderer, 100k folder', name: 'open a cached message (click → text shown)', unit: 'ms', client: s(open), raw: null, target: '< 50 ms', met: s(open).median < 50 }),
    figure({ scenario: '6 Renderer, 100k folder', name: `search by sender "sender42" (${senderFound})`, unit: 'ms', client: s(senderSearch), raw: null, target: '< 150 ms', met: s(senderSearch).median < 150 }),
    figure({ scenario: '6 Renderer, 100k folder', name: `search by subject "bulk 4242" (${subjectFound})`, unit: 'ms', client: s(subjectSearch), raw: null, target: '< 150 ms', met: s(subjectSearch).median < 150 }),
    figure({ scenario: '7 Memory', name: 'core process RSS after syncing 100,000 headers', unit: 'MB', client: one(afterSync.core), raw: null, target: '–', met: null }),
    figure({ scenario: '7 Memory', name: 'Chromium renderer RSS (UI + cache host) after the sync', unit: 'MB', client: one(afterSync.renderer), raw: null, target: '–', met: null }),
    figure({ scenario: '7 Memory', name: `core process RSS after ${idleMinutes} min idle (IDLE on)`, unit: 'MB', client: one(afterIdle.core), raw: null, target: '–', met: null }),
    figure({ scenario: '7 Memory', name: `Chromium renderer RSS after ${idleMinutes} min idle`, unit: 'MB', client: one(afterIdle.renderer), raw: null, target: '–', met: null }),
    figure({ scenario: '7 Idle CPU', name: `core process CPU while idle (${idleMinutes} min)`, unit: '% CPU', client: one(idleCpu('core')), raw: null, target: '–', met: null }),
    figure({ scenario: '7 Idle CPU', name: `Chromium renderer CPU while idle (${idleMinutes} min)`, unit: '% CPU', client: one(idleCpu('renderer')), raw: null, target: '–', met: null }),
  ];
}
