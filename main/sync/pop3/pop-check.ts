import type { CacheOp } from '../../../common/cache-protocol';
import type { NoticeWords } from '../../../common/model/main-words';
import { retentionNeedsUidl, type PopSettings } from '../../../common/model/account';
import { LOCAL_FOLDER_IDS, popStoreReasonEnglish, type MessageRecord, type PopStateRecord, type PopStoreReason } from '../../../common/model/mail';
import { sameMessageId } from '../../../common/model/message-id';
import { NO_UIDL_EXPLANATION } from '../../../common/model/retention-words';
import { parseMessage } from '../../mime/parse-message';
import { reportArrival } from '../../notify/arrival-route';
import type { Pop3Session } from '../../protocols/pop3/pop3-session';
import { ProtocolError, refusedError } from '../../protocols/protocol-error';
import type { DeviceCacheAccess } from '../backend';
import { storeDownloaded, storeFailed, storeHeaderOnly } from './local-message';
import { uidlsToDelete } from '../../../common/model/pop-retention';
import { formatOctets, LARGE_MESSAGE_BYTES } from '../../../common/model/raw-source';
import { BatchedWriter } from './batched-writer';
import { downloadMessage } from './message-download';
import { randomUUID } from 'node:crypto';

export interface CheckProgress {
  done: number;
  total: number;
  bytesDone: number;
  bytesTotal: number;
}

export interface CheckContext {
  session: Pop3Session;
  cache: DeviceCacheAccess;
  settings: PopSettings;
  now(): number;
  progress(progress: CheckProgress): void;
  /** Messages over this many bytes are stored in pieces with their header parsed only (LARGE_MESSAGE_BYTES). */
  largeMessageBytes?: number;
}

export interface CheckResult {
  downloaded: number;
  headersOnly: number;
  /** Messages whose UIDL was new but whose content was already here (the server renamed them). */
  matched: number;
  deleted: number;
  serverHasUidl: boolean;
  /** Messages that could not be stored: recorded as such, never tried again, never deleted. */
  failed: number;
  /** Per-message problems that did not stop the check (shown to the user as notices). */
  warnings: NoticeWords[];
}

export interface MaildropEntry {
  number: number;
  size: number;
  uidl: string | null;
}

/** What a check will do, before it does it (the dry run shows exactly this). */
export interface CheckPlan {
  /** Messages to download whole, oldest first. */
  download: MaildropEntry[];
  /** Messages over the size limit: only their header. */
  headersOnly: MaildropEntry[];
  /** DELEs the check will send once its downloads committed (some are of messages it downloads). */
  deletions: MaildropEntry[];
  alreadyHere: number;
}

/**
 * The plan of a check, from the maildrop and what this device knows. `runCheck` follows the same
 * rules, so the dry run and the real check cannot disagree.
 */
export function planCheck(maildrop: MaildropEntry[], states: ReadonlyMap<string, PopStateRecord>, settings: PopSettings, now: number): CheckPlan {
  const overLimit = (m: MaildropEntry): boolean => settings.headersOnlyOverBytes !== null && m.size > settings.headersOnlyOverBytes;
  const wanted = maildrop.filter((m) => {
    if (!m.uidl) return true;
    const state = states.get(m.uidl);
    if (!state) return true;
    // A headers-only message is fetched whole once it fits under the limit (the limit changed).
    return state.headersOnly && !overLimit(m);
  });
  const download = wanted.filter((m) => !(m.uidl && states.has(m.uidl)) ? !overLimit(m) : true);
  const headersOnly = wanted.filter((m) => !(m.uidl && states.has(m.uidl)) && overLimit(m));
  // As if this check's downloads had committed: "right after download" deletes them too.
  const after = new Map(states);
  for (const m of download) {
    if (!m.uidl) continue;
    const previous = states.get(m.uidl);
    after.set(m.uidl, { uidl: m.uidl, messageId: '', size: m.size, contentHash: '', messageIdHeader: '', firstSeenAt: now, downloadedAt: now, headersOnly: false, deleteRequested: previous?.deleteRequested ?? false, serverDeletedAt: null, serverDeletedBy: null });
  }
  const onServer = new Set(maildrop.flatMap((m) => (m.uidl ? [m.uidl] : [])));
  const due = new Set(uidlsToDelete(after.values(), onServer, settings.retention, now));
  const deletions = maildrop.filter((m) => (m.uidl ? due.has(m.uidl) : settings.retention.kind === 'delete-after-download'));
  return { download, headersOnly, deletions, alreadyHere: maildrop.length - wanted.length };
}

