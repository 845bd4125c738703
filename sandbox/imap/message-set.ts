import type { MailboxView } from './mailbox-view';
import { parseSequenceSet, inRanges } from './sequence-set';
import { ImapSyntaxError } from './tokenizer';

/** A message of the selected mailbox as the client addresses it. */
export interface SelectedMessage {
  sequence: number;
  uid: number;
}

/**
 * The messages a sequence set names, ascending: UIDs for the UID commands, else sequence
 * numbers. A UID set may name UIDs that do not exist (they are skipped, RFC 3501 §6.4.8); a
 * sequence number beyond the mailbox is a BAD command (RFC 3501 §9).
 */
export function resolveMessages(view: MailboxView, text: string, byUid: boolean): SelectedMessage[] {
  const largest = byUid ? view.largestUid : view.exists;
  const ranges = parseSequenceSet(text, largest);
  if (!ranges) throw new ImapSyntaxError('Invalid sequence set');
  if (!byUid) {
    if (ranges.some(([, to]) => to > view.exists)) throw new ImapSyntaxError('Message sequence number beyond the mailbox');
    const out: SelectedMessage[] = [];
    for (let sequence = 1; sequence <= view.exists; sequence++) {
      if (inRanges(ranges, sequence)) out.push({ sequence, uid: view.uidAt(sequence)! });
    }
    return out;
  }
  return view.uids.flatMap((uid, index) => (inRanges(ranges, uid) ? [{ sequence: index + 1, uid }] : []));
}
