import type { PopRetention } from './account';
import type { PopStateRecord } from './mail';

const DAY_MS = 24 * 60 * 60 * 1000;

/** When the retention choice makes a downloaded message's server copy due for deletion, if ever. */
export function deletionDueAt(state: PopStateRecord, retention: PopRetention): number | null {
  if (state.downloadedAt === null || state.headersOnly) return null;
  switch (retention.kind) {
    case 'keep':
      return null;
    case 'delete-after-days':
      return state.downloadedAt + retention.days * DAY_MS;
    case 'delete-when-deleted-here':
      return state.deleteRequested ? state.downloadedAt : null;
    case 'delete-after-download':
      return state.downloadedAt;
    default: {
      const unknownRetention: never = retention;
      throw new Error(`Unknown retention ${JSON.stringify(unknownRetention)}`);
    }
  }
}

/**
 * The UIDLs whose server copies a check deletes. Invariant: only messages whose whole source is
 * committed locally (downloadedAt set, not headers-only) and that the server still lists.
 */
export function uidlsToDelete(states: Iterable<PopStateRecord>, onServer: ReadonlySet<string>, retention: PopRetention, now: number): string[] {
  const due: string[] = [];
  for (const state of states) {
    if (!onServer.has(state.uidl) || state.serverDeletedAt !== null) continue;
    const at = deletionDueAt(state, retention);
    if (at !== null && at <= now) due.push(state.uidl);
  }
  return due;
}

/**
 * This device's decision about one maildrop message, as a code with its days (epoch ms) for the
 * server panel, which words it in the language shown (renderer/i18n/pop-decision-words.ts).
 */
export type PopDecision =
  /** No record: the next check downloads it. */
  | { kind: 'not-downloaded' }
  /** This device deleted it; `deletedUnder`: the setting in force then, null when not recorded. */
  | { kind: 'deleted-by-this-device'; deletedAt: number; deletedUnder: PopRetention | null }
  /** Gone from the server since `goneAt`, deleted by something else. */
  | { kind: 'deleted-elsewhere'; goneAt: number }
  /** Only its header is here: kept on the server until the whole message is downloaded. */
  | { kind: 'headers-only' }
  /** A check could not store it: kept on the server and not downloaded again. */
  | { kind: 'not-stored' }
  /** Downloaded and kept on the server; `untilDeletedHere`: until it is deleted on this device. */
  | { kind: 'kept'; downloadedAt: number; untilDeletedHere: boolean }
  /** Downloaded and due: the next check deletes it; `deletedHere`: because it was deleted on this device. */
  | { kind: 'deleted-at-next-check'; downloadedAt: number; deletedHere: boolean }
  /** Downloaded; deleted by the first check after `dueAt`. */
  | { kind: 'deleted-after'; downloadedAt: number; dueAt: number };

/**
 * This device's decision about one message: "downloaded 3 Dec; will be deleted on the check after
 * 17 Dec", "kept on server", … `listedOnServer`: the maildrop lists it now, so whatever an earlier
 * deletion recorded (a sandbox reset brought it back), it is on the server and the current
 * setting decides about it (the next check clears that record). A deletion by this device names
 * the setting in force then (recorded with the deletion), never today's.
 */
export function popDecision(state: PopStateRecord | undefined, retention: PopRetention, now: number, listedOnServer = false): PopDecision {
  if (!state) return { kind: 'not-downloaded' };
  if (state.serverDeletedAt !== null && listedOnServer) return popDecision({ ...state, serverDeletedAt: null, serverDeletedBy: null, deletedUnder: null }, retention, now, true);
  if (state.serverDeletedAt !== null) {
    return state.serverDeletedBy === 'this-device'
      ? { kind: 'deleted-by-this-device', deletedAt: state.serverDeletedAt, deletedUnder: state.deletedUnder ?? null }
      : { kind: 'deleted-elsewhere', goneAt: state.serverDeletedAt };
  }
  if (state.headersOnly) return { kind: 'headers-only' };
  // Neither downloaded nor headers-only: a check could not store it (see the check's warning).
  if (state.downloadedAt === null) return { kind: 'not-stored' };
  const downloadedAt = state.downloadedAt;
  const due = deletionDueAt(state, retention);
  const whenDeletedHere = retention.kind === 'delete-when-deleted-here';
  if (due === null) return { kind: 'kept', downloadedAt, untilDeletedHere: whenDeletedHere };
  if (whenDeletedHere || due <= now) return { kind: 'deleted-at-next-check', downloadedAt, deletedHere: whenDeletedHere };
  return { kind: 'deleted-after', downloadedAt, dueAt: due };
}
