import { withoutBidiControls } from '../../../common/compose/reply';
import type { MailAddress, MessageRecord } from '../../../common/model/mail';

/** How many names a row shows before "+ n". */
const SHOWN_NAMES = 3;

/** A sender's short name: the first word of the display name, else the address's local part. */
export function shortName(from: MailAddress | undefined, ownAddress: string | null): string {
  if (!from) return '(no sender)';
  if (ownAddress && from.address.toLowerCase() === ownAddress.toLowerCase()) return 'me';
  const name = withoutBidiControls(from.name).trim().replace(/^"|"$/g, '');
  // "Doe, Jane" puts the given name second.
  const given = name.includes(',') ? name.split(',')[1]!.trim() : name;
  const first = given.split(/\s+/)[0] ?? '';
  return first || withoutBidiControls(from.address.split('@')[0] ?? '') || '(no sender)';
}

/**
 * The senders of a conversation, oldest first, each once ("Ann, me, Bob + 2"): what a row of the
 * conversation list names, as Apple Mail and Thunderbird do.
 */
export function participants(messages: readonly MessageRecord[], ownAddress: string | null): string {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const message of messages) {
    const from = message.from[0];
    const key = (from?.address || from?.name || '').toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    names.push(shortName(from, ownAddress));
  }
  const shown = names.slice(0, SHOWN_NAMES).join(', ');
  return names.length > SHOWN_NAMES ? `${shown} + ${names.length - SHOWN_NAMES}` : shown;
}
