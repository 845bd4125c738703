import { afterEach, describe, expect, it, vi } from 'vitest';
import { QUIET_MS, USER_ACTIVITY_CHANNEL, announceUserActivity, followUserActivity } from '../../../../renderer/cache/user-activity';

/**
 * Background work steps aside while the user acts: a window's clicks, keys and wheel reach a
 * follower on another "page" (Node's BroadcastChannel, as a worker's or the cache host's), and its
 * quiet() waits until the user has been still for QUIET_MS.
 */

/** Resolves with the next `count` acts said on the channel. */
function heard(count: number): Promise<number[]> {
  const channel = new BroadcastChannel(USER_ACTIVITY_CHANNEL);
  const acts: number[] = [];
  return new Promise((resolve) => {
    channel.onmessage = ({ data }: MessageEvent<number>) => {
      acts.push(data);
      if (acts.length < count) return;
      channel.close();
      resolve(acts);
    };
  });
}

const closers: Array<() => void> = [];
afterEach(() => {
  closers.splice(0).forEach((close) => close());
  vi.useRealTimers();
});

/** A window's events announced and a follower listening, on fake timers and clock. */
function announcedAndFollowed(): { target: EventTarget; follower: ReturnType<typeof followUserActivity> } {
  vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
  const target = new EventTarget();
  closers.push(announceUserActivity(target));
  const follower = followUserActivity();
  closers.push(() => follower.close());
  return { target, follower };
}

/** One turn of the event loop: the follower's channel has heard what ours heard. */
const nextTurn = (): Promise<unknown> => new Promise((resolve) => setImmediate(resolve));

function settled(promise: Promise<void>): () => boolean {
  let done = false;
  void promise.then(() => (done = true));
  return () => done;
}

describe('user activity', () => {
  it('lets background work go at once when the user has not acted', async () => {
    const follower = followUserActivity();
    closers.push(() => follower.close());
    await expect(follower.quiet()).resolves.toBeUndefined();
  });

  it('holds background work until the user has been still for QUIET_MS after a click', async () => {
    const { target, follower } = announcedAndFollowed();
    const saidAct = heard(1);
    target.dispatchEvent(new Event('click'));
    await saidAct;
    // The follower's own channel hears it in the same turn as ours; one more turn to be sure.
    await nextTurn();
    const quiet = settled(follower.quiet());
    await vi.advanceTimersByTimeAsync(QUIET_MS - 1);
    expect(quiet()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(quiet()).toBe(true);
  });

  it('says a burst of wheel events once, and nothing once stopped', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
    const target = new EventTarget();
    const stop = announceUserActivity(target);
    const saidTwice = heard(2);
    for (let i = 0; i < 20; i++) target.dispatchEvent(new Event('wheel'));
    vi.setSystemTime(Date.now() + 300);
    target.dispatchEvent(new Event('keydown'));
    const acts = await saidTwice;
    expect(acts[1]! - acts[0]!).toBeGreaterThanOrEqual(250);
    stop();
    const follower = followUserActivity();
    closers.push(() => follower.close());
    target.dispatchEvent(new Event('click'));
    await nextTurn();
    await expect(follower.quiet()).resolves.toBeUndefined();
  });

  it('counts a scroll only while a pointer is held or just after a key or the wheel: the app scrolls by itself too', async () => {
    const { target, follower } = announcedAndFollowed();
    // The app's own scroll (a transcript following its lines): nothing said; the first act heard is the pointer's.
    const saidAct = heard(2);
    const appScrolledAt = Date.now();
    target.dispatchEvent(new Event('scroll'));
    vi.setSystemTime(appScrolledAt + 500);
    // A scroll bar dragged: the pointer is held while it scrolls.
    target.dispatchEvent(new Event('pointerdown'));
    vi.setSystemTime(Date.now() + 2 * QUIET_MS);
    target.dispatchEvent(new Event('scroll'));
    const [down, scrolled] = await saidAct;
    expect(down).toBe(appScrolledAt + 500);
    expect(scrolled! - down!).toBe(2 * QUIET_MS);
    await nextTurn();
    expect(follower.isQuiet()).toBe(false);
    target.dispatchEvent(new Event('pointerup'));
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    expect(follower.isQuiet()).toBe(true);
  });

  it('waits no longer than QUIET_MS when the clock was set back', async () => {
    const { target, follower } = announcedAndFollowed();
    const saidAct = heard(1);
    target.dispatchEvent(new Event('keydown'));
    await saidAct;
    await nextTurn();
    vi.setSystemTime(Date.now() - 3_600_000);
    const quiet = settled(follower.quiet());
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    expect(quiet()).toBe(true);
  });
});
