import type { ImapFlow, MailboxObject } from 'imapflow';
import type { ServerSearchHit, ServerSearchResult } from '../../../common/contract';
import { messageKey, namedFolder, withFlagList, type FolderRecord, type MessageRecord } from '../../../common/model/mail';
import { parseQuery } from '../../../common/search/query';
import { isTransientError } from '../../protocols/connection-errors';
import { errorWords, ProtocolError, refusedError } from '../../protocols/protocol-error';
import type { DeviceCacheAccess } from '../backend';
import { PendingOverlay } from '../pending-overlay';
import type { ConnectionSupervisor } from './connection-supervisor';
import { fetchHeaders } from './fetch-headers';
import type { FolderStates } from './folder-states';
import type { ResponseIsolation } from './response-isolation';
import { MAX_SERVER_TERMS, serverCriteria, type ServerCriteria } from './server-search-query';
import { isServerRefusal, toWire } from './wire-error';

/** Hits listed per folder at most, the newest (highest UIDs); `truncated` says there were more. */
export const MAX_HITS_PER_FOLDER = 500;

export interface ServerSearchDeps {
  cache: DeviceCacheAccess;
  connection: ConnectionSupervisor;
  folders: FolderStates;
  isolation: ResponseIsolation;
}

/**
 * The folders to search, in the order the user most likely looks: the selected one, INBOX, then
 * the rest by path. `in:` narrows them to folders of that name or path (case-insensitive).
 */
export function foldersToSearch(folders: FolderStates, folderPaths: string[] | null, inFolder: string | null): FolderRecord[] {
  const known = folders.all();
  const unknown = (folderPaths ?? []).filter((path) => !known.has(path));
  if (unknown.length) throw refusedError('NOT_FOUND', { kind: 'searchNoSuchFolders', folders: unknown });
  const wanted = inFolder?.toLowerCase() ?? null;
  const chosen = (folderPaths ? folderPaths.map((path) => known.get(path)!) : [...known.values()]).filter(
    (folder) => !folder.noSelect && folder.origin === 'server' && (wanted === null || folder.path.toLowerCase() === wanted || folder.name.toLowerCase() === wanted),
  );
  const rank = (folder: FolderRecord): number => (folder.path === folders.selectedPath ? 0 : folder.path.toUpperCase() === 'INBOX' ? 1 : 2);
  return [...new Map(chosen.map((f) => [f.path, f])).values()].sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
}

/**
 * The server's search (RFC 3501 §6.4.4 UID SEARCH, CHARSET UTF-8 for non-ASCII text) of a query in
 * the search box's language, over the named folders (every selectable one when null); the hits'
 * headers are put in the cache before this resolves, so the list can show them.
 *
 * Each folder is one task at the user's priority on the command connection: a search waits for
 * no background sync, and the user's other commands (opening a message) run between two folders.
 * A lost connection ends the search with an error instead of waiting for the next connection; a
 * folder deleted on the server meanwhile is left out of `searchedFolders`.
 */
export async function searchOnServer(deps: ServerSearchDeps, text: string, folderPaths: string[] | null): Promise<ServerSearchResult> {
  const query = parseQuery(text);
  const criteria = serverCriteria(query);
  const folders = foldersToSearch(deps.folders, folderPaths, query.inFolder);
  if (!criteria || folders.length === 0) return { hits: [], searchedFolders: [], truncated: false, notes: [] };
  if (criteria.termCount > MAX_SERVER_TERMS) {
    throw refusedError('INVALID_ARGUMENT', { kind: 'searchTooManyTerms', max: MAX_SERVER_TERMS, count: criteria.termCount });
  }
  const result: ServerSearchResult = { hits: [], searchedFolders: [], truncated: false, notes: criteria.notes };
  for (const folder of folders) {
    deps.connection.requireOnline('searchServer');
    const found = await deps.connection.runTask('user', `search ${folder.path}`, () => searchFolder(deps, folder, criteria)).catch((error: unknown) => {
      throw whileSearching(folder, error);
    });
    if (!found) continue;
    result.hits.push(...found.hits);
    result.searchedFolders.push(folder.path);
    result.truncated ||= found.truncated;
  }
  return result;
}

/** A search that failed in a folder, in words that say where and what the user has instead. */
function whileSearching(folder: FolderRecord, error: unknown): ProtocolError {
  const wire = toWire(error);
  if (isTransientError(wire)) {
    return refusedError('CONNECTION_LOST', { kind: 'searchConnectionLost', folder: namedFolder(folder), cause: errorWords(wire) }, wire.details);
  }
  return new ProtocolError(wire);
}

