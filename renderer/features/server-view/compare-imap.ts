import { FLAG_FLAGGED, FLAG_SEEN, serverFolderId, type FolderRecord, type MessageRecord } from '../../../common/model/mail';
import type { PendingOpRecord } from '../../../common/model/pending';
import type { ImapServerView, ServerFolderStatus, ServerImapMessage } from '../../../common/model/server-view';
import { defineMessages, type IntlShape } from 'react-intl';
import { stateWords, subjectOf, type CompareRow } from './compare-types';
import { folderName } from '../../i18n/folder-names';

/** Flags that say something about the message (not \Recent, which is per session). */
function meaningfulFlags(flags: string[]): string[] {
  return flags.filter((f) => f !== '\\Recent').sort();
}

function flagWords(flags: string[], intl: IntlShape): string {
  const shown = meaningfulFlags(flags);
  return shown.length ? shown.join(' ') : intl.formatMessage({ id: 'serverView.compare.noFlags', defaultMessage: 'no flags' });
}

const FLAG_DIFFERENCES = defineMessages({
  readHere: { id: 'serverView.compare.flags.readHere', defaultMessage: 'read here, unread on the server' },
  readOnServer: { id: 'serverView.compare.flags.readOnServer', defaultMessage: 'unread here, read on the server' },
  flaggedHere: { id: 'serverView.compare.flags.flaggedHere', defaultMessage: 'flagged here, not on the server' },
  flaggedOnServer: { id: 'serverView.compare.flags.flaggedOnServer', defaultMessage: 'flagged on the server, not here' },
});

