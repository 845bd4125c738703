import { hasFlag } from '../../store/flags';
import type { CommandSession, CommandSpec } from '../session-types';
import { resolveMessages } from '../message-set';
import { formatSequenceSet } from '../sequence-set';

/** Tells the client about messages this session removed (RFC 3501 §7.4.1, RFC 7162 §3.2.10). */
export function reportOwnExpunge(session: CommandSession, uids: readonly number[]): void {
  const view = session.selected!;
  const known = uids.filter((uid) => view.sequenceOf(uid) > 0);
  if (session.qresync) {
    view.remove(known);
    if (known.length > 0) session.untagged('VANISHED', formatSequenceSet(known));
    return;
  }
  // Highest first: each EXPUNGE renumbers the messages after it.
  for (const sequence of view.remove(known).reverse()) session.untagged(sequence, 'EXPUNGE');
}

/** RFC 3501 §6.4.3 EXPUNGE. */
export const expunge: CommandSpec = {
  states: ['selected'],
  run: async (session, args) => {
    args.end();
    const view = session.selected!;
    if (view.readOnly) return { status: 'NO', code: 'READ-ONLY', text: 'The mailbox is read-only' };
    reportOwnExpunge(session, await session.context.store.expunge(session.userName, view.folderId, null, session.id));
    return { status: 'OK', text: 'Expunge completed' };
  },
};

/** RFC 4315 §2.1 UID EXPUNGE: only the \Deleted messages among the given UIDs. */
export const uidExpunge: CommandSpec = {
  states: ['selected'],
  run: async (session, args) => {
    const setText = args.rawAtom('UID set');
    args.end();
    const view = session.selected!;
    if (view.readOnly) return { status: 'NO', code: 'READ-ONLY', text: 'The mailbox is read-only' };
    const { store } = session.context;
    const user = session.userName;
    const doomed = resolveMessages(view, setText, true).filter(({ uid }) => {
      const message = store.message(user, view.folderId, uid);
      return message !== undefined && hasFlag(message.flags, '\\Deleted');
    });
    reportOwnExpunge(session, await store.expunge(user, view.folderId, new Set(doomed.map(({ uid }) => uid)), session.id));
    return { status: 'OK', text: 'Expunge completed' };
  },
};
