import type { Mode } from './account';

/** What switching a device to the other mode will do, in numbers, before anything changes. */
export interface SwitchPreview {
  from: Mode;
  to: Mode;
  /** POP → IMAP: local messages found on the server; they become the server's (no duplicate). */
  matched: number;
  matchedBy: { uidl: number; messageId: number; hash: number };
  /** POP → IMAP: matched messages whose read/flag state here differs from the server's. */
  statesToPush: number;
  /** POP → IMAP: messages in the local Inbox that the server no longer has. */
  inboxOnlyHere: number;
  /** POP → IMAP: local folders (Sent, Drafts, and the user's) with their message counts. */
  localFolders: Array<{ path: string; messages: number }>;
  /** POP → IMAP: server INBOX messages this device does not have yet (they will be synced). */
  serverOnly: number;
  /** IMAP → POP: INBOX messages whose body is already here (they become local as they are). */
  cachedWhole: number;
  /** IMAP → POP: INBOX messages to download whole during the switch. */
  toDownload: number;
  /** IMAP → POP: other server folders, which can be copied down as local folders. */
  serverFolders: Array<{ path: string; messages: number }>;
  /** Plain words on what the retention setting will do after the switch. */
  retentionAfter: string;
}

export interface SwitchOptions {
  /** POP → IMAP: upload local-only messages and folders (and local Sent) with APPEND; else they stay local. */
  upload: boolean;
  /** POP → IMAP: carry local read/flag states up to the server (+FLAGS). */
  pushStates: boolean;
  /** IMAP → POP: server folders to copy down as local folders. */
  copyFolders: string[];
}

export interface SwitchResult {
  matched: number;
  uploaded: number;
  statesPushed: number;
  downloaded: number;
  copiedFolders: number;
  keptLocal: number;
}
