import { defineMessage, FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import type { MessageRecord } from '../../../common/model/mail';
import { intl as currentIntl } from '../../i18n/intl';
import { problemText } from '../../i18n/problem-words';
import { PaperclipIcon } from '../../ui/icons';
import { useFoundOnServer } from '../search/found-on-server';
import { Highlighted } from '../search/Highlighted';
import { listDate } from './list-dates';
import { senderLabel, senderParts } from './sender-label';
import { textDirection } from './text-direction';

/** Markers, not words: the same in every language, and hidden from screen readers (the title or the row's label says it). */
const FLAG_MARK = '★';
const WARNING_MARK = '⚠';

/** What a row says for a record that cannot be rendered (wrong field types: a corrupt cache entry). */
export const UNSHOWABLE_ROW = defineMessage({ id: 'messageList.row.unshowable', defaultMessage: 'This message could not be shown' });

/** What the row says in place of a subject: the problem, for a message the app could not read. */
function subjectText(message: MessageRecord, intl: IntlShape): string {
  const problem = problemText(message, intl);
  if (problem) return intl.formatMessage({ id: 'messageList.row.problem', defaultMessage: 'Cannot be shown: {problem}' }, { problem });
  return message.subject || intl.formatMessage({ id: 'reader.noSubject', defaultMessage: '(no subject)' });
}

/** The row as a screen reader reads it (in the language shown unless a component passes its own layer). */
export function rowLabel(message: MessageRecord, intl: IntlShape = currentIntl()): string {
  return intl.formatMessage(
    { id: 'messageList.row.label', defaultMessage: '{unread, select, yes {Unread, } other {}}{flagged, select, yes {Flagged, } other {}}{sender}: {subject}' },
    { unread: message.seen ? 'no' : 'yes', flagged: message.flagged ? 'yes' : 'no', sender: senderLabel(message.from[0], intl), subject: subjectText(message, intl) },
  );
}

/**
 * The sender, each part bidi-isolated and without bidi controls, in the direction of its first
 * part (its parts are <bdi>s, which dir="auto" would not look into). When the name could pass for
 * someone else, the real address comes first and the name after it, muted: a long name is cut
 * short, never the address.
 */
function Sender({ message, highlight }: { message: MessageRecord; highlight?: readonly string[] }) {
  const intl = useIntl();
  const parts = senderParts(message.from[0]);
  return (
    <span
      className={`sender${parts.addressFirst ? ' misleading' : ''}`}
      dir={textDirection(parts.first)}
      title={parts.addressFirst ? intl.formatMessage({ id: 'messageList.row.misleadingName', defaultMessage: 'The name “{name}” is not the address this message is from' }, { name: parts.second ?? '' }) : undefined}
    >
      <bdi className="sender-first">
        <Highlighted text={parts.first} terms={highlight} />
      </bdi>
      {parts.second !== null && (
        <>
          {' '}
          <bdi className="sender-name muted">
            <Highlighted text={parts.second} terms={highlight} />
          </bdi>
        </>
      )}
    </span>
  );
}

/**
 * One message in the list: sender (the address first when the name could mislead), markers, date,
 * subject, snippet. Each text runs in its own direction (dir="auto": Arabic from the right, its
 * full stop at its end); the row itself stays left to right, so markers and dates keep one edge.
 * While a search is shown, its words are marked (`highlight`: common/search/tokenize.ts terms), and
 * a message only the IMAP server found says so. In a view over every account, `account` names its
 * account and `rowKey` (its entry key: message ids repeat across accounts) says which server found it.
 */
export function MessageRowContent({ message, highlight, account, rowKey }: { message: MessageRecord; highlight?: readonly string[]; account?: string; rowKey?: string }) {
  const intl = useIntl();
  const fromServer = useFoundOnServer(rowKey ?? message.id);
  const problem = problemText(message, intl);
  return (
    <>
      <div className="row-top">
        <Sender message={message} highlight={highlight} />
        {fromServer && highlight && (
          <span className="found-on-server" title={intl.formatMessage({ id: 'messageList.row.foundOnServerTitle', defaultMessage: 'The local search did not find this message: its text is not on this computer' })}>
            <FormattedMessage id="messageList.row.foundOnServer" defaultMessage="found on the server" />
          </span>
        )}
        {message.flagged === 1 && (
          <span className="flag-marker" aria-hidden="true" title={intl.formatMessage({ id: 'messageList.row.flagged', defaultMessage: 'Flagged' })}>
            {FLAG_MARK}
          </span>
        )}
        {message.hasAttachments && (
          <span className="attachment-marker" title={intl.formatMessage({ id: 'messageList.row.hasAttachments', defaultMessage: 'Has attachments' })}>
            <PaperclipIcon />
          </span>
        )}
        {account !== undefined && (
          <bdi className="row-account" title={intl.formatMessage({ id: 'messageList.row.account', defaultMessage: 'In {account}' }, { account })}>
            {account}
          </bdi>
        )}
        <time className="date">{listDate(message.date, intl)}</time>
      </div>
      {problem ? (
        <div className="subject problem" title={problem}>
          <span className="warning-marker" aria-hidden="true">{WARNING_MARK}</span> {problem}
        </div>
      ) : (
        <div className="subject" dir="auto">
          {message.subject ? <Highlighted text={message.subject} terms={highlight} /> : intl.formatMessage({ id: 'reader.noSubject', defaultMessage: '(no subject)' })}
        </div>
      )}
      <div className="snippet" dir="auto">
        <Highlighted text={message.snippet} terms={highlight} />
      </div>
    </>
  );
}

/** The row of a record that cannot be rendered: it says so in its own place; the row stays selectable. */
export function UnshowableRowContent() {
  return (
    <div className="subject problem unshowable">
      <span className="warning-marker" aria-hidden="true">{WARNING_MARK}</span> <FormattedMessage id="messageList.row.unshowableText" defaultMessage="This message could not be shown." />
    </div>
  );
}
