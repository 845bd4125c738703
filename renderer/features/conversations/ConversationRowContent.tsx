import type { MessageRecord } from '../../../common/model/mail';
import { textDirection } from '../message-list/text-direction';
import { participants } from './participants';

const sameDay = (a: Date, b: Date): boolean => a.toDateString() === b.toDateString();

/** The row's date: the time today, else the day; none for a record without a real date. */
function shortDate(time: number): string {
  if (!Number.isFinite(time) || time <= 0) return '';
  const date = new Date(time);
  return sameDay(date, new Date()) ? date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }) : date.toLocaleDateString();
}

/** The row as a screen reader reads it: "Unread, flagged, 3 messages, Ann, me: Lunch". */
export function conversationLabel(newest: MessageRecord, messages: readonly MessageRecord[], count: number, ownAddress: string | null): string {
  const unread = messages.some((m) => !m.seen);
  const flagged = messages.some((m) => m.flagged);
  const size = count > 1 ? `${count} messages, ` : '';
  return `${unread ? 'Unread, ' : ''}${flagged ? 'Flagged, ' : ''}${size}${participants(messages.length ? messages : [newest], ownAddress)}: ${newest.subject || '(no subject)'}`;
}

/**
 * One conversation: who took part, how many messages, the newest date and subject, the newest
 * snippet; a star when any message is flagged (the unread dot comes from the row's class). Texts
 * run in their own direction, the row stays left to right so the markers keep one edge.
 */
export function ConversationRowContent({ newest, messages, count, ownAddress }: { newest: MessageRecord; messages: readonly MessageRecord[]; count: number; ownAddress: string | null }) {
  const names = participants(messages.length ? messages : [newest], ownAddress);
  const flagged = messages.some((m) => m.flagged);
  const attachments = messages.some((m) => m.hasAttachments);
  return (
    <>
      <div className="row-top">
        <span className="sender participants" dir={textDirection(names)}>
          <bdi>{names}</bdi>
        </span>
        {count > 1 && (
          <span className="thread-count" title={`${count} messages in this conversation`}>
            {count}
          </span>
        )}
        {flagged && (
          <span className="flag-marker" aria-hidden="true" title="Flagged">
            ★
          </span>
        )}
        {attachments && <span className="visually-hidden">Has attachments</span>}
        <time className="date">{shortDate(newest.date)}</time>
      </div>
      <div className="subject" dir="auto">
        {newest.problem ? `Cannot be shown: ${newest.problem}` : newest.subject || '(no subject)'}
      </div>
      <div className="snippet" dir="auto">
        {newest.snippet}
      </div>
    </>
  );
}
