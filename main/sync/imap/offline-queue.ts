import { randomUUID } from 'node:crypto';
import type { CacheApplied, CacheOp } from '../../../common/cache-protocol';
import type { RefusedChange } from '../../../common/model/main-words';
import type { NamedFolder } from '../../../common/model/mail';
import type { PendingChange, PendingOpRecord } from '../../../common/model/pending';
import type { BackendEvents, DeviceCacheAccess } from '../backend';
import type { TaskPriority } from '../task-queue';
import type { ReplayOutcome } from './replay-change';
import { isServerRefusal, toWire } from './wire-error';

export type MoveChange = Extract<PendingChange, { kind: 'move' }>;

/** What the queue does with a change the server did not take: try it again later, or drop it. */
export type ReplayFailure = 'keep' | 'drop';

/**
 * A change stays queued through anything that may pass (a lost connection, a stall); only the
 * server's refusal (tagged NO/BAD) drops it: repeating the same command will not help.
 */
export function onReplayFailure(error: unknown): ReplayFailure {
  return isServerRefusal(error) ? 'drop' : 'keep';
}

/**
 * The sequence number of a new pending change: after every earlier one, and near the clock
 * (microseconds) so changes queued before a restart still sort first.
 */
export function nextSequence(lastSeq: number, now: number): number {
  return Math.max(lastSeq + 1, now * 1000);
}

/** An upload into a folder the server has not listed (Sent or Drafts never created): create it first. */
export function needsFolderCreated(change: PendingChange, knownFolder: (path: string) => boolean): boolean {
  return change.kind === 'append' && !knownFolder(change.folderPath);
}

/** A change the server refused, as the notice names it (the UI words it); `folderOf` names its folders. */
export function refusedChange(change: PendingChange, folderOf: (path: string) => NamedFolder): RefusedChange {
  switch (change.kind) {
    case 'flags':
      return { kind: 'flags', count: change.uids.length, folder: folderOf(change.folderPath) };
    case 'move':
      return { kind: 'move', count: change.uids.length, folder: folderOf(change.folderPath), toFolder: folderOf(change.toPath) };
    case 'expunge':
      return { kind: 'expunge', count: change.uids.length, folder: folderOf(change.folderPath) };
    case 'append':
      return { kind: 'append', folder: folderOf(change.folderPath) };
    default: {
      const unknownChange: never = change;
      return unknownChange;
    }
  }
}

export interface OfflineQueueDeps {
  cache: DeviceCacheAccess;
  now(): number;
  /** Sends one change on the command connection (replay-change.ts); throws when it cannot. */
  send(change: PendingChange): Promise<ReplayOutcome>;
  /** Puts the messages of a move the server refused back into their folder. */
  restoreRefusedMove(change: MoveChange): Promise<void>;
  /** Runs work on the command connection's queue; work with the same key still waiting is merged. */
  runTask<T>(priority: TaskPriority, name: string, task: () => Promise<T>, key?: string): Promise<T>;
  /** Work nobody awaits: its failure becomes a notice. */
  background(work: Promise<unknown>): void;
  /** True while a command connection exists; otherwise the replay waits for the next one. */
  connected(): boolean;
  /** The number of pending changes changed (the status line shows it). */
  changed(): void;
  /** The server's truth of this folder is needed again. */
  resync(path: string): void;
  notice: BackendEvents['notice'];
  /** A folder as a notice names it. */
  folderOf(path: string): NamedFolder;
}

/** Changes queued: their records, and what the optimistic change found in the cache. */
export interface Enqueued {
  records: PendingOpRecord[];
  applied: CacheApplied;
}

/**
 * The offline queue (RFC 4549 §4): a user change is written to the cache together with a durable
 * pending change in one batch, then sent to the server in order, one at a time. A change leaves
 * the queue only once the server accepted it (its answer's cache ops, e.g. placeholders getting
 * their COPYUID, in the same batch as the removal) or refused it (then the folder is synced back
 * to the server's truth). A lost connection leaves it first in line for the next one.
 */
export class OfflineQueue {
  private pending: PendingOpRecord[] = [];
  private lastSeq = 0;
  /** The change being sent now, and when that attempt ends (accepted, refused or kept). */
  private inFlight: { id: string; ended: Promise<void> } | null = null;
  private readonly acceptedListeners = new Set<(record: PendingOpRecord, outcome: ReplayOutcome) => void>();

  constructor(private readonly deps: OfflineQueueDeps) {}

  /** The queue as the cache holds it, at start. */
  load(records: PendingOpRecord[]): void {
    this.pending = records;
    this.lastSeq = records.reduce((max, p) => Math.max(max, p.seq), 0);
  }

  /** The changes not yet accepted or refused, oldest first (syncs must not undo them). */
  get records(): readonly PendingOpRecord[] {
    return this.pending;
  }

