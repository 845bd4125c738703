import { randomUUID } from 'node:crypto';
import type { CacheOp } from '../../../common/cache-protocol';
import { serverFolderId, type MessageRecord } from '../../../common/model/mail';
import type { PendingChange } from '../../../common/model/pending';
import type { DeviceCacheAccess } from '../backend';

/** Server messages (with a UID; not kept only on this computer) grouped by their folder's path. */
export function byServerFolder(messages: readonly MessageRecord[]): Map<string, MessageRecord[]> {
  const byFolder = new Map<string, MessageRecord[]>();
  for (const message of messages) {
    if (message.uid === null || !message.folderId.startsWith('server:')) continue;
    const path = message.folderId.slice('server:'.length);
    byFolder.set(path, [...(byFolder.get(path) ?? []), message]);
  }
  return byFolder;
}

export interface MessageActionsDeps {
  cache: DeviceCacheAccess;
  /** The offline queue: the optimistic change and the pending changes, committed together. */
  enqueue(optimistic: CacheOp[], changes: PendingChange[]): Promise<void>;
  /** The server's Trash (RFC 6154 \Trash), or null. */
  trashPath(): string | null;
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

  async changeFlags(messageIds: string[], add: string[], remove: string[]): Promise<void> {
    const byFolder = await this.serverMessages(messageIds);
    const changes: PendingChange[] = [...byFolder].map(([folderPath, messages]) => ({ kind: 'flags', folderPath, uids: messages.map((m) => m.uid!), add, remove }));
    await this.deps.enqueue([{ op: 'changeFlags', ids: messageIds, add, remove }], changes);
  }

  /**
   * Messages kept on this computer (local folders left by a switch from POP): moving one into a
   * server folder uploads it (APPEND, queued like any change); into another local folder is local.
   */
  private async moveLocal(messageIds: string[], toPath: string): Promise<void> {
    const local = (await this.deps.cache.query({ query: 'messagesByIds', ids: messageIds })).filter((m) => m.folderId.startsWith('local:'));
    if (!local.length) return;
    const localTarget = (await this.deps.cache.query({ query: 'folders' })).find((f) => f.origin === 'local' && f.path === toPath);
    if (localTarget) {
      await this.deps.cache.apply([{ op: 'renameMessages', renames: local.map((m) => ({ from: m.id, to: m.id, folderId: localTarget.id, uid: null })) }]);
      return;
    }
    for (const message of local) {
      const source = await this.deps.cache.query({ query: 'rawSource', messageId: message.id });
      if (!source) continue;
      await this.deps.enqueue([{ op: 'deleteMessages', ids: [message.id] }], [{ kind: 'append', folderPath: toPath, raw: source.raw, flags: message.flags, replacesUid: null }]);
    }
  }

  async move(messageIds: string[], toPath: string): Promise<void> {
    await this.moveLocal(messageIds, toPath);
    const byFolder = await this.serverMessages(messageIds);
    const optimistic: CacheOp[] = [];
    const changes: PendingChange[] = [];
    const targetId = serverFolderId(toPath);
    for (const [folderPath, messages] of byFolder) {
      if (folderPath === toPath) continue;
      const opKey = randomUUID();
      const placeholderIds = messages.map((m) => `pending:${opKey}:${m.uid}`);
      optimistic.push({ op: 'renameMessages', renames: messages.map((m, i) => ({ from: m.id, to: placeholderIds[i]!, folderId: targetId, uid: null })) });
      changes.push({ kind: 'move', folderPath, uids: messages.map((m) => m.uid!), toPath, placeholderIds });
    }
    await this.deps.enqueue(optimistic, changes);
  }

  async delete(messageIds: string[]): Promise<void> {
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
    if (toTrash.length && trash) await this.move(toTrash, trash);
  }
}
