import type { MessageRecord } from '../../../common/model/mail';
import { PaperclipIcon } from '../../app/icons';
import { senderLabel } from './sender-label';

const sameDay = (a: Date, b: Date): boolean => a.toDateString() === b.toDateString();

function shortDate(time: number): string {
  const date = new Date(time);
  return sameDay(date, new Date()) ? date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }) : date.toLocaleDateString();
}

/** What the row says in place of a subject: the problem, for a message the app could not read. */
function subjectText(message: MessageRecord): string {
  return message.problem ? `Cannot be shown: ${message.problem}` : message.subject || '(no subject)';
}

/** The row as a screen reader reads it. */
export function rowLabel(message: MessageRecord): string {
  return `${message.seen ? '' : 'Unread, '}${message.flagged ? 'Flagged, ' : ''}${senderLabel(message.from[0])}: ${subjectText(message)}`;
}

/** One message in the list: sender (with the address when the name could mislead), markers, date, subject, snippet. */
export function MessageRowContent({ message }: { message: MessageRecord }) {
  return (
    <>
      <div className="row-top">
        <span className="sender">
          <bdi>{senderLabel(message.from[0])}</bdi>
        </span>
        {message.flagged === 1 && (
          <span className="flag-marker" aria-hidden="true" title="Flagged">
            ★
          </span>
        )}
        {message.hasAttachments && (
          <span className="attachment-marker" title="Has attachments">
            <PaperclipIcon />
          </span>
        )}
        <time className="date">{shortDate(message.date)}</time>
      </div>
      {message.problem ? (
        <div className="subject problem" title={message.problem}>
          <span className="warning-marker" aria-hidden="true">
            ⚠
          </span>{' '}
          {message.problem}
        </div>
      ) : (
        <div className="subject">
          <bdi>{message.subject || '(no subject)'}</bdi>
        </div>
      )}
      <div className="snippet">{message.snippet}</div>
    </>
  );
}
