import { useIntl } from 'react-intl';
import { formatSender, withoutBidiControls } from '../../../common/compose/reply';
import type { MessageRecord } from '../../../common/model/mail';
import { listDateTime } from '../message-list/list-dates';

/** A marker, not a word: the same in every language (its title says it). */
const FLAG_MARK = '★';

/**
 * A message of a conversation as one line: sender, date, snippet (and its folder when it is not
 * the list's, "Sent"). A button: a click, Enter or Space opens it, or closes it again when open.
 */
export function CollapsedMessage({ message, folderName, expanded, onToggle }: { message: MessageRecord; folderName: string | null; expanded: boolean; onToggle: () => void }) {
  const intl = useIntl();
  return (
    <button type="button" className={`thread-line${message.seen ? '' : ' unread'}`} aria-expanded={expanded} onClick={onToggle}>
      {/* The name alone (the address is in the tooltip and in the open message's header), isolated in its own direction. */}
      <bdi className="thread-line-sender" title={formatSender(message.from)}>
        {withoutBidiControls(message.from[0]?.name || message.from[0]?.address || intl.formatMessage({ id: 'conversations.noSender', defaultMessage: '(no sender)' }))}
      </bdi>
      {folderName && <span className="thread-folder-tag">{folderName}</span>}
      {message.flagged === 1 && (
        <span className="flag-marker" title={intl.formatMessage({ id: 'conversations.flagged', defaultMessage: 'Flagged' })}>
          {FLAG_MARK}
        </span>
      )}
      <span className="thread-line-snippet muted" dir="auto">
        {expanded ? '' : message.snippet}
      </span>
      <time className="thread-line-date muted">{listDateTime(message.date, intl)}</time>
    </button>
  );
}