/** One folder's hits; null when the server has no such folder any more (deleted since the last LIST). */
async function searchFolder(deps: ServerSearchDeps, folder: FolderRecord, criteria: ServerCriteria): Promise<{ hits: ServerSearchHit[]; truncated: boolean } | null> {
  const client = deps.connection.requireClient();
  const lock = await client.getMailboxLock(folder.path).catch((error: unknown) => {
    // A tagged NO to SELECT: the folder is gone (the next LIST drops it); the other folders are searched.
    if (isServerRefusal(error)) return null;
    throw error;
  });
  if (!lock) return null;
  try {
    const uids = await uidSearch(client, folder, criteria);
    const newest = uids.sort((a, b) => b - a).slice(0, MAX_HITS_PER_FOLDER);
    const truncated = uids.length > MAX_HITS_PER_FOLDER;
    // RFC 3501 §2.3.1.1: a cache kept under another UIDVALIDITY names other messages by these
    // UIDs; the next sync empties it, and until then nothing of this folder is listed as a hit.
    const cachedValidity = deps.folders.get(folder.path)?.uidValidity ?? null;
    if (cachedValidity !== null && cachedValidity !== Number((client.mailbox as MailboxObject).uidValidity)) return { hits: [], truncated };
    const records = await cachedOrFetched(deps, client, folder, newest);
    const kept = records.filter((record) => criteria.keeps(record));
    const withBodies = new Set(await deps.cache.query({ query: 'bodyIds', ids: kept.map((r) => r.id) }));
    return { hits: kept.map((record) => ({ messageId: record.id, folderPath: folder.path, uid: record.uid!, bodyCached: withBodies.has(record.id) })), truncated };
  } catch (error) {
    throw deps.connection.brokenAnswer(client, error);
  } finally {
    lock.release();
  }
}

/** UID SEARCH in the selected folder; a refusal (tagged NO/BAD) becomes an error naming its reason. */
async function uidSearch(client: ImapFlow, folder: FolderRecord, criteria: ServerCriteria): Promise<number[]> {
  // imapflow answers a refused SEARCH with `false`; its tagged response's code (BADCHARSET …) is
  // only seen by a 'response' listener.
  let refusal: { response: string; code?: string } | null = null;
  const listener = (payload: { response: string; code?: string }): void => {
    if (payload.response === 'NO' || payload.response === 'BAD') refusal = payload;
  };
  client.on('response', listener);
  let uids: number[] | false | undefined;
  try {
    uids = await client.search(criteria.search, { uid: true });
  } catch (error) {
    // imapflow refuses a query it cannot compile (a NUL in a word …) before anything is sent.
    if ((error as { code?: unknown }).code === 'InvalidSearchQuery') throw refusedError('INVALID_ARGUMENT', { kind: 'searchNotAskable', detail: (error as Error).message });
    throw error;
  } finally {
    client.off('response', listener);
  }
  if (!uids) throw refusedSearch(folder, refusal);
  return uids;
}

function refusedSearch(folder: FolderRecord, refusal: { response: string; code?: string } | null): ProtocolError {
  // RFC 3501 §7.1: [BADCHARSET] lists the charsets the server can search in; UTF-8 is not one.
  if (refusal?.code?.toUpperCase() === 'BADCHARSET') {
    return refusedError('SERVER_ERROR', { kind: 'searchBadCharset', folder: namedFolder(folder) }, { service: 'imap' });
  }
  const response = refusal ? `${refusal.response}${refusal.code ? ` [${refusal.code}]` : ''}` : null;
  return refusedError('SERVER_ERROR', { kind: 'searchRefused', folder: namedFolder(folder), response }, { service: 'imap' });
}

/**
 * The hits' headers: from the cache, or fetched and cached (a hit below the backfill line, or in a
 * folder never opened). A message a pending move or delete takes away is not brought back, and
 * pending flag changes show as the user made them (RFC 4549 §4, as a sync does).
 */
async function cachedOrFetched(deps: ServerSearchDeps, client: ImapFlow, folder: FolderRecord, uids: number[]): Promise<MessageRecord[]> {
  const cached = await deps.cache.query({ query: 'messagesByIds', ids: uids.map((uid) => messageKey(folder.id, uid)) });
  const have = new Set(cached.map((record) => record.uid));
  const missing = uids.filter((uid) => !have.has(uid));
  if (missing.length === 0) return sortNewestFirst(cached);
  const pending = await deps.cache.query({ query: 'pendingOps' });
  const overlay = new PendingOverlay(() => pending);
  const leaving = overlay.leaving(folder.path);
  const toFetch = missing.filter((uid) => !leaving.has(uid));
  const fetched = toFetch.length ? (await fetchHeaders(client, folder.id, toFetch, deps.isolation)).records.map((record) => (record.uid === null ? record : withFlagList(record, overlay.flags(folder.path, record.uid, record.flags)))) : [];
  if (fetched.length) await deps.cache.apply([{ op: 'putMessages', messages: fetched }]);
  return sortNewestFirst([...cached, ...fetched]);
}

function sortNewestFirst(records: MessageRecord[]): MessageRecord[] {
  return records.sort((a, b) => (b.uid ?? 0) - (a.uid ?? 0));
}
