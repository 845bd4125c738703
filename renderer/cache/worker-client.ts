/**
 * Asking one of the page's cache workers (threading, folder ids) for an answer: requests carry an
 * id, replies come back in any order. A worker starts on first use; where there are no workers
 * (Node tests) or it failed to start or died, `ask` returns null and the caller does the work on
 * the page, slower but still done. What waited on a worker that died fails.
 */

export interface WorkerRequest<Request> {
  requestId: number;
  request: Request;
}

export type WorkerReply<Answer> = { requestId: number; ok: true; answer: Answer } | { requestId: number; ok: false; error: string };

export interface WorkerClient<Request, Answer> {
  /** The worker's answer, or null when there is no worker to ask. */
  ask(request: Request): Promise<Answer> | null;
}

/** `start` makes the worker (`new Worker(new URL('./x.worker.ts', import.meta.url), …)` where the bundler sees it). */
export function workerClient<Request, Answer>(start: () => Worker): WorkerClient<Request, Answer> {
  let worker: Worker | null | undefined;
  let lastRequestId = 0;
  const waiting = new Map<number, { resolve: (answer: Answer) => void; reject: (error: Error) => void }>();

  const started = (): Worker | null => {
    if (worker !== undefined) return worker;
    if (typeof Worker === 'undefined') return (worker = null);
    const made = start();
    made.onmessage = ({ data }: MessageEvent<WorkerReply<Answer>>) => {
      const request = waiting.get(data.requestId);
      waiting.delete(data.requestId);
      if (data.ok) request?.resolve(data.answer);
      else request?.reject(new Error(data.error));
    };
    made.onerror = (event) => {
      event.preventDefault();
      made.terminate();
      worker = null;
      for (const request of waiting.values()) request.reject(new Error(`a cache worker stopped: ${event.message}`));
      waiting.clear();
    };
    return (worker = made);
  };

  return {
    ask(request) {
      const target = started();
      if (!target) return null;
      return new Promise<Answer>((resolve, reject) => {
        const requestId = ++lastRequestId;
        waiting.set(requestId, { resolve, reject });
        target.postMessage({ requestId, request } satisfies WorkerRequest<Request>);
      });
    },
  };
}
