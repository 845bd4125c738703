import type { ImapFlow, MessageRangeOptions, StoreOptions } from 'imapflow';
import type { CacheOp } from '../../../common/cache-protocol';
import { messageKey, serverFolderId } from '../../../common/model/mail';
import type { PendingChange } from '../../../common/model/pending';
import { ProtocolError } from '../../protocols/protocol-error';
import type { DeviceCacheAccess } from '../backend';
import { toSequenceSet } from '../uid-set';
import { fetchHeaders } from './fetch-headers';
import type { ResponseIsolation } from './response-isolation';

export interface ReplayOutcome {
  /** Cache operations that follow from the server's answer (e.g. placeholders get real UIDs). */
  ops: CacheOp[];
  /** Folders whose cache should be synced again because the answer did not say everything. */
  resync: string[];
}

/**
 * imapflow answers a failed STORE, COPY, MOVE or EXPUNGE with `false` instead of throwing, both
 * when the server said NO and when the connection dropped mid-command. Taken as success, that
 * lost the change (a drop) or the message (a refused move). So: a lost connection keeps the
 * change queued (CONNECTION_LOST is transient); a refusal gets a tagged-NO error, which the
 * queue handles by dropping the change and syncing the folder back to the server's truth.
 */
function notDone(client: ImapFlow, what: string): never {
  if (!client.usable) throw new ProtocolError({ code: 'CONNECTION_LOST', message: `IMAP: the connection was lost while trying to ${what}.` });
  throw Object.assign(new Error(`the server did not ${what}.`), { responseStatus: 'NO' });
}

/** The UIDs of the selected folder's messages with this Message-ID (RFC 3501 §6.4.4 SEARCH HEADER; a substring match, so the whole bracketed id is asked). */
async function uidsWithMessageId(client: ImapFlow, messageId: string): Promise<number[]> {
  const found = await client.search({ header: { 'message-id': messageId } }, { uid: true });
  return found || [];
}

/**
 * `\Deleted` with `UID STORE … +FLAGS.SILENT` (RFC 4549 §4.2.3), then `UID EXPUNGE` of just
 * these UIDs (RFC 4315). imapflow hands these options on to its STORE, as its own MOVE
 * fallback does; its `messageDelete` type only lists `uid`.
 */
function expungeUids(client: ImapFlow, range: string): Promise<boolean> {
  const options: MessageRangeOptions & StoreOptions = { uid: true, silent: true };
  return client.messageDelete(range, options);
}

/**
 * What a move's answer means for its placeholders in the target folder: with the new UIDs
 * (COPYUID, RFC 4315 §3, or MOVE's, RFC 6851) each placeholder becomes the real message; a
 * placeholder without one, or all of them when the server named none, goes, and the target
 * folder is synced to bring the messages in under their real UIDs.
 */
export function movedOutcome(change: Extract<PendingChange, { kind: 'move' }>, uidMap: ReadonlyMap<number, number> | undefined): ReplayOutcome {
  const targetId = serverFolderId(change.toPath);
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

/**
 * Sends one queued change to the server (RFC 4549 §4.2): flags with `UID STORE +FLAGS.SILENT`,
 * moves with `UID MOVE` (COPY + EXPUNGE where MOVE is missing, done by imapflow), deletions with
 * `\Deleted` + `UID EXPUNGE`, uploads with `APPEND`. Every step is safe to repeat after a drop.
 */
export async function replayChange(client: ImapFlow, change: PendingChange): Promise<ReplayOutcome> {
  if (change.kind === 'append') {
    const appended = await client.append(change.folderPath, Buffer.from(change.raw), change.flags);
    const replaced = new Set(change.replacesUid !== null ? [change.replacesUid] : []);
    const lock = replaced.size || change.messageId ? await client.getMailboxLock(change.folderPath) : null;
    try {
      if (change.messageId) {
        // Every other saved version of the draft goes; without APPENDUID (RFC 4315) the newest stays.
        const versions = await uidsWithMessageId(client, change.messageId);
        const kept = appended && appended.uid ? appended.uid : Math.max(0, ...versions);
        for (const uid of versions) if (uid !== kept) replaced.add(uid);
      }
      if (replaced.size) await expungeUids(client, toSequenceSet([...replaced]));
    } finally {
      lock?.release();
    }
    const ops: CacheOp[] = replaced.size ? [{ op: 'deleteMessages', ids: [...replaced].map((uid) => messageKey(serverFolderId(change.folderPath), uid)) }] : [];
    return { ops, resync: appended ? [change.folderPath] : [] };
  }
  const lock = await client.getMailboxLock(change.folderPath);
  try {
    if (change.kind === 'expunge' && change.messageId) {
      const uids = [...new Set([...change.uids, ...(await uidsWithMessageId(client, change.messageId))])];
      if (uids.length && !(await expungeUids(client, toSequenceSet(uids)))) notDone(client, 'delete the draft');
      return { ops: [{ op: 'deleteMessages', ids: uids.map((uid) => messageKey(serverFolderId(change.folderPath), uid)) }], resync: [] };
    }
    const range = toSequenceSet(change.uids);
    switch (change.kind) {
      case 'flags':
        // The folder was reset since (RFC 4549 §4.1): these UIDs name other messages now; the resync shows the new ones.
        if (change.uidValidity !== undefined && client.mailbox && Number(client.mailbox.uidValidity) !== change.uidValidity) return { ops: [], resync: [change.folderPath] };
        if (change.add.length && !(await client.messageFlagsAdd(range, change.add, { uid: true, silent: true }))) notDone(client, `add ${change.add.join(' ')}`);
        if (change.remove.length && !(await client.messageFlagsRemove(range, change.remove, { uid: true, silent: true }))) notDone(client, `remove ${change.remove.join(' ')}`);
        return { ops: [], resync: [] };
      case 'expunge':
        if (!(await expungeUids(client, range))) notDone(client, 'expunge the messages');
        return { ops: [], resync: [] };
      case 'move': {
        const moved = await client.messageMove(range, change.toPath, { uid: true });
        if (!moved) notDone(client, `move the messages to ${change.toPath}`);
        return movedOutcome(change, moved.uidMap);
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

/**
 * A move the server refused: the messages never left their folder, but the cache moved them
 * (placeholders in the target). Their headers go back into the source, fetched by UID, in the
 * same batch that drops the placeholders. A sync would not bring them back: nothing changed
 * on the server. (Resetting the whole folder instead raced with the sync queued meanwhile,
 * which wrote the old sync state over the emptied folder and left it empty.)
 */
export async function restoreRefusedMove(client: ImapFlow, change: Extract<PendingChange, { kind: 'move' }>, cache: DeviceCacheAccess, isolation: ResponseIsolation): Promise<void> {
  const lock = await client.getMailboxLock(change.folderPath);
  try {
    const { records } = await fetchHeaders(client, serverFolderId(change.folderPath), change.uids, isolation);
    await cache.apply([{ op: 'deleteMessages', ids: change.placeholderIds }, { op: 'putMessages', messages: records }]);
  } finally {
    lock.release();
  }
}
