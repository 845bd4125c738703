import { FormattedMessage, useIntl } from 'react-intl';
import type { MessageRecord } from '../../../common/model/mail';
import { formatAddressList, formatSender } from '../../../common/compose/reply';
import { headerDate } from '../message-list/list-dates';

/** A message's subject, sender, recipients and date: the reader's, a conversation's messages', and a message file's. */
export function MessageHeader({ message, showSubject = true }: { message: Pick<MessageRecord, 'subject' | 'from' | 'to' | 'cc' | 'date'>; showSubject?: boolean }) {
  const intl = useIntl();
  return (
    <header className="reader-header">
      {/* Each field runs in its own text's direction and is isolated by its dir (an Arabic subject from the right); the labels stay where they are. */}
      {showSubject && <h2 dir="auto">{message.subject || intl.formatMessage({ id: 'reader.noSubject', defaultMessage: '(no subject)' })}</h2>}
      <dl>
        <dt>
          <FormattedMessage id="reader.header.from" defaultMessage="From" />
        </dt>
        <dd dir="auto">
          {formatSender(message.from)}
        </dd>
        <dt>
          <FormattedMessage id="reader.header.to" defaultMessage="To" />
        </dt>
        <dd dir="auto">
          {formatAddressList(message.to)}
        </dd>
        {message.cc.length > 0 && (
          <>
            <dt>
              <FormattedMessage id="reader.header.cc" defaultMessage="Cc" />
            </dt>
            <dd dir="auto">
              {formatAddressList(message.cc)}
            </dd>
          </>
        )}
        {message.date > 0 && (
          <>
            <dt>
              <FormattedMessage id="reader.header.date" defaultMessage="Date" />
            </dt>
            <dd>{headerDate(message.date, intl)}</dd>
          </>
        )}
      </dl>
    </header>
  );
}
