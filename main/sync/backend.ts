import type { DeviceStatus, Notice, PopDryRun, ServerSearchResult, SyncProgress } from '../../common/contract';
import type { CacheApplied, CacheOp, CacheQuery, CacheQueryResult } from '../../common/cache-protocol';
import type { AccountSummary, DeviceSummary, PopSettings, ServerEndpoint } from '../../common/model/account';
import type { UndoNote } from '../../common/model/main-words';
import type { TranscriptRole } from '../../common/model/transcript';
import type { LoginCredential } from '../protocols/login-credential';
import type { TranscriptSink } from '../transcript/transcript-store';

/** One device's cache, seen from main: batched writes acknowledged after commit, and reads. */
export interface DeviceCacheAccess {
  apply(ops: CacheOp[]): Promise<CacheApplied>;
  query<Q extends CacheQuery>(query: Q): Promise<CacheQueryResult<Q>>;
}

export interface BackendEvents {
  status(status: Omit<DeviceStatus, 'accountId' | 'deviceId'>): void;
  progress(progress: Omit<SyncProgress, 'accountId' | 'deviceId'>): void;
  notice(notice: Pick<Notice, 'level' | 'where' | 'words' | 'code'>): void;
  /** The engine changed the server (a POP check downloaded or deleted): server panels refresh. */
  serverChanged(): void;
}

export interface BackendContext {
  account: AccountSummary;
  device: DeviceSummary;
  /** The server of this device's mode (the account's IMAP or POP3 server). */
  incoming: ServerEndpoint;
  /** What logs in to `incoming`: the password stored for it, or the account's OAuth2 tokens. */
  incomingCredential: LoginCredential;
  /** Where a connection's protocol lines go; `role` names the connection ('sync', 'check' …), `folder` an IDLE connection's folder. */
  transcript(role: TranscriptRole, folder?: string): TranscriptSink;
  cache: DeviceCacheAccess;
  events: BackendEvents;
  now(): number;
  /**
   * How long "every N minutes" counts a minute: 60,000 ms but in tests of the schedule itself,
   * which would otherwise wait out real minutes.
   */
  minuteMs?: number;
}

export const MINUTE_MS = 60_000;

/** What undoing a change did not do: each a note the window words in a notice. */
export interface UndoOutcome {
  notes: UndoNote[];
}

/**
 * What reverses one change to messages, kept by the undo journal (main/core/undo-journal.ts) for a
 * while. It holds ids, UIDs and flag lists only, never message records: a change of 100,000
 * messages must stay cheap to keep.
 */
export interface Reversal {
  /** How many messages it would put back (for the journal's bound on what it keeps). */
  readonly size: number;
  /** Reverses the change (on the server too, queued like any change); at most once. */
  undo(): Promise<UndoOutcome>;
  /** It will not be asked for any more (undone, or dropped by the journal): let go of what it listens to. */
  dispose?(): void;
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
  /** Each answers what reverses it, or null when nothing can (a message deleted for good). */
  changeFlags(messageIds: string[], add: string[], remove: string[]): Promise<Reversal | null>;
  move(messageIds: string[], toPath: string): Promise<Reversal | null>;
  delete(messageIds: string[]): Promise<Reversal | null>;
  createFolder(parentPath: string | null, name: string): Promise<void>;
  renameFolder(path: string, newName: string): Promise<void>;
  deleteFolder(path: string): Promise<void>;
  /** After SMTP accepted a message: keep the copy where this mode keeps sent mail. */
  storeSent(raw: Uint8Array): Promise<void>;
  /**
   * Saves a draft, replacing an earlier one (`replacesDraftId`) and, with `draftKey`, every earlier
   * version with that Message-ID (a composer saving itself); resolves once it is durably queued or stored.
   */
  saveDraft(raw: Uint8Array, replacesDraftId: string | null, draftKey?: string | null): Promise<void>;
  /** Removes a draft after the message was sent. */
  discardDraft(draftId: string): Promise<void>;
  /** Removes every saved version of a composer's draft (`draftKey`: their Message-ID), after the message was sent or discarded. */
  discardDraftVersions(draftKey: string): Promise<void>;
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
  /**
   * IMAP: the server searches these folders (all selectable ones when null) for a query in the
   * search box's language; the hits' headers are put in the cache before this resolves.
   */
  searchServer?(query: string, folderPaths: string[] | null): Promise<ServerSearchResult>;
}
