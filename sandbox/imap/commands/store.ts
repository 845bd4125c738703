import type { FlagOperation } from '../../store/flags';
import { flagsOf, numberOf } from '../arguments';
import type { CommandSpec } from '../session-types';
import { resolveMessages } from '../message-set';
import type { Wire } from '../response';
import { formatSequenceSet } from '../sequence-set';
import { ImapSyntaxError } from '../tokenizer';

const OPERATIONS: Record<string, FlagOperation> = { FLAGS: 'replace', '+FLAGS': 'add', '-FLAGS': 'remove' };

function storeCommand(byUid: boolean): CommandSpec {
  return {
    states: ['selected'],
    holdsExpunges: true,
    run: async (session, args) => {
      const view = session.selected!;
      const setText = args.rawAtom('sequence set');
      let unchangedSince: number | undefined;
      if (args.peek()?.type === 'list') {
        // RFC 7162 §3.1.3: STORE set (UNCHANGEDSINCE modseq) ...
        const [name, value, ...rest] = args.list('store modifiers');
        if (name?.type !== 'atom' || name.value.toUpperCase() !== 'UNCHANGEDSINCE' || !value || rest.length > 0) throw new ImapSyntaxError('Unknown store modifier');
        unchangedSince = numberOf(value, 'mod-sequence');
        session.condstoreUsed = true;
      }
      const item = args.atom('store item');
      const silent = item.endsWith('.SILENT');
      const operation = OPERATIONS[silent ? item.slice(0, -'.SILENT'.length) : item];
      if (!operation) throw new ImapSyntaxError('Expected FLAGS, +FLAGS or -FLAGS');
      const flagTokens = args.remaining === 1 ? [args.next('flags')] : Array.from({ length: args.remaining }, () => args.next('flags'));
      const flags = flagTokens.flatMap(flagsOf);
      args.end();
      if (view.readOnly) return { status: 'NO', code: 'READ-ONLY', text: 'The mailbox is read-only' };
      const messages = resolveMessages(view, setText, byUid);
      const result = await session.context.store.setFlags(session.userName, view.folderId, new Set(messages.map((m) => m.uid)), { operation, flags, unchangedSince }, session.id);
      const changed = new Set(result.events.map((event) => ('uid' in event ? event.uid : 0)));
      for (const message of result.stored) {
        const sequence = view.sequenceOf(message.uid);
        if (sequence === 0) continue;
        const data: Wire[] = ['UID', message.uid];
        // RFC 7162 §3.1.3: even a silent store tells a CONDSTORE client the new mod-sequence.
        if (!silent) data.push('FLAGS', message.flags);
        if (session.condstore) data.push('MODSEQ', [message.modseq]);
        if (!silent || (session.condstore && changed.has(message.uid))) session.untagged(sequence, 'FETCH', data);
      }
      if (result.modified.length > 0) {
        const modified = byUid ? result.modified : result.modified.map((uid) => view.sequenceOf(uid));
        return { status: 'OK', code: `MODIFIED ${formatSequenceSet(modified)}`, text: 'Conditional store failed for some messages' };
      }
      return { status: 'OK', text: 'Store completed' };
    },
  };
}

/** RFC 3501 §6.4.6 STORE, with RFC 7162 UNCHANGEDSINCE. */
export const store = storeCommand(false);
/** RFC 3501 §6.4.8 UID STORE. */
export const uidStore = storeCommand(true);
