import { describe, expect, it } from 'vitest';
import { TaskQueue } from '../../../../main/sync/task-queue';

interface Gate {
  opened: Promise<void>;
  open: () => void;
}

function gate(): Gate {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** Lets every queued microtask and promise continuation run. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A task that records its name when it starts and resolves with `value`. */
function recorder(started: string[]) {
  return <T>(name: string, value?: T) =>
    (): Promise<T | undefined> => {
      started.push(name);
      return Promise.resolve(value);
    };
}

/** A queue whose first task has started and runs until `release` is called, so later tasks pile up. */
async function blockedQueue(): Promise<{ queue: TaskQueue; started: string[]; release: () => void; first: Promise<string> }> {
  const queue = new TaskQueue();
  const started: string[] = [];
  const blocker = gate();
  const first = queue.run('background', 'blocker', async () => {
    started.push('blocker');
    await blocker.opened;
    return 'blocker';
  });
  await settle();
  return { queue, started, release: blocker.open, first };
}

describe('TaskQueue', () => {
  it('runs user tasks before sync tasks before background tasks', async () => {
    const { queue, started, release } = await blockedQueue();
    const task = recorder(started);

    const done = Promise.all([
      queue.run('background', 'b1', task('b1')),
      queue.run('sync', 's1', task('s1')),
      queue.run('user', 'u1', task('u1')),
      queue.run('background', 'b2', task('b2')),
      queue.run('user', 'u2', task('u2')),
    ]);
    release();
    await done;

    expect(started).toEqual(['blocker', 'u1', 'u2', 's1', 'b1', 'b2']);
  });

  it('runs one task at a time and resolves each with its value', async () => {
    const queue = new TaskQueue();
    let active = 0;
    let maxActive = 0;
    const task = (value: number) => async () => {
      active++;
      maxActive = Math.max(maxActive, active);
      await settle();
      active--;
      return value;
    };

    const results = await Promise.all([queue.run('sync', 'a', task(1)), queue.run('user', 'b', task(2)), queue.run('background', 'c', task(3))]);

    expect(results).toEqual([1, 2, 3]);
    expect(maxActive).toBe(1);
  });

  it('merges keyed tasks that are still waiting', async () => {
    const { queue, release } = await blockedQueue();
    let runs = 0;
    const sync = () => Promise.resolve(++runs);

    const first = queue.run('sync', 'sync INBOX', sync, 'INBOX');
    const second = queue.run('sync', 'sync INBOX', sync, 'INBOX');
    expect(second).toBe(first);
    expect(queue.size).toBe(1);
    release();

    expect(await second).toBe(1);
    expect(runs).toBe(1);
  });

  it('does not merge into a keyed task that has started', async () => {
    const queue = new TaskQueue();
    const running = gate();
    let runs = 0;
    const sync = async () => {
      runs++;
      await running.opened;
      return runs;
    };

    const first = queue.run('sync', 'sync INBOX', sync, 'INBOX');
    await settle();
    expect(runs).toBe(1);
    const second = queue.run('sync', 'sync INBOX', sync, 'INBOX');
    expect(second).not.toBe(first);
    running.open();

    expect(await first).toBe(1);
    expect(await second).toBe(2);
  });

  it('starts nothing while paused and continues on resume', async () => {
    const queue = new TaskQueue();
    const started: string[] = [];
    const task = recorder(started);
    queue.pause();

    const done = Promise.all([queue.run('user', 'a', task('a')), queue.run('sync', 'b', task('b'))]);
    await settle();
    expect(started).toEqual([]);
    expect(queue.size).toBe(2);

    queue.resume();
    await done;
    expect(started).toEqual(['a', 'b']);
    expect(queue.size).toBe(0);
  });

  it('lets the running task finish when paused, then waits', async () => {
    const { queue, started, release, first } = await blockedQueue();
    const next = queue.run('user', 'next', recorder(started)('next'));

    queue.pause();
    release();
    expect(await first).toBe('blocker');
    await settle();
    expect(started).toEqual(['blocker']);

    queue.resume();
    await next;
    expect(started).toEqual(['blocker', 'next']);
  });

  it('rejectAll fails every waiting task but not the running one', async () => {
    const { queue, started, release, first } = await blockedQueue();
    const task = recorder(started);
    const waiting = [queue.run('user', 'a', task('a')), queue.run('sync', 'b', task('b'), 'key'), queue.run('background', 'c', task('c'))];
    const error = new Error('shutting down');

    queue.rejectAll(error);
    expect(queue.size).toBe(0);
    for (const promise of waiting) await expect(promise).rejects.toBe(error);

    // The key was released: a new task with it is queued, not merged into the rejected one.
    const again = queue.run('sync', 'b', task('again', 'again'), 'key');
    release();
    expect(await first).toBe('blocker');
    expect(await again).toBe('again');
    expect(started).toEqual(['blocker', 'again']);
  });

  it('keeps going after a task fails', async () => {
    const queue = new TaskQueue();
    const failing = queue.run('user', 'fails', () => Promise.reject(new Error('boom')));
    const next = queue.run('user', 'next', () => Promise.resolve('still running'));

    await expect(failing).rejects.toThrow('boom');
    expect(await next).toBe('still running');
  });
});
