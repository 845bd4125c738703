import type { ExpungeEvent, ImapFlow, MailboxObject } from 'imapflow';
import type { CacheOp } from '../../../common/cache-protocol';
import { messageKey, withFlagList, type FolderRecord, type MessageRecord } from '../../../common/model/mail';
import { newToFolder } from '../../notify/new-mail';
import type { DeviceCacheAccess } from '../backend';
import type { PendingOverlay } from '../pending-overlay';
import { fetchHeaders } from './fetch-headers';
import type { ResponseIsolation } from './response-isolation';
import { searchUids } from './search-uids';

export interface FolderSyncDeps {
  client: ImapFlow;
  cache: DeviceCacheAccess;
  overlay: PendingOverlay;
  /** Finds and sets aside a message whose FETCH answer breaks the connection. */
  isolation: ResponseIsolation;
  now(): number;
  /** Messages new to the folder since its last sync, once committed (main/notify decides what is announced). */
  arrived?(folder: FolderRecord, messages: MessageRecord[]): void;
}

function maxModseq(...values: Array<bigint | string | null | undefined>): string | null {
  let best: bigint | null = null;
  for (const value of values) {
    if (value === null || value === undefined) continue;
    const v = BigInt(value);
    if (best === null || v > best) best = v;
  }
  return best === null ? null : best.toString();
}

function resetSyncState(folder: FolderRecord): FolderRecord {
  return { ...folder, uidValidity: null, uidNext: null, highestModseq: null, backfillBelowUid: null, syncedAt: null };
}

function withOverlay(deps: FolderSyncDeps, path: string, records: MessageRecord[]): MessageRecord[] {
  const leaving = deps.overlay.leaving(path);
  return records.filter((r) => r.uid === null || !leaving.has(r.uid)).map((r) => withFlagList(r, deps.overlay.flags(path, r.uid ?? 0, r.flags)));
}

/**
 * Brings one folder's cache up to date with the server, cheaply (RFC 4549 §3, RFC 7162):
 * a changed UIDVALIDITY empties the folder; new UIDs are fetched; flag changes come from
 * CHANGEDSINCE (or a full flag comparison without CONDSTORE); expunges from VANISHED (or a UID
 * comparison without QRESYNC). Everything is written in one batch with the new sync state.
 * A folder never synced before only gets its state here; its headers come from `backfillStep`.
 */
export async function syncFolderChanges(deps: FolderSyncDeps, folder: FolderRecord): Promise<FolderRecord> {
  const { client } = deps;
  const alreadySelected = client.mailbox !== false && client.mailbox.path === folder.path;
  const lock = await client.getMailboxLock(folder.path);
  try {
    // The lock does not SELECT a mailbox that is already selected; a fresh SELECT is what
    // reports a changed UIDVALIDITY, UIDNEXT and HIGHESTMODSEQ.
    if (alreadySelected) await client.mailboxOpen(folder.path);
    const mailbox = client.mailbox as MailboxObject;
    const uidValidity = Number(mailbox.uidValidity);
    const ops: CacheOp[] = [];
    let state = folder;
    if (state.uidValidity !== null && state.uidValidity !== uidValidity) {
      ops.push({ op: 'clearFolder', folderId: folder.id });
      state = resetSyncState(state);
    }
    if (state.uidNext === null) {
      state = {
        ...state,
        uidValidity,
        uidNext: mailbox.uidNext,
        highestModseq: mailbox.highestModseq?.toString() ?? null,
        backfillBelowUid: mailbox.uidNext,
        serverTotal: mailbox.exists,
        syncedAt: deps.now(),
      };
      ops.push({ op: 'putFolders', folders: [state] });
      await deps.cache.apply(ops);
      return state;
    }
    const knownUidNext = state.uidNext;
    const fresh = mailbox.uidNext > knownUidNext ? await fetchHeaders(client, folder.id, `${knownUidNext}:*`, deps.isolation) : { records: [], highestModseq: null };
    // RFC 3501 §6.4.8: "n:*" always includes the last message, even when its UID is below n.
    const newRecords = fresh.records.filter((r) => (r.uid ?? 0) >= knownUidNext);
    // Read before they are written: those already here came from this device (a move, a copy).
    const cachedIds = deps.arrived && newRecords.length ? new Set((await deps.cache.query({ query: 'messagesByIds', ids: newRecords.map((r) => r.id) })).map((r) => r.id)) : new Set<string>();

    const flagUpdates: Array<{ id: string; flags: string[] }> = [];
    const vanished = new Set<number>();
    let changesModseq: bigint | null = null;
    const condstore = client.enabled.has('CONDSTORE') && !mailbox.noModseq && state.highestModseq !== null;
    if (knownUidNext > 1) {
      const onExpunge = (event: ExpungeEvent): void => {
        if (event.uid !== undefined) vanished.add(event.uid);
      };
      client.on('expunge', onExpunge);
      try {
        const range = condstore ? '1:*' : `1:${knownUidNext - 1}`;
        const options = condstore ? { uid: true, changedSince: BigInt(state.highestModseq!) } : { uid: true };
        for await (const message of client.fetch(range, { uid: true, flags: true }, options)) {
          if (message.uid >= knownUidNext) continue;
          if (message.modseq !== undefined && (changesModseq === null || message.modseq > changesModseq)) changesModseq = message.modseq;
          flagUpdates.push({ id: messageKey(folder.id, message.uid), flags: deps.overlay.flags(folder.path, message.uid, [...(message.flags ?? [])]) });
        }
      } finally {
        client.off('expunge', onExpunge);
      }
      if (!client.enabled.has('QRESYNC')) {
        // Without VANISHED, expunges show only as UIDs the server no longer lists.
        const cachedUids = await deps.cache.query({ query: 'messageUids', folderId: folder.id });
        const serverUids = new Set(await searchUids(client, `1:${knownUidNext - 1}`));
        cachedUids.filter((uid) => uid < knownUidNext && !serverUids.has(uid)).forEach((uid) => vanished.add(uid));
      }
    }
    const leaving = deps.overlay.leaving(folder.path);
    const nextUidNext = Math.max(knownUidNext, mailbox.uidNext, ...newRecords.map((r) => (r.uid ?? 0) + 1));
    state = {
      ...state,
      uidValidity,
      uidNext: nextUidNext,
      highestModseq: maxModseq(state.highestModseq, mailbox.highestModseq, fresh.highestModseq, changesModseq),
      serverTotal: mailbox.exists,
      syncedAt: deps.now(),
    };
    const stored = withOverlay(deps, folder.path, newRecords);
    if (stored.length) ops.push({ op: 'putMessages', messages: stored });
    const keptFlagUpdates = flagUpdates.filter((u) => !leaving.has(Number(u.id.slice(u.id.lastIndexOf('#') + 1))));
    if (keptFlagUpdates.length) ops.push({ op: 'setFlags', updates: keptFlagUpdates });
    if (vanished.size) ops.push({ op: 'deleteMessages', ids: [...vanished].map((uid) => messageKey(folder.id, uid)) });
    ops.push({ op: 'putFolders', folders: [state] });
    await deps.cache.apply(ops);
    deps.arrived?.(state, newToFolder(stored, knownUidNext, cachedIds));
    return state;
  } finally {
    lock.release();
  }
}

