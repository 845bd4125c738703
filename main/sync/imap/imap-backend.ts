import type { MailboxBackend, BackendContext } from '../backend';
import { LARGE_MESSAGE_BYTES } from '../../../common/model/raw-source';
import { MAX_LINE_BYTES } from '../../protocols/imap/imap-connection';
import { ProtocolError } from '../../protocols/protocol-error';
import { PendingOverlay } from '../pending-overlay';
import { ConnectionSupervisor } from './connection-supervisor';
import { FolderActions } from './folder-actions';
import { FolderStates } from './folder-states';
import { HeaderSync } from './header-sync';
import { IdleWatchers } from './idle-watchers';
import { MessageActions } from './message-actions';
import { MessageFetch } from './message-fetch';
import { needsFolderCreated, OfflineQueue } from './offline-queue';
import { MAX_WHOLE_LITERAL_RANGES, RANGED_FETCH_BYTES } from './ranged-fetch';
import { replayChange, restoreRefusedMove } from './replay-change';
import { ResponseIsolation } from './response-isolation';
import { SentDrafts } from './sent-drafts';

/**
 * Folders created or renamed elsewhere, and unread counts of folders nobody watches, come from
 * LIST-STATUS (IDLE does not report them; NOTIFY would, but imapflow has no NOTIFY): this often.
 */
const FOLDER_STATUS_REFRESH_MS = 15_000;

/** Knobs a test turns down; the defaults are the product's. */
export interface ImapBackendOptions {
  /** No byte for this long while a command waits: "the server stopped answering". */
  stalledAfterMs?: number;
  /** Messages larger than this are fetched in ranges of this size (RANGED_FETCH_BYTES). */
  rangeBytes?: number;
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
 *
 * This class only composes the parts, one job each: connection-supervisor.ts (connection,
 * reconnect, task queue, status), idle-watchers.ts, header-sync.ts (sync and backfill),
 * offline-queue.ts with replay-change.ts (RFC 4549), message-actions.ts, message-fetch.ts
 * (bodies, in ranges when large), folder-actions.ts, sent-drafts.ts; folder-states.ts holds
 * what they share about folders.
 */
export class ImapBackend implements MailboxBackend {
  private readonly folders = new FolderStates();
  private readonly isolation = new ResponseIsolation((folderId, uid, reason) =>
    this.ctx.events.notice({
      level: 'warning',
      where: 'sync',
      text: `The server sent a response Porthole could not read (FETCH of UID ${uid} in ${folderId.slice('server:'.length)}): ${reason}. The message is listed as unreadable.`,
      code: 'PROTOCOL_ERROR',
    }),
  );
  private readonly connection: ConnectionSupervisor;
  private readonly queue: OfflineQueue;
  private readonly headers: HeaderSync;
  private readonly watchers: IdleWatchers;
  private readonly folderActions: FolderActions;
  private readonly messages: MessageActions;
  private readonly fetcher: MessageFetch;
  private readonly sentDrafts: SentDrafts;
  private statusRefreshTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly ctx: BackendContext,
    private readonly options: ImapBackendOptions = {},
  ) {
    this.connection = new ConnectionSupervisor(ctx, this.isolation, {
      // This connection also downloads messages: whole up to a range, larger ones in ranges
      // (message-fetch.ts). A literal far above that is refused at its {size} marker, before
      // imapflow reads and joins it with the event loop held.
      connectOptions: () => ({
        maxLiteralSize: Number.isFinite(this.rangeBytes) ? MAX_WHOLE_LITERAL_RANGES * this.rangeBytes : LARGE_MESSAGE_BYTES + MAX_LINE_BYTES,
        socketTimeout: this.options.stalledAfterMs,
      }),
      online: () => this.afterConnect(),
      offline: () => this.stopConnectedWork(),
      statusExtras: () => ({ pendingChanges: this.queue.size, lastSyncAt: this.headers.lastSyncAt }),
    });
    const connection = this.connection;
    this.queue = new OfflineQueue({
      cache: ctx.cache,
      now: () => ctx.now(),
      send: async (change) => {
        const client = connection.requireClient();
        if (needsFolderCreated(change, (path) => this.folders.has(path))) await client.mailboxCreate(change.folderPath).catch(() => undefined);
        return replayChange(client, change);
      },
      restoreRefusedMove: async (change) => restoreRefusedMove(connection.requireClient(), change, ctx.cache, this.isolation),
      runTask: (priority, name, task, key) => connection.runTask(priority, name, task, key),
      background: (work) => connection.background(work),
      connected: () => connection.connected,
      changed: () => connection.emitStatus(),
      resync: (path) => connection.background(this.headers.syncFolder(path, 'sync')),
      notice: (notice) => ctx.events.notice(notice),
    });
    this.headers = new HeaderSync(ctx, connection, this.folders, new PendingOverlay(() => this.queue.records), this.isolation);
    this.watchers = new IdleWatchers({
      login: (role) => connection.login(role),
      mayWatch: () => !connection.stopped && connection.connected,
      changed: (path) => connection.background(this.headers.syncFolder(path, 'sync')),
    });
    this.folderActions = new FolderActions(ctx.cache, connection, this.folders);
    this.messages = new MessageActions({ cache: ctx.cache, enqueue: (optimistic, changes) => this.queue.enqueue(optimistic, changes), trashPath: () => this.folders.pathForRole('trash') });
    this.fetcher = new MessageFetch({ cache: ctx.cache, now: () => ctx.now(), connection, rangeBytes: () => this.rangeBytes, changeFlags: (ids, add, remove) => this.changeFlags(ids, add, remove) });
    this.sentDrafts = new SentDrafts({
      cache: ctx.cache,
      pathForRole: (role) => this.folders.pathForRole(role),
      enqueue: (optimistic, changes) => this.queue.enqueue(optimistic, changes),
      serverMessages: (ids) => this.messages.serverMessages(ids),
    });
  }

