export type TaskPriority = 'user' | 'sync' | 'background';

const ORDER: TaskPriority[] = ['user', 'sync', 'background'];

interface QueuedTask {
  name: string;
  run(): Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * Runs one task at a time on a connection, the user's first: opening a message never waits
 * behind a 50,000-message header sync, which runs as many small background steps. Tasks with
 * the same key that are still waiting are merged, so a burst of IDLE events means one sync.
 */
export class TaskQueue {
  private readonly queues: Record<TaskPriority, QueuedTask[]> = { user: [], sync: [], background: [] };
  private readonly waitingByKey = new Map<string, Promise<unknown>>();
  private running = false;
  private paused = false;

  run<T>(priority: TaskPriority, name: string, task: () => Promise<T>, key?: string): Promise<T> {
    if (key) {
      const waiting = this.waitingByKey.get(key);
      if (waiting) return waiting as Promise<T>;
    }
    // The key is released once the task starts, so an event during the run schedules another.
    const start = key
      ? () => {
          this.waitingByKey.delete(key);
          return task();
        }
      : task;
    const promise = new Promise<T>((resolve, reject) => {
      this.queues[priority].push({ name, run: start, resolve: (value) => resolve(value as T), reject });
    });
    if (key) this.waitingByKey.set(key, promise);
    queueMicrotask(() => void this.drain());
    return promise;
  }

  /** Stops starting tasks (the connection is down); what is queued stays queued. */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    void this.drain();
  }

  /** Fails every waiting task, e.g. on shutdown or when the connection is gone for good. */
  rejectAll(error: Error): void {
    for (const priority of ORDER) {
      for (const task of this.queues[priority].splice(0)) task.reject(error);
    }
    this.waitingByKey.clear();
  }

  get size(): number {
    return ORDER.reduce((sum, p) => sum + this.queues[p].length, 0);
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (!this.paused) {
        const next = this.takeNext();
        if (!next) break;
        try {
          next.resolve(await next.run());
        } catch (error) {
          next.reject(error);
        }
      }
    } finally {
      this.running = false;
    }
  }

  private takeNext(): QueuedTask | undefined {
    for (const priority of ORDER) {
      const task = this.queues[priority].shift();
      if (task) return task;
    }
    return undefined;
  }
}
