import type { AccountIdentities } from './identity';
import type { Mode } from './mode';
import type { AccountAuth } from './oauth';
import type { SwitchOptions } from './switch';

// Mode has a module of its own because switch.ts needs it too, and account.ts needs switch.ts.
export type { Mode } from './mode';

/** How a connection is protected. `starttls` upgrades a plain connection; `tls` is TLS from the first byte. */
export type Security = 'none' | 'starttls' | 'tls';

export interface ServerEndpoint {
  host: string;
  port: number;
  security: Security;
  /** Login name; for SMTP it may differ from the incoming server's. */
  user: string;
}

/** A certificate the user chose to trust for one server of one account, after seeing its fingerprint. */
export interface TrustedCertificate {
  host: string;
  port: number;
  fingerprint256: string;
  /** PEM of the top of the chain the server presented, used as an extra trust anchor. */
  anchorPem: string;
}

/** What the form sends to add an account. Passwords travel once, to main, and are stored as secrets. */
export interface AccountDraft {
  displayName: string;
  address: string;
  mode: Mode;
  incoming: ServerEndpoint;
  incomingPassword: string;
  smtp: ServerEndpoint;
  /** Empty means "same as the incoming password". */
  smtpPassword: string;
  /** Fingerprints the user accepted after an untrusted-certificate error. */
  trustFingerprints: string[];
  /** POP accounts: retention and checking; ignored for IMAP. */
  pop: PopSettings | null;
  /** The user agreed to keep passwords in a weak store (see AppInfo.secretStorageNeedsConsent). */
  acceptWeakSecretStorage?: boolean;
  /** Sign in with OAuth2 instead of passwords: the grant `oauth:signIn` returned (passwords are then ignored). */
  oauth?: { provider: string; grantId: string } | null;
  /** The name of the account's first device, in the window's language ("Dieser Computer"); absent: "This computer". */
  deviceName?: string;
}

/** What happens to the server's copy of a message once this device has downloaded it (POP). */
export type PopRetention =
  | { kind: 'keep' }
  | { kind: 'delete-after-days'; days: number }
  | { kind: 'delete-when-deleted-here' }
  | { kind: 'delete-after-download' };

export interface PopSettings {
  retention: PopRetention;
  /** Check automatically every N minutes; null: only at start-up and when asked. */
  checkEveryMinutes: number | null;
  /** Download only the header (TOP n 0) of messages larger than this; the rest when opened. */
  headersOnlyOverBytes: number | null;
}

export const DEFAULT_POP_SETTINGS: PopSettings = { retention: { kind: 'keep' }, checkEveryMinutes: 10, headersOnlyOverBytes: null };

/** Retention choices that need the server to name its messages (UIDL) to know what was downloaded. */
export function retentionNeedsUidl(retention: PopRetention): boolean {
  return retention.kind !== 'delete-after-download';
}

/** How much of the messages' bodies an IMAP device keeps for offline reading. */
export type BodyKeeping = { kind: 'all' } | { kind: 'recent-days'; days: number } | { kind: 'headers-only' };

/** What an IMAP device keeps and watches (the account's settings screen edits them). */
export interface ImapSyncSettings {
  /**
   * Sync the inbox, the open folder, the kept and the watched folders every N minutes, besides
   * IDLE; null: only IDLE, at start-up and when asked. (Folder counts are refreshed every 15 s
   * regardless: one LIST-STATUS.)
   */
  checkEveryMinutes: number | null;
  /**
   * Folders kept for offline use: their headers are synced in the background (not only when
   * opened), and their bodies downloaded as `bodies` says. The inbox and the open folder are
   * always synced.
   */
  offlineFolders: { kind: 'all' } | { kind: 'some'; paths: string[] };
  /** How much of the kept folders' bodies is downloaded ahead; any body is fetched when opened. */
  bodies: BodyKeeping;
  /** Folders watched with IDLE (RFC 2177) besides the open one: at most MAX_WATCHED_FOLDERS. */
  idleFolders: string[];
}

