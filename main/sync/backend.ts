import type { DeviceStatus, Notice, PopDryRun, SyncProgress } from '../../common/contract';
import type { CacheOp, CacheQuery, CacheQueryResult } from '../../common/cache-protocol';
import type { AccountSummary, DeviceSummary, PopSettings, ServerEndpoint } from '../../common/model/account';
import type { TranscriptSink } from '../transcript/transcript-store';

/** One device's cache, seen from main: batched writes acknowledged after commit, and reads. */
export interface DeviceCacheAccess {
  apply(ops: CacheOp[]): Promise<void>;
  query<Q extends CacheQuery>(query: Q): Promise<CacheQueryResult<Q>>;
}

export interface BackendEvents {
  status(status: Omit<DeviceStatus, 'accountId' | 'deviceId'>): void;
  progress(progress: Omit<SyncProgress, 'accountId' | 'deviceId'>): void;
  notice(notice: Pick<Notice, 'level' | 'where' | 'text' | 'code'>): void;
  /** The engine changed the server (a POP check downloaded or deleted): server panels refresh. */
  serverChanged(): void;
}

export interface BackendContext {
  account: AccountSummary;
  device: DeviceSummary;
  /** The server of this device's mode (the account's IMAP or POP3 server). */
  incoming: ServerEndpoint;
  incomingPassword: string;
  /** Where a connection's protocol lines go; `role` names the connection ("sync", "check" …). */
  transcript(role: string): TranscriptSink;
  cache: DeviceCacheAccess;
  events: BackendEvents;
  now(): number;
}

/**
 * The protocol seam: one interface, one engine per mode, chosen in one factory. Engines never
 * touch windows, IPC or React; they change mail state only through the cache.
 */
export interface MailboxBackend {
  start(): Promise<void>;
  stop(): Promise<void>;
  syncNow(): Promise<void>;
  selectFolder(path: string): Promise<void>;
  /** Makes the body available in the cache, and marks the message read when `markSeen`. */
  openMessage(messageId: string, markSeen: boolean): Promise<void>;
  changeFlags(messageIds: string[], add: string[], remove: string[]): Promise<void>;
  move(messageIds: string[], toPath: string): Promise<void>;
  delete(messageIds: string[]): Promise<void>;
  createFolder(parentPath: string | null, name: string): Promise<void>;
  renameFolder(path: string, newName: string): Promise<void>;
  deleteFolder(path: string): Promise<void>;
  /** After SMTP accepted a message: keep the copy where this mode keeps sent mail. */
  storeSent(raw: Uint8Array): Promise<void>;
  /** Saves a draft, replacing an earlier one; resolves once it is durably queued or stored. */
  saveDraft(raw: Uint8Array, replacesDraftId: string | null): Promise<void>;
  /** Removes a draft after the message was sent. */
  discardDraft(draftId: string): Promise<void>;
  /** The whole source of a message, e.g. to forward its attachments. */
  messageSource(messageId: string): Promise<Uint8Array>;
  /** POP retention and checking; throws for a mode without them, or what the server cannot do. */
  configure(settings: PopSettings): void;
  /** POP: true once a check found that the server has no UIDL. */
  serverLacksUidl?(): boolean;
  /** POP: what the next check would do, computed without changing anything on the server. */
  dryRun?(): Promise<PopDryRun>;
  /**
   * POP: reads the text and attachments of a message kept in source pieces (too large to parse
   * whole) into the cache; `progress` hears how much of the source was read.
   */
  extractParts?(messageId: string, progress: (progress: { bytesDone: number; bytesTotal: number }) => void): Promise<void>;
}
