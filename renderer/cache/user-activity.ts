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

/**
 * Makes `target`'s clicks, keys, wheel and scrolling known to background work; returns the stop.
 * A scroll counts only while a pointer is held (dragging a scroll bar sends no wheel event) or
 * just after a key or the wheel: the app scrolls by itself too (the transcript follows its new
 * lines, a list keeps its place as mail arrives), and that is not the user acting.
 */
export function announceUserActivity(target: EventTarget): () => void {
  const channel = new BroadcastChannel(USER_ACTIVITY_CHANNEL);
  let saidAt = -Infinity;
  let pointerHeld = false;
  let inputAt = -Infinity;
  const say = (): void => {
    const now = Date.now();
    if (now - saidAt < SAY_EVERY_MS) return;
    saidAt = now;
    channel.postMessage(now);
  };
  const onInput = (): void => {
    inputAt = Date.now();
    say();
  };
  const listeners: Array<[string, () => void]> = [
    ['pointerdown', () => ((pointerHeld = true), onInput())],
    ['pointerup', () => (pointerHeld = false)],
    ['pointercancel', () => (pointerHeld = false)],
    ['click', onInput],
    ['keydown', onInput],
    ['wheel', onInput],
    // A scroll event does not bubble, but it reaches a capturing listener of the window.
    ['scroll', () => (pointerHeld || Date.now() - inputAt < QUIET_MS) && say()],
  ];
  for (const [kind, listener] of listeners) target.addEventListener(kind, listener, { capture: true, passive: true });
  return () => {
    for (const [kind, listener] of listeners) target.removeEventListener(kind, listener, { capture: true });
    channel.close();
  };
}

/**
 * Follows the user's acts (in a worker or a window): `isQuiet()` says whether they have been still
 * for QUIET_MS, and `quiet()` resolves once they have.
 */
export function followUserActivity(): { quiet(): Promise<void>; isQuiet(): boolean; close(): void } {
  const channel = new BroadcastChannel(USER_ACTIVITY_CHANNEL);
  let lastAct = -Infinity;
  channel.onmessage = ({ data }: MessageEvent<unknown>) => {
    // Date.now, not performance.now: the windows' and workers' clocks start at different times.
    if (typeof data === 'number' && Number.isFinite(data)) lastAct = Math.max(lastAct, Math.min(data, Date.now()));
  };
  /** How long until the user has been still for QUIET_MS; never more than that (a clock set back meanwhile). */
  const waitLeft = (): number => {
    lastAct = Math.min(lastAct, Date.now());
    return lastAct + QUIET_MS - Date.now();
  };
  return {
    async quiet() {
      for (let wait = waitLeft(); wait > 0; wait = waitLeft()) await new Promise((resolve) => setTimeout(resolve, wait));
    },
    isQuiet: () => waitLeft() <= 0,
    close: () => channel.close(),
  };
}
