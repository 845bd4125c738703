import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { FolderRecord, MessageRecord } from '../../../common/model/mail';
import { useRecordsOnScreen } from '../../cache/hooks';
import { threadOfMessage, useConversationRows, useThreading, type ConversationRow } from '../../cache/thread-hooks';
import { ErrorBoundary } from '../../ui/ErrorBoundary';
import { MESSAGE_DRAG_TYPE } from '../folder-list/FolderList';
import { isShowableRecord } from '../message-list/showable-record';
import { ConversationRowContent, conversationLabel } from './ConversationRowContent';
import { useThreadKeys } from './use-thread-keys';
import './conversations.css';
import { folderName } from '../../i18n/folder-names';

const ROW_HEIGHT = 64;
/** Records read for a row: enough for its names and markers; a thread of thousands reads no more. */
const READ_PER_ROW = 60;
/**
 * Rows drawn beyond the screen on each side: half the message list's, as a conversation row reads
 * about 3.5 records where a message row reads one.
 */
const OVERSCAN = 6;

export interface ConversationListProps {
  dbName: string;
  folder: FolderRecord;
  /** The selected message (a conversation is selected through its newest message). */
  selectedId: string | null;
  onSelect: (messageId: string) => void;
  /** The folder's message ids, newest first (the list before grouping). */
  ids: string[] | undefined;
  /** Whether `ids` are the whole folder yet, not just its newest page. */
  idsComplete: boolean;
  /** The account's address: its messages are "me" among the participants. */
  ownAddress: string | null;
}

/**
 * The folder as conversations: one row per thread that has a message here, at the place of its
 * newest message here; the thread counts its messages in every folder (a reply in Sent included).
 * Virtualized like MessageList: only the rows on screen read their records.
 */
export function ConversationList({ dbName, folder, selectedId, onSelect, ids, idsComplete, ownAddress }: ConversationListProps) {
  const intl = useIntl();
  const scrollRef = useRef<HTMLDivElement>(null);
  // A listed message not threaded yet (moved in) is found while grouping, and threads the cache again.
  const [unthreadedId, setUnthreadedId] = useState('');
  const threading = useThreading(dbName, unthreadedId);
  const { rows, grouped, unthreadedId: found } = useConversationRows(ids, threading);
  if (found !== unthreadedId) setUnthreadedId(found);
  const count = rows?.length ?? 0;
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual returns fresh functions by design; this component is not compiled.
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: OVERSCAN });
  const items = virtualizer.getVirtualItems();
  const visibleRows = useMemo(() => items.map((item) => rows?.[item.index]).filter((row): row is ConversationRow => row !== undefined), [items, rows]);
  const visibleIds = useMemo(() => visibleRows.flatMap((row) => [row.newestId, ...row.messageIds.slice(-READ_PER_ROW).filter((id) => id !== row.newestId)]), [visibleRows]);
  const records = useRecordsOnScreen(dbName, visibleIds);

  const selectedThread = selectedId ? threadOfMessage(threading, selectedId) : null;
  const selectedIndex = useMemo(() => (selectedId && rows ? rows.findIndex((row) => row.newestId === selectedId || row.messageIds.includes(selectedId)) : -1), [rows, selectedId]);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);
  useThreadKeys(rows, selectedIndex, onSelect);

  if (rows === undefined)
    return (
      <p className="muted pad">
        <FormattedMessage id="conversations.loading" defaultMessage="Loading…" />
      </p>
    );
  if (count === 0)
    return (
      <p className="muted pad">
        <FormattedMessage id="conversations.empty" defaultMessage="No messages in {folder}." values={{ folder: folderName(folder) }} />
      </p>
    );
  return (
    <div
      ref={scrollRef}
      className="message-list conversation-list"
      role="listbox"
      aria-label={intl.formatMessage({ id: 'conversations.list.label', defaultMessage: 'Conversations in {folder}' }, { folder: folderName(folder) })}
      // Busy until every message of the folder is listed, threaded and grouped.
      aria-busy={threading === null || !idsComplete || !grouped}
      aria-activedescendant={selectedIndex >= 0 ? `conv-${selectedIndex}` : undefined}
      tabIndex={0}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const row = rows[item.index]!;
          const newest = records?.get(row.newestId);
          const messages = row.messageIds.map((id) => records?.get(id)).filter((m): m is MessageRecord => isShowableRecord(m));
          const showable = isShowableRecord(newest) ? newest : undefined;
          const selected = selectedThread !== null && (row.newestId === selectedId || selectedThread === row.messageIds);
          const unread = messages.some((m) => !m.seen);
          return (
            <div
              key={row.threadId}
              id={`conv-${item.index}`}
              role="option"
              aria-selected={selected}
              aria-label={showable ? conversationLabel(showable, messages, row.messageIds.length, ownAddress, intl) : intl.formatMessage({ id: 'conversations.row.loading', defaultMessage: 'Loading' })}
              className={`message-row conversation-row${selected ? ' selected' : ''}${unread ? ' unread' : ''}`}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              onClick={() => onSelect(row.newestId)}
              draggable
              // Dragging a conversation moves its messages of this folder, as its row stands for them.
              onDragStart={(e) => e.dataTransfer.setData(MESSAGE_DRAG_TYPE, JSON.stringify(messages.filter((m) => m.folderId === folder.id).map((m) => m.id)))}
              data-message-id={row.newestId}
              data-thread-size={row.messageIds.length}
            >
              {showable && (
                <ErrorBoundary what={intl.formatMessage({ id: 'conversations.row.paneName', defaultMessage: 'A conversation row' })} resetKey={showable}>
                  <ConversationRowContent newest={showable} messages={messages} count={row.messageIds.length} ownAddress={ownAddress} />
                </ErrorBoundary>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
