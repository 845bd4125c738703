import { MINUTE_MS, type MailboxBackend, type BackendContext, type Reversal } from '../backend';
import { imapSyncOf, isKeptOffline, MAX_WATCHED_FOLDERS, type ImapSyncSettings } from '../../../common/model/account';
import { LARGE_MESSAGE_BYTES } from '../../../common/model/raw-source';
import { isTransientError } from '../../protocols/connection-errors';
import { MAX_LINE_BYTES } from '../../protocols/imap/imap-connection';
import { refusedError, errorWords } from '../../protocols/protocol-error';
import { PendingOverlay } from '../pending-overlay';
import { ConnectionSupervisor } from './connection-supervisor';
import { FolderActions } from './folder-actions';
import { FolderStates } from './folder-states';
import { HeaderSync } from './header-sync';
import { IdleWatchers } from './idle-watchers';
import { MessageActions } from './message-actions';
import { MessageFetch } from './message-fetch';
import { OfflineBodies } from './offline-bodies';
import { needsFolderCreated, OfflineQueue } from './offline-queue';
import { MAX_WHOLE_LITERAL_RANGES, RANGED_FETCH_BYTES } from './ranged-fetch';
import { replayChange, restoreRefusedMove } from './replay-change';
import { ResponseIsolation } from './response-isolation';
import { SentDrafts } from './sent-drafts';
import { searchOnServer } from './server-search';
import { toWire } from './wire-error';

/**
 * Folders created or renamed elsewhere, and unread counts of folders nobody watches, come from
 * LIST-STATUS (IDLE does not report them; NOTIFY would, but imapflow has no NOTIFY): this often.
 */
const FOLDER_STATUS_REFRESH_MS = 15_000;

/**
 * Before an undo decides which messages changed since, their folders are synced; a server that
 * answers slower than this does not hold the undo up (it then goes by what the cache knows).
 */
