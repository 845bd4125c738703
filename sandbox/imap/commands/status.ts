import { hasFlag } from '../../store/flags';
import type { FolderRecord } from '../../store/types';
import { StoreError } from '../../store/types';
import type { CommandSession, CommandSpec } from '../session-types';
import { str, type Wire } from '../response';
import { ImapSyntaxError, type ImapToken } from '../tokenizer';

const ITEMS = new Set(['MESSAGES', 'RECENT', 'UIDNEXT', 'UIDVALIDITY', 'UNSEEN', 'HIGHESTMODSEQ', 'SIZE']);

/** The status data items of a STATUS command or of LIST's RETURN (STATUS (...)) (RFC 5819). */
export function statusItemsOf(tokens: readonly ImapToken[]): string[] {
  if (tokens.length === 0) throw new ImapSyntaxError('No status items');
  return tokens.map((token) => {
    const name = token.type === 'atom' ? token.value.toUpperCase() : '';
    if (!ITEMS.has(name)) throw new ImapSyntaxError('Unknown status item');
    return name;
  });
}

function valueOf(folder: Readonly<FolderRecord>, item: string): number {
  switch (item) {
    case 'MESSAGES':
      return folder.messages.length;
    case 'UIDNEXT':
      return folder.uidNext;
    case 'UIDVALIDITY':
      return folder.uidValidity;
    case 'UNSEEN':
      return folder.messages.filter((message) => !hasFlag(message.flags, '\\Seen')).length;
    case 'HIGHESTMODSEQ':
      return folder.highestModseq;
    case 'SIZE':
      return folder.messages.reduce((total, message) => total + message.size, 0);
    default:
      // \Recent is not kept by the sandbox: no message is ever recent.
      return 0;
  }
}

/** Sends `* STATUS name (item value ...)` (RFC 3501 §7.2.4). */
export function sendStatus(session: CommandSession, folder: Readonly<FolderRecord>, items: readonly string[]): void {
  // RFC 7162 §3.1.2: asking for HIGHESTMODSEQ is a CONDSTORE-enabling action.
  if (items.includes('HIGHESTMODSEQ')) session.condstoreUsed = true;
  const values: Wire[] = items.flatMap((item) => [item, valueOf(folder, item)]);
  session.untagged('STATUS', str(folder.name), values);
}

/** RFC 3501 §6.3.10 STATUS. */
export const status: CommandSpec = {
  states: ['authenticated', 'selected'],
  run: (session, args) => {
    const name = args.astring('mailbox');
    const items = statusItemsOf(args.list('status items'));
    args.end();
    const folder = session.context.store.folder(session.userName, name);
    if (!folder) throw new StoreError('NONEXISTENT', 'No such mailbox');
    sendStatus(session, folder, items);
    return { status: 'OK', text: 'Status completed' };
  },
};
