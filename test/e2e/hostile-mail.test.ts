import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { Page } from 'playwright';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createUser, seedMessages } from '../servers';
import { accountDraft } from '../support/core-fixture';
import { sharedBrowser } from '../support/e2e-browser';
import { startHarnessProcess, type HarnessProcess } from '../support/harness-process';
import { ContractClient } from '../support/contract-client';

const servers = inject('servers');
const HOSTILE = join(__dirname, '..', 'fixtures', 'hostile');
const FILES = readdirSync(HOSTILE).filter((f) => f.endsWith('.eml') && (!process.env.HOSTILE_ONLY || f.startsWith(process.env.HOSTILE_ONLY))).sort();

// One page for the file: the corpus is seeded and synced once.
const e2e = sharedBrowser('hostile-mail');
let harness: HarnessProcess;
let page: Page;
let canary: Server;
const canaryHits: string[] = [];
const incidents: string[] = [];

/** A loopback web server every remote reference of the corpus points at: any request is a leak. */
async function startCanary(): Promise<number> {
  canary = createServer((request, response) => {
    canaryHits.push(`${request.method} ${request.url}`);
    response.writeHead(200, { 'Content-Type': 'image/png' }).end();
  });
  await new Promise<void>((resolve) => canary.listen(0, '127.0.0.1', resolve));
  return (canary.address() as { port: number }).port;
}

function subjectOf(raw: string): string {
  return /^Subject: ?(.*)$/im.exec(raw)?.[1]?.trim() ?? '';
}

