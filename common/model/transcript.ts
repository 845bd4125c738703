/** One line of an account's protocol transcript, as the user sees it: secrets already removed. */
export interface TranscriptEntry {
  /** Increasing per account, so a view can ask for what it has not got yet. */
  seq: number;
  at: number;
  service: 'imap' | 'pop3' | 'smtp';
  /** Which connection: the device and its role, e.g. "Laptop · sync". */
  connection: string;
  direction: 'client' | 'server' | 'note';
  text: string;
}

/** The transcript as a text file, one line per entry. */
export function transcriptAsText(entries: TranscriptEntry[]): string {
  const arrow = { client: 'C:', server: 'S:', note: '--' } as const;
  return entries.map((e) => `${new Date(e.at).toISOString()} ${e.service.toUpperCase()} [${e.connection}] ${arrow[e.direction]} ${e.text}`).join('\n') + '\n';
}