  /** Read at each use (a bench replaces this getter to compare range sizes). */
  private get rangeBytes(): number {
    return this.options.rangeBytes ?? RANGED_FETCH_BYTES;
  }

  // ---- lifecycle -------------------------------------------------------------------------

  async start(): Promise<void> {
    this.connection.holdTasks();
    const [folders, pending] = await Promise.all([this.ctx.cache.query({ query: 'folders' }), this.ctx.cache.query({ query: 'pendingOps' })]);
    this.folders.load(folders);
    this.queue.load(pending);
    this.connection.start();
  }

  async stop(): Promise<void> {
    this.connection.halt();
    if (this.statusRefreshTimer) clearInterval(this.statusRefreshTimer);
    this.watchers.stopAll();
    await this.connection.close();
  }

  /** The command connection is up: the queue is replayed first, then folders are synced and watched. */
  private afterConnect(): void {
    const connection = this.connection;
    connection.background(this.queue.replaySoon('sync'));
    connection.background(this.folderActions.refreshList());
    connection.background(this.headers.syncFolder('INBOX', 'sync'));
    if (this.folders.selectedPath !== 'INBOX') connection.background(this.headers.syncFolder(this.folders.selectedPath, 'sync'));
    for (const path of new Set(['INBOX', this.folders.selectedPath])) this.watchers.watch(path);
    if (this.statusRefreshTimer) clearInterval(this.statusRefreshTimer);
    this.statusRefreshTimer = setInterval(() => connection.background(this.folderActions.refreshList()), FOLDER_STATUS_REFRESH_MS);
  }

  private stopConnectedWork(): void {
    this.watchers.stopAll();
    if (this.statusRefreshTimer) clearInterval(this.statusRefreshTimer);
    this.statusRefreshTimer = null;
  }

  // ---- sync --------------------------------------------------------------------------------

  async syncNow(): Promise<void> {
    if (this.connection.reconnectNow()) return;
    await this.folderActions.refreshList();
    const selected = this.folders.selectedPath;
    await Promise.all([this.headers.syncFolder('INBOX', 'user'), selected !== 'INBOX' ? this.headers.syncFolder(selected, 'user') : null]);
  }

  async selectFolder(path: string): Promise<void> {
    const previous = this.folders.selectedPath;
    this.folders.selectedPath = path;
    if (previous !== path && previous !== 'INBOX') this.watchers.unwatch(previous);
    this.watchers.watch(path);
    if (!this.connection.connected) return;
    await this.headers.syncFolder(path, 'user');
  }

  // ---- messages ----------------------------------------------------------------------------

  changeFlags(messageIds: string[], add: string[], remove: string[]): Promise<void> {
    return this.messages.changeFlags(messageIds, add, remove);
  }

  move(messageIds: string[], toPath: string): Promise<void> {
    return this.messages.move(messageIds, toPath);
  }

  delete(messageIds: string[]): Promise<void> {
    return this.messages.delete(messageIds);
  }

  openMessage(messageId: string, markSeen: boolean): Promise<void> {
    return this.fetcher.openMessage(messageId, markSeen);
  }

  messageSource(messageId: string): Promise<Uint8Array> {
    return this.fetcher.messageSource(messageId);
  }

  // ---- folders -------------------------------------------------------------------------------

  createFolder(parentPath: string | null, name: string): Promise<void> {
    return this.folderActions.create(parentPath, name);
  }

  renameFolder(path: string, newName: string): Promise<void> {
    return this.folderActions.rename(path, newName);
  }

  deleteFolder(path: string): Promise<void> {
    return this.folderActions.delete(path);
  }

  // ---- sent and drafts ---------------------------------------------------------------------

  storeSent(raw: Uint8Array): Promise<void> {
    return this.sentDrafts.storeSent(raw);
  }

  saveDraft(raw: Uint8Array, replacesDraftId: string | null): Promise<void> {
    return this.sentDrafts.saveDraft(raw, replacesDraftId);
  }

  discardDraft(draftId: string): Promise<void> {
    return this.sentDrafts.discardDraft(draftId);
  }

  configure(): void {
    throw new ProtocolError({ code: 'INVALID_ARGUMENT', message: 'Retention settings are for POP accounts: on IMAP the server keeps everything.' });
  }
}
