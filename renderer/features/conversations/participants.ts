import type { IntlShape } from 'react-intl';
import { withoutBidiControls } from '../../../common/compose/reply';
import type { MailAddress, MessageRecord } from '../../../common/model/mail';
import { intl as currentIntl } from '../../i18n/intl';

/** How many names a row shows before "+ n". */
const SHOWN_NAMES = 3;

/**
 * A leading article names a newsletter or a firm, not a person: "The Harbour Weekly" stays whole
 * (its first word, "The", named nothing). English, German, French, Spanish, Italian, Dutch; not
 * words that are also names ("An", "De").
 */
const ARTICLE = /^(the|der|die|das|le|la|les|el|los|las|il|gli|het|een)$/i;

/**
 * A sender's name in a conversation's row: the first word of the display name when the row names
 * several people ("Ann, me, Bob"), the whole name when it names one, as Apple Mail does; else the
 * address's local part.
 */
export function shortName(from: MailAddress | undefined, ownAddress: string | null, intl: IntlShape = currentIntl(), whole = false): string {
  const noSender = (): string => intl.formatMessage({ id: 'conversations.noSender', defaultMessage: '(no sender)' });
  if (!from) return noSender();
  if (ownAddress && from.address.toLowerCase() === ownAddress.toLowerCase()) return intl.formatMessage({ id: 'conversations.me', defaultMessage: 'me' });
  const name = withoutBidiControls(from.name).trim().replace(/^"|"$/g, '');
  // "Doe, Jane" puts the given name second.
  const given = name.includes(',') ? name.split(',')[1]!.trim() : name;
  const first = given.split(/\s+/)[0] ?? '';
  const shown = whole ? name : ARTICLE.test(first) ? given : first;
  return shown || withoutBidiControls(from.address.split('@')[0] ?? '') || noSender();
}

/**
 * The senders of a conversation, oldest first, each once ("Ann, me, Bob + 2"): what a row of the
 * conversation list names, as Apple Mail and Thunderbird do.
 */
export function participants(messages: readonly MessageRecord[], ownAddress: string | null, intl: IntlShape = currentIntl()): string {
  const senders = new Map<string, MailAddress | undefined>();
  for (const message of messages) {
    const from = message.from[0];
    const key = (from?.address || from?.name || '').toLowerCase();
    if (!senders.has(key)) senders.set(key, from);
  }
  const names = [...senders.values()].map((from) => shortName(from, ownAddress, intl, senders.size === 1));
  const shown = names.slice(0, SHOWN_NAMES).join(', ');
  return names.length > SHOWN_NAMES ? `${shown} + ${names.length - SHOWN_NAMES}` : shown;
}
