import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IndexBuildOrder, IndexBuildReport } from '../../../../renderer/cache-host/index-build-protocol';
import { startIndexBuildInWorker } from '../../../../renderer/cache-host/worker-index-build';
import type { DeviceCache } from '../../../../renderer/cache-host/schema';
import { applyOps } from '../../../../renderer/cache-host/apply-ops';
import { folder, message } from '../../factories';
import { openDeviceCache } from './fake-idb';

/**
 * The cache host's side of the index build in a worker, against a stand-in Worker (Node has
 * none): main's requests go first (each batch asks), progress and the end come back, a stop is
 * passed on, and a worker that cannot start leaves the build to this thread. The worker's own side
 * runs in Chromium: test/e2e/index-build.test.ts.
 */

/** What the stand-in worker was told, and a way to speak for it. */
class StandInWorker {
  static last: StandInWorker | null = null;
  static failToStart = false;
  readonly orders: IndexBuildOrder[] = [];
  onmessage: ((event: MessageEvent<IndexBuildReport>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;

  constructor(readonly url: URL) {
    StandInWorker.last = this;
    if (StandInWorker.failToStart) queueMicrotask(() => this.onerror?.({ message: 'no such script', preventDefault: () => undefined } as ErrorEvent));
  }

  postMessage(order: IndexBuildOrder): void {
    this.orders.push(order);
  }

  report(report: IndexBuildReport): void {
    this.onmessage?.({ data: report } as MessageEvent<IndexBuildReport>);
  }

  terminate(): void {
    this.terminated = true;
  }
}

const dbs: DeviceCache[] = [];
afterEach(async () => {
  vi.unstubAllGlobals();
  StandInWorker.failToStart = false;
  for (const db of dbs.splice(0)) await db.delete();
});

async function cacheLeftToBuild(count: number): Promise<DeviceCache> {
  const db = openDeviceCache('worker-build');
  dbs.push(db);
  const inbox = folder();
  await db.folders.put(inbox);
  // More headers at once than the host indexes with them: left to the build.
  await applyOps(db, [{ op: 'putMessages', messages: Array.from({ length: count }, (_, i) => message({ uid: i + 1, folderId: inbox.id })) }]);
  return db;
}

describe('the index build in a worker (host side)', () => {
  it('starts the worker for the database, lets each batch go when main is idle, reports progress and the end', async () => {
    vi.stubGlobal('Worker', StandInWorker);
    const db = await cacheLeftToBuild(3);
    let idleCalls = 0;
    let letGo = (): void => undefined;
    const progress: Array<[number, number]> = [];
    const build = startIndexBuildInWorker(db, {
      idle: () => {
        idleCalls += 1;
        return new Promise<void>((resolve) => (letGo = resolve));
      },
      yieldThread: () => Promise.resolve(),
      batchSize: 50,
      onProgress: (done, found) => progress.push([done, found]),
    });
    const worker = StandInWorker.last!;
    expect(worker.url.pathname).toMatch(/index-build\.worker\.ts$/);
    expect(worker.orders).toEqual([{ kind: 'start', dbName: db.name, batchSize: 50 }]);

    worker.report({ kind: 'idle?' });
    expect(idleCalls).toBe(1);
    await Promise.resolve();
    // Main is busy: no go yet.
    expect(worker.orders).toHaveLength(1);
    letGo();
    await vi.waitFor(() => expect(worker.orders.at(-1)).toEqual({ kind: 'go' }));

    worker.report({ kind: 'progress', done: 3, found: 3 });
    expect(progress).toEqual([[3, 3]]);
    worker.report({ kind: 'finished', indexed: 3 });
    expect(await build.finished).toBe(3);
    expect(worker.terminated).toBe(true);
  });

  it('a stop is passed on; a failure comes back with its name (a dropped database ends a build quietly)', async () => {
    vi.stubGlobal('Worker', StandInWorker);
    const db = await cacheLeftToBuild(1);
    const build = startIndexBuildInWorker(db, { idle: () => Promise.resolve(), yieldThread: () => Promise.resolve() });
    const worker = StandInWorker.last!;
    build.stop();
    expect(worker.orders.at(-1)).toEqual({ kind: 'stop' });
    worker.report({ kind: 'failed', name: 'DatabaseClosedError', message: 'Database has been closed' });
    await expect(build.finished).rejects.toMatchObject({ name: 'DatabaseClosedError' });
    expect(worker.terminated).toBe(true);
  });

  it('a worker that cannot start: the build runs on this thread and completes the index', async () => {
    vi.stubGlobal('Worker', StandInWorker);
    StandInWorker.failToStart = true;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const db = await cacheLeftToBuild(600);
    expect(await db.searchTerms.count()).toBe(0);
    const build = startIndexBuildInWorker(db, { idle: () => Promise.resolve(), yieldThread: () => Promise.resolve() });
    expect(await build.finished).toBe(600);
    expect(await db.searchTerms.count()).toBe(600);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('its worker failed (no such script)'));
    warn.mockRestore();
  });
});