beforeAll(async () => {
  const port = await startCanary();
  // Closed after the page whose leaks it would catch.
  e2e.fileCleanups.push(() => new Promise((resolve) => canary.close(resolve)));
  const user = await createUser(servers);
  // Every "canary.invalid" becomes the loopback canary, so a leak would really arrive somewhere.
  await seedMessages(
    servers,
    user,
    'INBOX',
    FILES.map((name, i) => ({ raw: Buffer.from(readFileSync(join(HOSTILE, name), 'latin1').split('canary.invalid').join(`127.0.0.1:${port}`), 'latin1'), internalDate: new Date(Date.UTC(2026, 0, 1, 0, i)) })),
  );
  harness = await startHarnessProcess();
  e2e.fileCleanups.push(() => harness.stop());
  // As shipped: a reply or forward starts in rich text, so the quoted original's HTML goes into the
  // app's own editor (the riskier way: plain text quotes text only).
  const context = await e2e.newContextAsShipped({ acceptDownloads: true, viewport: { width: 1400, height: 900 } });
  e2e.fileCleanups.push(() => context.close());
  page = await context.newPage();
  page.on('pageerror', (error) => incidents.push(`page error: ${error.message}`));
  if (process.env.HOSTILE_TIMING) page.on('console', (m) => console.log(`[console] ${m.type()} ${m.text()}`));
  page.on('dialog', (dialog) => {
    incidents.push(`dialog: ${dialog.type()} ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('popup', (popup) => incidents.push(`new window: ${popup.url()}`));
  page.on('framenavigated', (frame) => {
    const url = frame.url();
    if (frame === page.mainFrame() ? !url.startsWith(new URL(harness.url).origin) : !/^(about:srcdoc|about:blank|http:\/\/127\.0\.0\.1:\d+\/cache-host\.html)/.test(url)) incidents.push(`navigation: ${url}`);
  });
  await page.goto(harness.url);
  const client = await ContractClient.connect(harness.url);
  await client.invoke('account:add', accountDraft(servers, user, 'tls'));
  client.close();
  await page.getByRole('listbox', { name: 'Messages in Inbox' }).waitFor({ timeout: 30_000 });
  await page.locator('.pane-header .muted', { hasText: `${FILES.length} messages` }).waitFor({ timeout: 120_000 });
}, 300_000);

describe('the hostile mail corpus, opened, replied to and forwarded in Chromium', () => {
  it(`renders all ${FILES.length} messages with no request to the canary, no script, no navigation, no new window, no hang`, async () => {
    const list = page.getByRole('listbox', { name: 'Messages in Inbox' });
    const problems: string[] = [];
    // Newest first in the list: walk it from the top with j, one message at a time.
    await list.getByRole('option').first().click();
    let previous: string | null = null;
    for (let i = 0; i < FILES.length; i++) {
      if (i > 0) await page.keyboard.press('j');
      const before = canaryHits.length + incidents.length;
      const reader = page.getByRole('article', { name: 'Message' });
      const started = Date.now();
      try {
        // Bounded: this message's body (or a clear error) must appear, however hostile it is.
        await page.waitForFunction((old) => {
          const article = document.querySelector('article[data-message-id]');
          return article && article.getAttribute('data-message-id') !== old && article.querySelector('iframe[title="Message content"], pre.plain-body, .error-text');
        }, previous, { timeout: 20_000 });
        previous = await reader.getAttribute('data-message-id');
      } catch {
        problems.push(`message ${i + 1}: nothing shown within 20 s (${await reader.locator('h2').textContent().catch(() => '?')})`);
        continue;
      }
      if (process.env.HOSTILE_TIMING) console.log(`[hostile] ${i + 1} ${(await reader.locator('h2').textContent())?.slice(0, 60)}: shown after ${Date.now() - started} ms`);
      for (const action of ['r', 'f']) {
        await page.keyboard.press(action);
        const composer = page.getByRole('dialog', { name: 'Compose message' });
        await composer.waitFor({ timeout: 10_000 });
        await page.keyboard.press('Escape');
        await composer.waitFor({ state: 'detached', timeout: 10_000 });
      }
      if (canaryHits.length + incidents.length > before) problems.push(`message ${i + 1} (${await reader.locator('h2').textContent()}): ${[...canaryHits, ...incidents].slice(-3).join(' | ')}`);
    }
    expect({ canaryHits, incidents, problems }).toEqual({ canaryHits: [], incidents: [], problems: [] });
    // Still responsive after all of it.
    await page.getByRole('button', { name: 'Compose' }).click();
    await page.getByRole('dialog', { name: 'Compose message' }).waitFor();
    await page.keyboard.press('Escape');
  }, 900_000);

  /** Scrolls the virtual list until the message with this subject is on screen, and opens it. */
  async function openBySubject(subject: string): Promise<boolean> {
    const list = page.getByRole('listbox', { name: 'Messages in Inbox' });
    const row = list.getByRole('option').filter({ hasText: subject.slice(0, 40) }).first();
    // Half a screen at a time, and two frames for the virtual list to render what came into view.
    const scrollBy = (fraction: number) => list.evaluate((el, f) => new Promise<void>((resolve) => {
      el.scrollTop = f === 0 ? 0 : el.scrollTop + el.clientHeight * f;
      requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
    }), fraction);
    await scrollBy(0);
    for (let tries = 0; tries < 80 && (await row.count()) === 0; tries++) await scrollBy(0.5);
    if ((await row.count()) === 0) return false;
    const id = await row.getAttribute('data-message-id');
    await row.click();
    await page.locator(`article[data-message-id="${id}"]`).locator('iframe[title="Message content"], pre.plain-body').first().waitFor({ timeout: 20_000 });
    return true;
  }

  /**
   * Records what could hide the link warning after its click (it failed to appear once in CI and
   * was not reproduced in 17 runs under CPU load): clicks and toggles in the reader, a link list or
   * reader taken out of the page (a re-mount loses the list's state and closes it), the warning
   * added, and the page's main thread held for over 200 ms. Read only when the warning is missing.
   */
  async function watchReaderEvents(): Promise<void> {
    await page.evaluate(() => {
      const log: string[] = [];
      (window as unknown as { readerEvents: string[] }).readerEvents = log;
      const at = () => `${performance.now().toFixed(0)} ms`;
      const name = (t: EventTarget | null) => (t instanceof Element ? `${t.tagName.toLowerCase()}.${t.className} “${(t.getAttribute('aria-label') ?? t.textContent ?? '').slice(0, 40)}”` : 'document');
      for (const type of ['click', 'toggle']) document.addEventListener(type, (e) => log.push(`${at()} ${type} ${name(e.target)}${e.target instanceof HTMLDetailsElement ? ` open=${e.target.open}` : ''}`), true);
      new MutationObserver((records) => {
        for (const record of records) {
          for (const node of record.removedNodes) if (node instanceof Element && node.matches('details, article, .html-body, [role=alertdialog]')) log.push(`${at()} removed ${name(node)}`);
          for (const node of record.addedNodes) if (node instanceof Element && node.matches('details, article, [role=alertdialog]')) log.push(`${at()} added ${name(node)}`);
        }
      }).observe(document.body, { childList: true, subtree: true });
      let last = performance.now();
      const tick = (): void => {
        const now = performance.now();
        if (now - last > 200) log.push(`${at()} main thread held ${(now - last).toFixed(0)} ms`);
        last = now;
        if (log.length < 200) setTimeout(tick, 50);
      };
      tick();
    });
  }

  async function readerEvents(): Promise<{ events: string[]; linkLists: string[]; article: string | null }> {
    return page.evaluate(() => ({
      events: (window as unknown as { readerEvents?: string[] }).readerEvents ?? [],
      linkLists: [...document.querySelectorAll('details.link-list')].map((d) => `open=${(d as HTMLDetailsElement).open} warnings=${d.querySelectorAll('[role=alertdialog]').length}`),
      article: document.querySelector('article[data-message-id]')?.getAttribute('data-message-id') ?? null,
    }));
  }

  it('shows HTML mail in a frame with an empty sandbox and a CSP of data: images and inline styles only', async () => {
    expect(await openBySubject(subjectOf(readFileSync(join(HOSTILE, 'script-plain.eml'), 'latin1')))).toBe(true);
    const frame = page.locator('iframe[title="Message content"]');
    expect(await frame.getAttribute('sandbox')).toBe('');
    const srcdoc = (await frame.getAttribute('srcdoc')) ?? '';
    expect(srcdoc).toContain(`content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:"`);
    expect(srcdoc).not.toMatch(/<script/i);
  });

  it('offers links outside the frame: web links show their real host first, mailto drops attach=, other schemes are not offered', async () => {
    const subject = (file: string) => subjectOf(readFileSync(join(HOSTILE, file), 'latin1'));
    const links = () => page.getByRole('list', { name: 'Links in this message' });
    await page.reload();
    await page.getByRole('listbox', { name: 'Messages in Inbox' }).getByRole('option').first().waitFor({ timeout: 20_000 });
    expect(await openBySubject(subject('scheme-smb-ftp.eml'))).toBe(true);
    await page.getByText(/^Links in this message/).click();
    // DOMPurify already drops the href of schemes it does not know (smb:, nfs: …); what is left
    // (ftp:, file: …) is listed with the reason, and has no Open button.
    expect(await links().getByRole('listitem').count()).toBeGreaterThan(0);
    expect(await links().getByRole('button').count()).toBe(0);

    expect(await openBySubject(subject('link-text-host-mismatch.eml'))).toBe(true);
    await watchReaderEvents();
    await page.getByText(/^Links in this message/).click();
    await links().getByRole('button', { name: /^Open link accounts\.bank\.example\.test\/sign-in/ }).click();
    const warning = page.getByRole('alertdialog', { name: 'This link goes somewhere else' });
    await warning.waitFor({ timeout: 10_000 }).catch(async () => {
      throw new Error(`no warning after the click; what the page did: ${JSON.stringify(await readerEvents(), null, 1)}`);
    });
    expect(await warning.textContent()).toContain('goes to 127.0.0.1');
    await warning.getByRole('button', { name: 'Don’t open' }).click();
    // Credentials in a link's address are refused outright.
    expect(await links().getByRole('listitem').filter({ hasText: 'user name or password' }).count()).toBeGreaterThan(0);

    expect(await openBySubject(subject('scheme-mailto-attach.eml'))).toBe(true);
    await page.getByText(/^Links in this message/).click();
    await links().getByRole('button', { name: /^Open link attach=\/etc\/passwd/ }).click();
    const composer = page.getByRole('dialog', { name: 'Compose message' });
    await composer.waitFor({ timeout: 10_000 }).catch(async () => {
      throw new Error(`no composer after the mailto link; page shows: ${(await page.locator('body').ariaSnapshot()).slice(0, 3000)}`);
    });
    expect(await composer.getByLabel('To').inputValue()).toBe('collector@example.test');
    expect(await composer.getByRole('list', { name: 'Attached files' }).getByRole('listitem').count()).toBe(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Left out of the new message: attach' }).count()).toBe(1);
    expect(canaryHits).toEqual([]);
  });

  it('saves dangerous attachment names neutralized', async () => {
    const names: string[] = [];
    const missing: string[] = [];
    for (const file of FILES.filter((f) => f.startsWith('attach-'))) {
      // Chromium limits how many downloads one page may start; a reload starts a new count.
      await page.reload();
      await page.getByRole('listbox', { name: 'Messages in Inbox' }).getByRole('option').first().waitFor({ timeout: 20_000 });
      if (!(await openBySubject(subjectOf(readFileSync(join(HOSTILE, file), 'latin1'))))) {
        missing.push(file);
        continue;
      }
      const buttons = page.getByRole('button', { name: /^Save attachment / });
      // Chromium stops a page's downloads after about ten: eight per message, each after a reload.
      const count = Math.min(await buttons.count(), 8);
      for (let b = 0; b < count; b++) {
        const label = await buttons.nth(b).getAttribute('aria-label');
        const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), buttons.nth(b).click()]).catch((error: unknown) => {
          throw new Error(`${file}: no download for ${JSON.stringify(label)}: ${String(error)}`);
        });
        names.push(download.suggestedFilename());
      }
    }
    expect(missing).toEqual([]);
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) {
      expect(name, name).not.toMatch(/[\\/]|^\.|[\p{Cc}\p{Cf}<>:"|?*]|[. ]$/u);
      expect(name.split('.')[0]!, name).not.toMatch(/^(con|prn|aux|nul|com[\d¹²³]|lpt[\d¹²³]|conin\$|conout\$)\s*$/i);
    }
  }, 300_000);
});
