import type { IndexBuildOrder, IndexBuildReport } from './index-build-protocol';
import { startIndexBuild, type IndexBuild, type IndexBuildOptions } from './index-build';
import type { DeviceCache } from './schema';

/**
 * Starts the index build of `db` in a worker of its own (index-build.worker.ts), answering its
 * "may the next batch go?" with `options.idle`. Where there is no Worker (Node tests), or the
 * worker cannot start or dies, the build runs on this thread instead (slower for the frames of a
 * page sharing it, the same index): a build resumes where the last one stopped.
 */
export function startIndexBuildInWorker(db: DeviceCache, options: IndexBuildOptions): IndexBuild {
  if (typeof Worker === 'undefined') return startIndexBuild(db, options);
  let stopped = false;
  let onThisThread: IndexBuild | null = null;
  let worker: Worker | null = null;
  const finished = new Promise<number>((resolve, reject) => {
    const started = new Worker(new URL('./index-build.worker.ts', import.meta.url), { type: 'module', name: `index build ${db.name}` });
    worker = started;
    const send = (order: IndexBuildOrder): void => started.postMessage(order);
    const end = (): void => {
      started.terminate();
      worker = null;
    };
    started.onmessage = ({ data }: MessageEvent<IndexBuildReport>) => {
      switch (data.kind) {
        case 'idle?':
          void options.idle().then(() => send({ kind: 'go' }));
          return;
        case 'progress':
          options.onProgress?.(data.done, data.found);
          return;
        case 'finished':
          end();
          resolve(data.indexed);
          return;
        case 'failed': {
          end();
          const error = new Error(data.message);
          error.name = data.name;
          reject(error);
          return;
        }
        default: {
          const never: never = data;
          return never;
        }
      }
    };
    started.onerror = (event) => {
      event.preventDefault();
      end();
      if (stopped) return resolve(0);
      console.warn(`The search index of ${db.name} is built on the page's thread: its worker failed (${event.message}).`);
      onThisThread = startIndexBuild(db, options);
      onThisThread.finished.then(resolve, reject);
    };
    send({ kind: 'start', dbName: db.name, ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }), ...(options.batchBytes === undefined ? {} : { batchBytes: options.batchBytes }) });
  });
  return {
    finished,
    stop: () => {
      stopped = true;
      worker?.postMessage({ kind: 'stop' } satisfies IndexBuildOrder);
      onThisThread?.stop();
    },
  };
}
