import type { UndoNote } from '../../../common/model/main-words';
import type { CacheOp } from '../../../common/cache-protocol';
import { messageKey, serverFolderId, type NamedFolder } from '../../../common/model/mail';
import type { PendingOpRecord } from '../../../common/model/pending';
import type { DeviceCacheAccess, Reversal, UndoOutcome } from '../backend';
import type { OfflineQueue } from './offline-queue';
import type { ReplayOutcome } from './replay-change';

/** One queued move (one source folder) as undo needs it: UIDs and Message-IDs, no records. */
export interface MovedGroup {
  /** The pending change that moves them. */
  recordId: string;
  fromPath: string;
  toPath: string;
  uids: number[];
  /** Where each waits in the target until the server names its new UID (same order as `uids`). */
  placeholderIds: string[];
  /** Each one's Message-ID header (same order): how it is found when the server names no new UID. */
  messageIdHeaders: string[];
}

export interface MoveReversalDeps {
  cache: DeviceCacheAccess;
  queue: Pick<OfflineQueue, 'has' | 'notInFlight' | 'cancel' | 'onAccepted'>;
  /** Brings these folders up to the server's truth first, when connected (never waits for a connection). */
  refresh(paths: string[]): Promise<void>;
  /** Moves messages the way the user's own move does (queued for the server). */
  move(ids: string[], toPath: string): Promise<unknown>;
  /** A folder as an undo's note names it. */
  folderOf(path: string): NamedFolder;
}

/** The new UIDs the server gave the moved messages (COPYUID, RFC 4315 §3), from the rename of their placeholders. */
function newUidsOf(group: MovedGroup, outcome: ReplayOutcome): Map<number, number> {
  const uidOfPlaceholder = new Map(group.placeholderIds.map((id, i) => [id, group.uids[i]!]));
  const found = new Map<number, number>();
  for (const op of outcome.ops) {
    if (op.op !== 'renameMessages') continue;
    for (const rename of op.renames) {
      const oldUid = uidOfPlaceholder.get(rename.from);
      if (oldUid !== undefined && rename.uid !== null) found.set(oldUid, rename.uid);
    }
  }
  return found;
}

/**
 * What moves messages back where a move (or a delete to Trash) took them from, wherever they are
 * when undo is asked:
 * - the move still queued (offline, or not sent yet): it leaves the queue and the placeholders
 *   take their old ids again, in one batch; the server never hears of it;
 * - the server has it: the messages, under the UIDs the server named (COPYUID), or found by
 *   Message-ID in the target when it named none (no UIDPLUS), are moved back, queued like any move.
 * A message moved or deleted since is left where it is, and the outcome says how many.
 */
export function moveReversal(deps: MoveReversalDeps, groups: MovedGroup[]): Reversal | null {
  if (groups.length === 0) return null;
  const newUids = new Map<string, Map<number, number>>();
  const stopListening = deps.queue.onAccepted((record: PendingOpRecord, outcome: ReplayOutcome) => {
    const group = groups.find((g) => g.recordId === record.id);
    if (group) newUids.set(group.recordId, newUidsOf(group, outcome));
  });
  const undoGroup = async (group: MovedGroup): Promise<{ gone: number; unfound: number }> => {
    const fromId = serverFolderId(group.fromPath);
    const toId = serverFolderId(group.toPath);
    await deps.queue.notInFlight(group.recordId);
    if (deps.queue.has(group.recordId)) {
      const waiting = new Set((await deps.cache.query({ query: 'messagesByIds', ids: group.placeholderIds })).filter((m) => m.folderId === toId).map((m) => m.id));
      const renames = group.uids.flatMap((uid, i) => (waiting.has(group.placeholderIds[i]!) ? [{ from: group.placeholderIds[i]!, to: messageKey(fromId, uid), folderId: fromId, uid }] : []));
      const undoOps: CacheOp[] = [{ op: 'renameMessages', renames }];
      if (await deps.queue.cancel(group.recordId, undoOps)) return { gone: group.uids.length - renames.length, unfound: 0 };
      // Sent meanwhile: its answer (the new UIDs) comes first.
      await deps.queue.notInFlight(group.recordId);
    }
    // The server has the move (or refused it: then they are back in their folder already).
    const home = new Set((await deps.cache.query({ query: 'messagesByIds', ids: group.uids.map((uid) => messageKey(fromId, uid)) })).filter((m) => m.folderId === fromId).map((m) => m.uid));
    const named = newUids.get(group.recordId) ?? new Map<number, number>();
    const candidates: string[] = [];
    const byHeader: string[] = [];
    group.uids.forEach((uid, i) => {
      if (home.has(uid)) return;
      const newUid = named.get(uid);
      if (newUid !== undefined) candidates.push(messageKey(toId, newUid));
      else byHeader.push(group.messageIdHeaders[i] ?? '');
    });
    let unfound = 0;
    if (byHeader.length) {
      // RFC 4315 absent: the server did not say the new UIDs; the target's own list names them.
      await deps.refresh([group.toPath]);
      const inTarget = new Map<string, string[]>();
      for (const m of await deps.cache.query({ query: 'folderMessages', folderId: toId })) {
        if (m.messageId && m.uid !== null) inTarget.set(m.messageId, [...(inTarget.get(m.messageId) ?? []), m.id]);
      }
      for (const header of byHeader) {
        const id = header ? inTarget.get(header)?.shift() : undefined;
        if (id) candidates.push(id);
        else unfound++;
      }
    }
    const present = (await deps.cache.query({ query: 'messagesByIds', ids: candidates })).filter((m) => m.folderId === toId).map((m) => m.id);
    if (present.length) await deps.move(present, group.fromPath);
    return { gone: candidates.length - present.length, unfound };
  };
  return {
    size: groups.reduce((n, g) => n + g.uids.length, 0),
    async undo(): Promise<UndoOutcome> {
      let gone = 0;
      let unfound = 0;
      for (const group of groups) {
        const result = await undoGroup(group);
        gone += result.gone;
        unfound += result.unfound;
      }
      const notes: UndoNote[] = [];
      if (gone) notes.push({ kind: 'movedSince', count: gone });
      if (unfound) notes.push({ kind: 'notFoundToMoveBack', count: unfound, folder: deps.folderOf(groups[0]!.toPath) });
      return { notes };
    },
    dispose: stopListening,
  };
}
