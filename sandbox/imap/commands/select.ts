import { flagSet, hasFlag, PERMANENT_FLAGS } from '../../store/flags';
import type { FolderRecord } from '../../store/types';
import { StoreError } from '../../store/types';
import { numberOf, type ArgumentReader } from '../arguments';
import type { CommandOutcome, CommandSession, CommandSpec } from '../session-types';
import { MailboxView } from '../mailbox-view';
import { formatSequenceSet, inRanges, parseSequenceSet, type SequenceRanges } from '../sequence-set';
import { ImapSyntaxError } from '../tokenizer';

/** RFC 7162 §3.2.5 QRESYNC parameters: what the client knew when it last synced. */
interface Qresync {
  uidValidity: number;
  modseq: number;
  knownUids: SequenceRanges | null;
}

function readParameters(session: CommandSession, args: ArgumentReader): Qresync | null {
  if (args.remaining === 0) return null;
  const parameters = args.list('select parameters');
  args.end();
  let qresync: Qresync | null = null;
  for (let index = 0; index < parameters.length; index++) {
    const parameter = parameters[index]!;
    const name = parameter.type === 'atom' ? parameter.value.toUpperCase() : '';
    if (name === 'CONDSTORE') {
      session.condstoreUsed = true;
    } else if (name === 'QRESYNC') {
      // RFC 7162 §3.2.5: only after ENABLE QRESYNC.
      if (!session.qresync) throw new ImapSyntaxError('QRESYNC is not enabled');
      const values = parameters[index + 1];
      if (values?.type !== 'list' || values.items.length < 2) throw new ImapSyntaxError('QRESYNC needs (uidvalidity modseq ...)');
      index += 1;
      const [uidValidity, modseq, known] = values.items;
      const knownText = known?.type === 'atom' ? known.value : null;
      qresync = {
        uidValidity: numberOf(uidValidity!, 'UIDVALIDITY'),
        modseq: numberOf(modseq!, 'mod-sequence'),
        knownUids: knownText === null ? null : parseSequenceSet(knownText, Number.MAX_SAFE_INTEGER),
      };
    } else {
      throw new ImapSyntaxError('Unknown select parameter');
    }
  }
  return qresync;
}

/** RFC 7162 §3.2.5.1: what changed since the client's mod-sequence, right after the SELECT data. */
function sendResync(session: CommandSession, folder: Readonly<FolderRecord>, view: MailboxView, qresync: Qresync): void {
  if (qresync.uidValidity !== folder.uidValidity) return;
  const known = qresync.knownUids;
  const vanished = folder.expunged.filter((entry) => entry.modseq > qresync.modseq && (!known || inRanges(known, entry.uid))).map((entry) => entry.uid);
  if (vanished.length > 0) session.untagged('VANISHED', '(EARLIER)', formatSequenceSet(vanished));
  for (const message of folder.messages) {
    if (message.modseq <= qresync.modseq) continue;
    session.untagged(view.sequenceOf(message.uid), 'FETCH', ['UID', message.uid, 'FLAGS', message.flags, 'MODSEQ', [message.modseq]]);
  }
}

function open(session: CommandSession, args: ArgumentReader, readOnly: boolean): CommandOutcome {
  const name = args.astring('mailbox');
  const qresync = readParameters(session, args);
  // RFC 7162 §3.2.11: the old mailbox is closed (without expunge) before the new one opens.
  if (session.selected) {
    session.select(null);
    session.untagged('OK', '[CLOSED]', 'Previous mailbox closed');
  }
  const folder = session.context.store.folder(session.userName, name);
  if (!folder) throw new StoreError('NONEXISTENT', 'No such mailbox');
  const view = new MailboxView(folder.id, readOnly, folder.messages.map((message) => message.uid));
  const firstUnseen = folder.messages.findIndex((message) => !hasFlag(message.flags, '\\Seen'));
  const flags = flagSet([...PERMANENT_FLAGS, ...folder.messages.flatMap((message) => message.flags)]);
  session.untagged('FLAGS', flags);
  session.untagged('OK', `[PERMANENTFLAGS (${readOnly ? '' : [...PERMANENT_FLAGS, '\\*'].join(' ')})]`, readOnly ? 'No permanent flags permitted' : 'Flags permitted');
  session.untagged(view.exists, 'EXISTS');
  session.untagged(0, 'RECENT');
  if (firstUnseen >= 0) session.untagged('OK', `[UNSEEN ${firstUnseen + 1}]`, 'First unseen');
  session.untagged('OK', `[UIDVALIDITY ${folder.uidValidity}]`, 'UIDs valid');
  session.untagged('OK', `[UIDNEXT ${folder.uidNext}]`, 'Predicted next UID');
  session.untagged('OK', `[HIGHESTMODSEQ ${folder.highestModseq}]`, 'Highest');
  if (qresync) sendResync(session, folder, view, qresync);
  session.select(view);
  return { status: 'OK', code: readOnly ? 'READ-ONLY' : 'READ-WRITE', text: `${readOnly ? 'Examine' : 'Select'} completed` };
}

/** RFC 3501 §6.3.1 SELECT, with RFC 7162 CONDSTORE and QRESYNC parameters. */
export const select: CommandSpec = {
  states: ['authenticated', 'selected'],
  run: (session, args) => open(session, args, false),
};

/** RFC 3501 §6.3.2 EXAMINE: the same, read-only. */
export const examine: CommandSpec = {
  states: ['authenticated', 'selected'],
  run: (session, args) => open(session, args, true),
};

/** RFC 3501 §6.4.2 CLOSE: expunges silently (unless read-only) and leaves the selected state. */
export const close: CommandSpec = {
  states: ['selected'],
  run: async (session, args) => {
    args.end();
    const view = session.selected!;
    session.select(null);
    if (!view.readOnly) await session.context.store.expunge(session.userName, view.folderId, null, session.id);
    return { status: 'OK', text: 'Close completed' };
  },
};

/** RFC 3691 UNSELECT: leaves the selected state without expunging. */
export const unselect: CommandSpec = {
  states: ['selected'],
  run: (session, args) => {
    args.end();
    session.select(null);
    return { status: 'OK', text: 'Unselect completed' };
  },
};
