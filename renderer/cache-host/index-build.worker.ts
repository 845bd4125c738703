/**
 * The search index's background build (index-build.ts), off the cache host's thread: in the web
 * harness the host shares the UI's thread, and a build of 50,000 bodies there made UI frames of up
 * to 83 ms (reading, tokenizing and writing batches between the frames). One worker builds one
 * database, then ends; it asks the host before each batch, so main's requests still go first.
 */
import type { IndexBuildOrder, IndexBuildReport } from './index-build-protocol';
import { startIndexBuild, type IndexBuild } from './index-build';
import { announceWritten, quietBuildWrites } from './index-build-signal';
import { DeviceCache } from './schema';

/** The worker's global scope, as far as it is used (the page's DOM typings have no worker scope). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<IndexBuildOrder>) => void) | null;
  postMessage(message: IndexBuildReport): void;
}

const scope = self as unknown as WorkerScope;
let build: IndexBuild | null = null;
let goes: Array<() => void> = [];

/** Lets the batches waiting for their turn go. */
function release(): void {
  const waiting = goes;
  goes = [];
  waiting.forEach((resolve) => resolve());
}

/** Resolves when the host says no request of main is waiting. */
function idle(): Promise<void> {
  return new Promise((resolve) => {
    goes.push(resolve);
    scope.postMessage({ kind: 'idle?' });
  });
}

/**
 * Rests as long as it worked since the last rest: the build takes at most half a core. On two
 * cores a build that never rested slowed the UI's frames while it ran (scrolling the 100,000
 * messages: slowest frame 133–183 ms against 67–83 ms with the build on the UI's thread).
 */
let workingSince = performance.now();
async function rest(): Promise<void> {
  const worked = performance.now() - workingSince;
  await new Promise((resolve) => setTimeout(resolve, worked));
  workingSince = performance.now();
}

function start(order: Extract<IndexBuildOrder, { kind: 'start' }>): void {
  const db = new DeviceCache(order.dbName);
  quietBuildWrites(db);
  build = startIndexBuild(db, {
    idle,
    yieldThread: rest,
    // No frame waits on this thread: tokenize a batch in one go.
    workBudgetMs: Number.POSITIVE_INFINITY,
    ...(order.batchSize === undefined ? {} : { batchSize: order.batchSize }),
    ...(order.batchBytes === undefined ? {} : { batchBytes: order.batchBytes }),
    onProgress: (done, found) => scope.postMessage({ kind: 'progress', done, found }),
    onWritten: (written) => announceWritten(db.name, written),
  });
  build.finished.then(
    (indexed) => scope.postMessage({ kind: 'finished', indexed }),
    (error: unknown) => scope.postMessage({ kind: 'failed', name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) }),
  ).finally(() => db.close());
}

scope.onmessage = ({ data }) => {
  switch (data.kind) {
    case 'start':
      if (!build) start(data);
      return;
    case 'go':
      release();
      return;
    case 'stop':
      build?.stop();
      // A build waiting for its turn goes on only to see that it is stopped.
      release();
      return;
    default: {
      const never: never = data;
      return never;
    }
  }
};
