import { useEffect, useMemo, useRef, useState } from 'react';
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
  const { dbName, message } = reader;
  const threading = useThreading(dbName, undefined);
  const allIds = threadOfMessage(threading, message.id);
  const ids = useMemo(() => (allIds.includes(message.id) ? allIds : [...allIds, message.id]).slice(-SHOWN_MESSAGES), [allIds, message.id]);
  const records = useMessagesByIds(dbName, ids);
  const messages = useMemo(() => ids.map((id) => (id === message.id ? message : records?.get(id))).filter((m): m is MessageRecord => isShowableRecord(m)), [ids, records, message]);
  if (messages.length <= 1) return <Reader {...reader} />;
  const threadKey = ids[0]!;
  return (
    <article className="reader conversation-reader" aria-label="Conversation" data-thread-size={allIds.length}>
      <ConversationToolbar messages={messages} folderId={message.folderId} folders={reader.folders} onBulk={onBulk} onPrint={() => void printConversation(dbName, message.subject, messages, (id) => fetchBodyQuietly(dbName, id))} />
      <header className="conversation-header">
        <h2 dir="auto">{message.subject || '(no subject)'}</h2>
        <span className="muted">
          {allIds.length} messages{allIds.length > SHOWN_MESSAGES ? ` (the newest ${SHOWN_MESSAGES} shown)` : ''}
        </span>
      </header>
      <Stack key={threadKey} messages={messages} reader={reader} onBulk={onBulk} />
    </article>
  );
}

function Stack({ messages, reader, onBulk }: { messages: MessageRecord[]; reader: ReaderProps; onBulk: ConversationReaderProps['onBulk'] }) {
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
  const folderNames = new Map(reader.folders.map((f) => [f.id, f.name]));
  return (
    <ol className="thread-stack" aria-label="Messages of the conversation, oldest first">
      {messages.map((m) => {
        const elsewhere = m.folderId !== reader.message.folderId ? (folderNames.get(m.folderId) ?? null) : null;
        const open = m.id === selectedId || expanded.has(m.id);
        return (
          <li key={m.id} ref={m.id === selectedId ? selectedItem : undefined} className={`thread-item${open ? ' open' : ''}${m.id === selectedId ? ' selected' : ''}`} data-message-id={m.id}>
            <ErrorBoundary what="A message of this conversation" resetKey={m}>
              {!open ? (
                <CollapsedMessage message={m} folderName={elsewhere} expanded={false} onToggle={() => toggle(m.id)} />
              ) : m.id === selectedId ? (
                <>
                  {elsewhere && <p className="thread-folder muted">In {elsewhere}</p>}
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
  return (
    <div className="reader-toolbar thread-item-toolbar" role="toolbar" aria-label="Actions on this message">
      <ToolButton icon={<EnvelopeIcon />} label={message.seen ? 'Mark unread' : 'Mark read'} onClick={() => onBulk([message.id], message.seen ? 'unread' : 'read')} />
      <ToolButton icon={<FlagIcon />} label={message.flagged ? 'Unflag' : 'Flag'} pressed={message.flagged === 1} onClick={() => onBulk([message.id], message.flagged ? 'unflag' : 'flag')} />
      <ToolButton icon={<TrashIcon />} label="Delete" onClick={() => onBulk([message.id], 'delete')} />
    </div>
  );
}

function ConversationToolbar({ messages, folderId, folders, onBulk, onPrint }: { messages: MessageRecord[]; folderId: string; folders: FolderRecord[]; onBulk: ConversationReaderProps['onBulk']; onPrint: () => void }) {
  const all = messages.map((m) => m.id);
  const here = messages.filter((m) => m.folderId === folderId).map((m) => m.id);
  const anyUnread = messages.some((m) => !m.seen);
  const anyFlagged = messages.some((m) => m.flagged);
  const folderName = folders.find((f) => f.id === folderId)?.name ?? 'this folder';
  return (
    <div className="reader-toolbar conversation-toolbar" role="toolbar" aria-label="Conversation actions">
      <span className="toolbar-title">Conversation</span>
      <ToolButton icon={<EnvelopeIcon />} label={anyUnread ? 'Mark all read' : 'Mark all unread'} onClick={() => onBulk(all, anyUnread ? 'read' : 'unread')} />
      <ToolButton icon={<FlagIcon />} label={anyFlagged ? 'Unflag all' : 'Flag all'} pressed={anyFlagged} onClick={() => onBulk(all, anyFlagged ? 'unflag' : 'flag')} />
      <span title={`The conversation's messages in ${folderName}; your replies in other folders stay`}>
        <ToolButton icon={<ArchiveIcon />} label="Archive conversation" onClick={() => onBulk(here, 'archive')} />
      </span>
      <span title={`The conversation's messages in ${folderName}; your replies in other folders stay`}>
        <ToolButton icon={<TrashIcon />} label="Delete conversation" onClick={() => onBulk(here, 'delete')} />
      </span>
      <ToolButton icon={<PrinterIcon />} label="Print conversation" onClick={onPrint} />
    </div>
  );
}
