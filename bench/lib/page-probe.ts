import type { Page } from 'playwright';

/**
 * Wall-clock ms at which a message-list row whose label contains `text` is in the DOM, checked
 * every animation frame in the page (so the time is the frame that showed it, not when Node
 * noticed). Wall clock, because the core stamps its transcript with Date.now().
 */
export async function rowVisibleAt(page: Page, text: string, timeoutMs = 600_000): Promise<number> {
  const handle = await page.waitForFunction(
    (wanted) => {
      for (const option of document.querySelectorAll('[role="option"]')) if ((option.getAttribute('aria-label') ?? '').includes(wanted)) return Date.now();
      return false;
    },
    text,
    { polling: 'raf', timeout: timeoutMs },
  );
  return (await handle.jsonValue()) as number;
}

/** A Node performance.now() of an event (the contract client's arrival time) as wall-clock ms. */
export function epochOf(nodeNow: number): number {
  return Date.now() - (performance.now() - nodeNow);
}
