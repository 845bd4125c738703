import type { AttachmentRecord, BodyRecord, FolderRecord, MessageRecord, PopStateRecord, RawSourceRecord } from './model/mail';
import type { PendingOpRecord } from './model/pending';
import type { AttachmentChunkRecord, RawSourceChunkRecord } from './model/raw-source';

/**
 * The operations main asks the cache host to apply. A batch of them commits in one IndexedDB
 * transaction or not at all, and is acknowledged only after the commit.
 */
export type CacheOp =
  | { op: 'putFolders'; folders: FolderRecord[] }
  | { op: 'patchFolder'; id: string; changes: Partial<Omit<FolderRecord, 'id'>> }
  | { op: 'deleteFolder'; id: string }
  /** Insert or replace headers; a message's cached body is kept. */
  | { op: 'putMessages'; messages: MessageRecord[] }
  /** Set the whole flag list of cached messages; ids not in the cache are skipped. */
  | { op: 'setFlags'; updates: Array<{ id: string; flags: string[] }> }
  /**
   * Add/remove flags on cached messages (optimistic user actions). Ids not in the cache are
   * skipped; the batch's result says what the found ones had before (CacheApplied).
   */
  | { op: 'changeFlags'; ids: string[]; add: string[]; remove: string[] }
  | { op: 'deleteMessages'; ids: string[] }
  /**
   * Re-key messages, keeping their bodies: an optimistic move, then the server's COPYUID. With
   * `record`, that record is stored under `to` instead of the one found (written once, not renamed
   * and then replaced: a switch's migration), and stored even when `from` is not here.
   */
  | { op: 'renameMessages'; renames: Array<{ from: string; to: string; folderId: string; uid: number | null; record?: MessageRecord }> }
  /** Drop every message of a folder (UIDVALIDITY changed, RFC 4549 §3). */
  | { op: 'clearFolder'; folderId: string }
  | { op: 'putBody'; body: BodyRecord; attachments: AttachmentRecord[] }
  | { op: 'putRawSource'; source: RawSourceRecord }
  /** Pieces of a large message's source, written as they download, before its message record. */
  | { op: 'putRawSourceChunks'; chunks: RawSourceChunkRecord[] }
  /** Every piece of these messages' sources (an interrupted download's leftovers, or a fresh start). */
  | { op: 'deleteRawSourceChunks'; messageIds: string[] }
  /** Pieces of attachments read out of a large message's source, written before the body that lists them. */
  | { op: 'putAttachmentChunks'; chunks: AttachmentChunkRecord[] }
  /** Every attachment piece of these messages (a fresh start of reading their parts, or leftovers). */
  | { op: 'deleteAttachmentChunks'; messageIds: string[] }
  | { op: 'putPopStates'; states: PopStateRecord[] }
  | { op: 'patchPopStates'; uidls: string[]; changes: Partial<Omit<PopStateRecord, 'uidl'>> }
  | { op: 'deletePopStates'; uidls: string[] }
  /** Every POP state at once (a switch to IMAP): one request, where deleting them one by one took seconds. */
  | { op: 'clearPopStates' }
  | { op: 'addPendingOp'; record: PendingOpRecord }
  | { op: 'removePendingOp'; id: string }
  | { op: 'patchPendingOp'; id: string; changes: Pick<PendingOpRecord, 'attempts' | 'lastError'> };

/** A message's place and flags, as a flag change reads them. */
export type MessageFlagState = Pick<MessageRecord, 'id' | 'folderId' | 'uid' | 'flags'>;

/**
 * What a committed batch found, for the changes main makes undoable: the place and flags, before
 * the change, of every message a `changeFlags` op of the batch found (in the order of its ids).
 * Read in the batch's own transaction: a separate read before it read the same records twice,
 * 0.3–0.7 s for every 5,000 messages marked read (bench scenario 10).
 */
export interface CacheApplied {
  flagsBefore: readonly MessageFlagState[];
}

/** The result of a batch without a `changeFlags` op. */
export const NOTHING_FOUND: CacheApplied = { flagsBefore: [] };

