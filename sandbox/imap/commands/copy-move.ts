import type { CommandOutcome, CommandSession, CommandSpec } from '../session-types';
import type { ArgumentReader } from '../arguments';
import { resolveMessages } from '../message-set';
import { formatUidList } from '../sequence-set';
import { reportOwnExpunge } from './expunge';

async function copyOrMove(session: CommandSession, args: ArgumentReader, byUid: boolean, move: boolean): Promise<CommandOutcome> {
  const view = session.selected!;
  const setText = args.rawAtom('sequence set');
  const destination = args.astring('mailbox');
  args.end();
  const { store } = session.context;
  const user = session.userName;
  // RFC 3501 §6.4.7: TRYCREATE when the destination does not exist.
  if (!store.folder(user, destination)) return { status: 'NO', code: 'TRYCREATE', text: 'No such mailbox' };
  if (move && view.readOnly) return { status: 'NO', code: 'READ-ONLY', text: 'The mailbox is read-only' };
  const uids = new Set(resolveMessages(view, setText, byUid).map(({ uid }) => uid));
  const result = move ? await store.move(user, view.folderId, uids, destination, session.id) : await store.copy(user, view.folderId, uids, destination, session.id);
  const copyUid = result.sourceUids.length > 0 ? `COPYUID ${result.uidValidity} ${formatUidList(result.sourceUids)} ${formatUidList(result.destinationUids)}` : undefined;
  if (!move) return { status: 'OK', code: copyUid, text: 'Copy completed' };
  // RFC 6851 §4.3: COPYUID comes in an untagged OK before the expunges.
  if (copyUid) session.untagged('OK', `[${copyUid}]`, 'Moved');
  reportOwnExpunge(session, result.sourceUids);
  return { status: 'OK', text: 'Move completed' };
}

const spec = (byUid: boolean, move: boolean): CommandSpec => ({ states: ['selected'], run: (session, args) => copyOrMove(session, args, byUid, move) });

/** RFC 3501 §6.4.7 COPY, with RFC 4315 COPYUID. */
export const copy = spec(false, false);
/** RFC 3501 §6.4.8 UID COPY. */
export const uidCopy = spec(true, false);
/** RFC 6851 MOVE. */
export const move = spec(false, true);
/** RFC 6851 UID MOVE. */
export const uidMove = spec(true, true);
