import type { PopRetention } from '../../../common/model/account';
import { type FolderRecord, type MessageRecord, type PopStateRecord } from '../../../common/model/mail';
import { deletionDueAt, describePopDecision } from '../../../common/model/pop-retention';
import { describeRetention } from '../../../common/model/retention-words';
import type { PopServerView, ServerPopMessage } from '../../../common/model/server-view';
import { shortDay } from '../../app/format';
import { subjectOf, type CompareRow, type CompareSide } from './compare-types';
import { formatOctets } from '../../../common/model/raw-source';

export interface PopCompareInput {
  view: PopServerView;
  /** Every message this device holds, in any folder. */
  messages: MessageRecord[];
  folders: FolderRecord[];
  states: ReadonlyMap<string, PopStateRecord>;
  retention: PopRetention;
  now: number;
}

function serverSide(message: ServerPopMessage): CompareSide {
  return { subject: subjectOf(message.subject), detail: `#${message.number} · UIDL ${message.uidl ?? '(none)'} · ${formatOctets(message.size)}` };
}

function localSide(message: MessageRecord, folder: FolderRecord | undefined): CompareSide {
  return { subject: subjectOf(message.subject), detail: `${folder?.name ?? 'unknown folder'} · ${message.seen ? 'read' : 'unread'}${message.flagged ? ', flagged' : ''}` };
}

/** What becomes of the server copy of a message deleted here, under this retention. */
function afterLocalDelete(state: PopStateRecord | undefined, retention: PopRetention, now: number): string {
  const due = state ? deletionDueAt({ ...state, deleteRequested: true }, retention) : null;
  if (due === null) return `the server keeps its copy (setting: ${describeRetention(retention).title.toLowerCase()})`;
  return due <= now ? 'still on the server until the next check' : `still on the server until the check after ${shortDay(due)}`;
}

function compareOnServer(server: ServerPopMessage, local: MessageRecord | undefined, input: PopCompareInput, folderById: ReadonlyMap<string, FolderRecord>): CompareRow {
  const key = `uidl:${server.uidl ?? `#${server.number}`}`;
  const state = server.uidl ? input.states.get(server.uidl) : undefined;
  const decision = describePopDecision(state, input.retention, input.now, true);
  if (!local) {
    if (!state) return { key, local: null, server: serverSide(server), status: 'server-only', explanation: 'not downloaded yet: the next check downloads it' };
    if (state.downloadedAt !== null) return { key, local: null, server: serverSide(server), status: 'differs', explanation: `deleted here; ${afterLocalDelete(state, input.retention, input.now)}` };
    return { key, local: null, server: serverSide(server), status: 'differs', explanation: decision };
  }
  const folder = folderById.get(local.folderId);
  if (folder?.role === 'trash') {
    return { key, local: localSide(local, folder), server: serverSide(server), status: 'differs', explanation: `deleted here (in Trash); ${afterLocalDelete(state, input.retention, input.now)}` };
  }
  const differences: string[] = [];
  if (local.seen) differences.push('read here; POP has no flags, so the server never hears of it');
  if (local.flagged) differences.push('flagged here only; POP has no flags');
  if (folder && folder.role !== 'inbox') differences.push(`filed here in local folder ${folder.name}; the server has only its maildrop`);
  return { key, local: localSide(local, folder), server: serverSide(server), status: differences.length ? 'differs' : 'same', explanation: [...differences, decision].join('; ') };
}

function localOnly(message: MessageRecord, input: PopCompareInput, folder: FolderRecord | undefined): CompareRow {
  const side = localSide(message, folder);
  const where = `local folder ${folder?.name ?? '(unknown)'}`;
  if (!message.popUidl) return { key: message.id, local: side, server: null, status: 'local-only', explanation: `only on this computer — ${where}` };
  const state = input.states.get(message.popUidl);
  if (state?.serverDeletedAt != null) return { key: message.id, local: side, server: null, status: 'local-only', explanation: `only on this computer (${where}) — ${describePopDecision(state, input.retention, input.now)}` };
  return { key: message.id, local: side, server: null, status: 'local-only', explanation: `only on this computer (${where}) — the server no longer lists it; the next check notes that` };
}

/**
 * A POP device's mail against the maildrop, message by message (by UIDL): what was downloaded,
 * what is read or filed here (which the server never hears of), what was deleted here and what
 * the retention setting will do about the server's copy.
 */
export function comparePop(input: PopCompareInput): CompareRow[] {
  const folderById = new Map(input.folders.map((f) => [f.id, f]));
  const byUidl = new Map(input.messages.flatMap((m) => (m.popUidl ? [[m.popUidl, m] as const] : [])));
  const listed = new Set(input.view.messages.flatMap((m) => (m.uidl ? [m.uidl] : [])));
  const rows = input.view.messages.map((m) => compareOnServer(m, m.uidl ? byUidl.get(m.uidl) : undefined, input, folderById));
  for (const message of input.messages) {
    if (message.popUidl && listed.has(message.popUidl)) continue;
    // A truncated listing cannot say that an older message is gone.
    if (message.popUidl && input.view.truncated) continue;
    rows.push(localOnly(message, input, folderById.get(message.folderId)));
  }
  return rows;
}
