import { mkdir } from 'node:fs/promises';
import type { Browser } from 'playwright';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchChromium } from './browser';

/**
 * One Chromium for a test file, with a screenshot of every page when a test fails
 * (test-results/`prefix`-<test>.png) and the file's cleanups run after each test.
 */
export function sharedBrowser(prefix: string): { readonly browser: Browser; cleanups: Array<() => Promise<unknown>> } {
  let browser: Browser | undefined;
  const cleanups: Array<() => Promise<unknown>> = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
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
  };
}