  get size(): number {
    return this.pending.length;
  }

  private newRecord(change: PendingChange): PendingOpRecord {
    this.lastSeq = nextSequence(this.lastSeq, this.deps.now());
    return { id: randomUUID(), seq: this.lastSeq, change, createdAt: this.deps.now(), attempts: 0, lastError: null };
  }

  /** Commits the optimistic cache change and the pending changes together, then sends them. */
  async enqueue(optimistic: CacheOp[], changes: PendingChange[]): Promise<Enqueued> {
    const records = changes.map((change) => this.newRecord(change));
    const applied = await this.deps.cache.apply([...optimistic, ...records.map((record): CacheOp => ({ op: 'addPendingOp', record }))]);
    this.pending.push(...records);
    this.deps.changed();
    if (this.deps.connected()) this.deps.background(this.replaySoon('user'));
    return { records, applied };
  }

  /** Hears each change the server accepted, with what its answer did to the cache (undo follows moved messages so). */
  onAccepted(listener: (record: PendingOpRecord, outcome: ReplayOutcome) => void): () => void {
    this.acceptedListeners.add(listener);
    return () => this.acceptedListeners.delete(listener);
  }

  /** Whether this change is still waiting for the server (or being sent). */
  has(recordId: string): boolean {
    return this.pending.some((p) => p.id === recordId);
  }

  /** Resolves once this change is not being sent at this moment (at once when it is not). */
  async notInFlight(recordId: string): Promise<void> {
    while (this.inFlight?.id === recordId) await this.inFlight.ended;
  }

  /**
   * Takes a change the server has not been sent out of the queue, with cache operations that
   * undo its optimistic part, in one batch (undo of a change made offline). False when it is
   * being sent now or is gone: then the server has it, or will, and must be asked to reverse it.
   */
  async cancel(recordId: string, undoOps: CacheOp[]): Promise<boolean> {
    const index = this.pending.findIndex((p) => p.id === recordId);
    if (index < 0 || this.inFlight?.id === recordId) return false;
    // Out of the list before the first await, so a replay starting meanwhile cannot send it.
    const record = this.pending.splice(index, 1)[0]!;
    try {
      await this.deps.cache.apply([{ op: 'removePendingOp', id: recordId }, ...undoOps]);
    } catch (error) {
      const later = this.pending.findIndex((p) => p.seq > record.seq);
      this.pending.splice(later < 0 ? this.pending.length : later, 0, record);
      throw error;
    }
    this.deps.changed();
    return true;
  }

  /** Sends what is queued, as one task however often it is asked for while it waits. */
  replaySoon(priority: TaskPriority): Promise<void> {
    return this.deps.runTask(priority, 'replay pending changes', () => this.replay(), 'replay');
  }

  private async replay(): Promise<void> {
    while (this.pending.length > 0) {
      const record = this.pending[0]!;
      let ended = (): void => undefined;
      this.inFlight = { id: record.id, ended: new Promise<void>((resolve) => (ended = resolve)) };
      try {
        const outcome = await this.deps.send(record.change);
        await this.deps.cache.apply([...outcome.ops, { op: 'removePendingOp', id: record.id }]);
        this.removeSent(record);
        this.deps.changed();
        for (const listener of this.acceptedListeners) listener(record, outcome);
        for (const path of outcome.resync) this.deps.resync(path);
      } catch (error) {
        if (onReplayFailure(error) === 'keep') throw error;
        await this.dropRefused(record, error);
      } finally {
        this.inFlight = null;
        ended();
      }
    }
  }

  /** The sent change leaves the list (first in line, unless an undo took out one before it meanwhile). */
  private removeSent(record: PendingOpRecord): void {
    const index = this.pending.indexOf(record);
    if (index >= 0) this.pending.splice(index, 1);
  }

  /** The server refused: drop the change and show the server's truth again. */
  private async dropRefused(record: PendingOpRecord, error: unknown): Promise<void> {
    await this.deps.cache.apply([{ op: 'removePendingOp', id: record.id }]);
    this.removeSent(record);
    this.deps.changed();
    const wire = toWire(error);
    this.deps.notice({ level: 'error', where: 'sync', words: { kind: 'changeRefused', change: refusedChange(record.change, (path) => this.deps.folderOf(path)), reason: wire.details?.serverResponse ?? wire.message }, code: wire.code });
    const change = record.change;
    // The source folder gone as well: there is nothing to restore, only the placeholders go.
    if (change.kind === 'move') await this.deps.restoreRefusedMove(change).catch(() => this.deps.cache.apply([{ op: 'deleteMessages', ids: change.placeholderIds }]));
    this.deps.resync(change.folderPath);
  }
}
