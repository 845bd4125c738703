/**
 * The one typed API between renderer windows and main. Commands go renderer → main and answer
 * with a Result; events go main → renderer. Two transports carry it (Electron IPC through the
 * preload, and a WebSocket in the web harness); neither side can tell which one it is on.
 */
import type { AccountSummary } from './model/account';
import type { DeviceRef, DeviceStatus } from './model/device-status';
import type { NoticeWords } from './model/main-words';
import type { MessageFile } from './model/message-file';
import type { SandboxState } from './model/sandbox';
import type { ServerView } from './model/server-view';
import type { SwitchProgress } from './model/switch';
import type { TranscriptEntry } from './model/transcript';
import type { Result } from './result';
import type { CommandName, CommandParams, CommandResult, OutboxItem } from './commands';

// Commands are declared once each, with their params' schema, in common/commands/. Only their
// names are re-exported as values: the declarations would bring zod into every page and preload.
export { COMMAND_NAMES, isCommandName } from './commands/names';
export type { AppInfo, CommandName, CommandParams, CommandResult, Commands, FetchedImage, LinkOpened, NotifySettings, OutboxItem, OutgoingAttachment, OutgoingMessage, PopDryRun, PopDryRunEntry, SendSizeLimit, ServerSearchHit, ServerSearchResult, UndoTicket, ValidParams } from './commands';
export type { ConnectionState, DeviceRef, DeviceStatus } from './model/device-status';
export type { BrokenFetch, ErrorWords, NoticeWords, RefusedChange, SecretStorageNote, StatusDetail, StatusRetry } from './model/main-words';

export interface SyncProgress extends DeviceRef {
  folderPath: string;
  /** `headers`: IMAP header download; `download`: POP messages, or IMAP bodies kept for offline reading (with byte counts); `done`: finished. */
  phase: 'headers' | 'download' | 'done';
  done: number;
  total: number;
  /** POP downloads count bytes too. */
  bytesDone: number | null;
  bytesTotal: number | null;
}

/** How far `message:extractParts` has read the message's stored source. */
export interface PartsProgress extends DeviceRef {
  messageId: string;
  bytesDone: number;
  bytesTotal: number;
}

export interface Notice {
  id: string;
  level: 'error' | 'warning' | 'info';
  /** Where it happened, so the UI can show it there: 'account', 'folder', 'message', 'send', ... */
  where: string;
  accountId: string | null;
  deviceId: string | null;
  /** What it says, as a code with its values (the UI words it in the language shown). */
  words: NoticeWords;
  code: string | null;
  at: number;
}

export interface Events {
  'accounts:changed': AccountSummary[];
  'device:status': DeviceStatus;
  'sync:progress': SyncProgress;
  'message:partsProgress': PartsProgress;
  /** How far the device's switch preview or switch is (see `device:switchCancel`). */
  'switch:progress': DeviceRef & SwitchProgress;
  notice: Notice;
  /** New transcript lines, in order, batched (a sync produces thousands a second). */
  'transcript:lines': { accountId: string; entries: TranscriptEntry[] };
  'serverView:update': { accountId: string; view: ServerView };
  /** Open the composer: the system handed Porthole a mailto: link (only harmless fields kept). */
  'compose:request': { to: string; cc: string; bcc: string; subject: string; body: string };
  'sandbox:state': SandboxState;
  /** The web harness has no system browser: the window that asked opens the provider's sign-in page. */
  'oauth:openUrl': { flowId: string; url: string };
  /**
   * Mail arrived that the user has not seen anywhere (unread on the server), in a folder whose
   * announcements are on: the web harness's window shows it with the browser's Notification API
   * (Electron's main shows its own and also sends this, for the window to open the message on a click).
   */
  'mail:new': NewMail;
  /** The user clicked an announcement main showed: open this message. */
  'mail:openRequest': DeviceRef & { messageId: string; folderPath: string };
  /** The system handed Porthole a message file (an .eml opened with it, or a second launch with one): show it read-only. */
  'file:openMessage': MessageFile;
  /** The messages in their undo window changed (one sent, taken back, or started uploading). */
  'outbox:changed': OutboxItem[];
}

export interface NewMail extends DeviceRef {
  folderPath: string;
  /** Newest first; at most a few are named, `total` counts them all. */
  messages: Array<{ messageId: string; subject: string; from: string; date: number }>;
  total: number;
}

export type EventName = keyof Events;

// A record, not a list, so that an event missing here is a type error (a page would never hear it).
const EVENTS: { [E in EventName]: true } = {
  'accounts:changed': true,
  'device:status': true,
  'sync:progress': true,
  'message:partsProgress': true,
  'switch:progress': true,
  notice: true,
  'transcript:lines': true,
  'serverView:update': true,
  'compose:request': true,
  'sandbox:state': true,
  'oauth:openUrl': true,
  'mail:new': true,
  'mail:openRequest': true,
  'file:openMessage': true,
  'outbox:changed': true,
};

export const EVENT_NAMES = Object.keys(EVENTS) as EventName[];

export type CommandFunctions = {
  [C in CommandName]: (params: CommandParams<C>) => Promise<Result<CommandResult<C>>>;
};

/** What the renderer holds: one function per command, and a subscription per event. */
export interface PortholeApi {
  commands: CommandFunctions;
  /** Returns the unsubscribe function; the listener never sees a transport object. */
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}
