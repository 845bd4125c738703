/**
 * The one typed API between renderer windows and main. Commands go renderer → main and answer
 * with a Result; events go main → renderer. Two transports carry it (Electron IPC through the
 * preload, and a WebSocket in the web harness); neither side can tell which one it is on.
 */
import type { AccountDraft, AccountSummary, Mode, NewServerConsent, PopSettings, ServerEndpoint } from './model/account';
import type { SandboxPersonality, SandboxState } from './model/sandbox';
import type { ServerView } from './model/server-view';
import type { SwitchOptions, SwitchPreview, SwitchProgress, SwitchResult } from './model/switch';
import type { TranscriptEntry } from './model/transcript';
import type { Result } from './result';

export interface DeviceRef {
  accountId: string;
  deviceId: string;
}

export interface AppInfo {
  version: string;
  transport: 'electron' | 'web';
  /** Where passwords are kept; `file` is the harness's owner-only file, not a keychain. */
  secretStorage: 'keychain' | 'file';
  secretStorageWarning: string | null;
  /** The password store is weak (Linux without a keyring): adding an account needs the user's yes. */
  secretStorageNeedsConsent: boolean;
}

/** What main did with a link the user clicked in a message. */
export type LinkOpened = { action: 'opened' } | { action: 'open-in-page'; url: string } | { action: 'refused'; reason: string };

export interface OutgoingAttachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

export interface OutgoingMessage extends DeviceRef {
  /** Address lists as typed, comma separated. */
  to: string;
  cc: string;
  bcc: string;
  subject: string;
  text: string;
  inReplyTo: string | null;
  references: string[];
  attachments: OutgoingAttachment[];
  /** Cache id of a message whose attachments are forwarded with this one. */
  forwardAttachmentsOf: string | null;
  /** Cache id of the draft this message replaces (deleted once sent or re-saved). */
  replacesDraftId: string | null;
}

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

export interface FetchedImage {
  url: string;
  /** `data:` URL of the image, or null when it could not be fetched or was not an image. */
  dataUrl: string | null;
}

export interface Commands {
  'app:info': { params: null; result: AppInfo };
  'accounts:list': { params: null; result: AccountSummary[] };
  /** Checks the logins (incoming and SMTP) before anything is saved. */
  'account:add': { params: AccountDraft; result: AccountSummary };
  'account:remove': { params: { accountId: string }; result: null };
  'device:sync': { params: DeviceRef; result: null };
  /** The latest status of every running device (a window that just opened has seen no events). */
  'device:statuses': { params: null; result: DeviceStatus[] };
  /** Opens the account as one more device, with its own cache, connections and mode. */
  /**
   * `incoming` is needed when the account has no server of that mode yet (its login is checked
   * first, with the password typed for it: see NewServerConsent; without one, HOST_NOT_CONFIRMED).
   */
  'device:add': { params: { accountId: string; name: string; mode: Mode; pop: PopSettings | null; incoming: ServerEndpoint | null } & NewServerConsent; result: AccountSummary };
  'device:rename': { params: DeviceRef & { name: string }; result: AccountSummary };
  /** Deletes the device's cache on this computer; mail on the server is never touched. */
  'device:remove': { params: DeviceRef; result: AccountSummary };
  /** What switching the device to `to` would do, in numbers; changes nothing. */
  'device:switchPreview': { params: DeviceRef & { to: Mode; incoming: ServerEndpoint | null } & NewServerConsent; result: SwitchPreview };
  /** Switches the device's mode in place (POP ↔ IMAP) without losing or duplicating mail. */
  'device:switchMode': { params: DeviceRef & { to: Mode; incoming: ServerEndpoint | null; options: SwitchOptions } & NewServerConsent; result: SwitchResult };
  /** Stops the device's running switch preview or switch; false when none runs or it is already changing the server. */
  'device:switchCancel': { params: DeviceRef; result: boolean };
  /** Changes a POP device's retention and checking; refused if the server cannot support it. */
  'device:configure': { params: DeviceRef & { pop: PopSettings }; result: AccountSummary };
  'folder:select': { params: DeviceRef & { folderPath: string }; result: null };
  'folder:create': { params: DeviceRef & { parentPath: string | null; name: string }; result: null };
  'folder:rename': { params: DeviceRef & { path: string; newName: string }; result: null };
  'folder:delete': { params: DeviceRef & { path: string }; result: null };
  /** Fetches and caches the body if needed, and marks the message read. */
  /** `markSeen` false opens without marking read (the user's "mark read" setting, or a message selected for them). */
  'message:open': { params: DeviceRef & { messageId: string; markSeen?: boolean }; result: null };
  /**
   * A message too large to show (POP, its source kept in pieces): reads its text and attachments
   * from those pieces into the cache, with `message:partsProgress` events on the way.
   */
  'message:extractParts': { params: DeviceRef & { messageId: string }; result: null };
  'messages:flag': { params: DeviceRef & { messageIds: string[]; add: string[]; remove: string[] }; result: null };
  'messages:move': { params: DeviceRef & { messageIds: string[]; toPath: string }; result: null };
  /** Moves to Trash; in Trash (or without one), deletes for good. */
  'messages:delete': { params: DeviceRef & { messageIds: string[] }; result: null };
  'message:send': { params: OutgoingMessage; result: { messageId: string } };
  'draft:save': { params: OutgoingMessage; result: { messageId: string } };
  /** POP: what the next check would download and DELE, without sending either. */
  'pop:dryRun': { params: DeviceRef; result: PopDryRun };
  /** Start (or move) the account's server panel: IMAP folder live, or the POP maildrop. */
  'serverView:watch': { params: { accountId: string; mode: Mode; folderPath: string | null }; result: null };
  'serverView:unwatch': { params: { accountId: string }; result: null };
  /** The account's protocol transcript so far (secrets already removed). */
  'transcript:get': { params: { accountId: string }; result: TranscriptEntry[] };
  /** Opens a web link from a message in the system browser (checked again here: http/https only). */
  'link:open': { params: { url: string }; result: LinkOpened };
  /** Senders whose mail may show remote content without asking each time. */
  'remote:allowedSenders': { params: null; result: string[] };
  'remote:allowSender': { params: { address: string; allow: boolean }; result: string[] };
  /** Remote images of one message, fetched by main only when the user asked for them. */
  'remote:fetchImages': { params: { urls: string[] }; result: FetchedImage[] };
  /** The built-in sandbox server: whether it runs, its switches, its people. */
  'sandbox:state': { params: null; result: SandboxState };
  /** Starts the sandbox (if needed) and opens its mailbox as an account; the existing one if there is one. */
  'sandbox:try': { params: null; result: AccountSummary };
  /** The sandbox account as two devices side by side: Laptop on IMAP and Phone on POP. */
  'sandbox:demonstrate': { params: null; result: AccountSummary };
  /** Brings every sandbox mailbox back to the sample (connected sessions are disconnected). */
  'sandbox:reset': { params: null; result: SandboxState };
  'sandbox:setPersonality': { params: Partial<SandboxPersonality>; result: SandboxState };
  /** Correspondents write to you every N seconds; null stops them. */
  'sandbox:mailTimer': { params: { everySeconds: number | null }; result: SandboxState };
  /** One new message to you, now. */
  'sandbox:sendMail': { params: null; result: null };
}

