import type { ServerSearchNote } from '../../../common/commands/mail-commands';

/** What the IMAP server search added, or why it did not. */
export type ServerPart =
  | { kind: 'none' }
  | { kind: 'searching' }
  /**
   * `serverNotes`: what the server could not search exactly; `notes`: lines already in words (in a
   * search over every account, those not searched and why).
   */
  | { kind: 'found'; count: number; truncated: boolean; serverNotes: ServerSearchNote[]; notes?: string[] }
  /** `accounts`: in a search over every account, those whose servers are not connected. */
  | { kind: 'offline'; accounts?: string[] }
  | { kind: 'failed'; message: string };