/**
 * What Porthole did before these settings existed, so an existing device behaves the same: the
 * inbox synced and watched, any other folder when opened, bodies when opened, no periodic sync.
 */
export const DEFAULT_IMAP_SYNC_SETTINGS: ImapSyncSettings = { checkEveryMinutes: null, offlineFolders: { kind: 'some', paths: ['INBOX'] }, bodies: { kind: 'headers-only' }, idleFolders: ['INBOX'] };

/**
 * Each watched folder is one more connection, and servers limit them per user and address
 * (Dovecot's mail_max_userip_connections is 10 by default): with the command connection and the
 * open folder's, this many keep one device within that.
 */
export const MAX_WATCHED_FOLDERS = 8;

/** The device's IMAP sync settings, or the defaults for a device saved before they existed. */
export function imapSyncOf(device: Pick<DeviceSummary, 'imapSync'>): ImapSyncSettings {
  return device.imapSync ?? DEFAULT_IMAP_SYNC_SETTINGS;
}

/** Whether the folder's messages are kept for offline use. */
export function isKeptOffline(settings: Pick<ImapSyncSettings, 'offlineFolders'>, path: string): boolean {
  return settings.offlineFolders.kind === 'all' || settings.offlineFolders.paths.includes(path);
}

/** A device: one cache database, its own connections and mode, as if on another computer. */
export interface DeviceSummary {
  id: string;
  name: string;
  mode: Mode;
  /** The IndexedDB database that holds this device's cache. */
  dbName: string;
  /** POP devices only. */
  pop: PopSettings | null;
  /** IMAP devices only; absent: the defaults (DEFAULT_IMAP_SYNC_SETTINGS). */
  imapSync?: ImapSyncSettings | null;
  /** Set while a mode switch runs: if the app stops, the switch resumes (or is undone) at start. */
  switching?: { to: Mode; options: SwitchOptions; startedAt: number } | null;
}

/** What the renderer knows of an account: never a password. */
export interface AccountSummary {
  id: string;
  displayName: string;
  address: string;
  /** The incoming servers, one per mode; an account may have devices in both modes. */
  imap: ServerEndpoint | null;
  pop3: ServerEndpoint | null;
  smtp: ServerEndpoint;
  devices: DeviceSummary[];
  trustedCertificates: TrustedCertificate[];
  /** Absent: a password (accounts saved before OAuth2 existed). */
  auth?: AccountAuth;
  /** The built-in sandbox's mailbox: its servers run inside the app, on ports chosen at each start. */
  sandbox?: boolean;
  /** Addresses it writes from besides its own, and signatures; absent: its own address, no signature. */
  identities?: AccountIdentities;
}

/** The incoming server a device of this mode talks to, if the account has one. */
export function incomingFor(account: Pick<AccountSummary, 'imap' | 'pop3'>, mode: Mode): ServerEndpoint | null {
  return mode === 'imap' ? account.imap : account.pop3;
}

export const DEFAULT_PORTS: Record<'imap' | 'pop3' | 'smtp', Record<Security, number>> = {
  imap: { none: 143, starttls: 143, tls: 993 },
  pop3: { none: 110, starttls: 110, tls: 995 },
  smtp: { none: 25, starttls: 587, tls: 465 },
};

/**
 * What the user gives before Porthole logs in to an incoming server the account does not have
 * yet: the password typed for that server (a stored password only ever goes to the servers the
 * account was set up with), and, for a server without TLS, the agreement to send it unencrypted.
 */
export interface NewServerConsent {
  password?: string;
  allowPlaintext?: boolean;
}

const SECURITY_WORDS: Record<Security, string> = { tls: 'TLS', starttls: 'STARTTLS', none: 'unencrypted' };

/** A server as the user reads it in a confirmation: "pop.example.com, port 995, TLS". */
export function describeEndpoint(endpoint: Pick<ServerEndpoint, 'host' | 'port' | 'security'>): string {
  return `${endpoint.host}, port ${endpoint.port}, ${SECURITY_WORDS[endpoint.security]}`;
}