export type CommandName = keyof Commands;
export type CommandParams<C extends CommandName> = Commands[C]['params'];
export type CommandResult<C extends CommandName> = Commands[C]['result'];

export const COMMAND_NAMES = [
  'app:info',
  'accounts:list',
  'account:add',
  'account:remove',
  'device:sync',
  'device:statuses',
  'device:add',
  'device:rename',
  'device:remove',
  'device:configure',
  'device:switchPreview',
  'device:switchMode',
  'device:switchCancel',
  'folder:select',
  'folder:create',
  'folder:rename',
  'folder:delete',
  'message:open',
  'message:extractParts',
  'messages:flag',
  'messages:move',
  'messages:delete',
  'message:send',
  'draft:save',
  'pop:dryRun',
  'serverView:watch',
  'serverView:unwatch',
  'transcript:get',
  'link:open',
  'remote:allowedSenders',
  'remote:allowSender',
  'remote:fetchImages',
  'sandbox:state',
  'sandbox:try',
  'sandbox:demonstrate',
  'sandbox:reset',
  'sandbox:setPersonality',
  'sandbox:mailTimer',
  'sandbox:sendMail',
] as const satisfies readonly CommandName[];

export type ConnectionState = 'offline' | 'connecting' | 'online' | 'error';

export interface DeviceStatus extends DeviceRef {
  connection: ConnectionState;
  /** Plain words for the status bar, e.g. "Waiting to reconnect in 8 s". */
  detail: string;
  pendingChanges: number;
  lastSyncAt: number | null;
}

export interface SyncProgress extends DeviceRef {
  folderPath: string;
  /** `headers`: IMAP header download; `download`: POP messages; `done`: finished. */
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
  text: string;
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
}

export type EventName = keyof Events;

export const EVENT_NAMES = ['accounts:changed', 'device:status', 'sync:progress', 'message:partsProgress', 'switch:progress', 'notice', 'transcript:lines', 'serverView:update', 'compose:request', 'sandbox:state'] as const satisfies readonly EventName[];

export type CommandFunctions = {
  [C in CommandName]: (params: CommandParams<C>) => Promise<Result<CommandResult<C>>>;
};

/** What the renderer holds: one function per command, and a subscription per event. */
export interface PortholeApi {
  commands: CommandFunctions;
  /** Returns the unsubscribe function; the listener never sees a transport object. */
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

export function isCommandName(value: unknown): value is CommandName {
  return typeof value === 'string' && (COMMAND_NAMES as readonly string[]).includes(value);
}
