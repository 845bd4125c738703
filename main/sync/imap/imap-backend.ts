import { randomUUID } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import type { CacheOp } from '../../../common/cache-protocol';
import type { ConnectionState } from '../../../common/contract';
import {
  FLAG_DRAFT,
  FLAG_SEEN,
  serverFolderId,
  type FolderRecord,
  type MessageRecord,
} from '../../../common/model/mail';
import type { PendingChange, PendingOpRecord } from '../../../common/model/pending';
import type { WireError } from '../../../common/result';
import { joinInSteps } from '../../mime/parse-in-pieces';
import { parseMessage } from '../../mime/parse-message';
import { classifyBrokenConnection, classifyConnectionError, isTransientError } from '../../protocols/connection-errors';
import { connectImap, connectionFailure, MAX_LINE_BYTES, STALLED_AFTER_MS, type ImapLogin } from '../../protocols/imap/imap-connection';
import { ProtocolError, isProtocolError } from '../../protocols/protocol-error';
import type { BackendContext, MailboxBackend } from '../backend';
import { PendingOverlay } from '../pending-overlay';
import { TaskQueue, type TaskPriority } from '../task-queue';
import { fetchHeaders } from './fetch-headers';
import { emptyFolderRecord, listServerFolders } from './folder-list';
import { fetchBackfillBatch, syncFolderChanges, type BackfillUids, type FolderSyncDeps } from './folder-sync';
import { FolderWatcher } from './folder-watcher';
import { tooLargeBody } from './large-message';
import { formatOctets, LARGE_MESSAGE_BYTES } from '../../../common/model/raw-source';
import { downloadInRanges, MAX_WHOLE_LITERAL_RANGES, RANGED_FETCH_BYTES, type RangeAnswer } from './ranged-fetch';
import { replayChange } from './replay-change';
import { ResponseIsolation, type BreakVerdict } from './response-isolation';

/**
 * Header batches of a folder's backfill: a first screenful, then growing. Small first writes
 * let the list's first reads through quickly (a read waits for the write in progress); large
 * later ones cost fewer round trips and transactions.
 */
const BACKFILL_BATCHES = [100, 400, 1_000, 2_500, 5_000];
const MIN_RECONNECT_MS = 1_000;
/**
 * A connection that stayed up this long was healthy: the next loss reconnects after
 * MIN_RECONNECT_MS again. Resetting at every successful login instead made a server that
 * accepts the login and then breaks every sync a reconnect loop about once a second.
 */
const STABLE_CONNECTION_MS = 5 * 60_000;

/** Where a folder's backfill is, between its steps. */
interface BackfillProgress {
  /** The UID list of its one UID SEARCH, for the next step; null: search again. */
  uids: BackfillUids | null;
  /** Its cache write still in flight (at most one). */
  write: Promise<void> | null;
  /** Which of BACKFILL_BATCHES the next step fetches (after its first batch). */
  step: number;
}
/**
 * Folders created or renamed elsewhere, and unread counts of folders nobody watches, come from
 * LIST-STATUS (IDLE does not report them; NOTIFY would, but imapflow has no NOTIFY): this often.
 */
const FOLDER_STATUS_REFRESH_MS = 15_000;
const MAX_RECONNECT_MS = 60_000;
/**
 * A download in ranges whose connection dropped goes on from the range it was in, after the
 * reconnect, this many times at most, waiting this long each time for the connection to be back.
 */
const RANGE_RESUMES = 3;
const RESUME_WAIT_MS = 30_000;

/** Knobs a test turns down; the defaults are the product's. */
export interface ImapBackendOptions {
  /** No byte for this long while a command waits: "the server stopped answering". */
  stalledAfterMs?: number;
  /** Messages larger than this are fetched in ranges of this size (RANGED_FETCH_BYTES). */
  rangeBytes?: number;
}

/** "FETCH of UID 42" / "FETCH of 50 messages (UID 1 to 100)": which answer broke, for the status line. */
function describeFetch({ uids, range }: { uids: number[]; range: string }): string {
  if (uids.length === 0) return `FETCH of UID ${range}`;
  if (uids.length === 1) return `FETCH of UID ${uids[0]}`;
  return `FETCH of ${uids.length} messages (UID ${Math.min(...uids)} to ${Math.max(...uids)})`;
}

function toWire(error: unknown): WireError {
  return isProtocolError(error) ? error.wire : classifyConnectionError(error, 'imap');
}

/** A server's refusal (tagged NO/BAD): repeating the same command will not help. */
function isServerRefusal(error: unknown): boolean {
  const status = (error as { responseStatus?: unknown }).responseStatus;
  return status === 'NO' || status === 'BAD';
}

