import { randomUUID } from 'node:crypto';
import type { CacheOp } from '../../../common/cache-protocol';
import { messageKeyParts, serverFolderId, type MessageRecord, type NamedFolder } from '../../../common/model/mail';
import type { PendingChange } from '../../../common/model/pending';
import type { DeviceCacheAccess, Reversal } from '../backend';
import { flagReversal, groupByFlags } from '../flag-reversal';
import { reversalOf } from '../reversal-list';
import type { Enqueued } from './offline-queue';
import { moveReversal, type MovedGroup, type MoveReversalDeps } from './move-reversal';

/** Server messages (with a UID; not kept only on this computer) grouped by their folder's path. */
export function byServerFolder<M extends Pick<MessageRecord, 'folderId' | 'uid'>>(messages: readonly M[]): Map<string, M[]> {
  const byFolder = new Map<string, M[]>();
  for (const message of messages) {
    if (message.uid === null || !message.folderId.startsWith('server:')) continue;
    const path = message.folderId.slice('server:'.length);
    // Pushed, not copied: a copy per message was quadratic (100,000 messages of one folder: 5·10⁹ copies).
    const messages = byFolder.get(path);
    if (messages) messages.push(message);
    else byFolder.set(path, [message]);
  }
  return byFolder;
}

/**
 * The server folder and UID each id names (RFC 3501 §6.4.8: a UID the folder no longer holds is
 * ignored by UID STORE, so one deleted meanwhile costs nothing; a change carries its folder's
 * UIDVALIDITY, so a folder reset meanwhile costs nothing either). Placeholders and local messages
 * name none.
 */
function serverPlaces(ids: readonly string[]): Array<{ folderId: string; uid: number }> {
  return [...new Set(ids)].flatMap((id) => messageKeyParts(id) ?? []);
}

export interface MessageActionsDeps {
  cache: DeviceCacheAccess;
  /** The offline queue: the optimistic change and the pending changes, committed together. */
  enqueue(optimistic: CacheOp[], changes: PendingChange[]): Promise<Enqueued>;
  /** The server's Trash (RFC 6154 \Trash), or null. */
  trashPath(): string | null;
  /** What undoing a move needs of the queue (offline-queue.ts). */
  queue: MoveReversalDeps['queue'];
  /** Syncs folders from the server before an undo decides, when connected (never waits for a connection). */
  refresh(paths: string[]): Promise<void>;
  /** A server folder's UIDVALIDITY as this device knows it, or null. */
  uidValidityOf(path: string): number | null;
  /** A folder as an undo's note names it. */
  folderOf(path: string): NamedFolder;
}

/**
 * The user's changes to messages (flags, move, delete): shown at once in the cache, and queued
 * for the server (offline-queue.ts). A moved message waits in its target under a placeholder id
 * until the server names its new UID.
 */
export class MessageActions {
  constructor(private readonly deps: MessageActionsDeps) {}

  async serverMessages(messageIds: string[]): Promise<Map<string, MessageRecord[]>> {
    return byServerFolder(await this.deps.cache.query({ query: 'messagesByIds', ids: messageIds }));
  }

  /**
   * Flags changed at once here, queued for the server; the answer undoes it (flag-reversal.ts).
   * The server's part is named by the ids (a server message's id is its folder and UID), so the
   * cache is read once, by the change itself, which reports the flags it found.
   */
  async changeFlags(messageIds: string[], add: string[], remove: string[]): Promise<Reversal | null> {
    const changes: PendingChange[] = [...byServerFolder(serverPlaces(messageIds))].map(([folderPath, messages]) => {
      const uidValidity = this.deps.uidValidityOf(folderPath);
      return { kind: 'flags', folderPath, uids: messages.map((m) => m.uid), add, remove, ...(uidValidity !== null ? { uidValidity } : {}) };
    });
    const { applied } = await this.deps.enqueue([{ op: 'changeFlags', ids: messageIds, add, remove }], changes);
    const before = applied.flagsBefore;
    const refresh = (ids: string[]): Promise<void> => this.deps.refresh([...byServerFolder(serverPlaces(ids)).keys()]);
    return flagReversal({ cache: this.deps.cache, changeFlags: (ids, a, r) => this.changeFlags(ids, a, r), refresh }, groupByFlags(before), add, remove);
  }

  /**
   * Messages kept on this computer (local folders left by a switch from POP): moving one into a
   * server folder uploads it (APPEND, queued like any change); into another local folder is local.
   */
  private async moveLocal(messageIds: string[], toPath: string): Promise<{ reversal: Reversal | null; uploaded: number }> {
    const local = (await this.deps.cache.query({ query: 'messagesByIds', ids: messageIds })).filter((m) => m.folderId.startsWith('local:'));
    if (!local.length) return { reversal: null, uploaded: 0 };
    const localTarget = (await this.deps.cache.query({ query: 'folders' })).find((f) => f.origin === 'local' && f.path === toPath);
    if (localTarget) {
      const moving = local.filter((m) => m.folderId !== localTarget.id);
      await this.deps.cache.apply([{ op: 'renameMessages', renames: moving.map((m) => ({ from: m.id, to: m.id, folderId: localTarget.id, uid: null })) }]);
      return { reversal: localMoveReversal(this.deps.cache, moving.map((m) => ({ id: m.id, folderId: m.folderId })), localTarget.id), uploaded: 0 };
    }
    let uploaded = 0;
    for (const message of local) {
      const source = await this.deps.cache.query({ query: 'rawSource', messageId: message.id });
      if (!source) continue;
      await this.deps.enqueue([{ op: 'deleteMessages', ids: [message.id] }], [{ kind: 'append', folderPath: toPath, raw: source.raw, flags: message.flags, replacesUid: null }]);
      uploaded++;
    }
    return { reversal: null, uploaded };
  }

