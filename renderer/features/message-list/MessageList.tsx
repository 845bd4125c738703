import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import { useMessagesByIds } from '../../cache/hooks';
import { ErrorBoundary } from '../../ui/ErrorBoundary';
import { MESSAGE_DRAG_TYPE } from '../folder-list/FolderList';
import { MessageRowContent, rowLabel, UNSHOWABLE_ROW, UnshowableRowContent } from './MessageRowContent';
import { isShowableRecord } from './showable-record';

const ROW_HEIGHT = 64;

interface MessageListProps {
  dbName: string;
  folderName: string;
  ids: string[] | undefined;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onOpen: (id: string) => void;
}

/**
 * A folder's messages, newest first, virtualized: only the rows on screen are in the DOM and
 * only their records are read from the cache, so 100,000 messages scroll like 100.
 */
export function MessageList({ dbName, folderName, ids, selectedId, onSelect, onOpen }: MessageListProps) {
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

  if (ids === undefined) return <p className="muted pad">Loading…</p>;
  if (count === 0) return <p className="muted pad">No messages in {folderName}.</p>;
  return (
    <div ref={scrollRef} className="message-list" role="listbox" aria-label={`Messages in ${folderName}`} aria-activedescendant={selectedId ? `msg-${selectedIndex}` : undefined} tabIndex={0}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const id = ids[item.index]!;
          const record = records?.get(id);
          // A record of the wrong shape costs its own row only: it says so and stays selectable.
          const message = isShowableRecord(record) ? record : undefined;
          const selected = id === selectedId;
          return (
            <div
              key={id}
              id={`msg-${item.index}`}
              role="option"
              aria-selected={selected}
              aria-label={message ? rowLabel(message) : record ? UNSHOWABLE_ROW : 'Loading'}
              className={`message-row${selected ? ' selected' : ''}${message && !message.seen ? ' unread' : ''}${message?.problem || (record && !message) ? ' has-problem' : ''}`}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              onClick={() => onSelect(id)}
              onDoubleClick={() => onOpen(id)}
              draggable
              onDragStart={(e) => e.dataTransfer.setData(MESSAGE_DRAG_TYPE, JSON.stringify([id]))}
              data-message-id={id}
            >
              {message ? (
                <ErrorBoundary what="A message list row" resetKey={message} fallback={<UnshowableRowContent />}>
                  <MessageRowContent message={message} />
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
