/**
 * Everything a test needs to reach one instance. Plain data only: vitest's globalSetup passes it to
 * the test workers with provide/inject (structured clone).
 */
export interface TestServerInfo {
  host: '127.0.0.1';
  imap: { starttlsPort: number; tlsPort: number };
  pop3: { stlsPort: number; tlsPort: number };
  smtp: { starttlsPort: number; tlsPort: number };
  lmtpPort: number;
  /**
   * Dovecot's submission port (plain, STARTTLS offered), only when started with `oauth2`: an SMTP
   * server that offers AUTH OAUTHBEARER (RFC 7628) besides XOAUTH2. For logins only; it relays nothing.
   */
  oauthSubmissionPort: number | null;
  certificate: { pem: string; fingerprint256: string };
  /** Dovecot sets \Seen on messages RETR'd over POP3 (at QUIT); `pop3_no_flag_updates = no`. */
  pop3MarksSeen: boolean;
  /** The FETCH item for RFC 8970 previews that this Dovecot answers, if any. */
  previewFetchItem: 'PREVIEW' | 'SNIPPET' | null;
  /** The instance's temp dir. */
  dir: string;
  /** dovecot.conf, for `doveadm -c`. */
  configPath: string;
  passwdFile: string;
  mailUid: number;
  mailGid: number;
}

/** A mailbox user: log in as `user` (or `address`, the same account). */
export interface MailUser {
  user: string;
  password: string;
  address: string;
}

/** One running instance; `stopDovecot`/`startDovecot` simulate the server going away and coming back. */
export interface RunningTestServers {
  info: TestServerInfo;
  /** Stops everything and removes the temp dir. */
  stop(): Promise<void>;
  /** Stops Dovecot only (IMAP, POP3 and LMTP; SMTP then answers deliveries with 451). */
  stopDovecot(): Promise<void>;
  /** Starts Dovecot again on the same ports. */
  startDovecot(): Promise<void>;
}

/** A message to seed; `flags` are IMAP flags (`\\Seen`, `\\Flagged`, `$Forwarded` ...). */
export interface SeedMessage {
  raw: string | Uint8Array;
  flags?: string[];
  internalDate?: Date;
}