/** The flag differences in words: "read here, unread on the server; flagged on the server only". */
function describeFlagDifference(local: string[], server: string[], intl: IntlShape): string | null {
  const here = new Set(meaningfulFlags(local));
  const there = new Set(meaningfulFlags(server));
  const parts: string[] = [];
  if (here.has(FLAG_SEEN) !== there.has(FLAG_SEEN)) parts.push(intl.formatMessage(here.has(FLAG_SEEN) ? FLAG_DIFFERENCES.readHere : FLAG_DIFFERENCES.readOnServer));
  if (here.has(FLAG_FLAGGED) !== there.has(FLAG_FLAGGED)) parts.push(intl.formatMessage(here.has(FLAG_FLAGGED) ? FLAG_DIFFERENCES.flaggedHere : FLAG_DIFFERENCES.flaggedOnServer));
  const others = [...new Set([...here, ...there])].filter((f) => f !== FLAG_SEEN && f !== FLAG_FLAGGED && here.has(f) !== there.has(f));
  const otherWords = (f: string): string =>
    here.has(f)
      ? intl.formatMessage({ id: 'serverView.compare.flags.otherHere', defaultMessage: '{flag} here' }, { flag: f })
      : intl.formatMessage({ id: 'serverView.compare.flags.otherOnServer', defaultMessage: '{flag} on the server' }, { flag: f });
  if (others.length) parts.push(intl.formatMessage({ id: 'serverView.compare.flags.others', defaultMessage: 'other flags differ ({flags})' }, { flags: others.map(otherWords).join(', ') }));
  return parts.length ? intl.formatMessage({ id: 'serverView.compare.flags.differ', defaultMessage: 'flags differ: {differences}' }, { differences: parts.join('; ') }) : null;
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

const PENDING_WORDS = defineMessages({
  flags: { id: 'serverView.compare.pending.flags', defaultMessage: 'changed here, not yet sent to the server' },
  move: { id: 'serverView.compare.pending.move', defaultMessage: 'moved here, not yet sent to the server' },
  expunge: { id: 'serverView.compare.pending.expunge', defaultMessage: 'deleted here, not yet sent to the server' },
});

const EXPLANATIONS = defineMessages({
  notFetched: { id: 'serverView.compare.imap.notFetched', defaultMessage: 'not downloaded yet: this device has not fetched it' },
  same: { id: 'serverView.compare.same', defaultMessage: 'same here and on the server' },
  goneFromServer: { id: 'serverView.compare.imap.goneFromServer', defaultMessage: 'gone from the server; this device has not synced since' },
});

function serverSide(message: ServerImapMessage, intl: IntlShape): { subject: string; detail: string } {
  return { subject: subjectOf(message.subject, intl), detail: `UID ${message.uid} · ${flagWords(message.flags, intl)}` };
}

function localSide(message: MessageRecord, intl: IntlShape): { subject: string; detail: string } {
  const uid = message.uid === null ? intl.formatMessage({ id: 'serverView.compare.noUidYet', defaultMessage: 'no UID yet' }) : `UID ${message.uid}`;
  return { subject: subjectOf(message.subject, intl), detail: `${uid} · ${stateWords(message.flags.includes(FLAG_SEEN), message.flags.includes(FLAG_FLAGGED), intl)}` };
}

function compareOne(server: ServerImapMessage, local: MessageRecord | undefined, pending: PendingOpRecord[], folderPath: string, intl: IntlShape): CompareRow {
  const key = `uid:${server.uid}`;
  const queued = pendingKind(pending, folderPath, server.uid);
  if (!local) {
    if (queued === 'move' || queued === 'expunge') return { key, local: null, server: serverSide(server, intl), status: 'pending', explanation: intl.formatMessage(PENDING_WORDS[queued]) };
    return { key, local: null, server: serverSide(server, intl), status: 'server-only', explanation: intl.formatMessage(EXPLANATIONS.notFetched) };
  }
  if (queued) return { key, local: localSide(local, intl), server: serverSide(server, intl), status: 'pending', explanation: intl.formatMessage(PENDING_WORDS[queued]) };
  const difference = describeFlagDifference(local.flags, server.flags, intl);
  if (difference) return { key, local: localSide(local, intl), server: serverSide(server, intl), status: 'differs', explanation: intl.formatMessage({ id: 'serverView.compare.imap.catchesUp', defaultMessage: '{difference} — this device catches up at its next sync' }, { difference }) };
  return { key, local: localSide(local, intl), server: serverSide(server, intl), status: 'same', explanation: intl.formatMessage(EXPLANATIONS.same) };
}

/**
 * An IMAP folder here and on the server, message by message (by UID). `local` holds the cached
 * messages of the folder from the oldest UID the server view lists, plus optimistic placeholders.
 */
export function compareImapMessages(view: ImapServerView, local: MessageRecord[], pending: PendingOpRecord[], intl: IntlShape): CompareRow[] {
  const folderId = serverFolderId(view.folderPath);
  const byUid = new Map(local.filter((m) => m.folderId === folderId && m.uid !== null).map((m) => [m.uid!, m]));
  const onServer = new Set(view.messages.map((m) => m.uid));
  const oldestShown = view.messages.reduce((min, m) => Math.min(min, m.uid), Number.POSITIVE_INFINITY);
  const rows: CompareRow[] = [];
  for (const message of local) {
    if (message.folderId !== folderId || message.uid !== null) continue;
    rows.push({ key: message.id, local: localSide(message, intl), server: null, status: 'pending', explanation: intl.formatMessage(PENDING_WORDS.move) });
  }
  const localOnly: Array<[number, CompareRow]> = [];
  for (const [uid, message] of byUid) {
    if (onServer.has(uid) || (view.truncated && uid < oldestShown)) continue;
    const queued = pendingKind(pending, view.folderPath, uid);
    localOnly.push([uid, { key: `uid:${uid}`, local: localSide(message, intl), server: null, status: queued ? 'pending' : 'local-only', explanation: intl.formatMessage(queued ? PENDING_WORDS[queued] : EXPLANATIONS.goneFromServer) }]);
  }
  const serverRows = view.messages.map((m): [number, CompareRow] => [m.uid, compareOne(m, byUid.get(m.uid), pending, view.folderPath, intl)]);
  rows.push(...[...serverRows, ...localOnly].sort((a, b) => b[0] - a[0]).map(([, row]) => row));
  return rows;
}

/** The server's folders against this device's folder list, with unread counts. */
export function compareImapFolders(serverFolders: ServerFolderStatus[], localFolders: FolderRecord[], unreadHere: ReadonlyMap<string, number>, intl: IntlShape): CompareRow[] {
  const rows: CompareRow[] = [];
  const localById = new Map(localFolders.map((f) => [f.id, f]));
  const unreadHereWords = (unread: number): string => intl.formatMessage({ id: 'serverView.compare.folder.unreadHere', defaultMessage: '{unread} unread here' }, { unread });
  for (const server of serverFolders) {
    const id = serverFolderId(server.path);
    const local = localById.get(id);
    const unseen = server.unseen ?? '?';
    const detail =
      server.total === null
        ? intl.formatMessage({ id: 'serverView.compare.folder.onServerUnknownTotal', defaultMessage: '? messages, {unseen} unread' }, { unseen })
        : intl.formatMessage({ id: 'serverView.compare.folder.onServer', defaultMessage: '{total, plural, one {# message} other {# messages}}, {unseen} unread' }, { total: server.total, unseen });
    const serverSideWords = { subject: server.path, detail };
    if (!local) {
      rows.push({ key: id, local: null, server: serverSideWords, status: 'server-only', explanation: intl.formatMessage({ id: 'serverView.compare.folder.notHereYet', defaultMessage: 'not on this device yet: it learns of new folders when it next lists them (Check mail)' }) });
      continue;
    }
    const unread = unreadHere.get(id) ?? 0;
    const localSideWords = { subject: local.path, detail: unreadHereWords(unread) };
    if (server.unseen !== null && unread !== server.unseen) {
      rows.push({ key: id, local: localSideWords, server: serverSideWords, status: 'differs', explanation: intl.formatMessage({ id: 'serverView.compare.folder.unreadDiffer', defaultMessage: 'unread counts differ: {here} here, {server} on the server' }, { here: unread, server: server.unseen }) });
    } else {
      rows.push({ key: id, local: localSideWords, server: serverSideWords, status: 'same', explanation: intl.formatMessage(EXPLANATIONS.same) });
    }
  }
  const serverIds = new Set(serverFolders.map((f) => serverFolderId(f.path)));
  for (const local of localFolders) {
    if (serverIds.has(local.id)) continue;
    const side = { subject: local.path, detail: unreadHereWords(unreadHere.get(local.id) ?? 0) };
    rows.push(
      local.origin === 'local'
        ? { key: local.id, local: side, server: null, status: 'local-only', explanation: intl.formatMessage({ id: 'serverView.compare.onlyHereInLocalFolder', defaultMessage: 'only on this computer — local folder {folder}' }, { folder: folderName(local) }) }
        : { key: local.id, local: side, server: null, status: 'local-only', explanation: intl.formatMessage({ id: 'serverView.compare.folder.notListed', defaultMessage: 'not in the server’s folder list as the panel last saw it: deleted on the server since this device listed the folders, or newer than that listing' }) },
    );
  }
  return rows;
}
