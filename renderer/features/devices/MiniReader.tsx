import { FormattedMessage, useIntl } from 'react-intl';
import { formatSender } from '../../../common/compose/reply';
import type { MessageRecord } from '../../../common/model/mail';
import { useBody } from '../../cache/hooks';
import { headerDate } from '../message-list/list-dates';

/** A small reader for a column: the header and the plain text of the selected message. */
export function MiniReader({ dbName, message, openError }: { dbName: string; message: MessageRecord | null; openError: string | null }) {
  const intl = useIntl();
  const body = useBody(dbName, message?.id ?? null);
  if (!message) {
    return (
      <p className="mini-reader muted">
        <FormattedMessage id="devices.reader.select" defaultMessage="Select a message to read it here." />
      </p>
    );
  }
  const subject = message.subject || intl.formatMessage({ id: 'devices.common.noSubject', defaultMessage: '(no subject)' });
  return (
    <article className="mini-reader" aria-label={intl.formatMessage({ id: 'devices.reader.label', defaultMessage: 'Message {subject}' }, { subject })}>
      <h3 dir="auto">{subject}</h3>
      <p className="muted">
        {/* A message without a real date (date 0) names its sender alone. */}
        {message.date > 0 ? (
          <FormattedMessage
            id="devices.reader.senderAndDate"
            defaultMessage="{sender} · {date}"
            values={{
              sender: <bdi>{formatSender(message.from)}</bdi>,
              date: headerDate(message.date, intl),
            }}
          />
        ) : (
          <bdi>{formatSender(message.from)}</bdi>
        )}
      </p>
      {openError && !body && (
        <p className="error-text" role="alert">
          {openError}
        </p>
      )}
      {body ? (
        <pre className="plain-body" dir="auto">{body.text || intl.formatMessage({ id: 'devices.reader.noPlainText', defaultMessage: '(this message has no plain text part)' })}</pre>
      ) : (
        !openError && (
          <p className="muted">
            <FormattedMessage id="devices.reader.loading" defaultMessage="Loading message…" />
          </p>
        )
      )}
    </article>
  );
}
