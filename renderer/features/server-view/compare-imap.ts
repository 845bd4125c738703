import { FLAG_FLAGGED, FLAG_SEEN, serverFolderId, type FolderRecord, type MessageRecord } from '../../../common/model/mail';
import type { PendingOpRecord } from '../../../common/model/pending';
import type { ImapServerView, ServerFolderStatus, ServerImapMessage } from '../../../common/model/server-view';
import { count } from '../../app/format';
import { subjectOf, type CompareRow } from './compare-types';

/** Flags that say something about the message (not \Recent, which is per session). */
function meaningfulFlags(flags: string[]): string[] {
  return flags.filter((f) => f !== '\\Recent').sort();
}

function flagWords(flags: string[]): string {
  const shown = meaningfulFlags(flags);
  return shown.length ? shown.join(' ') : 'no flags';
}

function stateWords(flags: string[]): string {
  return `${flags.includes(FLAG_SEEN) ? 'read' : 'unread'}${flags.includes(FLAG_FLAGGED) ? ', flagged' : ''}`;
}

/** The flag differences in words: "read here, unread on the server; flagged on the server only". */
function describeFlagDifference(local: string[], server: string[]): string | null {
  const here = new Set(meaningfulFlags(local));
  const there = new Set(meaningfulFlags(server));
  const parts: string[] = [];
  if (here.has(FLAG_SEEN) !== there.has(FLAG_SEEN)) parts.push(here.has(FLAG_SEEN) ? 'read here, unread on the server' : 'unread here, read on the server');
  if (here.has(FLAG_FLAGGED) !== there.has(FLAG_FLAGGED)) parts.push(here.has(FLAG_FLAGGED) ? 'flagged here, not on the server' : 'flagged on the server, not here');
  const others = [...new Set([...here, ...there])].filter((f) => f !== FLAG_SEEN && f !== FLAG_FLAGGED && here.has(f) !== there.has(f));
  if (others.length) parts.push(`other flags differ (${others.map((f) => `${f} ${here.has(f) ? 'here' : 'on the server'}`).join(', ')})`);
  return parts.length ? `flags differ: ${parts.join('; ')}` : null;
}

/** The kind of change still queued here for one UID of the folder, if any. */
function pendingKind(pending: PendingOpRecord[], folderPath: string, uid: number): 'flags' | 'move' | 'expunge' | null {
  for (const op of pending) {
    const change = op.change;
    if (change.kind === 'append' || change.folderPath !== folderPath || !change.uids.includes(uid)) continue;
    return change.kind;
  }
  return null;
}

const PENDING_WORDS = { flags: 'changed here, not yet sent to the server', move: 'moved here, not yet sent to the server', expunge: 'deleted here, not yet sent to the server' } as const;

function serverSide(message: ServerImapMessage): { subject: string; detail: string } {
  return { subject: subjectOf(message.subject), detail: `UID ${message.uid} · ${flagWords(message.flags)}` };
}

function localSide(message: MessageRecord): { subject: string; detail: string } {
  return { subject: subjectOf(message.subject), detail: `${message.uid === null ? 'no UID yet' : `UID ${message.uid}`} · ${stateWords(message.flags)}` };
}

function compareOne(server: ServerImapMessage, local: MessageRecord | undefined, pending: PendingOpRecord[], folderPath: string): CompareRow {
  const key = `uid:${server.uid}`;
  const queued = pendingKind(pending, folderPath, server.uid);
  if (!local) {
    if (queued === 'move' || queued === 'expunge') return { key, local: null, server: serverSide(server), status: 'pending', explanation: PENDING_WORDS[queued] };
    return { key, local: null, server: serverSide(server), status: 'server-only', explanation: 'not downloaded yet: this device has not fetched it' };
  }
  if (queued) return { key, local: localSide(local), server: serverSide(server), status: 'pending', explanation: PENDING_WORDS[queued] };
  const difference = describeFlagDifference(local.flags, server.flags);
  if (difference) return { key, local: localSide(local), server: serverSide(server), status: 'differs', explanation: `${difference} — this device catches up at its next sync` };
  return { key, local: localSide(local), server: serverSide(server), status: 'same', explanation: 'same here and on the server' };
}

