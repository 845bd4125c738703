import Dexie from 'dexie';
import type { CacheOp } from '../../common/cache-protocol';
import { withFlagList, type MessageRecord } from '../../common/model/mail';
import type { DeviceCache } from './schema';

/** Applies a batch in one transaction; resolves only after IndexedDB reports the commit. */
export async function applyOps(db: DeviceCache, ops: CacheOp[]): Promise<void> {
  await db.transaction('rw', [db.folders, db.messages, db.bodies, db.attachments, db.pendingOps, db.popState, db.rawSources, db.rawSourceChunks, db.attachmentChunks], async () => {
    for (const op of ops) await applyOne(db, op);
  });
}

async function applyOne(db: DeviceCache, op: CacheOp): Promise<void> {
  switch (op.op) {
    case 'putFolders':
      await db.folders.bulkPut(op.folders);
      return;
    case 'patchFolder':
      await db.folders.update(op.id, op.changes);
      return;
    case 'deleteFolder':
      await clearFolder(db, op.id);
      await db.folders.delete(op.id);
      return;
    case 'putMessages':
      await db.messages.bulkPut(op.messages);
      return;
    case 'setFlags': {
      const existing = await db.messages.bulkGet(op.updates.map((u) => u.id));
      const changed: MessageRecord[] = [];
      existing.forEach((message, i) => {
        if (message) changed.push(withFlagList(message, op.updates[i]!.flags));
      });
      await db.messages.bulkPut(changed);
      return;
    }
    case 'changeFlags': {
      const existing = await db.messages.bulkGet(op.ids);
      const changed: MessageRecord[] = [];
      for (const message of existing) {
        if (!message) continue;
        const flags = new Set(message.flags);
        op.add.forEach((f) => flags.add(f));
        op.remove.forEach((f) => flags.delete(f));
        changed.push(withFlagList(message, [...flags]));
      }
      await db.messages.bulkPut(changed);
      return;
    }
    case 'deleteMessages':
      await deleteMessages(db, op.ids);
      return;
    case 'renameMessages':
      for (const rename of op.renames) await renameMessage(db, rename);
      return;
    case 'clearFolder':
      await clearFolder(db, op.folderId);
      return;
    case 'putBody':
      await db.bodies.put(op.body);
      await db.attachments.bulkPut(op.attachments);
      return;
    case 'putRawSource':
      await db.rawSources.put(op.source);
      return;
    case 'putRawSourceChunks':
      await db.rawSourceChunks.bulkPut(op.chunks);
      return;
    case 'deleteRawSourceChunks':
      await db.rawSourceChunks.where('messageId').anyOf(op.messageIds).delete();
      return;
    case 'putAttachmentChunks':
      await db.attachmentChunks.bulkPut(op.chunks);
      return;
    case 'deleteAttachmentChunks':
      await db.attachmentChunks.where('messageId').anyOf(op.messageIds).delete();
      return;
    case 'putPopStates':
      await db.popState.bulkPut(op.states);
      return;
    case 'patchPopStates':
      await db.popState.where('uidl').anyOf(op.uidls).modify(op.changes);
      return;
    case 'deletePopStates':
      await db.popState.bulkDelete(op.uidls);
      return;
    case 'addPendingOp':
      await db.pendingOps.put(op.record);
      return;
    case 'removePendingOp':
      await db.pendingOps.delete(op.id);
      return;
    case 'patchPendingOp':
      await db.pendingOps.update(op.id, op.changes);
      return;
    default: {
      const unknownOp: never = op;
      throw new Error(`Unknown cache operation ${JSON.stringify(unknownOp)}`);
    }
  }
}

async function deleteMessages(db: DeviceCache, ids: string[]): Promise<void> {
  await db.messages.bulkDelete(ids);
  await db.bodies.bulkDelete(ids);
  await db.rawSources.bulkDelete(ids);
  await db.rawSourceChunks.where('messageId').anyOf(ids).delete();
  await db.attachmentChunks.where('messageId').anyOf(ids).delete();
  await db.attachments.where('messageId').anyOf(ids).delete();
}

async function clearFolder(db: DeviceCache, folderId: string): Promise<void> {
  const ids = await db.messages.where('[folderId+date]').between([folderId, Dexie.minKey], [folderId, Dexie.maxKey]).primaryKeys();
  await deleteMessages(db, ids);
}

type Rename = Extract<CacheOp, { op: 'renameMessages' }>['renames'][number];

async function renameMessage(db: DeviceCache, { from, to, folderId, uid }: Rename): Promise<void> {
  const message = await db.messages.get(from);
  if (!message) return;
  await db.messages.delete(from);
  await db.messages.put({ ...message, id: to, uid, folderId });
  const body = await db.bodies.get(from);
  if (body) {
    await db.bodies.delete(from);
    await db.bodies.put({ ...body, messageId: to });
  }
  const source = await db.rawSources.get(from);
  if (source) {
    await db.rawSources.delete(from);
    await db.rawSources.put({ ...source, messageId: to });
  }
  await renameChunks(db, from, to);
  await renameAttachmentChunks(db, from, to);
  const attachments = await db.attachments.where('messageId').equals(from).toArray();
  if (attachments.length) {
    await db.attachments.bulkDelete(attachments.map((a) => a.id));
    await db.attachments.bulkPut(attachments.map((a) => ({ ...a, id: a.id.replace(from, to), messageId: to })));
  }
}

/** A large source's pieces follow their message, one piece in memory at a time. */
async function renameChunks(db: DeviceCache, from: string, to: string): Promise<void> {
  if (from === to) return;
  const keys = await db.rawSourceChunks.where('messageId').equals(from).primaryKeys();
  for (const key of keys) {
    const chunk = await db.rawSourceChunks.get(key);
    if (!chunk) continue;
    await db.rawSourceChunks.delete(key);
    await db.rawSourceChunks.put({ ...chunk, messageId: to });
  }
}

/** Pieces of attachments read out of a large source follow their message, and their attachment's new id. */
async function renameAttachmentChunks(db: DeviceCache, from: string, to: string): Promise<void> {
  if (from === to) return;
  const keys = await db.attachmentChunks.where('messageId').equals(from).primaryKeys();
  for (const key of keys) {
    const chunk = await db.attachmentChunks.get(key);
    if (!chunk) continue;
    await db.attachmentChunks.delete(key);
    await db.attachmentChunks.put({ ...chunk, attachmentId: chunk.attachmentId.replace(from, to), messageId: to });
  }
}
