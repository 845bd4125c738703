/**
 * What a connection of the transcript is for. Main names it; each window words it in its own
 * language (renderer/i18n/transcript-words.ts), the exported file in English (`connectionEnglish`).
 */
export type TranscriptRole =
  /** Adding or changing an account: the look at the servers before anything is saved. */
  | 'loginCheck'
  /** The server panel's own read-only connection. */
  | 'serverPanel'
  /** An IMAP device's command connection. */
  | 'sync'
  /** An IMAP device's connection that only IDLEs on one folder (`folder`). */
  | 'idle'
  /** Sending a message (SMTP). */
  | 'send'
  /** Switching a device between POP and IMAP. */
  | 'switch'
  /** A POP device's check. */
  | 'check'
  /** The dry run of a POP device's next check. */
  | 'dryRun';

/** Which connection a transcript line belongs to: the device (none for the login check and the server panel), its role, and for IDLE its folder. */
export interface TranscriptConnection {
  device: string | null;
  role: TranscriptRole;
  /** The folder (its path on the server) an `idle` connection watches. */
  folder?: string;
}

/** One line of an account's protocol transcript, as the user sees it: secrets already removed. */
export interface TranscriptEntry {
  /** Increasing per account, so a view can ask for what it has not got yet. */
  seq: number;
  at: number;
  service: 'imap' | 'pop3' | 'smtp';
  /** Which connection: the device and its role, e.g. Laptop's sync connection. */
  connection: TranscriptConnection;
  direction: 'client' | 'server' | 'note';
  text: string;
}

const ENGLISH_ROLES: Record<TranscriptRole, string> = {
  loginCheck: 'login check',
  serverPanel: 'server panel',
  sync: 'sync',
  idle: 'IDLE',
  send: 'send',
  switch: 'switch',
  check: 'check',
  dryRun: 'dry run',
};

/**
 * A connection in English, as main always named it: "Laptop · sync", "Laptop · IDLE INBOX",
 * "login check". A role this version does not know is written as it is.
 */
export function connectionEnglish(connection: TranscriptConnection): string {
  // Data to write whatever it holds: anything but a connection is written as it is.
  if (typeof connection !== 'object' || connection === null) return String(connection);
  const known = Object.hasOwn(ENGLISH_ROLES, connection.role) ? ENGLISH_ROLES[connection.role] : String(connection.role);
  const role = connection.role === 'idle' && connection.folder !== undefined ? `${known} ${connection.folder}` : known;
  return typeof connection.device === 'string' ? `${connection.device} · ${role}` : role;
}

/**
 * The transcript as a text file, one line per entry. The file is for support requests and logs,
 * so its connections stay in English whatever the window's language (`connectionEnglish`).
 */
export function transcriptAsText(entries: TranscriptEntry[]): string {
  const arrow = { client: 'C:', server: 'S:', note: '--' } as const;
  return entries.map((e) => `${new Date(e.at).toISOString()} ${e.service.toUpperCase()} [${connectionEnglish(e.connection)}] ${arrow[e.direction]} ${e.text}`).join('\n') + '\n';
}
