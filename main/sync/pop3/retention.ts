import type { PopRetention } from '../../../common/model/account';
import type { PopStateRecord } from '../../../common/model/mail';

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
 * The UIDLs whose server copies this check deletes. Invariant: only messages whose whole
 * source is committed locally (downloadedAt set, not headers-only) and that the server still
 * lists; never anything else, whatever the retention says.
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
