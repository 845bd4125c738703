import type { PopRetention } from './account';
import type { NamedFolder } from './mail';
import type { Mode } from './mode';

/** The read/flag states a switch compares and may carry to the server (RFC 3501 §2.3.2 system flags). */
export type SwitchFlag = '\\Seen' | '\\Flagged' | '\\Answered';

/** One state of one matched message that is not the same here and on the server. */
export interface StateDifference {
  flag: SwitchFlag;
  /** Set on this device. */
  here: boolean;
  /** Set on the server (by another device, or by the server itself: Dovecot marks \Seen what POP downloads). */
  server: boolean;
}

/** A matched message whose read/flag state differs here and on the server. */
export interface MessageStates {
  /** The local message's id: what `SwitchOptions.pushMessages` names. */
  id: string;
  subject: string;
  from: string;
  /** The local folder it is in. */
  folder: NamedFolder;
  differences: StateDifference[];
}

/** What switching a device to the other mode will do, in numbers, before anything changes. */
export interface SwitchPreview {
  from: Mode;
  to: Mode;
  /** POP → IMAP: local messages found on the server; they become the server's (no duplicate). */
  matched: number;
  matchedBy: { uidl: number; messageId: number; hash: number };
  /** POP → IMAP: matched messages whose read/flag state here differs from the server's. */
  statesToPush: number;
  /** POP → IMAP: those messages, each with its differing states (the dialog shows which way each goes). */
  stateChanges: MessageStates[];
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
  /**
   * What the retention setting will do after the switch (the window words it): to IMAP, none (the
   * server keeps every message); to POP, this rule until the user chooses another.
   */
  retentionAfter: { kind: 'imap-keeps-all' } | { kind: 'pop-rule'; retention: PopRetention };
}

export interface SwitchOptions {
  /** POP → IMAP: upload local-only messages and folders (and local Sent) with APPEND; else they stay local. */
  upload: boolean;
  /**
   * POP → IMAP: set on the server what this device set (read, flagged, answered here and not
   * there), for every matched message. Never clears a state: see `pushMessages`.
   */
  pushStates: boolean;
  /**
   * POP → IMAP: messages (local ids) the user chose one by one: their whole read/flag state goes
   * to the server, clearing what is set there and not here. Absent in journals written before it existed.
   */
  pushMessages?: string[];
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
  /** The user cancelled: the device kept its old mode and nothing was changed on the server. */
  cancelled?: boolean;
}

/** Which way one differing state goes: this device's value to the server, or the server's to this device. */
export type StateDirection = 'toServer' | 'fromServer';

/**
 * The rule of a POP → IMAP switch for one differing state. By default the server's state wins
 * (other devices may have read or flagged the message; POP never told this device). A state this
 * device set goes up when the user asked to push; a state set on the server and not here is
 * cleared only for a message the user chose; \Answered set elsewhere is a fact, never cleared.
 */
export function stateDirection(difference: StateDifference, chosen: boolean, pushStates: boolean): StateDirection {
  if (difference.here && !difference.server) return chosen || pushStates ? 'toServer' : 'fromServer';
  if (difference.flag === '\\Answered') return 'fromServer';
  return chosen ? 'toServer' : 'fromServer';
}

/** The steps of a switch, in the order they run; the dialog names them with counts. */
export type SwitchStep = 'reading-here' | 'reading-server' | 'matching' | 'moving' | 'uploading' | 'states' | 'listing-pop' | 'downloading' | 'copying' | 'saving';

export interface SwitchProgress {
  step: SwitchStep;
  done: number;
  total: number;
  /** False once the server starts being changed (a POP → IMAP switch's last, short steps): those run to the end. */
  canCancel: boolean;
  /** Preview or the switch itself. */
  stage: 'preview' | 'switch';
}
