import { closeDbsExcept } from './read-db';
import type { WorkerReply, WorkerRequest } from './worker-client';

/** The worker's global scope, as far as it is used (the page's DOM typings have no worker scope). */
interface WorkerScope<Request, Answer> {
  onmessage: ((event: MessageEvent<WorkerRequest<Request>>) => void) | null;
  postMessage(message: WorkerReply<Answer>, transfer: Transferable[]): void;
}

/**
 * A cache worker's side of renderer/cache/worker-client.ts: requests answered one at a time, each
 * database closed after each answer, so a worker never holds a connection that a deletion or an
 * upgrade by the cache host would wait for. `answer` names what it transfers rather than copies.
 */
export function serveRequests<Request, Answer>(answer: (request: Request) => Promise<{ answer: Answer; transfer: Transferable[] }>): void {
  const scope = self as unknown as WorkerScope<Request, Answer>;
  let queue: Promise<void> = Promise.resolve();
  const reply = async ({ requestId, request }: WorkerRequest<Request>): Promise<void> => {
    try {
      const done = await answer(request);
      scope.postMessage({ requestId, ok: true, answer: done.answer }, done.transfer);
    } catch (error) {
      scope.postMessage({ requestId, ok: false, error: error instanceof Error ? error.message : String(error) }, []);
    } finally {
      closeDbsExcept(new Set());
    }
  };
  scope.onmessage = (event) => {
    queue = queue.then(() => reply(event.data));
  };
}
