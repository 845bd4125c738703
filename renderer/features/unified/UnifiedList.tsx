import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { entryBeside, type UnifiedEntry } from '../../cache/unified';
import { ErrorBoundary } from '../../ui/ErrorBoundary';
import { MessageRowContent, rowLabel, UnshowableRowContent } from '../message-list/MessageRowContent';
import { isShowableRecord } from '../message-list/showable-record';
import './unified.css';

const ROW_HEIGHT = 64;

interface UnifiedListProps {
  title: string;
  entries: UnifiedEntry[];
  selectedKey: string | null;
  onSelect: (entry: UnifiedEntry) => void;
}

/**
 * The rows of a unified view, newest first across accounts, each naming its account; virtualized
 * like a folder's list. Arrow keys and j/k move the selection (App handles j/k).
 */
export function UnifiedList({ title, entries, selectedKey, onSelect }: UnifiedListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual returns fresh functions by design; this component is not compiled.
  const virtualizer = useVirtualizer({ count: entries.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const selectedIndex = selectedKey ? entries.findIndex((e) => e.key === selectedKey) : -1;
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const next = entryBeside(entries, selectedKey, event.key === 'ArrowDown' ? 1 : -1);
    if (next) onSelect(next);
  };

  if (entries.length === 0) return <p className="muted pad">Nothing in {title}.</p>;
  return (
    <div ref={scrollRef} className="message-list unified-list" role="listbox" aria-label={`Messages in ${title}`} aria-activedescendant={selectedIndex >= 0 ? `unified-${selectedIndex}` : undefined} tabIndex={0} onKeyDown={onKeyDown}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const entry = entries[item.index]!;
          const message = isShowableRecord(entry.message) ? entry.message : undefined;
          const selected = entry.key === selectedKey;
          return (
            <div
              key={entry.key}
              id={`unified-${item.index}`}
              role="option"
              aria-selected={selected}
              aria-label={message ? `${rowLabel(message)}, in ${entry.source.address}` : `A message that cannot be shown, in ${entry.source.address}`}
              className={`message-row${selected ? ' selected' : ''}${message && !message.seen ? ' unread' : ''}${message ? '' : ' has-problem'}`}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              onClick={() => onSelect(entry)}
              data-message-id={entry.message.id}
              data-account={entry.source.address}
            >
              {message ? (
                <ErrorBoundary what="A message list row" resetKey={message} fallback={<UnshowableRowContent />}>
                  <MessageRowContent message={message} account={entry.source.address} />
                </ErrorBoundary>
              ) : (
                <UnshowableRowContent />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
