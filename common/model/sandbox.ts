/** Server behaviours that differ between real servers, as switches of the built-in sandbox. */
export interface SandboxPersonality {
  /** A message fetched with POP3 RETR gets \Seen for IMAP at QUIT (Dovecot's default) or not. */
  popMarksSeen: boolean;
  /** RFC 1939 UIDL: kept by a reset ("stable") or new after one ("changes-on-reset"). */
  uidlFormat: 'stable' | 'changes-on-reset';
  /** How long POP3 and IMAP wait before answering a login, in ms (a slow server). */
  loginDelayMs: number;
}

/** The sandbox as the UI shows it. */
export interface SandboxState {
  /** Its servers are listening (they start with the first sandbox account, and with the app after that). */
  running: boolean;
  personality: SandboxPersonality;
  /** Correspondents send "you" a message this often; null: the timer is off. */
  mailEverySeconds: number | null;
  /** The sandbox's people; "you" is the one whose mailbox the sandbox account opens. */
  users: Array<{ user: string; address: string; displayName: string }>;
}

/** The languages the sandbox's sample mail is written in (the window's languages). */
export const SAMPLE_LANGUAGES = ['en', 'de'] as const;
export type SampleLanguage = (typeof SAMPLE_LANGUAGES)[number];

/** The sandbox account's device names in a demonstration: the same mailbox on two computers. */
export const DEMO_DEVICE_NAMES = { imap: 'Laptop', pop3: 'Phone' } as const;
