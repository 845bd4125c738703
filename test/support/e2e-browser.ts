import { mkdir } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchChromium } from './browser';

/** What a test file gets: the browser, and what to undo after each test or after the file. */
export interface SharedBrowser {
  /** Its contexts' pages start new messages in plain text (the field most tests type into) unless a test chooses rich text. */
  readonly browser: Browser;
  /** A context whose pages start new messages as the app ships (in rich text). */
  newContextAsShipped(options?: Parameters<Browser['newContext']>[0]): Promise<BrowserContext>;
  /** Run after each test, last in first out: a test's own harness, context, other clients. */
  cleanups: Array<() => Promise<unknown>>;
  /**
   * Run once after the file's tests, last in first out, before the browser closes: what the
   * file's tests share (one harness and page for the whole file), which `cleanups` would close
   * after the first test.
   */
  fileCleanups: Array<() => Promise<unknown>>;
  /**
   * A new page at `url` in a context of its own (closed after the test), collecting the page's
   * uncaught errors; 1440×900 and the light scheme unless said otherwise.
   */
  openPage(url: string, options?: { colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number } }): Promise<{ page: Page; pageErrors: string[] }>;
}

/**
 * One Chromium for a test file, with a screenshot of every page when a test fails
 * (test-results/`prefix`-<test>.png), the file's cleanups run after each test and its file
 * cleanups after the last.
 */
export function sharedBrowser(prefix: string): SharedBrowser {
  let browser: Browser | undefined;
  const cleanups: Array<() => Promise<unknown>> = [];
  const fileCleanups: Array<() => Promise<unknown>> = [];
  let asShipped: Browser['newContext'] | undefined;
  beforeAll(async () => {
    const launched = await launchChromium();
    const bare = launched.newContext.bind(launched);
    // English whatever this machine's language: the tests find elements by their English words
    // (a test of another language asks for its locale).
    asShipped = (options) => bare({ locale: 'en-US', ...options });
    const shipped = asShipped;
    launched.newContext = async (options) => {
      const context = await shipped(options);
      // Only while nothing is stored: a choice the test makes in a composer holds across reloads.
      await context.addInitScript(() => {
        try {
          if (localStorage.getItem('porthole.composeFormat') === null) localStorage.setItem('porthole.composeFormat', '"plain"');
        } catch {
          // A page without storage (about:blank) has no composer either.
        }
      });
      return context;
    };
    browser = launched;
  });
  afterAll(async () => {
    for (const cleanup of fileCleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
    await browser?.close();
  });
  afterEach(async (context) => {
    if (browser && context.task.result?.state === 'fail') {
      await mkdir('test-results', { recursive: true });
      for (const page of browser.contexts().flatMap((c) => c.pages())) await page.screenshot({ path: `test-results/${prefix}-${context.task.name.replace(/\W+/g, '-').slice(0, 80)}.png` }).catch(() => undefined);
    }
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  });
  return {
    get browser(): Browser {
      if (!browser) throw new Error('the browser is started in beforeAll');
      return browser;
    },
    cleanups,
    fileCleanups,
    newContextAsShipped(options) {
      if (!asShipped) throw new Error('the browser is started in beforeAll');
      return asShipped(options);
    },
    async openPage(url, options = {}) {
      if (!browser) throw new Error('the browser is started in beforeAll');
      const context = await browser.newContext({ colorScheme: options.colorScheme ?? 'light', viewport: options.viewport ?? { width: 1440, height: 900 } });
      cleanups.push(() => context.close());
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await page.goto(url);
      return { page, pageErrors };
    },
  };
}
