/**
 * Runs `run` once the page is idle, or after `waitMs` at most (a turn of the event loop where there
 * is no requestIdleCallback: Node tests). Returns what cancels it. Reads of the cache that can wait
 * go after the page's own: IndexedDB answers a page's requests in order.
 */
export function whenIdle(run: () => void, waitMs: number): () => void {
  if (typeof requestIdleCallback !== 'function') {
    const timer = setTimeout(run, 0);
    return () => clearTimeout(timer);
  }
  const handle = requestIdleCallback(() => run(), { timeout: waitMs });
  return () => cancelIdleCallback(handle);
}
