/** What the IMAP server search added, or why it did not. */
export type ServerPart =
  | { kind: 'none' }
  | { kind: 'searching' }
  | { kind: 'found'; count: number; truncated: boolean; notes?: string[] }
  /** `accounts`: in a search over every account, those whose servers are not connected. */
  | { kind: 'offline'; accounts?: string[] }
  | { kind: 'failed'; message: string };