/** LIST + UIDL as one list; STAT must agree with LIST. */
export async function readMaildrop(session: Pop3Session): Promise<{ maildrop: MaildropEntry[]; hasUidl: boolean }> {
  const stat = await session.stat();
  const listing = await session.list();
  if (listing.length !== stat.count) throw disagree('LIST', stat.count, listing.length);
  const uidls = await session.uidl();
  return { maildrop: joinListing(listing, uidls), hasUidl: uidls !== null };
}

function disagree(command: 'LIST' | 'UIDL', statCount: number, count: number): ProtocolError {
  return refusedError('PROTOCOL_ERROR', { kind: 'popCountsDisagree', command, stat: statCount, count }, { service: 'pop3' });
}

function joinListing(listing: ReadonlyArray<{ number: number; size: number }>, uidls: ReadonlyArray<{ number: number; uidl: string }> | null): MaildropEntry[] {
  const uidlOf = new Map((uidls ?? []).map((u) => [u.number, u.uidl]));
  return listing.map((l) => ({ number: l.number, size: l.size, uidl: uidlOf.get(l.number) ?? null }));
}

/**
 * The maildrop as a check needs it: STAT and UIDL, and LIST only when the server names a message
 * this device has no record of (or has no UIDL). A known message's size is the one LIST gave
 * when it was first seen, so a check with nothing new costs one multi-line answer, not two.
 */
async function readMaildropForCheck(session: Pop3Session, states: ReadonlyMap<string, PopStateRecord>): Promise<{ maildrop: MaildropEntry[]; hasUidl: boolean }> {
  const stat = await session.stat();
  const uidls = await session.uidl();
  if (uidls !== null) {
    if (uidls.length !== stat.count) throw disagree('UIDL', stat.count, uidls.length);
    if (uidls.every((u) => states.has(u.uidl))) return { maildrop: uidls.map((u) => ({ number: u.number, size: states.get(u.uidl)!.size, uidl: u.uidl })), hasUidl: true };
  }
  const listing = await session.list();
  if (listing.length !== stat.count) throw disagree('LIST', stat.count, listing.length);
  return { maildrop: joinListing(listing, uidls), hasUidl: uidls !== null };
}

/** What went wrong with one message itself (not with the session): it costs that message only. */
class MessageProblem extends Error {
  constructor(readonly reason: PopStoreReason) {
    super(popStoreReasonEnglish(reason));
  }
}

/** Runs the local processing of a downloaded message; a failure becomes that message's problem. */
async function processing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new MessageProblem({ kind: 'unprocessable', detail: error instanceof Error ? error.message : String(error) });
  }
}

/** A message here (downloaded whole) that a new UIDL may name again. */
function isDownloadedHere(s: PopStateRecord): boolean {
  return Boolean(s.messageId) && !s.headersOnly && s.downloadedAt !== null;
}

/** Found again under a new UIDL by its header: the same Message-ID and size. */
function findSameHeader(states: PopStateRecord[], messageIdHeader: string, size: number): PopStateRecord | undefined {
  return states.find((s) => isDownloadedHere(s) && messageIdHeader !== '' && sameMessageId(s.messageIdHeader, messageIdHeader) && s.size === size);
}

/**
 * One mail check (RFC 1939): LIST and UIDL, download what this device has not got, then DELE
 * what the retention choice says, then QUIT.
 *
 * Invariants (ARCHITECTURE.md §2, invariants 2 and 3):
 * - A message is recorded as downloaded in the same cache transaction that stores it, and the
 *   check waits for that transaction's commit before going on; DELE is sent only for messages
 *   recorded that way, and only after every download of this check committed.
 * - DELE takes effect at QUIT; if the session drops before, the server deletes nothing.
 * - A UIDL seen for the first time whose content (hash), or Message-ID and size, matches a
 *   message already here is mapped to it instead of being stored twice (UIDLs that a server
 *   renumbered, e.g. after a UIDVALIDITY change).
 * - A message that fails to download or parse never stops the others. One that the cache refuses
 *   or that cannot be processed is recorded (a row saying why, a POP state that is neither
 *   downloaded nor headers-only): never fetched again by a check, never deleted from the server.
 * - A message over the size limit is never held whole: its source goes to the cache in pieces
 *   as it arrives, and its record and POP state are written only after every piece committed.
 */
