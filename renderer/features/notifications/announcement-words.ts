import type { IntlShape } from 'react-intl';
import { folderDisplayName, NAMED_IN_ANNOUNCEMENT, plainLine, type AnnouncedMessage } from '../../../common/model/announcements';
import { intl as currentIntl } from '../../i18n/intl';

/**
 * The words of an announcement in the language shown (the web harness's page shows it): "New mail
 * from Ann" and its subject for one message; "5 new messages in Inbox — bob@example.com" and the
 * newest subjects, one a line, for several. The same rules as common/model/announcements.ts's
 * announcementText (Electron's main, in English); a test keeps the English of the two equal.
 */
export function announcementWords(
  mail: { total: number; messages: AnnouncedMessage[] },
  where: { folderPath: string; accountAddress: string },
  intl: IntlShape = currentIntl(),
): { title: string; body: string } {
  const subjectOf = (m: AnnouncedMessage): string => plainLine(m.subject) || intl.formatMessage({ id: 'notifications.noSubject', defaultMessage: '(no subject)' });
  const first = mail.messages[0];
  if (mail.total === 1 && first) {
    const sender = plainLine(first.from, 80);
    const title = sender
      ? intl.formatMessage({ id: 'notifications.one.title', defaultMessage: 'New mail from {sender}' }, { sender })
      : intl.formatMessage({ id: 'notifications.one.titleUnknown', defaultMessage: 'New mail from an unknown sender' });
    return { title, body: subjectOf(first) };
  }
  const lines = mail.messages.slice(0, NAMED_IN_ANNOUNCEMENT).map((m) =>
    intl.formatMessage(
      { id: 'notifications.several.line', defaultMessage: '{sender}: {subject}' },
      { sender: plainLine(m.from, 40) || intl.formatMessage({ id: 'notifications.several.unknownSender', defaultMessage: 'Unknown sender' }), subject: subjectOf(m) },
    ),
  );
  const more = mail.total - lines.length;
  if (more > 0) lines.push(intl.formatMessage({ id: 'notifications.several.more', defaultMessage: '{count, plural, one {and {number} more} other {and {number} more}}' }, { count: more, number: String(more) }));
  // The inbox by the name the UI gives it; any other folder by its own name.
  const inbox = where.folderPath.toUpperCase() === 'INBOX';
  const folder = plainLine(inbox ? intl.formatMessage({ id: 'folders.name.inbox', defaultMessage: 'Inbox' }) : folderDisplayName(where.folderPath, null), 60);
  const messages = intl.formatMessage(
    { id: 'notifications.several.title', defaultMessage: '{count, plural, one {{number} new message in {folder}} other {{number} new messages in {folder}}}' },
    { count: mail.total, number: String(mail.total), folder },
  );
  const account = plainLine(where.accountAddress, 80);
  return {
    title: account ? intl.formatMessage({ id: 'notifications.several.titleWithAccount', defaultMessage: '{messages} — {account}' }, { messages, account }) : messages,
    body: lines.join('\n'),
  };
}
