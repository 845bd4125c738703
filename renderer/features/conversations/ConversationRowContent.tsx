import { useIntl, type IntlShape } from 'react-intl';
import type { MessageRecord } from '../../../common/model/mail';
import { problemText } from '../../i18n/problem-words';
import { textDirection } from '../message-list/text-direction';
import { participants } from './participants';
import { listDate } from '../message-list/list-dates';

/** A marker, not a word: the same in every language, hidden from screen readers (the row's label says it). */
const FLAG_MARK = '★';

/** What the row says in place of a subject: the problem, for a message the app could not read. */
function subjectText(newest: MessageRecord, intl: IntlShape): string {
  const problem = problemText(newest, intl);
  if (problem) return intl.formatMessage({ id: 'conversations.row.problem', defaultMessage: 'Cannot be shown: {problem}' }, { problem });
  return newest.subject || intl.formatMessage({ id: 'reader.noSubject', defaultMessage: '(no subject)' });
}

/** The row as a screen reader reads it: "Unread, flagged, 3 messages, Ann, me: Lunch". */
export function conversationLabel(newest: MessageRecord, messages: readonly MessageRecord[], count: number, ownAddress: string | null, intl: IntlShape): string {
  const unread = messages.some((m) => !m.seen);
  const flagged = messages.some((m) => m.flagged);
  return intl.formatMessage(
    {
      id: 'conversations.row.label',
      defaultMessage: '{unread, select, yes {Unread, } other {}}{flagged, select, yes {Flagged, } other {}}{count, plural, one {} other {# messages, }}{participants}: {subject}',
    },
    {
      unread: unread ? 'yes' : 'no',
      flagged: flagged ? 'yes' : 'no',
      count,
      participants: participants(messages.length ? messages : [newest], ownAddress, intl),
      subject: newest.subject || intl.formatMessage({ id: 'reader.noSubject', defaultMessage: '(no subject)' }),
    },
  );
}

/**
 * One conversation: who took part, how many messages, the newest date and subject, the newest
 * snippet; a star when any message is flagged (the unread dot comes from the row's class). Texts
 * run in their own direction, the row stays left to right so the markers keep one edge.
 */
export function ConversationRowContent({ newest, messages, count, ownAddress }: { newest: MessageRecord; messages: readonly MessageRecord[]; count: number; ownAddress: string | null }) {
  const intl = useIntl();
  const names = participants(messages.length ? messages : [newest], ownAddress, intl);
  const flagged = messages.some((m) => m.flagged);
  const attachments = messages.some((m) => m.hasAttachments);
  return (
    <>
      <div className="row-top">
        <span className="sender participants" dir={textDirection(names)}>
          <bdi>{names}</bdi>
        </span>
        {count > 1 && (
          <span className="thread-count" title={intl.formatMessage({ id: 'conversations.row.count', defaultMessage: '{count, plural, one {# message in this conversation} other {# messages in this conversation}}' }, { count })}>
            {count}
          </span>
        )}
        {flagged && (
          <span className="flag-marker" aria-hidden="true" title={intl.formatMessage({ id: 'conversations.flagged', defaultMessage: 'Flagged' })}>
            {FLAG_MARK}
          </span>
        )}
        {attachments && (
          <span className="visually-hidden">
            {intl.formatMessage({ id: 'conversations.row.hasAttachments', defaultMessage: 'Has attachments' })}
          </span>
        )}
        <time className="date">{listDate(newest.date, intl)}</time>
      </div>
      <div className="subject" dir="auto">
        {subjectText(newest, intl)}
      </div>
      <div className="snippet" dir="auto">
        {newest.snippet}
      </div>
    </>
  );
}