/** Reads main needs from the cache (sync state, the offline queue). */
export type CacheQuery =
  | { query: 'folders' }
  | { query: 'messageUids'; folderId: string }
  | { query: 'message'; id: string }
  | { query: 'messagesByIds'; ids: string[] }
  | { query: 'body'; messageId: string }
  /** Which of these messages have a body here (keys only, no body read), in the order asked. */
  | { query: 'bodyIds'; ids: string[] }
  | { query: 'attachments'; messageId: string }
  | { query: 'pendingOps' }
  | { query: 'pendingCount' }
  | { query: 'popStates' }
  | { query: 'rawSource'; messageId: string }
  /** How many pieces of its source a large message has (0: none, or a whole `rawSource`). */
  | { query: 'rawSourceChunkCount'; messageId: string }
  /** One piece of a large message's source (null when there is no such piece): read one at a time. */
  | { query: 'rawSourceChunk'; messageId: string; index: number }
  /** The pieces `from` to `from + count - 1` of a large message's source, in order (fewer at its end). */
  | { query: 'rawSourceChunkRange'; messageId: string; from: number; count: number }
  /** Messages that have source pieces but no message record: downloads that never finished. */
  | { query: 'orphanRawSourceChunks' }
  /** Messages of a folder (local folders are small enough to read whole). */
  | { query: 'folderMessages'; folderId: string };

export interface CacheQueryResults {
  folders: FolderRecord[];
  messageUids: number[];
  message: MessageRecord | null;
  messagesByIds: MessageRecord[];
  body: BodyRecord | null;
  bodyIds: string[];
  attachments: AttachmentRecord[];
  pendingOps: PendingOpRecord[];
  pendingCount: number;
  popStates: PopStateRecord[];
  rawSource: RawSourceRecord | null;
  rawSourceChunkCount: number;
  rawSourceChunk: RawSourceChunkRecord | null;
  rawSourceChunkRange: RawSourceChunkRecord[];
  orphanRawSourceChunks: string[];
  folderMessages: MessageRecord[];
}

export type CacheQueryResult<Q extends CacheQuery> = CacheQueryResults[Q['query']];

/** Messages on the main ↔ cache-host channel (Electron IPC or the harness WebSocket). */
export type CacheHostRequest =
  | { kind: 'apply'; requestId: number; dbName: string; ops: CacheOp[] }
  | { kind: 'query'; requestId: number; dbName: string; query: CacheQuery }
  | { kind: 'dropDatabase'; requestId: number; dbName: string };

export type CacheHostReply =
  | { kind: 'done'; requestId: number; value: unknown }
  | { kind: 'failed'; requestId: number; message: string };

/**
 * A large string or byte array of a request, sent apart from it in pieces (see cache-pieces.ts):
 * where it goes in the message (which holds null there meanwhile), and whether its pieces are
 * UTF-8 text or bytes.
 */
export interface PiecedValue {
  path: Array<string | number>;
  type: 'text' | 'bytes';
  /** Its length in bytes (a byte array), so the receiver writes each piece in place as it comes. */
  byteLength?: number;
}

/** One piece of a pieced value: the `index`th of the value numbered `value` in its request's head. */
export interface CachePiece {
  kind: 'piece';
  requestId: number;
  value: number;
  index: number;
  data: Uint8Array;
}

/**
 * How a request (or a reply) with large values travels on a channel that copies what it carries
 * (the harness WebSocket, Electron IPC): its head (the message without them), every piece, then
 * the end, which says how many pieces each value has. The other side takes the message once all
 * arrived; the cache host applies requests in the order of their heads.
 */
export type CachePieceFrame<T> =
  | { kind: 'pieced'; requestId: number; message: T; values: PiecedValue[] }
  | CachePiece
  | { kind: 'piecesEnd'; requestId: number; pieces: number[] };

/** Everything main sends the cache host: a request whole, or a part of one sent in pieces. */
export type CacheHostFrame = CacheHostRequest | CachePieceFrame<CacheHostRequest>;

/** Everything the cache host sends main: a reply whole, or a part of one sent in pieces. */
export type CacheReplyFrame = CacheHostReply | CachePieceFrame<CacheHostReply>;
