import { useEffect, useMemo, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { FolderRecord, MessageRecord } from '../../../common/model/mail';
import type { BulkAction } from '../../app/message-actions';
import { useMessagesByIds } from '../../cache/hooks';
import { threadOfMessage, useThreading } from '../../cache/thread-hooks';
import { EnvelopeIcon, FlagIcon, PrinterIcon, TrashIcon } from '../../ui/icons';
import { printConversation } from '../reader/print-message';
import { ArchiveIcon } from './ArchiveIcon';
import { ErrorBoundary } from '../../ui/ErrorBoundary';
import { Reader, ToolButton, type ReaderProps } from '../reader/Reader';
import { MessageView } from '../reader/MessageView';
import { isShowableRecord } from '../message-list/showable-record';
import { CollapsedMessage } from './CollapsedMessage';
import { fetchBodyQuietly, useOpenedBody } from './use-opened-body';
import './conversations.css';
import { folderName as shownFolderName } from '../../i18n/folder-names';

/** Messages a conversation shows at most, the newest: a thread of thousands stays a page. */
const SHOWN_MESSAGES = 200;

export interface ConversationReaderProps extends ReaderProps {
  /** An action on every message of the conversation. */
  onBulk: (messageIds: readonly string[], action: BulkAction) => void;
}

/**
 * The selected message's conversation from every folder of the account, oldest first: older
 * messages collapsed to one line (sender, date, snippet) that opens on click or Enter; the selected
 * message open with the reader's own toolbar, and the newest and unread ones open too. Actions for
 * the whole conversation above it: read state and flags for all its messages, delete and archive
 * for its messages in this folder (a copy of the user's reply in Sent stays there).
 */
export function ConversationReader({ onBulk, ...reader }: ConversationReaderProps) {
  const intl = useIntl();
  const { dbName, message } = reader;
  const threading = useThreading(dbName, '');
  const allIds = threadOfMessage(threading, message.id);
  const ids = useMemo(() => (allIds.includes(message.id) ? allIds : [...allIds, message.id]).slice(-SHOWN_MESSAGES), [allIds, message.id]);
  const records = useMessagesByIds(dbName, ids);
  const messages = useMemo(() => ids.map((id) => (id === message.id ? message : records?.get(id))).filter((m): m is MessageRecord => isShowableRecord(m)), [ids, records, message]);
  if (messages.length <= 1) return <Reader {...reader} />;
  const threadKey = ids[0]!;
  return (
    <article className="reader conversation-reader" aria-label={intl.formatMessage({ id: 'conversations.reader.label', defaultMessage: 'Conversation' })} data-thread-size={allIds.length}>
      <ConversationToolbar messages={messages} folderId={message.folderId} folders={reader.folders} onBulk={onBulk} onPrint={() => void printConversation(dbName, message.subject, messages, (id) => fetchBodyQuietly(dbName, id))} />
      <header className="conversation-header">
        <h2 dir="auto">{message.subject || intl.formatMessage({ id: 'reader.noSubject', defaultMessage: '(no subject)' })}</h2>
        <span className="muted">
          {allIds.length > SHOWN_MESSAGES ? (
            <FormattedMessage
              id="conversations.reader.countNewest"
              defaultMessage="{count, plural, one {# message (the newest {shown, number} shown)} other {# messages (the newest {shown, number} shown)}}"
              values={{ count: allIds.length, shown: SHOWN_MESSAGES }}
            />
          ) : (
            <FormattedMessage id="conversations.reader.count" defaultMessage="{count, plural, one {# message} other {# messages}}" values={{ count: allIds.length }} />
          )}
        </span>
      </header>
      <Stack key={threadKey} messages={messages} reader={reader} onBulk={onBulk} />
    </article>
  );
}

function Stack({ messages, reader, onBulk }: { messages: MessageRecord[]; reader: ReaderProps; onBulk: ConversationReaderProps['onBulk'] }) {
  const intl = useIntl();
  const selectedId = reader.message.id;
  const newestId = messages.at(-1)!.id;
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set([selectedId, newestId, ...messages.filter((m) => !m.seen).map((m) => m.id)]));
  const selectedItem = useRef<HTMLLIElement>(null);
  useEffect(() => {
    selectedItem.current?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);
  const toggle = (id: string): void =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const folderNames = new Map(reader.folders.map((f) => [f.id, shownFolderName(f)]));
  return (
    <ol className="thread-stack" aria-label={intl.formatMessage({ id: 'conversations.reader.stack', defaultMessage: 'Messages of the conversation, oldest first' })}>
      {messages.map((m) => {
        const elsewhere = m.folderId !== reader.message.folderId ? (folderNames.get(m.folderId) ?? null) : null;
        const open = m.id === selectedId || expanded.has(m.id);
        return (
          <li key={m.id} ref={m.id === selectedId ? selectedItem : undefined} className={`thread-item${open ? ' open' : ''}${m.id === selectedId ? ' selected' : ''}`} data-message-id={m.id}>
            <ErrorBoundary what={intl.formatMessage({ id: 'conversations.reader.paneName', defaultMessage: 'A message of this conversation' })} resetKey={m}>
              {!open ? (
                <CollapsedMessage message={m} folderName={elsewhere} expanded={false} onToggle={() => toggle(m.id)} />
              ) : m.id === selectedId ? (
                <>
                  {elsewhere && (
                    <p className="thread-folder muted">
                      <FormattedMessage id="conversations.reader.inFolder" defaultMessage="In {folder}" values={{ folder: elsewhere }} />
                    </p>
                  )}
                  <Reader {...reader} />
                </>
              ) : (
                <>
                  <CollapsedMessage message={m} folderName={elsewhere} expanded onToggle={() => toggle(m.id)} />
                  <MessageActions message={m} onBulk={onBulk} />
                  <OpenedMessage reader={reader} message={m} />
                </>
              )}
            </ErrorBoundary>
          </li>
        );
      })}
    </ol>
  );
}

/** An open message of the conversation other than the selected one: its body is asked for when not cached. */
function OpenedMessage({ reader, message }: { reader: ReaderProps; message: MessageRecord }) {
  const openError = useOpenedBody(reader.dbName, message.id);
  return <MessageView dbName={reader.dbName} message={message} openError={openError} onCompose={reader.onCompose} highlight={reader.highlight} showSubject={false} />;
}

/** The actions of an open message that is not the selected one (the selected one has the reader's toolbar). */
function MessageActions({ message, onBulk }: { message: MessageRecord; onBulk: ConversationReaderProps['onBulk'] }) {
  const intl = useIntl();
  return (
    <div className="reader-toolbar thread-item-toolbar" role="toolbar" aria-label={intl.formatMessage({ id: 'conversations.message.actions', defaultMessage: 'Actions on this message' })}>
      <ToolButton
        icon={<EnvelopeIcon />}
        label={message.seen ? intl.formatMessage({ id: 'reader.markUnread', defaultMessage: 'Mark unread' }) : intl.formatMessage({ id: 'reader.markRead', defaultMessage: 'Mark read' })}
        onClick={() => onBulk([message.id], message.seen ? 'unread' : 'read')}
      />
      <ToolButton
        icon={<FlagIcon />}
        label={message.flagged ? intl.formatMessage({ id: 'reader.unflag', defaultMessage: 'Unflag' }) : intl.formatMessage({ id: 'reader.flag', defaultMessage: 'Flag' })}
        pressed={message.flagged === 1}
        onClick={() => onBulk([message.id], message.flagged ? 'unflag' : 'flag')}
      />
      <ToolButton icon={<TrashIcon />} label={intl.formatMessage({ id: 'reader.delete', defaultMessage: 'Delete' })} onClick={() => onBulk([message.id], 'delete')} />
    </div>
  );
}

function ConversationToolbar({ messages, folderId, folders, onBulk, onPrint }: { messages: MessageRecord[]; folderId: string; folders: FolderRecord[]; onBulk: ConversationReaderProps['onBulk']; onPrint: () => void }) {
  const intl = useIntl();
  const all = messages.map((m) => m.id);
  const here = messages.filter((m) => m.folderId === folderId).map((m) => m.id);
  const anyUnread = messages.some((m) => !m.seen);
  const anyFlagged = messages.some((m) => m.flagged);
  const found = folders.find((f) => f.id === folderId);
  const folderName = (found ? shownFolderName(found) : null) ?? intl.formatMessage({ id: 'conversations.toolbar.thisFolder', defaultMessage: 'this folder' });
  const onlyHere = intl.formatMessage({ id: 'conversations.toolbar.onlyHere', defaultMessage: "The conversation's messages in {folder}; your replies in other folders stay" }, { folder: folderName });
  return (
    <div className="reader-toolbar conversation-toolbar" role="toolbar" aria-label={intl.formatMessage({ id: 'conversations.toolbar.label', defaultMessage: 'Conversation actions' })}>
      <span className="toolbar-title">
        <FormattedMessage id="conversations.toolbar.title" defaultMessage="Conversation" />
      </span>
      <ToolButton
        icon={<EnvelopeIcon />}
        label={anyUnread ? intl.formatMessage({ id: 'conversations.toolbar.markAllRead', defaultMessage: 'Mark all read' }) : intl.formatMessage({ id: 'conversations.toolbar.markAllUnread', defaultMessage: 'Mark all unread' })}
        onClick={() => onBulk(all, anyUnread ? 'read' : 'unread')}
      />
      <ToolButton
        icon={<FlagIcon />}
        label={anyFlagged ? intl.formatMessage({ id: 'conversations.toolbar.unflagAll', defaultMessage: 'Unflag all' }) : intl.formatMessage({ id: 'conversations.toolbar.flagAll', defaultMessage: 'Flag all' })}
        pressed={anyFlagged}
        onClick={() => onBulk(all, anyFlagged ? 'unflag' : 'flag')}
      />
      <span title={onlyHere}>
        <ToolButton icon={<ArchiveIcon />} label={intl.formatMessage({ id: 'conversations.toolbar.archive', defaultMessage: 'Archive conversation' })} onClick={() => onBulk(here, 'archive')} />
      </span>
      <span title={onlyHere}>
        <ToolButton icon={<TrashIcon />} label={intl.formatMessage({ id: 'conversations.toolbar.delete', defaultMessage: 'Delete conversation' })} onClick={() => onBulk(here, 'delete')} />
      </span>
      <ToolButton icon={<PrinterIcon />} label={intl.formatMessage({ id: 'conversations.toolbar.print', defaultMessage: 'Print conversation' })} onClick={onPrint} />
    </div>
  );
}