/**
 * An IMAP folder here and on the server, message by message (by UID). `local` holds the cached
 * messages of the folder from the oldest UID the server view lists, plus optimistic placeholders.
 */
export function compareImapMessages(view: ImapServerView, local: MessageRecord[], pending: PendingOpRecord[]): CompareRow[] {
  const folderId = serverFolderId(view.folderPath);
  const byUid = new Map(local.filter((m) => m.folderId === folderId && m.uid !== null).map((m) => [m.uid!, m]));
  const onServer = new Set(view.messages.map((m) => m.uid));
  const oldestShown = view.messages.reduce((min, m) => Math.min(min, m.uid), Number.POSITIVE_INFINITY);
  const rows: CompareRow[] = [];
  for (const message of local) {
    if (message.folderId !== folderId || message.uid !== null) continue;
    rows.push({ key: message.id, local: localSide(message), server: null, status: 'pending', explanation: 'moved here, not yet sent to the server' });
  }
  const localOnly: Array<[number, CompareRow]> = [];
  for (const [uid, message] of byUid) {
    if (onServer.has(uid) || (view.truncated && uid < oldestShown)) continue;
    const queued = pendingKind(pending, view.folderPath, uid);
    localOnly.push([uid, { key: `uid:${uid}`, local: localSide(message), server: null, status: queued ? 'pending' : 'local-only', explanation: queued ? PENDING_WORDS[queued] : 'gone from the server; this device has not synced since' }]);
  }
  const serverRows = view.messages.map((m): [number, CompareRow] => [m.uid, compareOne(m, byUid.get(m.uid), pending, view.folderPath)]);
  rows.push(...[...serverRows, ...localOnly].sort((a, b) => b[0] - a[0]).map(([, row]) => row));
  return rows;
}

/** The server's folders against this device's folder list, with unread counts. */
export function compareImapFolders(serverFolders: ServerFolderStatus[], localFolders: FolderRecord[], unreadHere: ReadonlyMap<string, number>): CompareRow[] {
  const rows: CompareRow[] = [];
  const localById = new Map(localFolders.map((f) => [f.id, f]));
  for (const server of serverFolders) {
    const id = serverFolderId(server.path);
    const local = localById.get(id);
    const serverSideWords = { subject: server.path, detail: `${server.total === null ? '? messages' : count(server.total, 'message')}, ${server.unseen ?? '?'} unread` };
    if (!local) {
      rows.push({ key: id, local: null, server: serverSideWords, status: 'server-only', explanation: 'not on this device yet: it learns of new folders when it next lists them (Check mail)' });
      continue;
    }
    const unread = unreadHere.get(id) ?? 0;
    const localSideWords = { subject: local.path, detail: `${unread} unread here` };
    if (server.unseen !== null && unread !== server.unseen) {
      rows.push({ key: id, local: localSideWords, server: serverSideWords, status: 'differs', explanation: `unread counts differ: ${unread} here, ${server.unseen} on the server` });
    } else {
      rows.push({ key: id, local: localSideWords, server: serverSideWords, status: 'same', explanation: 'same here and on the server' });
    }
  }
  const serverIds = new Set(serverFolders.map((f) => serverFolderId(f.path)));
  for (const local of localFolders) {
    if (serverIds.has(local.id)) continue;
    const side = { subject: local.path, detail: `${unreadHere.get(local.id) ?? 0} unread here` };
    rows.push(
      local.origin === 'local'
        ? { key: local.id, local: side, server: null, status: 'local-only', explanation: `only on this computer — local folder ${local.name}` }
        : { key: local.id, local: side, server: null, status: 'local-only', explanation: 'not in the server’s folder list as the panel last saw it: deleted on the server since this device listed the folders, or newer than that listing' },
    );
  }
  return rows;
}