function describeChange(change: PendingChange): string {
  switch (change.kind) {
    case 'flags':
      return `change flags on ${change.uids.length} message(s) in ${change.folderPath}`;
    case 'move':
      return `move ${change.uids.length} message(s) from ${change.folderPath} to ${change.toPath}`;
    case 'expunge':
      return `delete ${change.uids.length} message(s) from ${change.folderPath}`;
    case 'append':
      return `save a message to ${change.folderPath}`;
    default: {
      const unknownChange: never = change;
      return String(unknownChange);
    }
  }
}

/**
 * The IMAP engine of one device: the cache is a view of the server.
 *
 * Policy and invariants:
 * - One command connection runs every command through a priority queue (the user's actions
 *   first); IDLE watchers on INBOX and the selected folder only signal that a folder changed.
 * - A user change is written to the cache together with a durable pending change in one
 *   batch, then replayed to the server in order; a change is removed from the queue only after
 *   the server accepted it, or refused it (then the folder is synced back to the server's truth).
 * - Syncs never undo changes still pending (PendingOverlay).
 * - A lost connection pauses the queue and reconnects with exponential back-off; on reconnect
 *   the queue is replayed first, then folders are synced.
 */
export class ImapBackend implements MailboxBackend {
  readonly capabilities = { serverFolders: true, serverFlags: true, push: true };

  private client: ImapFlow | null = null;
  private connection: ConnectionState = 'offline';
  private connectionDetail = 'Not connected';
  private readonly tasks = new TaskQueue();
  private readonly folders = new Map<string, FolderRecord>();
  private pending: PendingOpRecord[] = [];
  private readonly overlay = new PendingOverlay(() => this.pending);
  private readonly watchers = new Map<string, FolderWatcher>();
  /** Per folder: where its backfill is (see `BackfillProgress`). */
  private readonly backfills = new Map<string, BackfillProgress>();
  private selectedPath = 'INBOX';
  private reconnectTimer: NodeJS.Timeout | null = null;
  private statusRefreshTimer: NodeJS.Timeout | null = null;
  private reconnectDelayMs = MIN_RECONNECT_MS;
  private stableTimer: NodeJS.Timeout | null = null;
  private readonly isolation = new ResponseIsolation((folderId, uid, reason) =>
    this.ctx.events.notice({
      level: 'warning',
      where: 'sync',
      text: `The server sent a response Porthole could not read (FETCH of UID ${uid} in ${folderId.slice('server:'.length)}): ${reason}. The message is listed as unreadable.`,
      code: 'PROTOCOL_ERROR',
    }),
  );
  /** Per folder: how long its IDLE watcher waits before its next reconnect. */
  private readonly watcherRetryMs = new Map<string, number>();
  private stopped = false;
  private lastSyncAt: number | null = null;
  private lastSeq = 0;
  /** Called once the command connection is up again (a download in ranges waits to resume). */
  private readonly onlineWaiters = new Set<() => void>();

  constructor(
    private readonly ctx: BackendContext,
    private readonly options: ImapBackendOptions = {},
  ) {}

  private login(role: string): ImapLogin {
    return { endpoint: this.ctx.incoming, password: this.ctx.incomingPassword, trusted: this.ctx.account.trustedCertificates, transcript: this.ctx.transcript(role) };
  }

  private get syncDeps(): FolderSyncDeps {
    return { client: this.requireClient(), cache: this.ctx.cache, overlay: this.overlay, isolation: this.isolation, now: () => this.ctx.now() };
  }

  // ---- lifecycle -------------------------------------------------------------------------

