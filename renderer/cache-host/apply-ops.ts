import Dexie from 'dexie';
import type { CacheOp } from '../../common/cache-protocol';
import { withFlagList, type MessageRecord } from '../../common/model/mail';
import type { DeviceCache } from './schema';
import { indexBody, indexHeaders, renameIndexRecords } from './index-ops';

/**
 * Headers stored in a batch of at most this many are indexed in the same transaction (new mail,
 * a resync). A larger batch — a first sync's backfill — is left to the background build
 * (index-build.ts; the host starts it again, see `leavesIndexToBuild`): Chromium writes each term
 * as an entry of the multi-entry index, and with the headers' terms in the sync's transactions
 * test/e2e/large-folder.test.ts synced its 100,000 headers in 630 s; without them, 168 s (the same
 * machine, one run each). Search finds such messages by sender and subject meanwhile (the
 * messages' own `words`, renderer/cache/search.ts).
 */
export const INDEX_HEADERS_AT_ONCE = 500;

/** Whether a batch stored headers it did not index (the host then makes sure the build runs). */
export function leavesIndexToBuild(ops: readonly CacheOp[]): boolean {
  return ops.some((op) => op.op === 'putMessages' && op.messages.length > INDEX_HEADERS_AT_ONCE);
}

/** Applies a batch in one transaction; resolves only after IndexedDB reports the commit. */
export async function applyOps(db: DeviceCache, ops: CacheOp[]): Promise<void> {
  await db.transaction('rw', [db.folders, db.messages, db.bodies, db.attachments, db.pendingOps, db.popState, db.rawSources, db.rawSourceChunks, db.attachmentChunks, db.searchIndex], async () => {
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
      if (op.messages.length <= INDEX_HEADERS_AT_ONCE) await indexHeaders(db, op.messages);
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
      await renameMessages(db, op.renames);
      return;
    case 'clearFolder':
      await clearFolder(db, op.folderId);
      return;
    case 'putBody':
      await db.bodies.put(op.body);
      await db.attachments.bulkPut(op.attachments);
      await indexBody(db, op.body);
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
    case 'clearPopStates':
      await db.popState.clear();
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
  await db.searchIndex.bulkDelete(ids);
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

/** Renames re-keyed together, with one bulk read, delete and write per table. */
const RENAME_WAVE = 200;
/** Attachments read at once while re-keying: they can be megabytes each. */
const LARGE_ROWS_AT_ONCE = 16;
/**
 * Whole sources read at once while re-keying, by their messages' sizes: 16 at a time made 6,046
 * small POP sources 1,134 round trips, 4.3 s of a 18.6 s switch (bench/cache-migrate.ts).
 */
const SOURCE_BYTES_AT_ONCE = 8 * 1024 * 1024;
/** A record's size can be missing or wrong: no source counts for less than this. */
const SMALLEST_SOURCE_BYTES = 32 * 1024;

/**
 * Re-keys messages with everything that hangs on them (body, source, source pieces, attachments
 * and their pieces), as if each rename were applied alone in the order given: a rename whose
 * message is not here does nothing, and a target id already here is replaced (its rows of the same
 * key, that is; rows only the target has stay). Renames go in waves where no id appears twice, so
 * a wave can be done table by table in bulk with the same result; a chain (a→b, then b→c) or a
 * repeated id starts a new wave.
 */
async function renameMessages(db: DeviceCache, renames: Rename[]): Promise<void> {
  let wave: Rename[] = [];
  const seen = new Set<string>();
  for (const rename of renames) {
    if (wave.length >= RENAME_WAVE || seen.has(rename.from) || seen.has(rename.to)) {
      await renameWave(db, wave);
      wave = [];
      seen.clear();
    }
    wave.push(rename);
    seen.add(rename.from);
    seen.add(rename.to);
  }
  if (wave.length) await renameWave(db, wave);
}

/** One wave: no id appears in two of its renames. */
async function renameWave(db: DeviceCache, wave: Rename[]): Promise<void> {
  // A rename that brings its record needs no read: what is under `from` goes either way.
  const unknown = wave.filter((r) => !r.record);
  const found = new Map<string, MessageRecord>();
  (await db.messages.bulkGet(unknown.map((r) => r.from))).forEach((m, i) => m && found.set(unknown[i]!.from, m));
  const moving = wave.flatMap((r) => {
    if (r.record) return [{ ...r, message: { ...r.record, id: r.to, uid: r.uid, folderId: r.folderId } }];
    const message = found.get(r.from);
    return message ? [{ ...r, message: { ...message, id: r.to, uid: r.uid, folderId: r.folderId } }] : [];
  });
  if (!moving.length) return;
  const target = new Map(moving.map((r) => [r.from, r.to]));

  // Kept in place (a move between local folders) needs no delete: the put replaces it.
  const leaving = moving.filter((r) => r.from !== r.to).map((r) => r.from);
  if (leaving.length) await db.messages.bulkDelete(leaving);
  await db.messages.bulkPut(moving.map((r) => r.message));
  await renameIndexRecords(db, moving);
  if (!leaving.length) return;

  const bodies = (await db.bodies.bulkGet(leaving)).filter((b) => b !== undefined);
  if (bodies.length) {
    await db.bodies.bulkDelete(bodies.map((b) => b.messageId));
    await db.bodies.bulkPut(bodies.map((b) => ({ ...b, messageId: target.get(b.messageId)! })));
  }

  for (const group of bySourceSize(moving.filter((r) => r.from !== r.to))) {
    const sources = (await db.rawSources.bulkGet(group)).filter((s) => s !== undefined);
    if (!sources.length) continue;
    await db.rawSources.bulkDelete(sources.map((s) => s.messageId));
    await db.rawSources.bulkPut(sources.map((s) => ({ ...s, messageId: target.get(s.messageId)! })));
  }

  await renameChunks(db, leaving, target);
  await renameAttachmentChunks(db, leaving, target);

  const attachmentKeys = await db.attachments.where('messageId').anyOf(leaving).primaryKeys();
  for (let i = 0; i < attachmentKeys.length; i += LARGE_ROWS_AT_ONCE) {
    const attachments = (await db.attachments.bulkGet(attachmentKeys.slice(i, i + LARGE_ROWS_AT_ONCE))).filter((a) => a !== undefined);
    if (!attachments.length) continue;
    await db.attachments.bulkDelete(attachments.map((a) => a.id));
    await db.attachments.bulkPut(
      attachments.map((a) => {
        const to = target.get(a.messageId)!;
        return { ...a, id: a.id.replace(a.messageId, to), messageId: to };
      }),
    );
  }
}

/**
 * Message ids in groups whose sources, by their records' sizes, come to about SOURCE_BYTES_AT_ONCE:
 * thousands of small POP sources move in a few dozen reads (one round trip each), a 60 MB one alone.
 */
function bySourceSize(moving: Array<{ from: string; message: MessageRecord }>): string[][] {
  const groups: string[][] = [];
  let group: string[] = [];
  let bytes = 0;
  for (const { from, message } of moving) {
    const size = Math.max(message.size, SMALLEST_SOURCE_BYTES);
    if (group.length && bytes + size > SOURCE_BYTES_AT_ONCE) {
      groups.push(group);
      group = [];
      bytes = 0;
    }
    group.push(from);
    bytes += size;
  }
  if (group.length) groups.push(group);
  return groups;
}

/** A large source's pieces follow their message, one piece in memory at a time. */
async function renameChunks(db: DeviceCache, froms: string[], target: Map<string, string>): Promise<void> {
  const keys = await db.rawSourceChunks.where('messageId').anyOf(froms).primaryKeys();
  for (const key of keys) {
    const chunk = await db.rawSourceChunks.get(key);
    if (!chunk) continue;
    await db.rawSourceChunks.delete(key);
    await db.rawSourceChunks.put({ ...chunk, messageId: target.get(chunk.messageId)! });
  }
}

/** Pieces of attachments read out of a large source follow their message, and their attachment's new id. */
async function renameAttachmentChunks(db: DeviceCache, froms: string[], target: Map<string, string>): Promise<void> {
  const keys = await db.attachmentChunks.where('messageId').anyOf(froms).primaryKeys();
  for (const key of keys) {
    const chunk = await db.attachmentChunks.get(key);
    if (!chunk) continue;
    const to = target.get(chunk.messageId)!;
    await db.attachmentChunks.delete(key);
    await db.attachmentChunks.put({ ...chunk, attachmentId: chunk.attachmentId.replace(chunk.messageId, to), messageId: to });
  }
}
