import { formatSender } from '../../../common/compose/reply';
import type { MessageRecord } from '../../../common/model/mail';
import { useBody } from '../../cache/hooks';

/** A small reader for a column: the header and the plain text of the selected message. */
export function MiniReader({ dbName, message, openError }: { dbName: string; message: MessageRecord | null; openError: string | null }) {
  const body = useBody(dbName, message?.id ?? null);
  if (!message) return <p className="mini-reader muted">Select a message to read it here.</p>;
  return (
    <article className="mini-reader" aria-label={`Message ${message.subject || '(no subject)'}`}>
      <h3 dir="auto">{message.subject || '(no subject)'}</h3>
      <p className="muted">
        <bdi>{formatSender(message.from)}</bdi> · {new Date(message.date).toLocaleString()}
      </p>
      {openError && !body && (
        <p className="error-text" role="alert">
          {openError}
        </p>
      )}
      {body ? <pre className="plain-body" dir="auto">{body.text || '(this message has no plain text part)'}</pre> : !openError && <p className="muted">Loading message…</p>}
    </article>
  );
}
