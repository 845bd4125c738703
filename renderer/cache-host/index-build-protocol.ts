/** What the cache host page and its index-build worker say to each other (index-build.worker.ts). */

/** Host → worker. */
export type IndexBuildOrder =
  /** Build the index of this database; at most this many messages and bytes a batch. */
  | { kind: 'start'; dbName: string; batchSize?: number; batchBytes?: number }
  /** The answer to `idle?`: no request of main is waiting, the next batch may go. */
  | { kind: 'go' }
  /** Stop between two batches. */
  | { kind: 'stop' };

/** Worker → host. */
export type IndexBuildReport =
  /** May the next batch go? (main's requests go first) */
  | { kind: 'idle?' }
  | { kind: 'progress'; done: number; found: number }
  | { kind: 'finished'; indexed: number }
  /** The build failed; `name` is the error's (DatabaseClosedError when the database was dropped). */
  | { kind: 'failed'; name: string; message: string };
