/** RFC 6154 special-use roles the sandbox gives its standard folders. */
export type SpecialUse = '\\Sent' | '\\Drafts' | '\\Trash' | '\\Junk' | '\\Archive';

/** One stored message. Only the store changes these fields; everyone else gets them read-only. */
export interface MessageRecord {
  readonly uid: number;
  /** RFC 7162: the folder's mod-sequence of this message's last change. */
  modseq: number;
  /** A sorted set of system flags and keywords, never `\Recent`. */
  flags: string[];
  /** RFC 3501 INTERNALDATE, in ms since the epoch. */
  readonly internalDate: number;
  /** RFC822.SIZE: the exact number of stored bytes. */
  readonly size: number;
  /** The content-addressed file that holds the exact bytes (SHA-256 hex). */
  readonly blobId: string;
  /** RFC 1939 UIDL while the message is in INBOX, else null. */
  popUidl: string | null;
}

/** A message that left a folder, kept for QRESYNC's VANISHED (EARLIER) (RFC 7162 §3.2.10). */
export interface ExpungedRecord {
  readonly uid: number;
  readonly modseq: number;
}

export interface FolderRecord {
  /** Stable across renames, so a session that selected the folder keeps it. */
  readonly id: string;
  name: string;
  specialUse: SpecialUse | null;
  readonly uidValidity: number;
  uidNext: number;
  highestModseq: number;
  /** Ascending by UID. */
  messages: MessageRecord[];
  /** Ascending by mod-sequence. */
  expunged: ExpungedRecord[];
}

export interface UserMailbox {
  folders: FolderRecord[];
  /** RFC 3501 §6.3.6: subscriptions are names, and may outlive the folder. */
  subscriptions: string[];
  /** The last UIDVALIDITY handed out for this user: new folders always get a larger one. */
  lastUidValidity: number;
  /** The UIDLs the sample INBOX messages got when first seeded (kept by a "stable" reset). */
  sampleUidls: string[];
}

/** Who made a change: an IMAP session id, 'pop3', 'smtp' or 'sandbox'. */
export type ChangeOrigin = string;

/** What the store tells sessions of the same user, synchronously, as each change is made. */
export type StoreEvent =
  | { kind: 'exists'; folderId: string; uid: number; origin: ChangeOrigin }
  | { kind: 'expunge'; folderId: string; uids: number[]; modseq: number; origin: ChangeOrigin }
  | { kind: 'flags'; folderId: string; uid: number; flags: string[]; modseq: number; origin: ChangeOrigin }
  | { kind: 'folder-deleted'; folderId: string; origin: ChangeOrigin }
  | { kind: 'folder-renamed'; folderId: string; name: string; origin: ChangeOrigin }
  /** The whole mailbox was replaced: sessions end, clients start over. */
  | { kind: 'reset'; origin: ChangeOrigin };

/** A folder and its messages as seeded by the sample or by reset(). */
export interface SeedFolder {
  name: string;
  specialUse: SpecialUse | null;
  messages: SeedMessage[];
}

export interface SeedMessage {
  raw: Buffer;
  flags?: string[];
  internalDate?: Date;
}

/** RFC 1939 UIDL personality: "stable" keeps the sample's UIDLs across a reset. */
export type UidlFormat = 'stable' | 'changes-on-reset';

/** A refused store change, with the RFC 5530 response code IMAP answers with. */
export class StoreError extends Error {
  constructor(
    /** Maps to IMAP response codes (RFC 5530) and POP/SMTP errors. */
    readonly code: 'NONEXISTENT' | 'ALREADYEXISTS' | 'CANNOT' | 'HASCHILDREN' | 'UNKNOWN-USER',
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}