  async start(): Promise<void> {
    this.tasks.pause();
    const [folders, pending] = await Promise.all([this.ctx.cache.query({ query: 'folders' }), this.ctx.cache.query({ query: 'pendingOps' })]);
    for (const folder of folders) if (folder.origin === 'server') this.folders.set(folder.path, folder);
    this.pending = pending;
    this.lastSeq = pending.reduce((max, p) => Math.max(max, p.seq), 0);
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.statusRefreshTimer) clearInterval(this.statusRefreshTimer);
    if (this.stableTimer) clearTimeout(this.stableTimer);
    this.stopWatchers();
    this.tasks.rejectAll(new ProtocolError({ code: 'CONNECTION_LOST', message: 'The account was closed.' }));
    // A download waiting to resume gives up now (waitUntilOnline resolves false once stopped).
    for (const waiter of [...this.onlineWaiters]) waiter();
    const client = this.client;
    this.client = null;
    if (client) await client.logout().catch(() => client.close());
    this.setConnection('offline', 'Stopped');
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.reconnectTimer = null;
    this.setConnection('connecting', 'Connecting…');
    let client: ImapFlow;
    try {
      client = await connectImap(this.login('sync'), {
        // This connection also downloads messages: whole up to a range, larger ones in ranges
        // (fetchInRanges). A literal far above that is refused at its {size} marker, before
        // imapflow reads and joins it with the event loop held.
        maxLiteralSize: Number.isFinite(this.rangeBytes) ? MAX_WHOLE_LITERAL_RANGES * this.rangeBytes : LARGE_MESSAGE_BYTES + MAX_LINE_BYTES,
        socketTimeout: this.options.stalledAfterMs ?? STALLED_AFTER_MS,
      });
    } catch (error) {
      const wire = toWire(error);
      if (this.stopped) return;
      this.setConnection(isTransientError(wire) ? 'offline' : 'error', wire.message);
      if (!isTransientError(wire)) this.ctx.events.notice({ level: 'error', where: 'account', text: wire.message, code: wire.code });
      this.scheduleReconnect(isTransientError(wire) ? this.reconnectDelayMs : MAX_RECONNECT_MS);
      return;
    }
    if (this.stopped) {
      client.close();
      return;
    }
    this.client = client;
    client.on('close', () => this.onConnectionLost(client));
    this.stableTimer = setTimeout(() => {
      this.stableTimer = null;
      this.reconnectDelayMs = MIN_RECONNECT_MS;
    }, STABLE_CONNECTION_MS);
    this.setConnection('online', 'Connected');
    this.tasks.resume();
    for (const waiter of [...this.onlineWaiters]) waiter();
    this.afterConnect();
  }

  private afterConnect(): void {
    this.background(this.runTask('sync', 'replay pending changes', () => this.replayPending(), 'replay'));
    this.background(this.refreshFolderList());
    this.background(this.syncFolder('INBOX', 'sync'));
    if (this.selectedPath !== 'INBOX') this.background(this.syncFolder(this.selectedPath, 'sync'));
    this.startWatchers();
    if (this.statusRefreshTimer) clearInterval(this.statusRefreshTimer);
    this.statusRefreshTimer = setInterval(() => this.background(this.refreshFolderList()), FOLDER_STATUS_REFRESH_MS);
  }

  private onConnectionLost(client: ImapFlow): void {
    if (this.client !== client) return;
    this.client = null;
    this.tasks.pause();
    this.stopWatchers();
    if (this.statusRefreshTimer) clearInterval(this.statusRefreshTimer);
    this.statusRefreshTimer = null;
    if (this.stableTimer) clearTimeout(this.stableTimer);
    this.stableTimer = null;
    if (this.stopped) return;
    const failure = classifyBrokenConnection(connectionFailure(client), 'imap');
    const verdict = this.isolation.connectionBroke(failure);
    if (verdict.kind === 'none' && failure.code === 'CONNECTION_LOST') {
      this.setConnection('offline', 'Connection lost; reconnecting…');
      this.scheduleReconnect(this.reconnectDelayMs);
      return;
    }
    this.setConnection('error', this.describeBreak(failure.message, verdict));
    // Narrowing down the message that breaks a FETCH halves the suspects at each try (at most
    // about 13 tries for a batch of 5,000), so it goes on at once; anything else backs off.
    this.scheduleReconnect(verdict.kind === 'none' ? this.reconnectDelayMs : MIN_RECONNECT_MS, verdict.kind === 'none');
  }

  /** The status line after a server broke the connection: what it did, and during which answer. */
  private describeBreak(message: string, verdict: BreakVerdict): string {
    const text = message.replace(/^IMAP: /, '');
    if (verdict.kind === 'none') return text;
    const sentence = text.replace(/\.$/, '');
    const where = describeFetch(verdict.fetch);
    if (verdict.kind === 'unreadable') return `${sentence} (${where}); that message is shown as unreadable.`;
    return `${sentence} (${where}); finding the message that causes it.`;
  }

  private scheduleReconnect(delayMs: number, backOff = true): void {
    if (this.stopped || this.reconnectTimer) return;
    if (backOff) this.reconnectDelayMs = Math.min(delayMs * 2, MAX_RECONNECT_MS);
    this.connectionDetail = `${this.connectionDetail} Retrying in ${Math.round(delayMs / 1000)} s.`;
    this.emitStatus();
    this.reconnectTimer = setTimeout(() => void this.connect(), delayMs);
  }

  private requireClient(): ImapFlow {
    if (!this.client || !this.client.usable) {
      throw new ProtocolError({ code: 'CONNECTION_LOST', message: 'IMAP: not connected to the server right now.' });
    }
    return this.client;
  }

  /** Every piece of server work runs here; whatever it throws leaves as a classified ProtocolError. */
  private runTask<T>(priority: TaskPriority, name: string, task: () => Promise<T>, key?: string): Promise<T> {
    return this.tasks.run(priority, name, task, key).catch((error: unknown) => {
      throw isProtocolError(error) ? error : new ProtocolError(toWire(error));
    });
  }

  /** Background work reports its failures as notices; a lost connection is shown by the status. */
  private background(work: Promise<unknown>): void {
    work.catch((error: unknown) => {
      const wire = toWire(error);
      if (isTransientError(wire) || this.stopped) return;
      this.ctx.events.notice({ level: 'error', where: 'sync', text: wire.message, code: wire.code });
    });
  }

  private setConnection(connection: ConnectionState, detail: string): void {
    this.connection = connection;
    this.connectionDetail = detail;
    this.emitStatus();
  }

  private emitStatus(): void {
    this.ctx.events.status({ connection: this.connection, detail: this.connectionDetail, pendingChanges: this.pending.length, lastSyncAt: this.lastSyncAt });
  }

  // ---- watchers ----------------------------------------------------------------------------

  private startWatchers(): void {
    for (const path of new Set(['INBOX', this.selectedPath])) this.startWatcher(path);
  }

  private startWatcher(path: string): void {
    if (this.watchers.has(path) || this.stopped || !this.client) return;
    const watcher = new FolderWatcher(
      path,
      this.login(`IDLE ${path}`),
      (changedPath) => this.background(this.syncFolder(changedPath, 'sync')),
      (lost) => {
        if (this.watchers.get(lost.path) !== lost) return;
        this.watchers.delete(lost.path);
        // The command connection's reconnect restarts watchers; a lone watcher drop retries,
        // backing off like the command connection unless the watcher had been up a while.
        const upMs = Date.now() - startedAt;
        const delayMs = upMs >= STABLE_CONNECTION_MS ? MIN_RECONNECT_MS : Math.min((this.watcherRetryMs.get(lost.path) ?? MIN_RECONNECT_MS / 2) * 2, MAX_RECONNECT_MS);
        this.watcherRetryMs.set(lost.path, delayMs);
        setTimeout(() => this.startWatcher(lost.path), delayMs);
      },
    );
    const startedAt = Date.now();
    this.watchers.set(path, watcher);
    watcher.start().catch(() => {
      if (this.watchers.get(path) === watcher) this.watchers.delete(path);
    });
  }

  private stopWatchers(): void {
    for (const watcher of this.watchers.values()) watcher.stop();
    this.watchers.clear();
  }

  // ---- sync --------------------------------------------------------------------------------

  /** For what needs the server now (opening an undownloaded body, folder changes): fail at once. */
  private requireOnline(what: string): void {
    if (this.client) return;
    throw new ProtocolError({ code: 'CONNECTION_LOST', message: `IMAP: not connected to the server, so ${what} is not possible right now. ${this.connectionDetail}` });
  }

  async syncNow(): Promise<void> {
    if (!this.client) {
      // "Check mail" while offline: try to reconnect now instead of waiting for the back-off.
      if (this.reconnectTimer) {
        clearTimeout(this.reconnectTimer);
        this.reconnectTimer = null;
        this.reconnectDelayMs = MIN_RECONNECT_MS;
        void this.connect();
      }
      return;
    }
    await this.refreshFolderList();
    await Promise.all([this.syncFolder('INBOX', 'user'), this.selectedPath !== 'INBOX' ? this.syncFolder(this.selectedPath, 'user') : null]);
  }

  private refreshFolderList(): Promise<void> {
    return this.runTask(
      'sync',
      'list folders',
      async () => {
        const { folders, removedIds } = await listServerFolders(this.requireClient(), this.folders);
        const ops: CacheOp[] = [{ op: 'putFolders', folders }, ...removedIds.map((id): CacheOp => ({ op: 'deleteFolder', id }))];
        await this.ctx.cache.apply(ops);
        this.folders.clear();
        for (const folder of folders) this.folders.set(folder.path, folder);
      },
      'folder-list',
    );
  }

  private folderState(path: string): FolderRecord {
    return this.folders.get(path) ?? emptyFolderRecord(path);
  }

  /** Incremental sync of one folder, then (in the background) any headers not cached yet. */
  private syncFolder(path: string, priority: TaskPriority): Promise<void> {
    return this.runTask(
      priority,
      `sync ${path}`,
      async () => {
        if (this.folderState(path).noSelect) return;
        // The folder's bound must be the committed one: a backfill write that fails rolls it back.
        await this.previousBackfillWrite(path);
        const folder = await syncFolderChanges(this.syncDeps, this.folderState(path));
        this.folders.set(path, folder);
        this.lastSyncAt = this.ctx.now();
        this.emitStatus();
        if (folder.backfillBelowUid !== 0) this.background(this.backfill(path));
        else this.ctx.events.progress({ folderPath: path, phase: 'done', done: folder.serverTotal ?? 0, total: folder.serverTotal ?? 0, bytesDone: null, bytesTotal: null });
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
    return this.runTask(
      path === this.selectedPath || path === 'INBOX' ? 'sync' : 'background',
      `headers of ${path}`,
      async () => {
        const before = this.folderState(path);
        const progress = this.backfillOf(path);
        const step = before.backfillBelowUid === before.uidNext ? 0 : progress.step;
        progress.step = step + 1;
        const size = BACKFILL_BATCHES[Math.min(step, BACKFILL_BATCHES.length - 1)]!;
        const batch = await fetchBackfillBatch(this.syncDeps, before, size, progress.uids);
        progress.uids = batch.uids;
        // A failed earlier write left this folder's state behind; it restarts the backfill.
        if (!(await this.previousBackfillWrite(path))) return;
        if (batch.remaining < 0) {
          // UIDVALIDITY changed between steps: start over from an incremental sync.
          this.background(this.syncFolder(path, 'sync'));
          return;
        }
        this.folders.set(path, batch.folder);
        const write = this.commitBackfillBatch(path, before, batch.folder, batch.ops, batch.remaining);
        progress.write = write;
        // Its failure is handled by the next step (or awaited below); never an unhandled rejection.
        write.catch(() => undefined);
        if (batch.remaining > 0) this.background(this.backfill(path));
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
        if (!this.stopped && this.client) this.background(this.backfill(path));
      }, MIN_RECONNECT_MS);
      throw error;
    }
    const total = Math.max(after.serverTotal ?? 0, remaining);
    this.ctx.events.progress({ folderPath: path, phase: remaining > 0 ? 'headers' : 'done', done: total - remaining, total, bytesDone: null, bytesTotal: null });
  }

  async selectFolder(path: string): Promise<void> {
    const previous = this.selectedPath;
    this.selectedPath = path;
    if (previous !== path && previous !== 'INBOX') {
      this.watchers.get(previous)?.stop();
      this.watchers.delete(previous);
    }
    this.startWatcher(path);
    if (!this.client) return;
    await this.syncFolder(path, 'user');
  }

  // ---- the offline queue -------------------------------------------------------------------

  private nextSeq(): number {
    this.lastSeq = Math.max(this.lastSeq + 1, this.ctx.now() * 1000);
    return this.lastSeq;
  }

  private newPendingRecord(change: PendingChange): PendingOpRecord {
    return { id: randomUUID(), seq: this.nextSeq(), change, createdAt: this.ctx.now(), attempts: 0, lastError: null };
  }

  /** Commits the optimistic cache change and the pending changes together, then sends them. */
  private async enqueueChanges(optimistic: CacheOp[], changes: PendingChange[]): Promise<void> {
    const records = changes.map((change) => this.newPendingRecord(change));
    await this.ctx.cache.apply([...optimistic, ...records.map((record): CacheOp => ({ op: 'addPendingOp', record }))]);
    this.pending.push(...records);
    this.emitStatus();
    if (this.client) this.background(this.runTask('user', 'replay pending changes', () => this.replayPending(), 'replay'));
  }

  private async replayPending(): Promise<void> {
    while (this.pending.length > 0) {
      const record = this.pending[0]!;
      const client = this.requireClient();
      try {
        if (record.change.kind === 'append' && !this.folders.has(record.change.folderPath)) {
          await client.mailboxCreate(record.change.folderPath).catch(() => undefined);
        }
        const outcome = await replayChange(client, record.change);
        await this.ctx.cache.apply([...outcome.ops, { op: 'removePendingOp', id: record.id }]);
        this.pending.shift();
        this.emitStatus();
        for (const path of outcome.resync) this.background(this.syncFolder(path, 'sync'));
      } catch (error) {
        if (!isServerRefusal(error)) throw error;
        // The server refused: drop the change and show the server's truth again.
        await this.ctx.cache.apply([{ op: 'removePendingOp', id: record.id }]);
        this.pending.shift();
        this.emitStatus();
        const wire = toWire(error);
        this.ctx.events.notice({ level: 'error', where: 'sync', text: `Could not ${describeChange(record.change)}: ${wire.details?.serverResponse ?? wire.message}`, code: wire.code });
        const change = record.change;
        // The source folder gone as well: there is nothing to restore, only the placeholders go.
        if (change.kind === 'move') await this.restoreRefusedMove(change).catch(() => this.ctx.cache.apply([{ op: 'deleteMessages', ids: change.placeholderIds }]));
        this.background(this.syncFolder(change.folderPath, 'sync'));
      }
    }
  }

  /**
   * A move the server refused: the messages never left their folder, but the cache moved them
   * (placeholders in the target). Their headers go back into the source, fetched by UID, in the
   * same batch that drops the placeholders. A sync would not bring them back: nothing changed
   * on the server. (Resetting the whole folder instead raced with the sync queued meanwhile,
   * which wrote the old sync state over the emptied folder and left it empty.)
   */
  private async restoreRefusedMove(change: Extract<PendingChange, { kind: 'move' }>): Promise<void> {
    const client = this.requireClient();
    const lock = await client.getMailboxLock(change.folderPath);
    try {
      const { records } = await fetchHeaders(client, serverFolderId(change.folderPath), change.uids, this.isolation);
      await this.ctx.cache.apply([{ op: 'deleteMessages', ids: change.placeholderIds }, { op: 'putMessages', messages: records }]);
    } finally {
      lock.release();
    }
  }

  // ---- user actions ------------------------------------------------------------------------

  private async serverMessages(messageIds: string[]): Promise<Map<string, MessageRecord[]>> {
    const messages = await this.ctx.cache.query({ query: 'messagesByIds', ids: messageIds });
    const byFolder = new Map<string, MessageRecord[]>();
    for (const message of messages) {
      if (message.uid === null || !message.folderId.startsWith('server:')) continue;
      const path = message.folderId.slice('server:'.length);
      byFolder.set(path, [...(byFolder.get(path) ?? []), message]);
    }
    return byFolder;
  }

  async changeFlags(messageIds: string[], add: string[], remove: string[]): Promise<void> {
    const byFolder = await this.serverMessages(messageIds);
    const changes: PendingChange[] = [...byFolder].map(([folderPath, messages]) => ({ kind: 'flags', folderPath, uids: messages.map((m) => m.uid!), add, remove }));
    await this.enqueueChanges([{ op: 'changeFlags', ids: messageIds, add, remove }], changes);
  }

  /**
   * Messages kept on this computer (local folders left by a switch from POP): moving one into a
   * server folder uploads it (APPEND, queued like any change); into another local folder is local.
   */
  private async moveLocal(messageIds: string[], toPath: string): Promise<void> {
    const local = (await this.ctx.cache.query({ query: 'messagesByIds', ids: messageIds })).filter((m) => m.folderId.startsWith('local:'));
    if (!local.length) return;
    const localTarget = (await this.ctx.cache.query({ query: 'folders' })).find((f) => f.origin === 'local' && f.path === toPath);
    if (localTarget) {
      await this.ctx.cache.apply([{ op: 'renameMessages', renames: local.map((m) => ({ from: m.id, to: m.id, folderId: localTarget.id, uid: null })) }]);
      return;
    }
    for (const message of local) {
      const source = await this.ctx.cache.query({ query: 'rawSource', messageId: message.id });
      if (!source) continue;
      await this.enqueueChanges([{ op: 'deleteMessages', ids: [message.id] }], [{ kind: 'append', folderPath: toPath, raw: source.raw, flags: message.flags, replacesUid: null }]);
    }
  }

  async move(messageIds: string[], toPath: string): Promise<void> {
    await this.moveLocal(messageIds, toPath);
    const byFolder = await this.serverMessages(messageIds);
    const optimistic: CacheOp[] = [];
    const changes: PendingChange[] = [];
    const targetId = serverFolderId(toPath);
    for (const [folderPath, messages] of byFolder) {
      if (folderPath === toPath) continue;
      const opKey = randomUUID();
      const placeholderIds = messages.map((m) => `pending:${opKey}:${m.uid}`);
      optimistic.push({ op: 'renameMessages', renames: messages.map((m, i) => ({ from: m.id, to: placeholderIds[i]!, folderId: targetId, uid: null })) });
      changes.push({ kind: 'move', folderPath, uids: messages.map((m) => m.uid!), toPath, placeholderIds });
    }
    await this.enqueueChanges(optimistic, changes);
  }

  private trashPath(): string | null {
    return [...this.folders.values()].find((f) => f.role === 'trash')?.path ?? null;
  }

  async delete(messageIds: string[]): Promise<void> {
    // A message kept only on this computer has no server Trash to go to: it is deleted here.
    const local = (await this.ctx.cache.query({ query: 'messagesByIds', ids: messageIds })).filter((m) => m.folderId.startsWith('local:'));
    if (local.length) await this.ctx.cache.apply([{ op: 'deleteMessages', ids: local.map((m) => m.id) }]);
    const trash = this.trashPath();
    const byFolder = await this.serverMessages(messageIds);
    const toTrash: string[] = [];
    const optimistic: CacheOp[] = [];
    const changes: PendingChange[] = [];
    for (const [folderPath, messages] of byFolder) {
      if (trash && folderPath !== trash) {
        toTrash.push(...messages.map((m) => m.id));
        continue;
      }
      optimistic.push({ op: 'deleteMessages', ids: messages.map((m) => m.id) });
      changes.push({ kind: 'expunge', folderPath, uids: messages.map((m) => m.uid!) });
    }
    if (changes.length) await this.enqueueChanges(optimistic, changes);
    if (toTrash.length && trash) await this.move(toTrash, trash);
  }

  async openMessage(messageId: string, markSeen: boolean): Promise<void> {
    const message = await this.ctx.cache.query({ query: 'message', id: messageId });
    if (!message) throw new ProtocolError({ code: 'NOT_FOUND', message: 'This message is no longer in the cache.' });
    if (message.problem) throw new ProtocolError({ code: 'PROTOCOL_ERROR', message: message.problem });
    const body = await this.ctx.cache.query({ query: 'body', messageId });
    if (!body) {
      const parsed =
        message.size > LARGE_MESSAGE_BYTES
          ? await tooLargeBody(messageId, await this.fetchFromServer(message, 'header'), message.size, this.ctx.now())
          : await parseMessage(messageId, await this.messageSource(messageId), this.ctx.now());
      await this.ctx.cache.apply([{ op: 'putBody', body: parsed.body, attachments: parsed.attachments }]);
    }
    if (markSeen && !message.seen) await this.changeFlags([messageId], [FLAG_SEEN], []);
  }

  async messageSource(messageId: string): Promise<Uint8Array> {
    const message = await this.ctx.cache.query({ query: 'message', id: messageId });
    if (!message) throw new ProtocolError({ code: 'NOT_FOUND', message: 'This message is no longer in the cache.' });
    if (message.problem) throw new ProtocolError({ code: 'PROTOCOL_ERROR', message: message.problem });
    if (message.size > LARGE_MESSAGE_BYTES) {
      throw new ProtocolError({ code: 'MESSAGE_TOO_LARGE', message: `This message is larger than the ${formatOctets(LARGE_MESSAGE_BYTES)} Porthole downloads; only its headers are shown.` });
    }
    return this.fetchFromServer(message, 'source');
  }

  /** The whole source, or the header section only, of a cached message, from the server. */
  private async fetchFromServer(message: MessageRecord, what: 'source' | 'header'): Promise<Uint8Array> {
    if (message.uid === null) throw new ProtocolError({ code: 'NOT_FOUND', message: 'This message is being moved; it can be opened once the server confirms the move.' });
    const uid = message.uid;
    const path = message.folderId.slice('server:'.length);
    this.requireOnline('downloading this message');
    if (what === 'source' && message.size > this.rangeBytes) return this.fetchInRanges(message, uid, path);
    return this.runTask('user', `fetch message ${uid}`, async () => {
      const client = this.requireClient();
      const lock = await client.getMailboxLock(path);
      try {
        const fetched = await client.fetchOne(String(uid), what === 'source' ? { uid: true, source: true } : { uid: true, headers: true }, { uid: true });
        const bytes = fetched ? (what === 'source' ? fetched.source : fetched.headers) : undefined;
        if (!bytes) {
          await this.ctx.cache.apply([{ op: 'deleteMessages', ids: [message.id] }]);
          throw new ProtocolError({ code: 'NOT_FOUND', message: 'This message was deleted on the server.' });
        }
        // A large literal has a memory block of its own: no copy of what may be tens of
        // megabytes. A small one may be a view into Node's shared pool, which must not leave.
        return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
      } catch (error) {
        // A server that answers with more than it announced (the literal limit) or stalls: say so.
        const failure = connectionFailure(client);
        throw failure === undefined ? error : new ProtocolError(classifyBrokenConnection(failure, 'imap'));
      } finally {
        lock.release();
      }
    });
  }

  private get rangeBytes(): number {
    return this.options.rangeBytes ?? RANGED_FETCH_BYTES;
  }

  /**
   * A large message's source as a series of partial fetches (ranged-fetch.ts), each its own task
   * under the folder's lock: the user's other commands run between two ranges, and no literal
   * larger than a range is ever joined by imapflow. The pieces are put together a few MB per turn
   * of the event loop; a message that changed or vanished meanwhile is never returned in part.
   */
  private async fetchInRanges(message: MessageRecord, uid: number, path: string): Promise<Uint8Array> {
    const expected: { uidValidity?: bigint } = {};
    let done = 0;
    const download = await downloadInRanges(
      (start, length) => {
        done = start;
        return this.fetchRangeResuming(path, uid, start, length, expected, () => `${formatOctets(done)} of ${formatOctets(message.size)}`);
      },
      this.rangeBytes,
      LARGE_MESSAGE_BYTES + MAX_LINE_BYTES,
    );
    if (!download) {
      await this.ctx.cache.apply([{ op: 'deleteMessages', ids: [message.id] }]);
      throw new ProtocolError({ code: 'NOT_FOUND', message: 'This message was deleted on the server.' });
    }
    return joinInSteps(download.pieces, download.length);
  }

  /** One range; when the connection drops during it, the same range again once reconnected (RANGE_RESUMES at most). */
  private async fetchRangeResuming(path: string, uid: number, start: number, length: number, expected: { uidValidity?: bigint }, progress: () => string): Promise<RangeAnswer | null> {
    for (let resumes = 0; ; resumes++) {
      try {
        return await this.fetchRange(path, uid, start, length, expected);
      } catch (error) {
        if (!isTransientError(toWire(error)) || resumes >= RANGE_RESUMES || this.stopped) throw error;
        if (!(await this.waitUntilOnline(RESUME_WAIT_MS))) {
          throw new ProtocolError({ code: 'CONNECTION_LOST', message: `IMAP: the connection was lost while downloading this message (${progress()}) and did not come back; nothing was kept. Open it again once connected.` });
        }
      }
    }
  }

  private fetchRange(path: string, uid: number, start: number, length: number, expected: { uidValidity?: bigint }): Promise<RangeAnswer | null> {
    return this.runTask('user', `fetch message ${uid} from octet ${start}`, async () => {
      const client = this.requireClient();
      const lock = await client.getMailboxLock(path);
      try {
        // RFC 3501 §2.3.1.1: a UID names the same message only while UIDVALIDITY stays the same
        // (a reconnect between two ranges may find the folder recreated).
        const uidValidity = client.mailbox ? client.mailbox.uidValidity : undefined;
        expected.uidValidity ??= uidValidity;
        if (uidValidity !== expected.uidValidity) {
          throw new ProtocolError({ code: 'PROTOCOL_ERROR', message: 'The folder was recreated on the server while this message was being downloaded; nothing was kept. Open it again.' });
        }
        // RFC 3501 §6.4.5: BODY.PEEK[]<start.length> (PEEK: opening decides about \Seen, not the fetch).
        const fetched = await client.fetchOne(String(uid), { uid: true, size: true, source: { start, maxLength: length } }, { uid: true });
        if (!fetched) return null;
        const origins = (fetched as { partialOrigins?: Map<string, number> }).partialOrigins;
        // No octets (NIL or ""): past the end of the message.
        return { bytes: fetched.source ?? Buffer.alloc(0), origin: origins?.get(''), size: fetched.size };
      } catch (error) {
        const failure = connectionFailure(client);
        throw failure === undefined ? error : new ProtocolError(classifyBrokenConnection(failure, 'imap'));
      } finally {
        lock.release();
      }
    });
  }

  /** Resolves true once the command connection is up (at once if it is), false after `timeoutMs` or on stop. */
  private waitUntilOnline(timeoutMs: number): Promise<boolean> {
    if (this.client?.usable) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (online: boolean): void => {
        clearTimeout(timer);
        this.onlineWaiters.delete(onOnline);
        resolve(online && !this.stopped);
      };
      const onOnline = (): void => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.onlineWaiters.add(onOnline);
    });
  }

  // ---- folders -------------------------------------------------------------------------------

  private delimiter(): string {
    return this.folders.get('INBOX')?.delimiter ?? [...this.folders.values()][0]?.delimiter ?? '/';
  }

  async createFolder(parentPath: string | null, name: string): Promise<void> {
    const path = parentPath ? `${parentPath}${this.delimiter()}${name}` : name;
    this.requireOnline('creating a folder');
    await this.runTask('user', `create ${path}`, async () => {
      await this.requireClient().mailboxCreate(path);
    });
    await this.refreshFolderList();
  }

  async renameFolder(path: string, newName: string): Promise<void> {
    const folder = this.folderState(path);
    const newPath = folder.parentPath ? `${folder.parentPath}${folder.delimiter}${newName}` : newName;
    this.requireOnline('renaming a folder');
    await this.runTask('user', `rename ${path}`, async () => {
      await this.requireClient().mailboxRename(path, newPath);
      await this.ctx.cache.apply([{ op: 'deleteFolder', id: folder.id }]);
      this.folders.delete(path);
    });
    if (this.selectedPath === path) this.selectedPath = newPath;
    await this.refreshFolderList();
  }

  async deleteFolder(path: string): Promise<void> {
    const folder = this.folderState(path);
    this.requireOnline('deleting a folder');
    await this.runTask('user', `delete ${path}`, async () => {
      await this.requireClient().mailboxDelete(path);
      await this.ctx.cache.apply([{ op: 'deleteFolder', id: folder.id }]);
      this.folders.delete(path);
    });
    if (this.selectedPath === path) this.selectedPath = 'INBOX';
    await this.refreshFolderList();
  }

  // ---- sent and drafts ---------------------------------------------------------------------

  private pathForRole(role: 'sent' | 'drafts', fallback: string): string {
    return [...this.folders.values()].find((f) => f.role === role)?.path ?? fallback;
  }

  async storeSent(raw: Uint8Array): Promise<void> {
    await this.enqueueChanges([], [{ kind: 'append', folderPath: this.pathForRole('sent', 'Sent'), raw, flags: [FLAG_SEEN], replacesUid: null }]);
  }

  async saveDraft(raw: Uint8Array, replacesDraftId: string | null): Promise<void> {
    const previous = replacesDraftId ? await this.ctx.cache.query({ query: 'message', id: replacesDraftId }) : null;
    const folderPath = this.pathForRole('drafts', 'Drafts');
    const optimistic: CacheOp[] = previous ? [{ op: 'deleteMessages', ids: [previous.id] }] : [];
    await this.enqueueChanges(optimistic, [{ kind: 'append', folderPath, raw, flags: [FLAG_DRAFT, FLAG_SEEN], replacesUid: previous?.uid ?? null }]);
  }

  configure(): void {
    throw new ProtocolError({ code: 'INVALID_ARGUMENT', message: 'Retention settings are for POP accounts: on IMAP the server keeps everything.' });
  }

  async discardDraft(draftId: string): Promise<void> {
    const byFolder = await this.serverMessages([draftId]);
    const changes: PendingChange[] = [...byFolder].map(([folderPath, messages]) => ({ kind: 'expunge', folderPath, uids: messages.map((m) => m.uid!) }));
    await this.enqueueChanges([{ op: 'deleteMessages', ids: [draftId] }], changes);
  }
}
