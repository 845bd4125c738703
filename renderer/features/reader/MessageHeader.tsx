import type { MessageRecord } from '../../../common/model/mail';
import { formatAddressList, formatSender } from '../../../common/compose/reply';

/** A message's subject, sender, recipients and date: the reader's, a conversation's messages', and a message file's. */
export function MessageHeader({ message, showSubject = true }: { message: Pick<MessageRecord, 'subject' | 'from' | 'to' | 'cc' | 'date'>; showSubject?: boolean }) {
  return (
    <header className="reader-header">
      {/* Each field runs in its own text's direction and is isolated by its dir (an Arabic subject from the right); the labels stay where they are. */}
      {showSubject && <h2 dir="auto">{message.subject || '(no subject)'}</h2>}
      <dl>
        <dt>From</dt>
        <dd dir="auto">
          {formatSender(message.from)}
        </dd>
        <dt>To</dt>
        <dd dir="auto">
          {formatAddressList(message.to)}
        </dd>
        {message.cc.length > 0 && (
          <>
            <dt>Cc</dt>
            <dd dir="auto">
              {formatAddressList(message.cc)}
            </dd>
          </>
        )}
        {message.date > 0 && (
          <>
            <dt>Date</dt>
            <dd>{new Date(message.date).toLocaleString()}</dd>
          </>
        )}
      </dl>
    </header>
  );
}