export async function runCheck(ctx: CheckContext): Promise<CheckResult> {
  const { session, cache, settings } = ctx;
  const states = new Map((await cache.query({ query: 'popStates' })).map((s) => [s.uidl, s]));
  const { maildrop, hasUidl } = await readMaildropForCheck(session, states);
  if (!hasUidl && retentionNeedsUidl(settings.retention)) {
    throw new ProtocolError({ code: 'INVALID_ARGUMENT', message: `POP3: ${NO_UIDL_EXPLANATION}`, details: { service: 'pop3' } });
  }
  const onServer = new Set(maildrop.flatMap((m) => (m.uidl ? [m.uidl] : [])));

  // Server copies that went since the last check (deleted by this device's last QUIT, another
  // device, or the server): remembered, so the server panel can say what happened. And copies
  // recorded as gone that the server lists again (a restored maildrop, a sandbox reset): on the
  // server, so no longer "deleted"; from now on the current setting decides about them.
  if (hasUidl) {
    const gone = [...states.values()].filter((s) => s.serverDeletedAt === null && !onServer.has(s.uidl));
    const back = [...states.values()].filter((s) => s.serverDeletedAt !== null && onServer.has(s.uidl));
    const ops: CacheOp[] = gone.map((s) => ({ op: 'patchPopStates', uidls: [s.uidl], changes: { serverDeletedAt: ctx.now(), serverDeletedBy: s.deleteRequested ? 'this-device' : 'elsewhere', deletedUnder: null } }));
    if (back.length) ops.push({ op: 'patchPopStates', uidls: back.map((s) => s.uidl), changes: { serverDeletedAt: null, serverDeletedBy: null, deletedUnder: null } });
    if (ops.length) {
      await cache.apply(ops);
      for (const s of gone) states.set(s.uidl, { ...s, serverDeletedAt: ctx.now(), serverDeletedBy: s.deleteRequested ? 'this-device' : 'elsewhere', deletedUnder: null });
      for (const s of back) states.set(s.uidl, { ...s, serverDeletedAt: null, serverDeletedBy: null, deletedUnder: null });
    }
  }

  // A device's first check takes the whole maildrop: nothing of it is new mail to announce. The
  // inbox's `syncedAt` says when the first check ended (states alone cannot: that maildrop may have been empty).
  const inbox = (await cache.query({ query: 'folders' })).find((f) => f.id === LOCAL_FOLDER_IDS.inbox) ?? null;
  const firstCheck = states.size === 0 && inbox?.syncedAt === null;
  /** Messages new to this device, by UIDL, until committed (a refused one is taken out). */
  const arrived = new Map<string, MessageRecord>();

  const plan = planCheck(maildrop, states, settings, ctx.now());
  const wanted = [...plan.download, ...plan.headersOnly].sort((a, b) => a.number - b.number);
  const progress: CheckProgress = { done: 0, total: wanted.length, bytesDone: 0, bytesTotal: wanted.reduce((sum, m) => sum + m.size, 0) };
  ctx.progress({ ...progress });
  const advance = (entry: MaildropEntry): void => {
    progress.done += 1;
    progress.bytesDone += entry.size;
    ctx.progress({ ...progress });
  };
  const result: CheckResult = { downloaded: 0, headersOnly: 0, matched: 0, deleted: 0, failed: 0, serverHasUidl: hasUidl, warnings: [] };
  const renamedCandidates = [...states.values()].filter((s) => s.serverDeletedAt !== null && s.messageIdHeader);
  const committedThisCheck = new Set<number>();
  const writer = new BatchedWriter(cache);
  // Downloaded messages by content hash (the first one, as a scan would find): a renamed message
  // is found without a scan per message.
  const byHash = new Map<string, PopStateRecord>();
  const indexByHash = (s: PopStateRecord): void => {
    if (isDownloadedHere(s) && s.contentHash && !byHash.has(s.contentHash)) byHash.set(s.contentHash, s);
  };
  states.forEach(indexByHash);

  const limit = ctx.largeMessageBytes ?? LARGE_MESSAGE_BYTES;
  if (wanted.length) {
    // Pieces of a large message whose download never finished (the app stopped): never shown, removed.
    const orphans = await cache.query({ query: 'orphanRawSourceChunks' });
    if (orphans.length) await cache.apply([{ op: 'deleteRawSourceChunks', messageIds: orphans }]);
  }
  /**
   * A message that could not be stored: a row in the list says so, and its POP state (never
   * downloaded, not headers-only) keeps later checks from trying it again and retention from
   * ever deleting its server copy. Throws if even that cannot be written.
   */
  const recordFailure = async (entry: MaildropEntry, uidl: string, reason: PopStoreReason): Promise<void> => {
    const english = `Message ${entry.number} on the server (${formatOctets(entry.size)}, UIDL ${entry.uidl ?? 'none'}) could not be stored here: ${popStoreReasonEnglish(reason)}. It stays on the server and is not downloaded again.`;
    const words = { kind: 'popNotStored', number: entry.number, size: entry.size, uidl: entry.uidl ?? null, reason } as const;
    const failed = storeFailed(LOCAL_FOLDER_IDS.inbox, { popUidl: uidl, number: entry.number, size: entry.size, reason: english, words, now: ctx.now() });
    const state: PopStateRecord = { uidl, messageId: failed.message.id, size: entry.size, contentHash: '', messageIdHeader: '', firstSeenAt: ctx.now(), downloadedAt: null, headersOnly: false, deleteRequested: false, serverDeletedAt: null, serverDeletedBy: null };
    await cache.apply([...failed.ops, { op: 'putPopStates', states: [state] }]);
    arrived.delete(uidl);
    for (const [hash, s] of byHash) if (s.uidl === uidl) byHash.delete(hash);
    states.set(uidl, state);
    committedThisCheck.delete(entry.number);
    result.failed += 1;
    result.warnings.push(words);
  };
  const refusedBy = (entry: MaildropEntry, uidl: string, counter: 'downloaded' | 'headersOnly' | 'matched') => async (reason: string): Promise<void> => {
    result[counter] -= 1;
    await recordFailure(entry, uidl, { kind: 'cacheRefused', detail: reason });
  };

  try {
    for (const entry of wanted) {
      const uidl = entry.uidl ?? `no-uidl:${ctx.now()}:${entry.number}`;
      try {
        await checkOne(entry, uidl);
      } catch (error) {
        // A broken session or a server's refusal fails the check as before (the message is
        // tried again next time); only what went wrong with the message itself is recorded.
        if (!(error instanceof MessageProblem)) throw error;
        await recordFailure(entry, uidl, error.reason);
      }
      advance(entry);
    }
  } catch (error) {
    // Messages already downloaded whole are kept (committed) even when the session broke, so
    // the next check does not fetch them again; then the check fails as it would have.
    await writer.drain().catch(() => undefined);
    throw error;
  }

  async function checkOne(entry: MaildropEntry, uidl: string): Promise<void> {
    const existing = entry.uidl ? states.get(entry.uidl) : undefined;
    const recordState = (state: PopStateRecord): void => {
      states.set(state.uidl, state);
      indexByHash(state);
    };
    if (!existing && settings.headersOnlyOverBytes !== null && entry.size > settings.headersOnlyOverBytes) {
      const header = await session.top(entry.number, 0);
      const stored = await processing(() => storeHeaderOnly(header, LOCAL_FOLDER_IDS.inbox, { popUidl: uidl, size: entry.size, now: ctx.now() }));
      const state: PopStateRecord = {
        uidl,
        messageId: stored.message.id,
        size: entry.size,
        contentHash: '',
        messageIdHeader: stored.message.messageId,
        firstSeenAt: ctx.now(),
        downloadedAt: null,
        headersOnly: true,
        deleteRequested: false,
        serverDeletedAt: null,
        serverDeletedBy: null,
      };
      recordState(state);
      arrived.set(uidl, stored.message);
      result.headersOnly += 1;
      await writer.add({ ops: [...stored.ops, { op: 'putPopStates', states: [state] }], bytes: header.length, refused: refusedBy(entry, uidl, 'headersOnly') });
      return;
    }
    // Cheap first: a renamed message is recognised from its header alone (TOP n 0).
    if (!existing && renamedCandidates.length) {
      const top = await session.top(entry.number, 0);
      const header = await processing(() => parseMessage('probe', top));
      const same = findSameHeader(renamedCandidates, header.envelope.messageId, entry.size);
      if (same) {
        const state: PopStateRecord = { ...same, uidl, firstSeenAt: ctx.now(), serverDeletedAt: null, serverDeletedBy: null, deletedUnder: null };
        recordState(state);
        result.matched += 1;
        await writer.add({ ops: [{ op: 'putPopStates', states: [state] }], bytes: 0, refused: refusedBy(entry, uidl, 'matched') });
        return;
      }
    }
    const replacing = existing?.headersOnly ? existing.messageId : undefined;
    const id = replacing ?? `local:${randomUUID()}`;
    const downloaded = await downloadMessage(session, entry.number, { cache, messageId: id, limit });
    if (downloaded.kind === 'refused') {
      await recordFailure(entry, uidl, { kind: 'cacheRefused', detail: downloaded.reason });
      return;
    }
    const length = downloaded.kind === 'whole' ? downloaded.raw.length : downloaded.length;
    const dropPieces = async (): Promise<void> => {
      if (downloaded.kind === 'large') await cache.apply([{ op: 'deleteRawSourceChunks', messageIds: [id] }]);
    };
    if (length < entry.size) {
      // Not stored, not marked: it stays on the server and is tried again at the next check.
      await dropPieces();
      result.warnings.push({ kind: 'popIncomplete', number: entry.number, received: length, size: entry.size });
      return;
    }
    const same = existing ? undefined : byHash.get(downloaded.hash);
    if (same) {
      await dropPieces();
      const state: PopStateRecord = { ...same, uidl, firstSeenAt: ctx.now(), serverDeletedAt: null, serverDeletedBy: null, deletedUnder: null };
      recordState(state);
      committedThisCheck.add(entry.number);
      result.matched += 1;
      await writer.add({ ops: [{ op: 'putPopStates', states: [state] }], bytes: 0, refused: refusedBy(entry, uidl, 'matched') });
      return;
    }
    // The header-only copy being replaced must be committed before its folder is read.
    if (replacing) await writer.drain();
    const folderId = replacing ? ((await cache.query({ query: 'message', id: replacing }))?.folderId ?? LOCAL_FOLDER_IDS.inbox) : LOCAL_FOLDER_IDS.inbox;
    const stored = await processing(() => storeDownloaded(downloaded, folderId, [], { id, popUidl: uidl, listedSize: entry.size, limit, now: ctx.now() }));
    const state: PopStateRecord = {
      uidl,
      messageId: stored.message.id,
      size: entry.size,
      contentHash: downloaded.hash,
      messageIdHeader: stored.message.messageId,
      firstSeenAt: existing?.firstSeenAt ?? ctx.now(),
      downloadedAt: ctx.now(),
      headersOnly: false,
      deleteRequested: existing?.deleteRequested ?? false,
      serverDeletedAt: null,
      serverDeletedBy: null,
    };
    recordState(state);
    committedThisCheck.add(entry.number);
    if (!replacing) arrived.set(uidl, stored.message);
    result.downloaded += 1;
    // One transaction: the message and the record that it is downloaded (invariant 1); for a
    // large message, after every piece of its source committed.
    await writer.add({ ops: [...stored.ops, { op: 'putPopStates', states: [state] }], bytes: downloaded.kind === 'whole' ? length : 0, refused: refusedBy(entry, uidl, 'downloaded') });
  }

  // Every download of this check committed before any DELE (invariant 1).
  await writer.drain();
  if (inbox && inbox.syncedAt === null) await cache.apply([{ op: 'patchFolder', id: inbox.id, changes: { syncedAt: ctx.now() } }]);
  if (!firstCheck) reportArrival(cache, { folder: { path: inbox?.path ?? 'Inbox', role: 'inbox' }, messages: [...arrived.values()] });

  // Deletions: by UIDL where the server has them; without UIDL only right after download, and
  // only messages this very session has seen committed here (downloaded, or found already here).
  const numberOf = new Map(maildrop.flatMap((m) => (m.uidl ? [[m.uidl, m.number] as const] : [])));
  const deleteNumbers = hasUidl
    ? uidlsToDelete(states.values(), onServer, settings.retention, ctx.now()).map((uidl) => numberOf.get(uidl)!)
    : settings.retention.kind === 'delete-after-download'
      ? [...committedThisCheck]
      : [];
  for (const number of deleteNumbers) await session.dele(number);
  await session.quit();
  const uidlOf = new Map(maildrop.map((m) => [m.number, m.uidl]));
  const deletedUidls = deleteNumbers.map((n) => uidlOf.get(n)).filter((u): u is string => Boolean(u));
  // The rule that deleted them is kept with them: the panel explains each by its own rule.
  if (deletedUidls.length) await cache.apply([{ op: 'patchPopStates', uidls: deletedUidls, changes: { serverDeletedAt: ctx.now(), serverDeletedBy: 'this-device', deletedUnder: settings.retention } }]);
  result.deleted = deleteNumbers.length;
  return result;
}
