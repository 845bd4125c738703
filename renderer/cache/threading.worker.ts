/**
 * The threading worker: reads a device's cache and threads every message off the page's thread
 * (100,000 messages took seconds of reads and threading there, and a scroll frame of 117 ms).
 * Requests run one at a time; the database is closed after each, so the worker never holds a
 * connection that a deletion or an upgrade by the cache host would wait for.
 */
import { threadMessages } from '../../common/threading/jwz';
import { closeDbsExcept } from './read-db';
import { readThreadingInputs } from './thread-inputs';
import { encodeThreads } from './thread-table';
import type { ThreadingReply, ThreadingRequest } from './threading-protocol';

/** The worker's global scope, as far as it is used (the page's DOM typings have no worker scope). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ThreadingRequest>) => void) | null;
  postMessage(message: ThreadingReply, transfer: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;
let queue: Promise<void> = Promise.resolve();

async function answer({ requestId, dbName }: ThreadingRequest): Promise<void> {
  try {
    const threads = encodeThreads(threadMessages(await readThreadingInputs(dbName)).threads);
    scope.postMessage({ requestId, ok: true, threads }, [threads.layout.buffer]);
  } catch (error) {
    scope.postMessage({ requestId, ok: false, error: error instanceof Error ? error.message : String(error) }, []);
  } finally {
    closeDbsExcept(new Set());
  }
}

scope.onmessage = (event) => {
  queue = queue.then(() => answer(event.data));
};
