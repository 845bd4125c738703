import type { ImapFlow } from 'imapflow';
import type { CacheOp } from '../../../common/cache-protocol';
import { messageKey, serverFolderId } from '../../../common/model/mail';
import type { PendingChange } from '../../../common/model/pending';
import { toSequenceSet } from '../uid-set';

export interface ReplayOutcome {
  /** Cache operations that follow from the server's answer (e.g. placeholders get real UIDs). */
  ops: CacheOp[];
  /** Folders whose cache should be synced again because the answer did not say everything. */
  resync: string[];
}

/**
 * Sends one queued change to the server (RFC 4549 §4.2): flags with `UID STORE +FLAGS.SILENT`,
 * moves with `UID MOVE` (COPY + EXPUNGE where MOVE is missing, done by imapflow), deletions with
 * `\Deleted` + `UID EXPUNGE`, uploads with `APPEND`. Every step is safe to repeat after a drop.
 */
export async function replayChange(client: ImapFlow, change: PendingChange): Promise<ReplayOutcome> {
  if (change.kind === 'append') {
    const appended = await client.append(change.folderPath, Buffer.from(change.raw), change.flags);
    if (change.replacesUid !== null) {
      const lock = await client.getMailboxLock(change.folderPath);
      try {
        await client.messageDelete(String(change.replacesUid), { uid: true });
      } finally {
        lock.release();
      }
    }
    const ops: CacheOp[] = change.replacesUid !== null ? [{ op: 'deleteMessages', ids: [messageKey(serverFolderId(change.folderPath), change.replacesUid)] }] : [];
    return { ops, resync: appended ? [change.folderPath] : [] };
  }
  const lock = await client.getMailboxLock(change.folderPath);
  try {
    const range = toSequenceSet(change.uids);
    switch (change.kind) {
      case 'flags':
        if (change.add.length) await client.messageFlagsAdd(range, change.add, { uid: true, silent: true });
        if (change.remove.length) await client.messageFlagsRemove(range, change.remove, { uid: true, silent: true });
        return { ops: [], resync: [] };
      case 'expunge':
        await client.messageDelete(range, { uid: true });
        return { ops: [], resync: [] };
      case 'move': {
        const moved = await client.messageMove(range, change.toPath, { uid: true });
        const targetId = serverFolderId(change.toPath);
        const uidMap = moved ? moved.uidMap : undefined;
        if (!uidMap) return { ops: [{ op: 'deleteMessages', ids: change.placeholderIds }], resync: [change.toPath] };
        const renames = change.uids.flatMap((uid, i) => {
          const newUid = uidMap.get(uid);
          const from = change.placeholderIds[i];
          return newUid !== undefined && from ? [{ from, to: messageKey(targetId, newUid), folderId: targetId, uid: newUid }] : [];
        });
        const unmatched = change.placeholderIds.filter((id) => !renames.some((r) => r.from === id));
        const ops: CacheOp[] = [{ op: 'renameMessages', renames }];
        if (unmatched.length) ops.push({ op: 'deleteMessages', ids: unmatched });
        return { ops, resync: unmatched.length ? [change.toPath] : [] };
      }
      default: {
        const unknownChange: never = change;
        throw new Error(`Unknown change ${JSON.stringify(unknownChange)}`);
      }
    }
  } finally {
    lock.release();
  }
}
