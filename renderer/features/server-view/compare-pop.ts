import { defineMessages, type IntlShape } from 'react-intl';
import type { PopRetention } from '../../../common/model/account';
import { type FolderRecord, type MessageRecord, type PopStateRecord } from '../../../common/model/mail';
import { deletionDueAt, popDecision } from '../../../common/model/pop-retention';
import type { PopServerView, ServerPopMessage } from '../../../common/model/server-view';
import { shortDay } from '../../app/format';
import { stateWords, subjectOf, type CompareRow, type CompareSide } from './compare-types';
import { sizeText } from '../../i18n/sizes';
import { folderName } from '../../i18n/folder-names';
import { popDecisionText } from '../../i18n/pop-decision-words';
import { retentionTitleInSentence } from '../../i18n/retention-words';

export interface PopCompareInput {
  view: PopServerView;
  /** Every message this device holds, in any folder. */
  messages: MessageRecord[];
  folders: FolderRecord[];
  states: ReadonlyMap<string, PopStateRecord>;
  retention: PopRetention;
  now: number;
}

const WORDS = defineMessages({
  noUidl: { id: 'serverView.compare.pop.noUidl', defaultMessage: '(none)' },
  unknownFolder: { id: 'serverView.compare.pop.unknownFolder', defaultMessage: 'unknown folder' },
  untilNextCheck: { id: 'serverView.compare.pop.untilNextCheck', defaultMessage: 'still on the server until the next check' },
  notDownloaded: { id: 'serverView.compare.pop.notDownloaded', defaultMessage: 'not downloaded yet: the next check downloads it' },
  readHere: { id: 'serverView.compare.pop.readHere', defaultMessage: 'read here; POP has no flags, so the server never hears of it' },
  flaggedHere: { id: 'serverView.compare.pop.flaggedHere', defaultMessage: 'flagged here only; POP has no flags' },
  localFolderUnknown: { id: 'serverView.compare.pop.localFolderUnknown', defaultMessage: 'local folder (unknown)' },
});

function serverSide(message: ServerPopMessage, intl: IntlShape): CompareSide {
  return { subject: subjectOf(message.subject, intl), detail: `#${message.number} · UIDL ${message.uidl ?? intl.formatMessage(WORDS.noUidl)} · ${sizeText(message.size)}` };
}

function localSide(message: MessageRecord, folder: FolderRecord | undefined, intl: IntlShape): CompareSide {
  return { subject: subjectOf(message.subject, intl), detail: `${(folder ? folderName(folder) : null) ?? intl.formatMessage(WORDS.unknownFolder)} · ${stateWords(message.seen, message.flagged, intl)}` };
}

/** What becomes of the server copy of a message deleted here, under this retention. */
function afterLocalDelete(state: PopStateRecord | undefined, retention: PopRetention, now: number, intl: IntlShape): string {
  const due = state ? deletionDueAt({ ...state, deleteRequested: true }, retention) : null;
  if (due === null) return intl.formatMessage({ id: 'serverView.compare.pop.serverKeeps', defaultMessage: 'the server keeps its copy (setting: {setting})' }, { setting: retentionTitleInSentence(retention, intl) });
  return due <= now ? intl.formatMessage(WORDS.untilNextCheck) : intl.formatMessage({ id: 'serverView.compare.pop.untilCheckAfter', defaultMessage: 'still on the server until the check after {day}' }, { day: shortDay(due) });
}

