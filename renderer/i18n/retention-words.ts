import { defineMessages, type IntlShape, type MessageDescriptor } from 'react-intl';
import type { PopRetention } from '../../common/model/account';
import { intl as currentIntl } from './intl';

/**
 * A POP device's retention choices in the language shown, with what each means for other
 * devices: one source for the setup form, the settings, the Devices dialog and the server panel,
 * so they never say different things. The English is common/model/retention-words.ts' word for
 * word (main still says it in its errors and the switch preview; a unit test keeps the two equal).
 * `intl`: a component's own layer, or the one of the language shown now.
 */

const TITLES = defineMessages({
  keep: { id: 'retention.keep.title', defaultMessage: 'Leave messages on the server' },
  afterDays: { id: 'retention.afterDays.title', defaultMessage: 'Delete from the server {days, plural, one {# day} other {# days}} after downloading' },
  whenDeletedHere: { id: 'retention.whenDeletedHere.title', defaultMessage: 'Delete from the server when I delete it here' },
  afterDownload: { id: 'retention.afterDownload.title', defaultMessage: 'Delete from the server right after downloading' },
});

/** The same names inside a sentence ("setting: leave messages on the server"): English writes them in lower case there, German as they are. */
const TITLES_IN_SENTENCE = defineMessages({
  keep: { id: 'retention.keep.inSentence', defaultMessage: 'leave messages on the server' },
  afterDays: { id: 'retention.afterDays.inSentence', defaultMessage: 'delete from the server {days, plural, one {# day} other {# days}} after downloading' },
  whenDeletedHere: { id: 'retention.whenDeletedHere.inSentence', defaultMessage: 'delete from the server when I delete it here' },
  afterDownload: { id: 'retention.afterDownload.inSentence', defaultMessage: 'delete from the server right after downloading' },
});

const DETAILS = defineMessages({
  keep: { id: 'retention.keep.detail', defaultMessage: 'Your other devices and webmail keep seeing every message. The server’s mailbox keeps growing until you delete mail there.' },
  afterDays: {
    id: 'retention.afterDays.detail',
    defaultMessage: 'Counted from when this computer downloaded each message. Other devices have {days, plural, one {# day} other {# days}} to download it too; after that only this computer has it.',
  },
  whenDeletedHere: {
    id: 'retention.whenDeletedHere.detail',
    defaultMessage: 'A message you delete on this computer (to Trash, or by emptying Trash) is removed from the server at the next check. Until then other devices still see it.',
  },
  afterDownload: { id: 'retention.afterDownload.detail', defaultMessage: 'Other devices will never see these messages: this computer keeps the only copy, so back it up.' },
});

/** One message for each choice: its name, or what it means. */
type RetentionWords = Record<'keep' | 'afterDays' | 'whenDeletedHere' | 'afterDownload', MessageDescriptor>;

/** The message of a choice in one of the tables above, and its values (the days of delete-after-days). */
function pick(words: RetentionWords, retention: PopRetention): [MessageDescriptor, { days?: number }] {
  switch (retention.kind) {
    case 'keep':
      return [words.keep, {}];
    case 'delete-after-days':
      return [words.afterDays, { days: retention.days }];
    case 'delete-when-deleted-here':
      return [words.whenDeletedHere, {}];
    case 'delete-after-download':
      return [words.afterDownload, {}];
    default: {
      const unknownRetention: never = retention;
      throw new Error(`Unknown retention ${JSON.stringify(unknownRetention)}`);
    }
  }
}

/** The choice's name: "Delete from the server 14 days after downloading". */
export function retentionTitle(retention: PopRetention, intl: IntlShape = currentIntl()): string {
  const [message, values] = pick(TITLES, retention);
  return intl.formatMessage(message, values);
}

/** The choice's name inside a sentence: "the server keeps its copy (setting: leave messages on the server)". */
export function retentionTitleInSentence(retention: PopRetention, intl: IntlShape = currentIntl()): string {
  const [message, values] = pick(TITLES_IN_SENTENCE, retention);
  return intl.formatMessage(message, values);
}

/** What the choice means for other devices and the server's mailbox. */
export function retentionDetail(retention: PopRetention, intl: IntlShape = currentIntl()): string {
  const [message, values] = pick(DETAILS, retention);
  return intl.formatMessage(message, values);
}

/** Why a server without UIDL allows only one choice, that choice named as the choices list names it. */
export function noUidlText(intl: IntlShape = currentIntl()): string {
  return intl.formatMessage(
    {
      id: 'retention.noUidl',
      defaultMessage: 'This server cannot name its messages (it has no UIDL), so Porthole cannot tell which messages it already downloaded. Only “{choice}” is possible with it.',
    },
    { choice: retentionTitle({ kind: 'delete-after-download' }, intl) },
  );
}
