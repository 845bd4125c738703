import { randomUUID } from 'node:crypto';
import type { CacheOp } from '../../../common/cache-protocol';
import type { ConnectionState, PopDryRun, StatusDetail } from '../../../common/contract';
import { DEFAULT_POP_SETTINGS, retentionNeedsUidl, type PopSettings } from '../../../common/model/account';
import { FLAG_DRAFT, FLAG_SEEN, LOCAL_FOLDER_IDS, namedFolder, type FolderRecord, type MessageRecord } from '../../../common/model/mail';
import { NO_UIDL_EXPLANATION } from '../../../common/model/retention-words';
import type { WireError } from '../../../common/result';
import { classifyConnectionError, isTransientError } from '../../protocols/connection-errors';
import { openPop3, type Pop3Login } from '../../protocols/pop3/pop3-connection';
import { ProtocolError, isProtocolError, refusedError, errorWords } from '../../protocols/protocol-error';
import { MINUTE_MS, type BackendContext, type MailboxBackend, type Reversal } from '../backend';
import { flagReversal, groupByFlags } from '../flag-reversal';
import type { UndoNote } from '../../../common/model/main-words';
import { reversalOf } from '../reversal-list';
import { DEFAULT_LOCAL_FOLDERS, LOCAL_DELIMITER, localFolder, validFolderName } from './local-folders';
import { storeDownloaded, storeWhole } from './local-message';
import { extractLargeParts, type ExtractProgress } from './extract-parts';
import { downloadMessage } from './message-download';
import { LARGE_MESSAGE_BYTES } from '../../../common/model/raw-source';
import { planCheck, readMaildrop, runCheck, type CheckResult } from './pop-check';
import { cachedDraftVersions } from '../draft-versions';

const IN_USE_FIRST_RETRY_MS = 5_000;
const IN_USE_MAX_RETRY_MS = 5 * 60_000;
const OFFLINE_RETRY_MS = 60_000;

function toWire(error: unknown): WireError {
  return isProtocolError(error) ? error.wire : classifyConnectionError(error, 'pop3');
}

/**
 * The POP engine of one device: the server keeps only a maildrop; everything else is local.
 *
 * Policy and invariants:
 * - Checks run one at a time: at start-up, every `checkEveryMinutes`, and when asked.
 * - Downloads and deletions follow `runCheck`'s invariants: nothing is deleted on the server
 *   before its whole source is committed here, and deletions happen only at QUIT.
 * - A maildrop locked by another session ([IN-USE], RFC 2449) is retried with back-off and shown
 *   as a status, not as an error.
 * - Folders, read states and flags are local; the server never hears of them.
 */
export class Pop3Backend implements MailboxBackend {
  private settings: PopSettings;
  private connection: ConnectionState = 'offline';
  private detail: StatusDetail = { kind: 'notChecked' };
  private lastCheckAt: number | null = null;
  private checking: Promise<void> | null = null;
  /** The check the user asked for while another ran, started when that one ends. */
  private followUp: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private inUseDelayMs = IN_USE_FIRST_RETRY_MS;
  private stopped = false;
  /** Learned at the last check; retention choices that need UIDL are refused without it. */
  private serverHasUidl: boolean | null = null;
  /** Large messages whose parts are being read: a second request waits for the same run. */
  private readonly extracting = new Map<string, Promise<void>>();

  constructor(private readonly ctx: BackendContext) {
    this.settings = ctx.device.pop ?? DEFAULT_POP_SETTINGS;
  }

  private get login(): Pop3Login {
    return { endpoint: this.ctx.incoming, ...this.ctx.incomingCredential, trusted: this.ctx.account.trustedCertificates, transcript: this.ctx.transcript('check') };
  }

  // ---- lifecycle -----------------------------------------------------------------------------

  async start(): Promise<void> {
    const folders = await this.ctx.cache.query({ query: 'folders' });
    const missing = DEFAULT_LOCAL_FOLDERS.filter((d) => !folders.some((f) => f.id === d.id));
    if (missing.length) await this.ctx.cache.apply([{ op: 'putFolders', folders: missing }]);
    this.emitStatus();
    // At start-up: check once, then on the schedule.
    this.background(this.checkNow());
  }

  stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.setStatus('offline', { kind: 'stopped' });
    return this.checking?.catch(() => undefined) ?? Promise.resolve();
  }

  /** New settings from the user; refused when the server cannot do what they ask. */
  configure(settings: PopSettings): void {
    if (this.serverHasUidl === false && retentionNeedsUidl(settings.retention)) {
      throw new ProtocolError({ code: 'INVALID_ARGUMENT', message: NO_UIDL_EXPLANATION, details: { service: 'pop3' } });
    }
    this.settings = settings;
    this.scheduleNext(null);
  }

  serverLacksUidl(): boolean {
    return this.serverHasUidl === false;
  }

  private background(work: Promise<unknown>): void {
    work.catch(() => undefined);
  }

  private setStatus(connection: ConnectionState, detail: StatusDetail): void {
    this.connection = connection;
    this.detail = detail;
    this.emitStatus();
  }

  private emitStatus(): void {
    this.ctx.events.status({ connection: this.connection, detail: this.detail, pendingChanges: 0, lastSyncAt: this.lastCheckAt });
  }

  private scheduleNext(delayMs: number | null): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.stopped) return;
    const every = this.settings.checkEveryMinutes;
    const delay = delayMs ?? (every !== null ? every * (this.ctx.minuteMs ?? MINUTE_MS) : null);
    if (delay === null) return;
    this.timer = setTimeout(() => this.background(this.checkNow()), delay);
  }

  // ---- checking ------------------------------------------------------------------------------

  syncNow(): Promise<void> {
    if (!this.checking) return this.checkNow();
    // The running check may have listed the maildrop before the mail the user expects arrived:
    // "Check mail" gets a check of its own once it ends (one, however often it is clicked).
    this.followUp ??= this.checking
      .catch(() => undefined)
      .then(() => {
        this.followUp = null;
        return this.checkNow();
      });
    return this.followUp;
  }

  /** One check, or the one already running. Resolves when it ends or a retry is scheduled. */
  checkNow(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.checking ??= this.check().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  private async check(): Promise<void> {
    this.setStatus('connecting', { kind: 'checkingMail' });
    let result: CheckResult;
    try {
      const { session } = await openPop3(this.login);
      try {
        result = await runCheck({
          session,
          cache: this.ctx.cache,
          settings: this.settings,
          now: () => this.ctx.now(),
          progress: (p) => {
            this.ctx.events.progress({ folderPath: 'Inbox', phase: 'download', done: p.done, total: p.total, bytesDone: p.bytesDone, bytesTotal: p.bytesTotal });
            this.detail = { kind: 'downloading', done: p.done, total: p.total };
          },
        });
      } finally {
        // A session that did not reach QUIT is dropped: the server deletes nothing of it.
        if (!session.isClosed) session.close();
      }
    } catch (error) {
      this.onCheckFailed(toWire(error));
      return;
    }
    this.serverHasUidl = result.serverHasUidl;
    this.inUseDelayMs = IN_USE_FIRST_RETRY_MS;
    this.lastCheckAt = this.ctx.now();
    this.ctx.events.progress({ folderPath: 'Inbox', phase: 'done', done: result.downloaded + result.headersOnly + result.matched, total: result.downloaded + result.headersOnly + result.matched, bytesDone: null, bytesTotal: null });
    for (const warning of result.warnings) this.ctx.events.notice({ level: 'warning', where: 'sync', words: warning, code: null });
    this.setStatus('online', { kind: 'checked', at: this.lastCheckAt, downloaded: result.downloaded, failed: result.failed, deleted: result.deleted });
    this.ctx.events.serverChanged();
    this.scheduleNext(null);
  }

  private onCheckFailed(wire: WireError): void {
    if (this.stopped) return;
    if (wire.code === 'MAILBOX_IN_USE') {
      // RFC 2449 [IN-USE]: another session holds the maildrop (maybe our own, not ended yet).
      const delay = this.inUseDelayMs;
      this.inUseDelayMs = Math.min(delay * 2, IN_USE_MAX_RETRY_MS);
      this.setStatus('connecting', { kind: 'mailboxBusy', retry: { inSeconds: Math.round(delay / 1000), words: 'tryingAgain' } });
      this.scheduleNext(delay);
      return;
    }
    if (isTransientError(wire) || wire.code === 'SERVER_STALLED') {
      this.setStatus('offline', { kind: 'error', error: errorWords(wire), retry: { inSeconds: OFFLINE_RETRY_MS / 1000, words: 'tryingAgain' } });
      this.scheduleNext(OFFLINE_RETRY_MS);
      return;
    }
    const error = errorWords(wire);
    this.setStatus('error', { kind: 'error', error });
    this.ctx.events.notice({ level: 'error', where: 'account', words: { kind: 'error', error }, code: wire.code });
    this.scheduleNext(null);
  }

  /** LIST and UIDL, the plan a check would follow, then QUIT: no RETR, no DELE. */
  async dryRun(): Promise<PopDryRun> {
    await this.checking?.catch(() => undefined);
    let opened;
    try {
      opened = await openPop3({ ...this.login, transcript: this.ctx.transcript('dryRun') });
    } catch (error) {
      throw isProtocolError(error) ? error : new ProtocolError(toWire(error));
    }
    const { session } = opened;
    try {
      const { maildrop, hasUidl } = await readMaildrop(session);
      const states = new Map((await this.ctx.cache.query({ query: 'popStates' })).map((s) => [s.uidl, s]));
      const plan = planCheck(maildrop, states, this.settings, this.ctx.now());
      await session.quit();
      return { ...plan, serverHasUidl: hasUidl };
    } catch (error) {
      throw isProtocolError(error) ? error : new ProtocolError(toWire(error));
    } finally {
      if (!session.isClosed) session.close();
    }
  }

  // ---- local folders -------------------------------------------------------------------------

  selectFolder(): Promise<void> {
    return Promise.resolve();
  }

  private async folders(): Promise<FolderRecord[]> {
    return this.ctx.cache.query({ query: 'folders' });
  }

  private async folderByPath(path: string): Promise<FolderRecord> {
    const folder = (await this.folders()).find((f) => f.path === path || f.id === path);
    if (!folder) throw refusedError('NOT_FOUND', { kind: 'noLocalFolder', path });
    return folder;
  }

  async createFolder(parentPath: string | null, name: string): Promise<void> {
    if (!validFolderName(name)) throw refusedError('INVALID_ARGUMENT', { kind: 'badFolderName', name, delimiter: LOCAL_DELIMITER });
    const path = parentPath ? `${(await this.folderByPath(parentPath)).path}${LOCAL_DELIMITER}${name.trim()}` : name.trim();
    if ((await this.folders()).some((f) => f.path.toLowerCase() === path.toLowerCase())) throw refusedError('INVALID_ARGUMENT', { kind: 'folderExists', path });
    await this.ctx.cache.apply([{ op: 'putFolders', folders: [localFolder(`local:${randomUUID()}`, path, null)] }]);
  }

  async renameFolder(path: string, newName: string): Promise<void> {
    const folder = await this.folderByPath(path);
    if (folder.role) throw refusedError('INVALID_ARGUMENT', { kind: 'standardFolderKeepsName', folder: namedFolder(folder) });
    if (!validFolderName(newName)) throw refusedError('INVALID_ARGUMENT', { kind: 'badFolderName', name: newName, delimiter: LOCAL_DELIMITER });
    const newPath = folder.parentPath ? `${folder.parentPath}${LOCAL_DELIMITER}${newName.trim()}` : newName.trim();
    const all = await this.folders();
    if (all.some((f) => f.id !== folder.id && f.path.toLowerCase() === newPath.toLowerCase())) throw refusedError('INVALID_ARGUMENT', { kind: 'folderExists', path: newPath });
    // Subfolders move with it; messages follow their folder's id, which does not change.
    const renamed = all.filter((f) => f.id === folder.id || f.path.startsWith(folder.path + LOCAL_DELIMITER)).map((f) => localFolder(f.id, newPath + f.path.slice(folder.path.length), f.role));
    await this.ctx.cache.apply([{ op: 'putFolders', folders: renamed }]);
  }

  async deleteFolder(path: string): Promise<void> {
    const folder = await this.folderByPath(path);
    if (folder.role) throw refusedError('INVALID_ARGUMENT', { kind: 'standardFolderStays', folder: namedFolder(folder) });
    const doomed = (await this.folders()).filter((f) => f.id === folder.id || f.path.startsWith(folder.path + LOCAL_DELIMITER));
    // Nothing is lost with a folder: its messages go to Trash first.
    const messages = (await Promise.all(doomed.map((f) => this.ctx.cache.query({ query: 'folderMessages', folderId: f.id })))).flat();
    await this.ctx.cache.apply([...(await this.moveOps(messages, LOCAL_FOLDER_IDS.trash)), ...doomed.map((f): CacheOp => ({ op: 'deleteFolder', id: f.id }))]);
  }

  // ---- local messages ------------------------------------------------------------------------

  /**
   * Moving into Trash counts as "deleted here" for the retention choice of that name; moving out
   * of Trash takes that back, so a restored message stays on the server. Deleting from Trash
   * (`delete`) is final and keeps the request.
   */
  private async moveOps(messages: MessageRecord[], folderId: string): Promise<CacheOp[]> {
    const ops: CacheOp[] = [{ op: 'renameMessages', renames: messages.map((m) => ({ from: m.id, to: m.id, folderId, uid: null })) }];
    if (folderId === LOCAL_FOLDER_IDS.trash) {
      const trashed = await this.uidlsOf(messages);
      if (trashed.length) ops.push({ op: 'patchPopStates', uidls: trashed, changes: { deleteRequested: true } });
      return ops;
    }
    const restored = await this.uidlsOf(messages.filter((m) => m.folderId === LOCAL_FOLDER_IDS.trash));
    if (restored.length) ops.push({ op: 'patchPopStates', uidls: restored, changes: { deleteRequested: false } });
    return ops;
  }

  /** Every name the server gives these messages: one the server renamed (new UIDL, same content) has a POP state under each. */
  private async uidlsOf(messages: MessageRecord[]): Promise<string[]> {
    if (messages.length === 0) return [];
    const ids = new Set(messages.map((m) => m.id));
    const named = (await this.ctx.cache.query({ query: 'popStates' })).filter((s) => ids.has(s.messageId)).map((s) => s.uidl);
    return [...new Set([...messages.flatMap((m) => (m.popUidl ? [m.popUidl] : [])), ...named])];
  }

  async changeFlags(messageIds: string[], add: string[], remove: string[]): Promise<Reversal | null> {
    // POP has no flags on the server: read states and flags exist only on this device.
    const { flagsBefore } = await this.ctx.cache.apply([{ op: 'changeFlags', ids: messageIds, add, remove }]);
    return flagReversal({ cache: this.ctx.cache, changeFlags: (ids, a, r) => this.changeFlags(ids, a, r) }, groupByFlags(flagsBefore), add, remove);
  }

  async move(messageIds: string[], toPath: string): Promise<Reversal | null> {
    const target = await this.folderByPath(toPath);
    const messages = (await this.ctx.cache.query({ query: 'messagesByIds', ids: messageIds })).filter((m) => m.folderId !== target.id);
    if (messages.length) await this.ctx.cache.apply(await this.moveOps(messages, target.id));
    return this.moveReversal(messages, target.id);
  }

  async delete(messageIds: string[]): Promise<Reversal | null> {
    const messages = await this.ctx.cache.query({ query: 'messagesByIds', ids: messageIds });
    const inTrash = messages.filter((m) => m.folderId === LOCAL_FOLDER_IDS.trash);
    const elsewhere = messages.filter((m) => m.folderId !== LOCAL_FOLDER_IDS.trash);
    const ops = elsewhere.length ? await this.moveOps(elsewhere, LOCAL_FOLDER_IDS.trash) : [];
    if (inTrash.length) {
      const uidls = await this.uidlsOf(inTrash);
      ops.push({ op: 'deleteMessages', ids: inTrash.map((m) => m.id) });
      if (uidls.length) ops.push({ op: 'patchPopStates', uidls, changes: { deleteRequested: true } });
    }
    await this.ctx.cache.apply(ops);
    return reversalOf([this.moveReversal(elsewhere, LOCAL_FOLDER_IDS.trash)], inTrash.length ? [{ kind: 'deletedForGoodFromTrash', count: inTrash.length }] : []);
  }

  /**
   * What takes messages back to the folders a move (or a delete to Trash) took them from: each
   * one still where the move put it goes back (out of Trash, its "deleted here" is taken back, so
   * no check deletes it from the server). If a check already deleted its server copy ("delete from
   * the server when deleted here"), it comes back on this computer only, and the outcome says so.
   */
  private moveReversal(moved: MessageRecord[], targetId: string): Reversal | null {
    if (moved.length === 0) return null;
    // Ids and folders only: the records themselves are not kept (a change can name 100,000 messages).
    const origins = new Map<string, string[]>();
    for (const m of moved) {
      const ids = origins.get(m.folderId);
      if (ids) ids.push(m.id);
      else origins.set(m.folderId, [m.id]);
    }
    const movedIds = [...origins.values()].flat();
    const cache = this.ctx.cache;
    return {
      size: movedIds.length,
      undo: async () => {
        const current = new Map((await cache.query({ query: 'messagesByIds', ids: movedIds })).filter((m) => m.folderId === targetId).map((m) => [m.id, m]));
        const ops: CacheOp[] = [];
        for (const [folderId, ids] of origins) {
          const back = ids.flatMap((id) => current.get(id) ?? []);
          if (back.length) ops.push(...(await this.moveOps(back, folderId)));
        }
        if (ops.length) await cache.apply(ops);
        const serverGone = new Set((await cache.query({ query: 'popStates' })).filter((s) => current.has(s.messageId) && s.serverDeletedAt !== null).map((s) => s.messageId)).size;
        const gone = movedIds.length - current.size;
        const notes: UndoNote[] = [];
        if (serverGone) notes.push({ kind: 'serverCopyGone', count: serverGone });
        if (gone) notes.push({ kind: 'movedSince', count: gone });
        return { notes };
      },
    };
  }

  async openMessage(messageId: string, markSeen: boolean): Promise<void> {
    const message = await this.ctx.cache.query({ query: 'message', id: messageId });
    if (!message) throw refusedError('NOT_FOUND', { kind: 'messageNoLongerHere' });
    if (!(await this.ctx.cache.query({ query: 'body', messageId }))) await this.downloadRest(message);
    if (markSeen && !message.seen) await this.changeFlags([messageId], [FLAG_SEEN], []);
  }

  /** A headers-only message, fetched whole when opened (RETR by its UIDL's current number). */
  private async downloadRest(message: MessageRecord): Promise<void> {
    const uidl = message.popUidl;
    if (!uidl) throw refusedError('NOT_FOUND', { kind: 'bodyNotStored' });
    const state = (await this.ctx.cache.query({ query: 'popStates' })).find((s) => s.uidl === uidl);
    if (!state || state.serverDeletedAt !== null) throw refusedError('NOT_FOUND', { kind: 'onlyHeaderServerGone' });
    let opened;
    try {
      opened = await openPop3(this.login);
    } catch (error) {
      throw isProtocolError(error) ? error : new ProtocolError(toWire(error));
    }
    const { session } = opened;
    try {
      const number = (await session.uidl())?.find((u) => u.uidl === uidl)?.number;
      if (number === undefined) throw refusedError('NOT_FOUND', { kind: 'onlyHeaderServerGone' });
      const downloaded = await downloadMessage(session, number, { cache: this.ctx.cache, messageId: message.id, limit: LARGE_MESSAGE_BYTES });
      if (downloaded.kind === 'refused') {
        await this.ctx.cache.apply([{ op: 'deleteRawSourceChunks', messageIds: [message.id] }]).catch(() => undefined);
        throw refusedError('CACHE_UNAVAILABLE', { kind: 'popNotStored', reason: { kind: 'cacheRefused', detail: downloaded.reason } });
      }
      const stored = await storeDownloaded(downloaded, message.folderId, message.flags, { id: message.id, popUidl: uidl, listedSize: message.size, limit: LARGE_MESSAGE_BYTES, now: this.ctx.now() });
      // After every piece of a large source committed: the record that it is here (invariant 1).
      await this.ctx.cache.apply([...stored.ops, { op: 'putPopStates', states: [{ ...state, contentHash: downloaded.hash, headersOnly: false, downloadedAt: this.ctx.now() }] }]);
      await session.quit();
    } catch (error) {
      throw isProtocolError(error) ? error : new ProtocolError(toWire(error));
    } finally {
      if (!session.isClosed) session.close();
    }
  }

  async messageSource(messageId: string): Promise<Uint8Array> {
    let source = await this.ctx.cache.query({ query: 'rawSource', messageId });
    if (!source) {
      const message = await this.ctx.cache.query({ query: 'message', id: messageId });
      if (!message) throw refusedError('NOT_FOUND', { kind: 'messageNoLongerHere' });
      await this.refuseLargeSource(message);
      await this.downloadRest(message);
      await this.refuseLargeSource(message);
      source = await this.ctx.cache.query({ query: 'rawSource', messageId });
    }
    if (!source) throw refusedError('NOT_FOUND', { kind: 'sourceNotStored' });
    return source.raw;
  }

  /** The text and attachments of a message kept in source pieces, read from them into the cache (one run per message at a time). */
  extractParts(messageId: string, progress: (progress: ExtractProgress) => void): Promise<void> {
    const running = this.extracting.get(messageId);
    if (running) return running;
    const run = extractLargeParts(this.ctx.cache, messageId, { now: () => this.ctx.now(), progress }).finally(() => this.extracting.delete(messageId));
    this.extracting.set(messageId, run);
    return run;
  }

  /** A source kept in pieces is never put together in main's memory (forwarding needs it whole). */
  private async refuseLargeSource(message: MessageRecord): Promise<void> {
    if ((await this.ctx.cache.query({ query: 'rawSourceChunkCount', messageId: message.id })) === 0) return;
    throw refusedError('MESSAGE_TOO_LARGE', { kind: 'tooLargeToForward', size: message.size });
  }

  // ---- sent and drafts: local only -----------------------------------------------------------

  async storeSent(raw: Uint8Array): Promise<void> {
    const stored = await storeWhole(raw, LOCAL_FOLDER_IDS.sent, [FLAG_SEEN], { now: this.ctx.now() });
    await this.ctx.cache.apply(stored.ops);
  }

  async saveDraft(raw: Uint8Array, replacesDraftId: string | null, draftKey: string | null = null): Promise<void> {
    const earlier = draftKey ? await cachedDraftVersions(this.ctx.cache, LOCAL_FOLDER_IDS.drafts, draftKey) : [];
    const stored = await storeWhole(raw, LOCAL_FOLDER_IDS.drafts, [FLAG_DRAFT, FLAG_SEEN], { now: this.ctx.now() });
    const gone = [...new Set([...(replacesDraftId ? [replacesDraftId] : []), ...earlier])];
    // One transaction: the new version and the end of the earlier ones, so a crash keeps exactly one.
    await this.ctx.cache.apply([...stored.ops, ...(gone.length ? [{ op: 'deleteMessages', ids: gone } satisfies CacheOp] : [])]);
  }

  async discardDraftVersions(draftKey: string): Promise<void> {
    const versions = await cachedDraftVersions(this.ctx.cache, LOCAL_FOLDER_IDS.drafts, draftKey);
    if (versions.length) await this.ctx.cache.apply([{ op: 'deleteMessages', ids: versions }]);
  }

  async discardDraft(draftId: string): Promise<void> {
    await this.ctx.cache.apply([{ op: 'deleteMessages', ids: [draftId] }]);
  }
}
