import { defineMessages, type IntlShape, type MessageDescriptor } from 'react-intl';
import { ANNOUNCEMENT_WORD_IDS, announcementText, type AnnouncedMessage, type AnnouncementWordId } from '../../../common/model/announcements';
import type { AnnouncementWords } from '../../../common/commands/notify-commands';
import { intl as currentIntl, languageOfIntl } from '../../i18n/intl';

/**
 * The words of announcements, as the catalogs know them. Their English is also
 * common/model/announcements.ts's ANNOUNCEMENT_ENGLISH (main's words until the window sends its
 * own); a test keeps the two equal.
 */
const WORDS: Record<AnnouncementWordId, MessageDescriptor & { defaultMessage: string }> = defineMessages({
  'notifications.one.title': { id: 'notifications.one.title', defaultMessage: 'New mail from {sender}' },
  'notifications.one.titleUnknown': { id: 'notifications.one.titleUnknown', defaultMessage: 'New mail from an unknown sender' },
  'notifications.noSubject': { id: 'notifications.noSubject', defaultMessage: '(no subject)' },
  'notifications.several.line': { id: 'notifications.several.line', defaultMessage: '{sender}: {subject}' },
  'notifications.several.unknownSender': { id: 'notifications.several.unknownSender', defaultMessage: 'Unknown sender' },
  'notifications.several.more': { id: 'notifications.several.more', defaultMessage: '{count, plural, one {and {number} more} other {and {number} more}}' },
  'notifications.several.title': { id: 'notifications.several.title', defaultMessage: '{count, plural, one {{number} new message in {folder}} other {{number} new messages in {folder}}}' },
  'notifications.several.titleWithAccount': { id: 'notifications.several.titleWithAccount', defaultMessage: '{messages} — {account}' },
  'folders.name.inbox': { id: 'folders.name.inbox', defaultMessage: 'Inbox' },
});

/** An announcement in the language shown (the web harness's page shows it), by the rules of announcementText. */
export function announcementWords(
  mail: { total: number; messages: AnnouncedMessage[] },
  where: { folderPath: string; accountAddress: string },
  intl: IntlShape = currentIntl(),
): { title: string; body: string } {
  return announcementText(mail, where, (id, values) => intl.formatMessage(WORDS[id], values));
}

/** The English the catalogs fall back to, for the test that keeps it equal to main's. */
export const ANNOUNCEMENT_DEFAULTS: Record<AnnouncementWordId, string> = Object.fromEntries(ANNOUNCEMENT_WORD_IDS.map((id) => [id, WORDS[id].defaultMessage])) as Record<AnnouncementWordId, string>;

/** The words of announcements in the language shown, for main (`notify:setWords`): each as the catalog has it, else its English. */
export function announcementWordsForMain(intl: IntlShape): AnnouncementWords {
  const inCatalog = (id: AnnouncementWordId): string | null => {
    const message = intl.messages[id];
    return typeof message === 'string' ? message : null;
  };
  // English on a system of a language Porthole does not speak (ru-RU): the English plural rules, as the window formats them.
  return { locale: languageOfIntl(intl) === 'en' ? intl.defaultLocale : intl.locale, messages: Object.fromEntries(ANNOUNCEMENT_WORD_IDS.map((id) => [id, inCatalog(id) ?? WORDS[id].defaultMessage])) as Record<AnnouncementWordId, string> };
}