function compareOnServer(server: ServerPopMessage, local: MessageRecord | undefined, input: PopCompareInput, folderById: ReadonlyMap<string, FolderRecord>, intl: IntlShape): CompareRow {
  const key = `uidl:${server.uidl ?? `#${server.number}`}`;
  const state = server.uidl ? input.states.get(server.uidl) : undefined;
  const decision = popDecisionText(popDecision(state, input.retention, input.now, true), intl);
  if (!local) {
    if (!state) return { key, local: null, server: serverSide(server, intl), status: 'server-only', explanation: intl.formatMessage(WORDS.notDownloaded) };
    if (state.downloadedAt !== null) return { key, local: null, server: serverSide(server, intl), status: 'differs', explanation: intl.formatMessage({ id: 'serverView.compare.pop.deletedHere', defaultMessage: 'deleted here; {then}' }, { then: afterLocalDelete(state, input.retention, input.now, intl) }) };
    return { key, local: null, server: serverSide(server, intl), status: 'differs', explanation: decision };
  }
  const folder = folderById.get(local.folderId);
  if (folder?.role === 'trash') {
    return { key, local: localSide(local, folder, intl), server: serverSide(server, intl), status: 'differs', explanation: intl.formatMessage({ id: 'serverView.compare.pop.deletedInTrash', defaultMessage: 'deleted here (in Trash); {then}' }, { then: afterLocalDelete(state, input.retention, input.now, intl) }) };
  }
  const differences: string[] = [];
  if (local.seen) differences.push(intl.formatMessage(WORDS.readHere));
  if (local.flagged) differences.push(intl.formatMessage(WORDS.flaggedHere));
  if (folder && folder.role !== 'inbox') differences.push(intl.formatMessage({ id: 'serverView.compare.pop.filedHere', defaultMessage: 'filed here in local folder {folder}; the server has only its maildrop' }, { folder: folderName(folder) }));
  return { key, local: localSide(local, folder, intl), server: serverSide(server, intl), status: differences.length ? 'differs' : 'same', explanation: [...differences, decision].join('; ') };
}

function localOnly(message: MessageRecord, input: PopCompareInput, folder: FolderRecord | undefined, intl: IntlShape): CompareRow {
  const side = localSide(message, folder, intl);
  const where = folder ? intl.formatMessage({ id: 'serverView.compare.pop.localFolder', defaultMessage: 'local folder {folder}' }, { folder: folderName(folder) }) : intl.formatMessage(WORDS.localFolderUnknown);
  if (!message.popUidl) return { key: message.id, local: side, server: null, status: 'local-only', explanation: intl.formatMessage({ id: 'serverView.compare.pop.onlyHere', defaultMessage: 'only on this computer — {where}' }, { where }) };
  const state = input.states.get(message.popUidl);
  if (state?.serverDeletedAt != null) return { key: message.id, local: side, server: null, status: 'local-only', explanation: intl.formatMessage({ id: 'serverView.compare.pop.onlyHereDeleted', defaultMessage: 'only on this computer ({where}) — {decision}' }, { where, decision: popDecisionText(popDecision(state, input.retention, input.now), intl) }) };
  return { key: message.id, local: side, server: null, status: 'local-only', explanation: intl.formatMessage({ id: 'serverView.compare.pop.onlyHereUnlisted', defaultMessage: 'only on this computer ({where}) — the server no longer lists it; the next check notes that' }, { where }) };
}

/**
 * A POP device's mail against the maildrop, message by message (by UIDL): what was downloaded,
 * what is read or filed here (which the server never hears of), what was deleted here and what
 * the retention setting will do about the server's copy.
 */
export function comparePop(input: PopCompareInput, intl: IntlShape): CompareRow[] {
  const folderById = new Map(input.folders.map((f) => [f.id, f]));
  const byUidl = new Map(input.messages.flatMap((m) => (m.popUidl ? [[m.popUidl, m] as const] : [])));
  const listed = new Set(input.view.messages.flatMap((m) => (m.uidl ? [m.uidl] : [])));
  const rows = input.view.messages.map((m) => compareOnServer(m, m.uidl ? byUidl.get(m.uidl) : undefined, input, folderById, intl));
  for (const message of input.messages) {
    if (message.popUidl && listed.has(message.popUidl)) continue;
    // A truncated listing cannot say that an older message is gone.
    if (message.popUidl && input.view.truncated) continue;
    rows.push(localOnly(message, input, folderById.get(message.folderId), intl));
  }
  return rows;
}
