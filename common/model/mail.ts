import type { PopRetention } from './account';

/** An address as shown: a display name (maybe empty) and the address itself. */
export interface MailAddress {
  name: string;
  address: string;
}

/** Special-use roles (RFC 6154), plus the inbox. */
export type FolderRole = 'inbox' | 'sent' | 'drafts' | 'trash' | 'junk' | 'archive' | 'all' | 'flagged';

export type FolderOrigin = 'server' | 'local';

/** IMAP system flags we give meaning to. Keywords pass through as strings. */
export const FLAG_SEEN = '\\Seen';
export const FLAG_FLAGGED = '\\Flagged';
export const FLAG_ANSWERED = '\\Answered';
export const FLAG_DRAFT = '\\Draft';

/** A folder as cached for one device. */
export interface FolderRecord {
  /** `server:<path>` for server folders, `local:<uuid>` for local ones. */
  id: string;
  origin: FolderOrigin;
  path: string;
  name: string;
  delimiter: string;
  parentPath: string;
  role: FolderRole | null;
  /** Cannot hold messages (\Noselect). */
  noSelect: boolean;
  /** Total and unseen as the server last reported them (STATUS), for folders not synced yet. */
  serverTotal: number | null;
  serverUnseen: number | null;
  /** Sync state (RFC 4549): all of it resets when uidValidity changes. */
  uidValidity: number | null;
  uidNext: number | null;
  highestModseq: string | null;
  /** Every UID at or above this is cached; 0 when the whole folder is; null before the first sync. */
  backfillBelowUid: number | null;
  syncedAt: number | null;
}

/**
 * A folder as main's words name it (a refusal, a notice, an undo's note): the window says a
 * standard folder's name in its language, as its folder list does (renderer/i18n/folder-names.ts).
 */
export type NamedFolder = Pick<FolderRecord, 'id' | 'origin' | 'path' | 'name' | 'role'>;

/** Only what main's words say of a folder. */
export function namedFolder(folder: NamedFolder): NamedFolder {
  return { id: folder.id, origin: folder.origin, path: folder.path, name: folder.name, role: folder.role };
}

/** One message header as cached: small fields only; the body lives in `bodies`. */
export interface MessageRecord {
  /** `<folderId>#<uid>` for server messages, `local:<uuid>` for local ones, `pending:<opId>` for optimistic moves. */
  id: string;
  folderId: string;
  uid: number | null;
  messageId: string;
  inReplyTo: string;
  /**
   * The References header's Message-IDs, oldest first (RFC 5322 §3.6.4), for threading; absent in
   * records cached before threading, and for a message without the header.
   */
  references?: string[];
  subject: string;
  from: MailAddress[];
  to: MailAddress[];
  cc: MailAddress[];
  replyTo: MailAddress[];
  /** Header date in ms since the epoch (internal date when the header is missing or invalid). */
  date: number;
  size: number;
  flags: string[];
  /** 1/0 copies of \Seen and \Flagged, because IndexedDB cannot index booleans. */
  seen: 0 | 1;
  flagged: 0 | 1;
  hasAttachments: boolean;
  snippet: string;
  popUidl: string | null;
  /**
   * Why this message cannot be shown (e.g. the server's response for it was refused by the
   * parser); the list shows it instead of the subject. Absent for every readable message.
   */
  problem?: string;
  /**
   * The same problem as values, said in the window's language (renderer/i18n/problem-words.ts);
   * `problem` keeps main's English, for records made before this field and anything that cannot
   * read it.
   */
  problemWords?: MessageProblemWords;
  /** Lower-case words of the sender and subject: the local search index (see model/search.ts). */
  words?: string[];
  /**
   * The number of its `searchTerms` record (common/search/index-record.ts). Kept by the cache host
   * alone: given when the message is first stored, carried through moves, and never taken from
   * main (the host keeps the one stored under the same id). Absent in records made before schema
   * version 7 until the host's index build reaches them.
   */
  searchDoc?: number;
}

export interface AttachmentMeta {
  /** Stable within the message: `<messageId>/<index>`. */
  id: string;
  filename: string;
  contentType: string;
  size: number;
  contentId: string | null;
  inline: boolean;
}

/**
 * An attachment the reader lists: every one but an image the HTML shows in place (inline, with a
 * Content-ID). A message's paperclip in the list means it has one of these (main/mime/attachment-rule.ts).
 */
export function isListedAttachment(meta: Pick<AttachmentMeta, 'inline' | 'contentId'>): boolean {
  return !(meta.inline && meta.contentId);
}

/** The parsed body of a message, fetched when it is first opened. */
export interface BodyRecord {
  messageId: string;
  text: string;
  /** Untrusted HTML as received; sanitized by the reader before display. Null for plain-text mail. */
  html: string | null;
  /** Every header as `name: value` lines, for "show headers" and reply/forward. */
  headers: Array<[string, string]>;
  references: string[];
  attachments: AttachmentMeta[];
  fetchedAt: number;
  /** Problems met while parsing, shown to the user instead of failing. */
  parseWarnings: string[];
  /**
   * A message too large to parse whole (its source in pieces): when its text and attachments were
   * read from those pieces on the user's request. Absent until then, and for every other message.
   */
  partsExtractedAt?: number;
}

/**
 * What this device knows of one message in the POP maildrop, by its UIDL. Survives crashes: a
 * message is marked downloaded only in the same transaction that stores it, and its server copy
 * is deleted (DELE, then QUIT) only after that transaction committed.
 */
