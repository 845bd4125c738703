import type { Mode } from './mode';
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

/** A device: one cache database, its own connections and mode, as if on another computer. */
export interface DeviceSummary {
  id: string;
  name: string;
  mode: Mode;
  /** The IndexedDB database that holds this device's cache. */
  dbName: string;
  /** POP devices only. */
  pop: PopSettings | null;
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
  /** The built-in sandbox's mailbox: its servers run inside the app, on ports chosen at each start. */
  sandbox?: boolean;
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
