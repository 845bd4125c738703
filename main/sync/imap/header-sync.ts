import type { CacheOp } from '../../../common/cache-protocol';
import type { FolderRecord } from '../../../common/model/mail';
import { reportArrival } from '../../notify/arrival-route';
import type { BackendContext } from '../backend';
import type { PendingOverlay } from '../pending-overlay';
import type { TaskPriority } from '../task-queue';
import { MIN_RECONNECT_MS, type ConnectionSupervisor } from './connection-supervisor';
import type { FolderStates } from './folder-states';
import { fetchBackfillBatch, syncFolderChanges, type BackfillUids, type FolderSyncDeps } from './folder-sync';
import type { ResponseIsolation } from './response-isolation';

/**
 * Header batches of a folder's backfill: a first screenful, then growing. Small first writes
 * let the list's first reads through quickly (a read waits for the write in progress); large
 * later ones cost fewer round trips and transactions.
 */
const BACKFILL_BATCHES = [100, 400, 1_000, 2_500, 5_000];

/** Where a folder's backfill is, between its steps. */
interface BackfillProgress {
  /** The UID list of its one UID SEARCH, for the next step; null: search again. */
  uids: BackfillUids | null;
  /** Its cache write still in flight (at most one). */
  write: Promise<void> | null;
  /** Which of BACKFILL_BATCHES the next step fetches (after its first batch). */
  step: number;
}

/** Which of BACKFILL_BATCHES a folder's next step fetches: a backfill that starts over starts small. */
export function backfillBatchSize(folder: Pick<FolderRecord, 'backfillBelowUid' | 'uidNext'>, nextStep: number): { size: number; step: number } {
  const step = folder.backfillBelowUid === folder.uidNext ? 0 : nextStep;
  return { size: BACKFILL_BATCHES[Math.min(step, BACKFILL_BATCHES.length - 1)]!, step };
}

/**
 * The header sync of one device: an incremental sync of a folder (new UIDs, flag changes,
 * expunges: folder-sync.ts), then the headers not cached yet, newest first, as a pipeline of
 * growing batches that interleaves with other work. Never undoes pending changes (the overlay).
 */
export class HeaderSync {
  /** Per folder: where its backfill is (see `BackfillProgress`). */
  private readonly backfills = new Map<string, BackfillProgress>();
  private lastSyncAtValue: number | null = null;

  constructor(
    private readonly ctx: BackendContext,
    private readonly connection: ConnectionSupervisor,
    private readonly folders: FolderStates,
    private readonly overlay: PendingOverlay,
    private readonly isolation: ResponseIsolation,
    /** Every header of the folder is in the cache (its offline bodies may follow). */
    private readonly headersComplete: (path: string) => void = () => undefined,
  ) {}

  get lastSyncAt(): number | null {
    return this.lastSyncAtValue;
  }

  private get syncDeps(): FolderSyncDeps {
    return {
      client: this.connection.requireClient(),
      cache: this.ctx.cache,
      overlay: this.overlay,
      isolation: this.isolation,
      now: () => this.ctx.now(),
      arrived: (folder, messages) => reportArrival(this.ctx.cache, { folder, messages }),
    };
  }

  /** Incremental sync of one folder, then (in the background) any headers not cached yet. */
  syncFolder(path: string, priority: TaskPriority): Promise<void> {
    return this.connection.runTask(
      priority,
      `sync ${path}`,
      async () => {
        if (this.folders.state(path).noSelect) return;
        // The folder's bound must be the committed one: a backfill write that fails rolls it back.
        await this.previousBackfillWrite(path);
        const folder = await syncFolderChanges(this.syncDeps, this.folders.state(path));
        this.folders.set(path, folder);
        this.lastSyncAtValue = this.ctx.now();
        this.connection.emitStatus();
        if (folder.backfillBelowUid !== 0) this.connection.background(this.backfill(path));
        else {
          this.ctx.events.progress({ folderPath: path, phase: 'done', done: folder.serverTotal ?? 0, total: folder.serverTotal ?? 0, bytesDone: null, bytesTotal: null });
          this.headersComplete(path);
        }
      },
      `sync:${path}`,
    );
  }

  /**
   * Newest-first header download in small steps, so other work interleaves. Pipelined: the next
   * batch is fetched from the server while the previous one is being committed (one write in
   * flight per folder); progress is reported only for committed batches.
   */
  private backfill(path: string): Promise<void> {
    return this.connection.runTask(
      path === this.folders.selectedPath || path === 'INBOX' ? 'sync' : 'background',
      `headers of ${path}`,
      async () => {
        const before = this.folders.state(path);
        const progress = this.backfillOf(path);
        const { size, step } = backfillBatchSize(before, progress.step);
        progress.step = step + 1;
        const batch = await fetchBackfillBatch(this.syncDeps, before, size, progress.uids);
        progress.uids = batch.uids;
        // A failed earlier write left this folder's state behind; it restarts the backfill.
        if (!(await this.previousBackfillWrite(path))) return;
        if (batch.remaining < 0) {
          // UIDVALIDITY changed between steps: start over from an incremental sync.
          this.connection.background(this.syncFolder(path, 'sync'));
          return;
        }
        this.folders.set(path, batch.folder);
        const write = this.commitBackfillBatch(path, before, batch.folder, batch.ops, batch.remaining);
        progress.write = write;
        // Its failure is handled by the next step (or awaited below); never an unhandled rejection.
        write.catch(() => undefined);
        if (batch.remaining > 0) this.connection.background(this.backfill(path));
        else await write;
      },
      `backfill:${path}`,
    );
  }

  private backfillOf(path: string): BackfillProgress {
    let progress = this.backfills.get(path);
    if (!progress) {
      progress = { uids: null, write: null, step: 1 };
      this.backfills.set(path, progress);
    }
    return progress;
  }

  /** Waits for the folder's backfill write in flight; false if it failed. */
  private async previousBackfillWrite(path: string): Promise<boolean> {
    const previous = this.backfills.get(path)?.write;
    if (!previous) return true;
    try {
      await previous;
      return true;
    } catch {
      return false;
    }
  }

  private async commitBackfillBatch(path: string, before: FolderRecord, after: FolderRecord, ops: CacheOp[], remaining: number): Promise<void> {
    try {
      if (ops.length) await this.ctx.cache.apply(ops);
    } catch (error) {
      // The batch is not in the cache: fall back to the last committed bound and start again
      // (after a pause, so a cache that keeps failing does not spin).
      if (this.folders.get(path) === after) this.folders.set(path, before);
      const progress = this.backfillOf(path);
      progress.uids = null;
      progress.write = null;
      setTimeout(() => {
        if (!this.connection.stopped && this.connection.connected) this.connection.background(this.backfill(path));
      }, MIN_RECONNECT_MS);
      throw error;
    }
    const total = Math.max(after.serverTotal ?? 0, remaining);
    this.ctx.events.progress({ folderPath: path, phase: remaining > 0 ? 'headers' : 'done', done: total - remaining, total, bytesDone: null, bytesTotal: null });
    if (remaining === 0) this.headersComplete(path);
  }
}
