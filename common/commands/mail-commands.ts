import * as z from 'zod/mini';
import { declareCommands, returns } from './declare';
import { deviceRef, draftKey, flags, folderName, folderPath, id, messageIds, outgoingMessage, type outgoingAttachment } from './schemas';

export type OutgoingAttachment = z.infer<typeof outgoingAttachment>;
export type OutgoingMessage = z.infer<typeof outgoingMessage>;

export interface PopDryRunEntry {
  number: number;
  uidl: string | null;
  size: number;
}

/** What the next POP check would do, computed without changing anything. */
export interface PopDryRun {
  download: PopDryRunEntry[];
  headersOnly: PopDryRunEntry[];
  deletions: PopDryRunEntry[];
  alreadyHere: number;
  serverHasUidl: boolean;
}

/**
 * What a change to messages (flag, move, delete) can be undone by: main keeps, for a while, what
 * reverses it (flags as they were, the messages' way back), also once the server has it. Null when
 * the change cannot be undone (deleted for good).
 */
export interface UndoTicket {
  undoId: string | null;
}

/** A sent message in its undo window (main/core/outbox.ts), as the windows show it. */
export interface OutboxItem {
  id: string;
  accountId: string;
  deviceId: string;
  subject: string;
  /** The To field as typed. */
  to: string;
  /** When it goes to the server, ms since the epoch. */
  sendAt: number;
  /** `uploading`: too late to take back. */
  state: 'waiting' | 'uploading';
}

/** How long a sent message waits, so it can be taken back: off, or these many seconds. */
export const SEND_DELAYS = [0, 5, 10, 20, 30] as const;
export type SendDelay = (typeof SEND_DELAYS)[number];
/** Apple Mail's, and long enough to notice a slip after pressing Send. */
export const DEFAULT_SEND_DELAY: SendDelay = 10;

/** A message the IMAP server found for a search (`messages:searchServer`). */
export interface ServerSearchHit {
  /** The message's cache id; its header is in the cache once the command answers. */
  messageId: string;
  folderPath: string;
  uid: number;
  /** Whether its body was in the cache (a local search could already find it by its words). */
  bodyCached: boolean;
}

/**
 * What the server could not search exactly (RFC 3501 §6.4.4 has no key for it), said beside the
 * results in the window's words: `filename:` searched as text, `has:attachment` by the
 * multipart/mixed Content-Type.
 */
export type ServerSearchNote = { kind: 'filenameAsText'; name: string } | { kind: 'attachmentByType' };

export interface ServerSearchResult {
  hits: ServerSearchHit[];
  /** Folders the server searched. */
  searchedFolders: string[];
  /** More than the limit matched: only the newest `hits` are here. */
  truncated: boolean;
  notes: ServerSearchNote[];
}

/** The largest message the account's sending server takes, as its EHLO reply said (RFC 1870 SIZE). */
export interface SendSizeLimit {
  /** Null when the server states no limit. */
  maxMessageBytes: number | null;
  /** The sending server, to name in a warning. */
  host: string;
}

/** A device's mail: syncing, folders, messages, sending; each runs in the device's engine. */
export const MAIL_COMMANDS = declareCommands({
  'device:sync': { params: z.object(deviceRef), result: returns<null>() },
  'folder:select': { params: z.object({ ...deviceRef, folderPath }), result: returns<null>() },
  'folder:create': { params: z.object({ ...deviceRef, parentPath: z.nullable(folderPath), name: folderName }), result: returns<null>() },
  'folder:rename': { params: z.object({ ...deviceRef, path: folderPath, newName: folderName }), result: returns<null>() },
  'folder:delete': { params: z.object({ ...deviceRef, path: folderPath }), result: returns<null>() },
  /**
   * Fetches and caches the body if needed, and marks the message read. `markSeen` false opens
   * without marking read (the user's "mark read" setting, or a message selected for them).
   */
  'message:open': { params: z.object({ ...deviceRef, messageId: id, markSeen: z.optional(z.boolean()) }), result: returns<null>() },
  /**
   * A message too large to show (POP, its source kept in pieces): reads its text and attachments
   * from those pieces into the cache, with `message:partsProgress` events on the way.
   */
  'message:extractParts': { params: z.object({ ...deviceRef, messageId: id }), result: returns<null>() },
  'messages:flag': { params: z.object({ ...deviceRef, messageIds, add: flags, remove: flags }), result: returns<UndoTicket>() },
  'messages:move': { params: z.object({ ...deviceRef, messageIds, toPath: folderPath }), result: returns<UndoTicket>() },
  /** Moves to Trash; in Trash (or without one), deletes for good. */
  'messages:delete': { params: z.object({ ...deviceRef, messageIds }), result: returns<UndoTicket>() },
  /** Reverses a change an UndoTicket names, on the server too when it already has it. */
  'messages:undo': { params: z.object({ ...deviceRef, undoId: id }), result: returns<null>() },
  /**
   * IMAP: the server searches (UID SEARCH, CHARSET UTF-8) the named folders, or all of them (null),
   * for a query in the search box's language (common/search/query.ts); hits are put in the cache.
   */
  'messages:searchServer': { params: z.object({ ...deviceRef, query: z.string().check(z.minLength(1), z.maxLength(2_000)), folderPaths: z.nullable(z.array(folderPath).check(z.maxLength(1_000))) }), result: returns<ServerSearchResult>() },
  /** The message as the server (IMAP) or this computer (POP) has it, byte for byte: to save as .eml. */
  'message:source': { params: z.object({ ...deviceRef, messageId: id }), result: returns<Uint8Array>() },
  /**
   * Sends a message: at once, or (undo send) after the user's delay, kept until then in the outbox
   * (`queued`), where `message:unsend` can take it back. Checked before it waits (an identity,
   * a recipient, the server's size limit).
   */
  'message:send': { params: outgoingMessage, result: returns<{ messageId: string; queued: OutboxItem | null }>() },
  /** Takes a message back from the outbox before it goes, whole, for the composer to open again. */
  'message:unsend': { params: z.object({ id }), result: returns<OutgoingMessage>() },
  /** The messages in their undo window (a window opened later shows them too). */
  'outbox:list': { params: z.null(), result: returns<OutboxItem[]>() },
  /** How long a sent message waits (seconds; 0: it goes at once). */
  'send:delay': { params: z.null(), result: returns<SendDelay>() },
  'send:setDelay': { params: z.object({ seconds: z.union(SEND_DELAYS.map((n) => z.literal(n))) }), result: returns<SendDelay>() },
  'draft:save': { params: outgoingMessage, result: returns<{ messageId: string }>() },
  /** Removes every saved version of a composer's draft (its `draftKey`): the user discarded the message. */
  'draft:discard': { params: z.object({ ...deviceRef, draftKey }), result: returns<null>() },
  /**
   * The sending server's size limit, for the composer to warn before sending: known from this
   * run's last check or send, or asked (connect, EHLO, log in) when not.
   */
  'message:sizeLimit': { params: z.object(deviceRef), result: returns<SendSizeLimit>() },
  /** POP: what the next check would download and DELE, without sending either. */
  'pop:dryRun': { params: z.object(deviceRef), result: returns<PopDryRun>() },
});
