import type { ErrorCode } from '../errors';
import type { NamedFolder, PopStoreReason, UnreadableReason } from './mail';
import type { Refusal } from './refusals';

/**
 * What main tells the user, as codes with their values: main never words a status line, a notice
 * or a note itself; the renderer says them in the language shown (renderer/features/status/,
 * renderer/i18n/). Declared once here, carried by the contract (DeviceStatus, Notice, AppInfo).
 */

/**
 * An error as main reports it: its code and main's words (the code's general words are said in the
 * language shown), and what was refused as values when main knows it.
 */
export interface ErrorWords {
  code: ErrorCode;
  message: string;
  refusal?: Refusal;
}

/** When a device tries again by itself. IMAP says "Retrying in 8 s.", POP "Trying again in 60 s.". */
export interface StatusRetry {
  inSeconds: number;
  words: 'retrying' | 'tryingAgain';
}

/** Which answer of the server broke the connection: a FETCH of these UIDs (or of this range, when none are known). */
export interface BrokenFetch {
  uids: number[];
  range: string;
}

/** The detail of a device's status line (beside its connection state). */
export type StatusDetail = (
  | { kind: 'notConnected' }
  | { kind: 'notChecked' }
  | { kind: 'connecting' }
  | { kind: 'connected' }
  | { kind: 'stopped' }
  | { kind: 'reconnecting' }
  | { kind: 'checkingMail' }
  /** A POP check downloading its messages. */
  | { kind: 'downloading'; done: number; total: number }
  /** A POP check ended at `at` (the UI says the time in its locale). */
  | { kind: 'checked'; at: number; downloaded: number; failed: number; deleted: number }
  /** RFC 2449 [IN-USE]: another session holds the maildrop. */
  | { kind: 'mailboxBusy' }
  | { kind: 'error'; error: ErrorWords }
  /** The server broke the connection in the middle of a FETCH: that message is shown as unreadable, or being looked for. */
  | { kind: 'brokenFetch'; error: ErrorWords; fetch: BrokenFetch; outcome: 'unreadable' | 'isolating' }
) & { retry?: StatusRetry };

/** A change the server refused when it was replayed (RFC 4549). */
export type RefusedChange =
  | { kind: 'flags'; count: number; folder: NamedFolder }
  | { kind: 'move'; count: number; folder: NamedFolder; toFolder: NamedFolder }
  | { kind: 'expunge'; count: number; folder: NamedFolder }
  | { kind: 'append'; folder: NamedFolder };

/**
 * What an undo could not take back, for `count` messages: flags changed again since, or the
 * messages no longer in their folder; moved or deleted again since; not found where a move put them
 * (`folder`); uploaded from this computer and left on the server (`folder`); deleted for good; back
 * on a POP device only, the server's copy already deleted.
 */
export type UndoNote =
  | { kind: 'flagsChangedSince'; count: number }
  | { kind: 'flagsNotInFolder'; count: number }
  | { kind: 'movedSince'; count: number }
  | { kind: 'notFoundToMoveBack'; count: number; folder: NamedFolder }
  | { kind: 'uploadedStay'; count: number; folder: NamedFolder }
  | { kind: 'deletedForGood'; count: number }
  | { kind: 'deletedForGoodFromTrash'; count: number }
  | { kind: 'serverCopyGone'; count: number };

/** What a notice from main says. `subject`: a message's subject, '' when it has none. */
export type NoticeWords =
  | { kind: 'error'; error: ErrorWords }
  /** The outbox: a message left its undo window. */
  | { kind: 'sent'; subject: string }
  | { kind: 'notSent'; subject: string; reason: string }
  | { kind: 'notSentNotKept'; subject: string; reason: string; to: string; text: string }
  | { kind: 'stoppedWhileSending'; subject: string }
  | { kind: 'sentButRefused'; refused: string[] }
  /** `notes`: what undo could not take back. */
  | { kind: 'undoneExcept'; notes: UndoNote[] }
  | { kind: 'changeRefused'; change: RefusedChange; reason: string }
  | { kind: 'unreadableResponse'; uid: number; folder: NamedFolder; reason: UnreadableReason }
  | { kind: 'notWatched'; folder: NamedFolder; error: ErrorWords }
  /** A POP check: a message that could not be stored, or arrived short. */
  | { kind: 'popNotStored'; number: number; size: number; uidl: string | null; reason: PopStoreReason }
  | { kind: 'popIncomplete'; number: number; received: number; size: number }
  | { kind: 'switchCompleted'; device: string; to: 'imap' | 'pop3' }
  | { kind: 'switchUndone'; device: string; reason: string }
  | { kind: 'fileNotOpened'; file: string; reason: string }
  | { kind: 'sandboxNotStarted'; reason: string }
  | { kind: 'sandboxNotDelivered'; reason: string };

/** Where passwords are kept, when it is weaker than the system keyring. */
export type SecretStorageNote =
  /** The web harness's owner-only file. */
  | 'harnessFile'
  /** Linux without a keyring: Electron's fixed key. */
  | 'fixedKey';