const UNDO_REFRESH_WAIT_MS = 10_000;

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
 *   first); IDLE watchers on the folders the settings name and the selected one only signal that
 *   a folder changed.
 * - What the device keeps and watches (ImapSyncSettings, in the device's record) can change
 *   while it runs (`applySyncSettings`); the defaults are what it always did: the inbox synced
 *   and watched, other folders when opened, bodies when opened, no periodic sync.
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
 * (bodies, in ranges when large), offline-bodies.ts (bodies kept ahead), folder-actions.ts,
 * sent-drafts.ts; folder-states.ts holds what they share about folders.
 */
export class ImapBackend implements MailboxBackend {
  private readonly folders = new FolderStates();
  private readonly isolation = new ResponseIsolation((folderId, uid, reason) =>
    this.ctx.events.notice({
      level: 'warning',
      where: 'sync',
      words: { kind: 'unreadableResponse', uid, folder: this.folders.named(folderId.slice('server:'.length)), reason },
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
  private readonly bodies: OfflineBodies;
  private statusRefreshTimer: NodeJS.Timeout | null = null;
  private checkTimer: NodeJS.Timeout | null = null;
  private settings: ImapSyncSettings;

  constructor(
    private readonly ctx: BackendContext,
    private readonly options: ImapBackendOptions = {},
  ) {
    this.settings = imapSyncOf(ctx.device);
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
      folderOf: (path) => this.folders.named(path),
    });
    this.headers = new HeaderSync(ctx, connection, this.folders, new PendingOverlay(() => this.queue.records), this.isolation, (path) => this.bodies.fill(path));
    this.watchers = new IdleWatchers({
      login: (role, folder) => connection.login(role, folder),
      mayWatch: () => !connection.stopped && connection.connected,
      changed: (path) => connection.background(this.headers.syncFolder(path, 'sync')),
      failed: (path, error) => this.watcherFailed(path, error),
    });
    this.folderActions = new FolderActions(ctx.cache, connection, this.folders);
    this.messages = new MessageActions({
      cache: ctx.cache,
      enqueue: (optimistic, changes) => this.queue.enqueue(optimistic, changes),
      trashPath: () => this.folders.pathForRole('trash'),
      queue: this.queue,
      refresh: (paths) => this.refreshForUndo(paths),
      uidValidityOf: (path) => this.folders.get(path)?.uidValidity ?? null,
      folderOf: (path) => this.folders.named(path),
    });
    this.fetcher = new MessageFetch({ cache: ctx.cache, now: () => ctx.now(), connection, rangeBytes: () => this.rangeBytes, changeFlags: async (ids, add, remove) => void (await this.changeFlags(ids, add, remove)) });
    this.bodies = new OfflineBodies({ cache: ctx.cache, connection, folders: this.folders, fetcher: this.fetcher, settings: () => this.settings, progress: (progress) => ctx.events.progress(progress), now: () => ctx.now() });
    this.sentDrafts = new SentDrafts({
      cache: ctx.cache,
      pathForRole: (role) => this.folders.pathForRole(role),
      enqueue: async (optimistic, changes) => void (await this.queue.enqueue(optimistic, changes)),
      serverMessages: (ids) => this.messages.serverMessages(ids),
    });
  }

  /** The server's search (server-search.ts). */
  searchServer(query: string, folderPaths: string[] | null) {
    return searchOnServer({ cache: this.ctx.cache, connection: this.connection, folders: this.folders, isolation: this.isolation }, query, folderPaths);
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
    this.stopConnectedWork();
    await this.connection.close();
  }

  /** The command connection is up: the queue is replayed first, then folders are synced and watched. */
  private afterConnect(): void {
    const connection = this.connection;
    connection.background(this.queue.replaySoon('sync'));
    connection.background(this.refreshListThenFollowSettings(false));
    connection.background(this.headers.syncFolder('INBOX', 'sync'));
    if (this.folders.selectedPath !== 'INBOX') connection.background(this.headers.syncFolder(this.folders.selectedPath, 'sync'));
    this.watchers.watchOnly(this.watchedPaths());
    if (this.statusRefreshTimer) clearInterval(this.statusRefreshTimer);
    this.statusRefreshTimer = setInterval(() => connection.background(this.folderActions.refreshList()), FOLDER_STATUS_REFRESH_MS);
    this.startCheckTimer();
  }

  private stopConnectedWork(): void {
    this.watchers.stopAll();
    if (this.statusRefreshTimer) clearInterval(this.statusRefreshTimer);
    this.statusRefreshTimer = null;
    if (this.checkTimer) clearInterval(this.checkTimer);
    this.checkTimer = null;
    this.bodies.restart();
  }

  // ---- what the device keeps and watches (ImapSyncSettings) -------------------------------

  /**
   * New settings take effect at once: watchers opened or closed, the check timer restarted, and
   * the kept folders synced (their bodies follow). Bodies already here stay: fewer days or
   * headers only stop further downloads, they delete nothing.
   */
  applySyncSettings(settings: ImapSyncSettings): void {
    this.settings = settings;
    this.bodies.restart();
    this.watchers.watchOnly(this.watchedPaths());
    if (!this.connection.connected || this.connection.stopped) return;
    this.startCheckTimer();
    this.connection.background(this.refreshListThenFollowSettings(true));
  }

  /**
   * The folders watched with IDLE: the settings' (only those the server has, once its list is
   * known) and the selected one. Watching only INBOX and the selected folder was the behaviour
   * before the settings existed, and is their default.
   */
  private watchedPaths(): Set<string> {
    const known = (path: string): boolean => this.folders.all().size === 0 || path === 'INBOX' || (this.folders.has(path) && !this.folders.state(path).noSelect);
    return new Set([...this.settings.idleFolders.filter(known).slice(0, MAX_WATCHED_FOLDERS), this.folders.selectedPath]);
  }

  /** A watcher that cannot start (too many connections, a folder gone) is said once; the folder is still synced by checks and when opened. */
  private watcherFailed(path: string, error: unknown): void {
    const wire = toWire(error);
    if (isTransientError(wire) || !this.watchedPaths().has(path)) return;
    this.ctx.events.notice({ level: 'warning', where: 'sync', words: { kind: 'notWatched', folder: this.folders.named(path), error: errorWords(wire) }, code: wire.code });
  }

  /**
   * The folder list, then the folders its settings keep synced in the background (all of them
   * after a settings change; otherwise those the connect did not just sync), and the watchers
   * once the list says which folders exist.
   */
  private async refreshListThenFollowSettings(includeOpen: boolean): Promise<void> {
    await this.folderActions.refreshList();
    this.watchers.watchOnly(this.watchedPaths());
    const open = new Set(['INBOX', this.folders.selectedPath]);
    for (const folder of this.folders.all().values()) {
      if (folder.noSelect || !isKeptOffline(this.settings, folder.path) || (!includeOpen && open.has(folder.path))) continue;
      this.connection.background(this.headers.syncFolder(folder.path, 'background'));
    }
  }

  /** Every N minutes (or never): the inbox, the open folder, the kept and the watched folders. */
  private startCheckTimer(): void {
    if (this.checkTimer) clearInterval(this.checkTimer);
    this.checkTimer = null;
    const minutes = this.settings.checkEveryMinutes;
    if (minutes === null) return;
    this.checkTimer = setInterval(() => this.periodicCheck(), minutes * (this.ctx.minuteMs ?? MINUTE_MS));
  }

  private periodicCheck(): void {
    const connection = this.connection;
    if (!connection.connected || connection.stopped) return;
    connection.background(this.headers.syncFolder('INBOX', 'sync'));
    if (this.folders.selectedPath !== 'INBOX') connection.background(this.headers.syncFolder(this.folders.selectedPath, 'sync'));
    for (const path of this.watchedPaths()) if (path !== 'INBOX' && path !== this.folders.selectedPath) connection.background(this.headers.syncFolder(path, 'background'));
    connection.background(this.refreshListThenFollowSettings(false));
  }

  // ---- sync --------------------------------------------------------------------------------

  async syncNow(): Promise<void> {
    if (this.connection.reconnectNow()) return;
    await this.folderActions.refreshList();
    const selected = this.folders.selectedPath;
    await Promise.all([this.headers.syncFolder('INBOX', 'user'), selected !== 'INBOX' ? this.headers.syncFolder(selected, 'user') : null]);
  }

  async selectFolder(path: string): Promise<void> {
    this.folders.selectedPath = path;
    this.watchers.watchOnly(this.watchedPaths());
    if (!this.connection.connected) return;
    await this.headers.syncFolder(path, 'user');
  }

  // ---- messages ----------------------------------------------------------------------------

  changeFlags(messageIds: string[], add: string[], remove: string[]): Promise<Reversal | null> {
    return this.messages.changeFlags(messageIds, add, remove);
  }

  move(messageIds: string[], toPath: string): Promise<Reversal | null> {
    return this.messages.move(messageIds, toPath);
  }

  delete(messageIds: string[]): Promise<Reversal | null> {
    return this.messages.delete(messageIds);
  }

  /** The server's truth of these folders (another device's changes) before an undo decides; offline, the cache's. */
  private async refreshForUndo(paths: string[]): Promise<void> {
    if (!this.connection.connected || this.connection.stopped) return;
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, UNDO_REFRESH_WAIT_MS)));
    const synced = Promise.all(paths.map((path) => this.headers.syncFolder(path, 'user').catch(() => undefined)));
    await Promise.race([synced, waited]).finally(() => clearTimeout(timer));
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

  async renameFolder(path: string, newName: string): Promise<void> {
    await this.folderActions.rename(path, newName);
    this.watchers.watchOnly(this.watchedPaths());
  }

  async deleteFolder(path: string): Promise<void> {
    await this.folderActions.delete(path);
    this.watchers.watchOnly(this.watchedPaths());
  }

  // ---- sent and drafts ---------------------------------------------------------------------

  storeSent(raw: Uint8Array): Promise<void> {
    return this.sentDrafts.storeSent(raw);
  }

  saveDraft(raw: Uint8Array, replacesDraftId: string | null, draftKey: string | null = null): Promise<void> {
    return this.sentDrafts.saveDraft(raw, replacesDraftId, draftKey);
  }

  discardDraftVersions(draftKey: string): Promise<void> {
    return this.sentDrafts.discardDraftVersions(draftKey);
  }

  discardDraft(draftId: string): Promise<void> {
    return this.sentDrafts.discardDraft(draftId);
  }

  configure(): void {
    throw refusedError('INVALID_ARGUMENT', { kind: 'retentionPopOnly' });
  }
}