/** The UIDs a backfill still has to fetch, from one UID SEARCH per backfill session. */
export interface BackfillUids {
  uidValidity: number;
  /** The backfill bound this list continues from (a folder reset starts from another one). */
  below: number;
  /** UIDs below the folder's backfill bound, newest first. */
  newestFirst: number[];
}

export interface BackfillBatch {
  /** The folder state to commit with the batch. */
  folder: FolderRecord;
  /** Messages still to fetch after this batch; -1 when UIDVALIDITY changed and the folder needs a fresh sync. */
  remaining: number;
  ops: CacheOp[];
  uids: BackfillUids | null;
}

/**
 * One step of the newest-first header download of a folder's older messages: the next
 * `batchSize` UIDs below `backfillBelowUid`, as cache ops that commit the headers together with
 * the new lower bound, so an interrupted sync resumes where it stopped and never fetches a
 * message twice. The caller writes the ops; it may fetch the next batch meanwhile.
 *
 * The UID list is searched once and handed back for the next step: UIDs below the bound never
 * grow (new mail gets higher UIDs), and one expunged meanwhile just fetches nothing.
 */
export async function fetchBackfillBatch(deps: FolderSyncDeps, folder: FolderRecord, batchSize: number, known: BackfillUids | null): Promise<BackfillBatch> {
  const below = folder.backfillBelowUid;
  if (below === null || below <= 1) {
    const done = { ...folder, backfillBelowUid: 0 };
    return { folder: done, remaining: 0, ops: below !== 0 ? [{ op: 'putFolders', folders: [done] }] : [], uids: null };
  }
  const lock = await deps.client.getMailboxLock(folder.path);
  try {
    const mailbox = deps.client.mailbox as MailboxObject;
    const uidValidity = Number(mailbox.uidValidity);
    if (uidValidity !== folder.uidValidity) return { folder, remaining: -1, ops: [], uids: null };
    const older =
      known && known.uidValidity === uidValidity && known.below === below
        ? known.newestFirst.filter((uid) => uid < below)
        : (await searchUids(deps.client, `1:${below - 1}`)).sort((a, b) => b - a);
    const batch = older.slice(0, batchSize);
    const rest = older.slice(batch.length);
    const fetched = batch.length ? await fetchHeaders(deps.client, folder.id, batch, deps.isolation) : { records: [], highestModseq: null };
    const nextBelow = rest.length === 0 ? 0 : Math.min(...batch);
    const state: FolderRecord = { ...folder, backfillBelowUid: nextBelow };
    const ops: CacheOp[] = [];
    if (fetched.records.length) ops.push({ op: 'putMessages', messages: withOverlay(deps, folder.path, fetched.records) });
    ops.push({ op: 'putFolders', folders: [state] });
    return { folder: state, remaining: rest.length, ops, uids: rest.length ? { uidValidity, below: nextBelow, newestFirst: rest } : null };
  } finally {
    lock.release();
  }
}