  /** Moves at once here (placeholders in the target), queued for the server; the answer moves them back (move-reversal.ts). */
  async move(messageIds: string[], toPath: string): Promise<Reversal | null> {
    const { reversal: localPart, uploaded } = await this.moveLocal(messageIds, toPath);
    const byFolder = await this.serverMessages(messageIds);
    const optimistic: CacheOp[] = [];
    const changes: PendingChange[] = [];
    const headers: string[][] = [];
    const targetId = serverFolderId(toPath);
    for (const [folderPath, messages] of byFolder) {
      if (folderPath === toPath) continue;
      const opKey = randomUUID();
      const placeholderIds = messages.map((m) => `pending:${opKey}:${m.uid}`);
      optimistic.push({ op: 'renameMessages', renames: messages.map((m, i) => ({ from: m.id, to: placeholderIds[i]!, folderId: targetId, uid: null })) });
      changes.push({ kind: 'move', folderPath, uids: messages.map((m) => m.uid!), toPath, placeholderIds });
      headers.push(messages.map((m) => m.messageId));
    }
    const { records } = await this.deps.enqueue(optimistic, changes);
    const groups: MovedGroup[] = records.flatMap((record, i) =>
      record.change.kind === 'move' ? [{ recordId: record.id, fromPath: record.change.folderPath, toPath, uids: record.change.uids, placeholderIds: record.change.placeholderIds, messageIdHeaders: headers[i]! }] : [],
    );
    const serverPart = moveReversal({ cache: this.deps.cache, queue: this.deps.queue, refresh: (paths) => this.deps.refresh(paths), move: async (ids, path) => (await this.move(ids, path))?.dispose?.(), folderOf: (path) => this.deps.folderOf(path) }, groups);
    return reversalOf([localPart, serverPart], uploaded ? [{ kind: 'uploadedStay', count: uploaded, folder: this.deps.folderOf(toPath) }] : []);
  }

  /** To Trash (undoable, a move); in Trash, without one, or kept only here: deleted for good. */
  async delete(messageIds: string[]): Promise<Reversal | null> {
    // A message kept only on this computer has no server Trash to go to: it is deleted here.
    const local = (await this.deps.cache.query({ query: 'messagesByIds', ids: messageIds })).filter((m) => m.folderId.startsWith('local:'));
    if (local.length) await this.deps.cache.apply([{ op: 'deleteMessages', ids: local.map((m) => m.id) }]);
    const trash = this.deps.trashPath();
    const byFolder = await this.serverMessages(messageIds);
    const toTrash: string[] = [];
    const optimistic: CacheOp[] = [];
    const changes: PendingChange[] = [];
    for (const [folderPath, messages] of byFolder) {
      if (trash && folderPath !== trash) {
        toTrash.push(...messages.map((m) => m.id));
        continue;
      }
      optimistic.push({ op: 'deleteMessages', ids: messages.map((m) => m.id) });
      changes.push({ kind: 'expunge', folderPath, uids: messages.map((m) => m.uid!) });
    }
    if (changes.length) await this.deps.enqueue(optimistic, changes);
    const forGood = local.length + changes.reduce((n, c) => n + (c.kind === 'expunge' ? c.uids.length : 0), 0);
    const moved = toTrash.length && trash ? await this.move(toTrash, trash) : null;
    return reversalOf([moved], forGood ? [{ kind: 'deletedForGood', count: forGood }] : []);
  }
}

/** Local messages moved between this computer's folders: each goes back to its folder if it is still where the move put it. */
function localMoveReversal(cache: DeviceCacheAccess, moved: Array<{ id: string; folderId: string }>, targetId: string): Reversal | null {
  if (moved.length === 0) return null;
  return {
    size: moved.length,
    async undo() {
      const stillThere = new Set((await cache.query({ query: 'messagesByIds', ids: moved.map((m) => m.id) })).filter((m) => m.folderId === targetId).map((m) => m.id));
      const back = moved.filter((m) => stillThere.has(m.id));
      if (back.length) await cache.apply([{ op: 'renameMessages', renames: back.map((m) => ({ from: m.id, to: m.id, folderId: m.folderId, uid: null })) }]);
      const gone = moved.length - back.length;
      return { notes: gone ? [{ kind: 'movedSince', count: gone }] : [] };
    },
  };
}
