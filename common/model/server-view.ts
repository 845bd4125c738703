import type { FolderRole } from './mail';

/** One server folder as LIST-STATUS reports it. */
export interface ServerFolderStatus {
  path: string;
  role: FolderRole | null;
  total: number | null;
  unseen: number | null;
  uidNext: number | null;
  uidValidity: number | null;
  highestModseq: string | null;
}

export interface ServerImapMessage {
  uid: number;
  flags: string[];
  size: number;
  subject: string;
  messageId: string;
}

/** What the IMAP server holds, seen through the observer's own read-only connection. */
export interface ImapServerView {
  kind: 'imap';
  at: number;
  folders: ServerFolderStatus[];
  folderPath: string;
  uidValidity: number;
  uidNext: number;
  highestModseq: string | null;
  exists: number;
  /** Newest first; at most the newest few hundred (see `truncated`). */
  messages: ServerImapMessage[];
  truncated: boolean;
}

export interface ServerPopMessage {
  number: number;
  uidl: string | null;
  size: number;
  subject: string;
  messageId: string;
}

/** The POP maildrop, as a fresh session lists it (STAT, LIST, UIDL, TOP n 0; never RETR or DELE). */
export interface PopServerView {
  kind: 'pop3';
  at: number;
  hasUidl: boolean;
  count: number;
  totalSize: number;
  messages: ServerPopMessage[];
  truncated: boolean;
}

export interface ServerViewError {
  kind: 'error';
  at: number;
  mode: 'imap' | 'pop3';
  message: string;
}

export type ServerView = ImapServerView | PopServerView | ServerViewError;