export interface PopStateRecord {
  uidl: string;
  /** The local message's cache id; empty until downloaded. */
  messageId: string;
  /** Size as the server's LIST said. */
  size: number;
  /** SHA-256 of the whole source; empty for headers-only downloads. */
  contentHash: string;
  /** The Message-ID header, for matching when the server changes its UIDLs. */
  messageIdHeader: string;
  firstSeenAt: number;
  /** When the whole message was committed locally; null while only the header is here. */
  downloadedAt: number | null;
  headersOnly: boolean;
  /** The user deleted it here (for "delete from the server when I delete it here"). */
  deleteRequested: boolean;
  /** When this device saw the server copy go (its own QUIT after DELE, or it vanished). */
  serverDeletedAt: number | null;
  /** Why it went: deleted by this device, or gone for another reason (another device, the server). */
  serverDeletedBy: 'this-device' | 'elsewhere' | null;
  /**
   * The retention setting in force when this device deleted it (its own rule explains it, not
   * whatever the setting is now); null or absent when not deleted by this device, or deleted
   * before this was recorded. Cleared, with the two above, when the server lists it again.
   */
  deletedUnder?: PopRetention | null;
}

/** The exact bytes a POP download received, kept for forwarding, re-parsing and uploads. */
export interface RawSourceRecord {
  messageId: string;
  raw: Uint8Array;
}

export interface AttachmentRecord {
  id: string;
  messageId: string;
  content: Uint8Array;
}

export function messageKey(folderId: string, uid: number): string {
  return `${folderId}#${uid}`;
}

/**
 * The folder and UID a message id names (messageKey), or null for an id not shaped so (a moved
 * message's placeholder, a damaged record). A folder's path may itself hold '#': the UID is after the last.
 */
export function messageKeyParts(id: string): { folderId: string; uid: number } | null {
  // A record without a string id (damaged input) names nothing.
  if (typeof id !== 'string') return null;
  const hash = id.lastIndexOf('#');
  if (hash <= 0) return null;
  const digits = id.slice(hash + 1);
  // Only what messageKey writes: "#007" is not the key of UID 7, and reading it so would name another record.
  if (!/^(?:0|[1-9]\d{0,14})$/.test(digits)) return null;
  return { folderId: id.slice(0, hash), uid: Number(digits) };
}

export function serverFolderId(path: string): string {
  return `server:${path}`;
}

/** The four local folders every POP device has; user folders get `local:<uuid>`. */
export const LOCAL_FOLDER_IDS = { inbox: 'local:inbox', sent: 'local:sent', drafts: 'local:drafts', trash: 'local:trash' } as const;

/** A message record with a new flag list and the indexed 1/0 copies that follow from it. */
export function withFlagList(message: MessageRecord, flags: string[]): MessageRecord {
  return { ...message, flags, seen: flags.includes(FLAG_SEEN) ? 1 : 0, flagged: flags.includes(FLAG_FLAGGED) ? 1 : 0 };
}

/** Why a POP message could not be stored: the cache refused the write, or its processing failed. */
export type PopStoreReason = { kind: 'cacheRefused'; detail: string } | { kind: 'unprocessable'; detail: string };

/**
 * Why an IMAP server's FETCH answer for one message could not be read: it stalled, grew past any
 * mail, broke the parser (`detail`: the parser's words, when it gave any), or ended the connection,
 * or the server left the message out of its answer.
 */
export type UnreadableReason = { kind: 'stalled' } | { kind: 'tooLarge' } | { kind: 'malformed'; detail: string | null } | { kind: 'connectionLost' } | { kind: 'notSent' };

/** An unreadable answer's reason in main's English (logs, and `problem`). */
export function unreadableReasonEnglish(reason: UnreadableReason): string {
  switch (reason.kind) {
    case 'stalled':
      return 'the server stopped answering in the middle of it';
    case 'tooLarge':
      return 'it was far larger than any mail server sends';
    case 'malformed':
      return reason.detail === null ? 'the response was malformed' : `its FETCH response is malformed (${reason.detail})`;
    case 'connectionLost':
      return 'the server closed the connection in the middle of it';
    case 'notSent':
      return 'the server did not send it';
    default: {
      const never: never = reason;
      return never;
    }
  }
}

/** Why a message cannot be shown, as values (the details are a parser's or the cache's own words). */
export type MessageProblemWords =
  /** An IMAP server's FETCH answer for it could not be read. */
  | { kind: 'unreadable'; uid: number; reason: UnreadableReason }
  /** A POP message that could not be stored; it stays on the server. */
  | { kind: 'popNotStored'; number: number; size: number; uidl: string | null; reason: PopStoreReason };

/** A POP store failure's reason in main's English (logs, and `problem`). */
export function popStoreReasonEnglish(reason: PopStoreReason): string {
  return reason.kind === 'cacheRefused' ? `the local cache refused it (${reason.detail})` : `it could not be processed (${reason.detail})`;
}

/**
 * The list row of a message that cannot be shown (its server answer could not be read, or it
 * could not be stored): no header facts, only where it is and why, so the user knows it exists
 * and the messages around it still show.
 */
export function problemRecord(fields: Pick<MessageRecord, 'id' | 'folderId' | 'uid' | 'popUidl' | 'date' | 'size' | 'problemWords'> & { problem: string }): MessageRecord {
  return { ...fields, messageId: '', inReplyTo: '', subject: '', from: [], to: [], cc: [], replyTo: [], flags: [], seen: 0, flagged: 0, hasAttachments: false, snippet: '', words: [] };
}
