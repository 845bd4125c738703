import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useMessagesByIds } from '../../cache/hooks';
import { ErrorBoundary } from '../../ui/ErrorBoundary';
import { MESSAGE_DRAG_TYPE } from '../folder-list/FolderList';
import { entryKey } from '../../cache/unified';
import { intl as currentIntl } from '../../i18n/intl';
import { MessageRowContent, rowLabel, UNSHOWABLE_ROW, UnshowableRowContent } from './MessageRowContent';
import { isShowableRecord } from './showable-record';

const ROW_HEIGHT = 64;

/** The selection a list shows (use-device-view.ts): how many, and whether a row is in it. */
export interface ListSelection {
  count: number;
  isSelected: (id: string) => boolean;
}

/** How a row was clicked: Shift ranges from the anchor, Ctrl/Cmd toggles one. */
export interface RowClickHow {
  range: boolean;
  toggle: boolean;
}

interface MessageListProps {
  dbName: string;
  folderName: string;
  ids: string[] | undefined;
  /** The focused message (the one a reader shows, the focus ring). */
  selectedId: string | null;
  /** A plain click: this message alone. */
  onSelect: (id: string) => void;
  onOpen: (id: string) => void;
  /** Several selected; without it the focused message is the selection. */
  selection?: ListSelection;
  /** A click with Shift or Ctrl/Cmd (without it, such a click is a plain one). */
  onClickRow?: (id: string, how: RowClickHow) => void;
  /** What a drag of this row carries: the selection when the row is in it. */
  dragIds?: (id: string) => readonly string[];
  /** Keys pressed in the list (arrows, Shift+arrows, Ctrl/Cmd+A, Escape); answers whether it used the key. */
  onListKey?: (event: KeyboardEvent) => boolean;
  /** Search terms to highlight in the rows (common/search/tokenize.ts terms). */
  highlight?: readonly string[];
}

/**
 * A folder's messages, newest first, virtualized: only the rows on screen are in the DOM and
 * only their records are read from the cache, so 100,000 messages scroll like 100.
 */
export function MessageList({ dbName, folderName, ids, selectedId, onSelect, onOpen, selection, onClickRow, dragIds, onListKey, highlight }: MessageListProps) {
  const intl = useIntl();
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = ids?.length ?? 0;
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual returns fresh functions by design; this component is not compiled.
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const visibleIds = useMemo(() => items.map((item) => ids?.[item.index]).filter((id): id is string => id !== undefined), [items, ids]);
  const records = useMessagesByIds(dbName, visibleIds);

  const selectedIndex = selectedId && ids ? ids.indexOf(selectedId) : -1;
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const click = (event: MouseEvent, id: string): void => {
    const how = { range: event.shiftKey, toggle: event.ctrlKey || event.metaKey };
    if (onClickRow && (how.range || how.toggle)) onClickRow(id, how);
    else onSelect(id);
  };
  const many = (selection?.count ?? 0) > 1;

  if (ids === undefined)
    return (
      <p className="muted pad">
        <FormattedMessage id="messageList.loading" defaultMessage="Loading…" />
      </p>
    );
  if (count === 0)
    return (
      <p className="muted pad">
        <FormattedMessage id="messageList.empty" defaultMessage="No messages in {folder}." values={{ folder: folderName }} />
      </p>
    );
  return (
    <div
      ref={scrollRef}
      className={`message-list${many ? ' many-selected' : ''}`}
      role="listbox"
      aria-label={intl.formatMessage({ id: 'messageList.label', defaultMessage: 'Messages in {folder}' }, { folder: folderName })}
      aria-multiselectable={onClickRow ? true : undefined}
      aria-activedescendant={selectedIndex >= 0 ? `msg-${selectedIndex}` : undefined}
      tabIndex={0}
      onKeyDown={(e) => onListKey?.(e) && e.preventDefault()}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const id = ids[item.index]!;
          const record = records?.get(id);
          // A record of the wrong shape costs its own row only: it says so and stays selectable.
          const message = isShowableRecord(record) ? record : undefined;
          const selected = selection ? selection.isSelected(id) : id === selectedId;
          const focused = id === selectedId;
          return (
            <div
              key={id}
              id={`msg-${item.index}`}
              role="option"
              aria-selected={selected}
              aria-label={message ? rowLabel(message, intl) : record ? intl.formatMessage(UNSHOWABLE_ROW) : intl.formatMessage({ id: 'messageList.row.loading', defaultMessage: 'Loading' })}
              className={`message-row${selected ? ' selected' : ''}${focused && many ? ' focused' : ''}${message && !message.seen ? ' unread' : ''}${message?.problem || (record && !message) ? ' has-problem' : ''}`}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              // Shift+click would otherwise also select the page's text from the last click to this one.
              onMouseDown={(e) => e.shiftKey && onClickRow && e.preventDefault()}
              onClick={(e) => click(e, id)}
              onDoubleClick={() => onOpen(id)}
              draggable
              onDragStart={(e) => {
                const dragged = dragIds ? dragIds(id) : [id];
                // By entry key: a folder of another account sees they are not its own (message ids repeat across accounts).
                e.dataTransfer.setData(MESSAGE_DRAG_TYPE, JSON.stringify(dragged.map((messageId) => entryKey({ dbName }, messageId))));
                e.dataTransfer.effectAllowed = 'move';
                if (dragged.length > 1) e.dataTransfer.setDragImage(dragBadge(dragged.length), 16, 16);
              }}
              data-message-id={id}
            >
              {message ? (
                <ErrorBoundary what={intl.formatMessage({ id: 'messageList.row.paneName', defaultMessage: 'A message list row' })} resetKey={message} fallback={<UnshowableRowContent />}>
                  <MessageRowContent message={message} highlight={highlight} />
                </ErrorBoundary>
              ) : record ? (
                <UnshowableRowContent />
              ) : null}
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** What follows the pointer while a selection is dragged: "3 messages", not the picture of one row. */
export function dragBadge(n: number): HTMLElement {
  const badge = document.getElementById('drag-badge') ?? document.body.appendChild(document.createElement('div'));
  badge.id = 'drag-badge';
  badge.className = 'drag-badge';
  badge.textContent = currentIntl().formatMessage({ id: 'messageList.dragBadge', defaultMessage: '{count, plural, one {# message} other {# messages}}' }, { count: n });
  return badge;
}
