/**
 * A change the user made that the server has not confirmed yet. Stored durably in the device's
 * cache before the UI shows it, replayed in order until the server accepts it (RFC 4549 §4).
 */
export type PendingChange =
  /**
   * `uidValidity`: the folder's when the change was made (RFC 3501 §2.3.1.1): UIDs of another
   * UIDVALIDITY name other messages, so the change is not sent then (RFC 4549 §4.1). Absent: not known.
   */
  | { kind: 'flags'; folderPath: string; uids: number[]; add: string[]; remove: string[]; uidValidity?: number }
  | { kind: 'move'; folderPath: string; uids: number[]; toPath: string; placeholderIds: string[] }
  /** `messageId`: also every message of the folder with this Message-ID (a draft's saved versions, some not yet uploaded when this was queued). */
  | { kind: 'expunge'; folderPath: string; uids: number[]; messageId?: string }
  /** `messageId`: the message replaces every other one of the folder with this Message-ID (a draft saved again). */
  | { kind: 'append'; folderPath: string; raw: Uint8Array; flags: string[]; replacesUid: number | null; messageId?: string };

export interface PendingOpRecord {
  /** Chosen by main, so that re-sending a batch after a cache-host restart cannot add it twice. */
  id: string;
  /** Replay order: increasing in the order the user acted. */
  seq: number;
  change: PendingChange;
  createdAt: number;
  attempts: number;
  lastError: string | null;
}
