import Dexie from 'dexie';
import type { CacheApplied, CacheOp, MessageFlagState } from '../../common/cache-protocol';
import { withFlagList, type MessageRecord } from '../../common/model/mail';
import type { DeviceCache } from './schema';
import { deleteIndexRecords, indexBody, indexHeaders, renameIndexRecords, withStoredDocs } from './index-ops';
import { countNewMessages } from './contact-ops';
import { deleteByKeys, takeByKeys } from './key-runs';
import { messagesById } from './message-reads';

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

/**
 * Whether two flag lists hold the same flags. A record whose flags do not change is not written:
 * every put rewrites all of the record's index entries, and a resync after a bulk change of
 * 100,000 (CONDSTORE reports them all as changed) would otherwise rewrite them all again.
 */
function sameFlagList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((flag) => set.has(flag));
}

/** Applies a batch in one transaction; resolves only after IndexedDB reports the commit, with what the batch found. */
export async function applyOps(db: DeviceCache, ops: CacheOp[]): Promise<CacheApplied> {
  const flagsBefore: MessageFlagState[] = [];
  await db.transaction('rw', [db.folders, db.messages, db.bodies, db.attachments, db.pendingOps, db.popState, db.rawSources, db.rawSourceChunks, db.attachmentChunks, db.searchTerms, db.contacts, db.recipientGroups], async () => {
    for (const op of ops) {
      if (op.op === 'changeFlags') flagsBefore.push(...(await changeFlags(db, op)));
      else await applyOne(db, op);
    }
  });
  return { flagsBefore };
}

/** Adds and removes flags; returns the place and flags before the change of each message found, in the order of the ids. */
async function changeFlags(db: DeviceCache, op: Extract<CacheOp, { op: 'changeFlags' }>): Promise<MessageFlagState[]> {
  const found = await messagesById(db, op.ids);
  const before: MessageFlagState[] = [];
  const changed: MessageRecord[] = [];
  for (const id of new Set(op.ids)) {
    const message = found.get(id);
    if (!message) continue;
    before.push({ id: message.id, folderId: message.folderId, uid: message.uid, flags: message.flags });
    const flags = new Set(message.flags);
    op.add.forEach((f) => flags.add(f));
    op.remove.forEach((f) => flags.delete(f));
    if (!sameFlagList(message.flags, [...flags])) changed.push(withFlagList(message, [...flags]));
  }
  await db.messages.bulkPut(changed);
  return before;
}

async function applyOne(db: DeviceCache, op: Exclude<CacheOp, { op: 'changeFlags' }>): Promise<void> {
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
    case 'putMessages': {
      // One record an id, the last one sent, as a bulkPut keeps.
      const { records, firstStored } = await withStoredDocs(db, [...new Map(op.messages.map((m) => [m.id, m])).values()]);
      await db.messages.bulkPut(records);
      if (records.length <= INDEX_HEADERS_AT_ONCE) await indexHeaders(db, records);
      await countNewMessages(db, firstStored);
      return;
    }
    case 'setFlags': {
      const existing = await messagesById(db, op.updates.map((u) => u.id));
      const changed: MessageRecord[] = [];
      for (const { id, flags } of op.updates) {
        const message = existing.get(id);
        if (message && !sameFlagList(message.flags, flags)) changed.push(withFlagList(message, flags));
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
  await deleteIndexRecords(db, [...(await messagesById(db, ids)).values()]);
  await deleteByKeys(db.messages, ids);
  await deleteByKeys(db.bodies, ids);
  await deleteByKeys(db.rawSources, ids);
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
  // Without a chain or a repeated id the order does not matter: sorted, a wave's ids sit next to
  // each other in the tables and are read and deleted as ranges (key-runs.ts).
  const ordered = repeatsAnId(renames) ? renames : [...renames].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  let wave: Rename[] = [];
  const seen = new Set<string>();
  for (const rename of ordered) {
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

/** Whether an id is renamed twice, or renamed to where another one is renamed from (a chain). */
function repeatsAnId(renames: Rename[]): boolean {
  const froms = new Set<string>();
  const tos = new Set<string>();
  for (const { from, to } of renames) {
    if (froms.has(from) || tos.has(to) || tos.has(from) || (from !== to && froms.has(to))) return true;
    froms.add(from);
    tos.add(to);
  }
  return false;
}

/** One wave: no id appears in two of its renames. */
async function renameWave(db: DeviceCache, wave: Rename[]): Promise<void> {
  // A rename that brings its record needs no other: what is under `from` goes either way. The
  // record stored there is read all the same, for the number of its search terms.
  const stored = await messagesById(db, wave.map((r) => r.from));
  const moving = wave.flatMap((r) => {
    const old = stored.get(r.from);
    const message = r.record ?? old;
    return message ? [{ ...r, stored: old, message: { ...message, id: r.to, uid: r.uid, folderId: r.folderId } }] : [];
  });
  if (!moving.length) return;
  const target = new Map(moving.map((r) => [r.from, r.to]));

  // Kept in place (a move between local folders) needs no delete: the put replaces it.
  const renamed = moving.filter((r) => r.from !== r.to);
  const leaving = renamed.map((r) => r.from);
  const replaced = await messagesById(db, renamed.map((r) => r.to));
  await deleteByKeys(db.messages, leaving);
  await db.messages.bulkPut(await renameIndexRecords(db, moving, [...replaced.values()]));
  if (!leaving.length) return;

  const bodies = await takeByKeys(db.bodies, leaving, (b) => b.messageId);
  if (bodies.length) await db.bodies.bulkPut(bodies.map((b) => ({ ...b, messageId: target.get(b.messageId)! })));

  for (const group of bySourceSize(renamed)) {
    const sources = await takeByKeys(db.rawSources, group, (s) => s.messageId);
    if (sources.length) await db.rawSources.bulkPut(sources.map((s) => ({ ...s, messageId: target.get(s.messageId)! })));
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
