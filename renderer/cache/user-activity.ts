/**
 * Background work of the cache (the search index's build) steps aside while the user acts: a
 * click, a key, the wheel or a scroll in a window says so on a BroadcastChannel (it reaches the Electron
 * windows, the harness's cache-host iframe and their workers), and the build starts no batch until
 * the user has been still for QUIET_MS. Its write transactions hold the messages store; a folder
 * opened meanwhile waited behind them (scenario 9: first rows 250–440 ms during the build, 90 ms
 * after it).
 */
export const USER_ACTIVITY_CHANNEL = 'porthole-user-activity';

/** How long after the user's last act background work waits. */
export const QUIET_MS = 1_000;

/** Said at most this often: a wheel sends dozens of events a second. */
const SAY_EVERY_MS = 250;

/** Makes `target`'s clicks, keys, wheel and scrolling known to background work; returns the stop. */
export function announceUserActivity(target: EventTarget): () => void {
  const channel = new BroadcastChannel(USER_ACTIVITY_CHANNEL);
  let saidAt = -Infinity;
  const say = (): void => {
    const now = Date.now();
    if (now - saidAt < SAY_EVERY_MS) return;
    saidAt = now;
    channel.postMessage(now);
  };
  // Scrolling, too: dragging a scroll bar sends no wheel event (a scroll event does not bubble, but
  // it reaches a capturing listener of the window).
  const kinds = ['pointerdown', 'click', 'keydown', 'wheel', 'scroll'] as const;
  for (const kind of kinds) target.addEventListener(kind, say, { capture: true, passive: true });
  return () => {
    for (const kind of kinds) target.removeEventListener(kind, say, { capture: true });
    channel.close();
  };
}

/** Follows the user's acts (in a worker or a window); `quiet()` resolves once they have been still for QUIET_MS. */
export function followUserActivity(): { quiet(): Promise<void>; close(): void } {
  const channel = new BroadcastChannel(USER_ACTIVITY_CHANNEL);
  let lastAct = -Infinity;
  channel.onmessage = ({ data }: MessageEvent<unknown>) => {
    // Date.now, not performance.now: the windows' and workers' clocks start at different times.
    if (typeof data === 'number' && Number.isFinite(data)) lastAct = Math.max(lastAct, Math.min(data, Date.now()));
  };
  return {
    async quiet() {
      for (;;) {
        const wait = lastAct + QUIET_MS - Date.now();
        if (wait <= 0) return;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    },
    close: () => channel.close(),
  };
}
