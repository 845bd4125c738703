import { describe, expect, it } from 'vitest';
import { TaskQueue } from '../../../../main/sync/task-queue';

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Lets every queued microtask and promise continuation run. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A queue whose first task runs until `release` is called, so later tasks pile up behind it. */
function blockedQueue(): { queue: TaskQueue; started: string[]; release(): void; first: Promise<string> } {
  const queue = new TaskQueue();
  const started: string[] = [];
  const gate = deferred();
  const first = queue.run('background', 'blocker', async () => {
    started.push('blocker');
    await gate.promise;
    return 'blocker';
  });
  return { queue, started, release: gate.resolve, first };
}

describe('TaskQueue', () => {
  it('runs user tasks before sync tasks before background tasks', async () => {
    const { queue, started, release } = blockedQueue();
    await settle();
    const record = (name: string) => async () => void started.push(name);

    const done = Promise.all([
      queue.run('background', 'b1', record('b1')),
      queue.run('sync', 's1', record('s1')),
      queue.run('user', 'u1', record('u1')),
      queue.run('background', 'b2', record('b2')),
      queue.run('user', 'u2', record('u2')),
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
    const { queue, release } = blockedQueue();
    await settle();
    let runs = 0;
    const sync = async () => ++runs;

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
    const gate = deferred();
    let runs = 0;
    const sync = async () => {
      runs++;
      await gate.promise;
      return runs;
    };

    const first = queue.run('sync', 'sync INBOX', sync, 'INBOX');
    await settle();
    expect(runs).toBe(1);
    const second = queue.run('sync', 'sync INBOX', sync, 'INBOX');
    expect(second).not.toBe(first);
    gate.resolve();

    expect(await first).toBe(1);
    expect(await second).toBe(2);
  });

  it('starts nothing while paused and continues on resume', async () => {
    const queue = new TaskQueue();
    const started: string[] = [];
    queue.pause();

    const done = Promise.all([queue.run('user', 'a', async () => void started.push('a')), queue.run('sync', 'b', async () => void started.push('b'))]);
    await settle();
    expect(started).toEqual([]);
    expect(queue.size).toBe(2);

    queue.resume();
    await done;
    expect(started).toEqual(['a', 'b']);
    expect(queue.size).toBe(0);
  });

  it('lets the running task finish when paused, then waits', async () => {
    const { queue, started, release, first } = blockedQueue();
    await settle();
    const next = queue.run('user', 'next', async () => void started.push('next'));

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
    const { queue, release, first } = blockedQueue();
    await settle();
    const waiting = [queue.run('user', 'a', async () => 'a'), queue.run('sync', 'b', async () => 'b', 'key'), queue.run('background', 'c', async () => 'c')];
    const error = new Error('shutting down');

    queue.rejectAll(error);
    expect(queue.size).toBe(0);
    for (const promise of waiting) await expect(promise).rejects.toBe(error);

    // The key was released: a new task with it is queued, not merged into the rejected one.
    const again = queue.run('sync', 'b', async () => 'again', 'key');
    release();
    expect(await first).toBe('blocker');
    expect(await again).toBe('again');
  });

  it('keeps going after a task fails', async () => {
    const queue = new TaskQueue();
    const failing = queue.run('user', 'fails', async () => {
      throw new Error('boom');
    });
    const next = queue.run('user', 'next', async () => 'still running');

    await expect(failing).rejects.toThrow('boom');
    expect(await next).toBe('still running');
  });
});
