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
export const FLAG_DELETED = '\\Deleted';
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

/** One message header as cached: small fields only; the body lives in `bodies`. */
export interface MessageRecord {
  /** `<folderId>#<uid>` for server messages, `local:<uuid>` for local ones, `pending:<opId>` for optimistic moves. */
  id: string;
  folderId: string;
  uid: number | null;
  messageId: string;
  inReplyTo: string;
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
}

export interface AttachmentRecord {
  id: string;
  messageId: string;
  content: Uint8Array;
}

export function messageKey(folderId: string, uid: number): string {
  return `${folderId}#${uid}`;
}

export function serverFolderId(path: string): string {
  return `server:${path}`;
}

/** A message record with a new flag list and the indexed 1/0 copies that follow from it. */
export function withFlagList(message: MessageRecord, flags: string[]): MessageRecord {
  return { ...message, flags, seen: flags.includes(FLAG_SEEN) ? 1 : 0, flagged: flags.includes(FLAG_FLAGGED) ? 1 : 0 };
}
