import type { PopRetention } from './account';
import type { PopStateRecord } from './mail';
import { describeRetention } from './retention-words';

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

function day(time: number): string {
  return new Date(time).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
}

/**
 * The setting by which this device deleted a message from the server, in force then (recorded
 * with the deletion), never today's: "its setting: Delete from the server right after downloading".
 */
export function deletionRuleWords(state: Pick<PopStateRecord, 'deletedUnder'>): string {
  return state.deletedUnder ? `its setting: ${describeRetention(state.deletedUnder).title}` : 'its setting then was not recorded';
}

/**
 * This device's decision about one message, in words for the server panel: "downloaded 3 Dec;
 * will be deleted on the check after 17 Dec", "kept on server", … `listedOnServer`: the maildrop
 * lists it now, so whatever an earlier deletion recorded (a sandbox reset brought it back), it
 * is on the server and the current setting decides about it (the next check clears that record).
 */
export function describePopDecision(state: PopStateRecord | undefined, retention: PopRetention, now: number, listedOnServer = false): string {
  if (!state) return 'not downloaded yet: the next check downloads it';
  if (state.serverDeletedAt !== null && listedOnServer) return describePopDecision({ ...state, serverDeletedAt: null, serverDeletedBy: null, deletedUnder: null }, retention, now, true);
  if (state.serverDeletedAt !== null) {
    return state.serverDeletedBy === 'this-device'
      ? `deleted from the server by this device on ${day(state.serverDeletedAt)} (${deletionRuleWords(state)})`
      : `gone from the server since ${day(state.serverDeletedAt)} (deleted elsewhere)`;
  }
  if (state.headersOnly) return 'only the header is here; kept on the server until the whole message is downloaded';
  // Neither downloaded nor headers-only: a check could not store it (see the check's warning).
  if (state.downloadedAt === null) return 'could not be stored here; kept on the server and not downloaded again';
  const downloaded = `downloaded ${day(state.downloadedAt)}`;
  const due = deletionDueAt(state, retention);
  if (due === null) return retention.kind === 'delete-when-deleted-here' ? `${downloaded}; kept on the server until you delete it here` : `${downloaded}; kept on the server`;
  if (retention.kind === 'delete-when-deleted-here') return `${downloaded}; deleted here, so the next check deletes it from the server`;
  return due <= now ? `${downloaded}; the next check deletes it from the server` : `${downloaded}; will be deleted on the check after ${day(due)}`;
}
