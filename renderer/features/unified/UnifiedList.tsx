import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { RowClick } from '../../app/use-device-view';
import type { UnifiedEntry } from '../../cache/unified';
import { ErrorBoundary } from '../../ui/ErrorBoundary';
import { MessageRowContent, rowLabel, UnshowableRowContent } from '../message-list/MessageRowContent';
import { dragBadge } from '../message-list/MessageList';
import { MESSAGE_DRAG_TYPE } from '../folder-list/FolderList';
import { isShowableRecord } from '../message-list/showable-record';
import './unified.css';

const ROW_HEIGHT = 64;

/** What the list needs of its selection (use-unified-selection.ts). */
export interface UnifiedListSelection {
  focusKey: string | null;
  many: boolean;
  isSelected: (key: string) => boolean;
  select: (key: string) => void;
  clickRow: (key: string, how: RowClick) => void;
  onListKey: (event: KeyboardEvent) => boolean;
  /** What a drag of this row carries (entry keys): the selection when the row is in it. */
  dragKeys: (key: string) => string[];
}

interface UnifiedListProps {
  /** The view's name; null for what a search of every account found. */
  title: string | null;
  entries: readonly UnifiedEntry[];
  selection: UnifiedListSelection;
  /** Search terms to highlight in the rows, while the list is what a search found. */
  highlight?: readonly string[];
}

/**
 * The rows of a view over every account (or of a search over every account), newest first, each
 * naming its account; virtualized like a folder's list, and selected the same way: a click,
 * Shift+click a range, Ctrl/Cmd+click one more, arrows, Shift+arrows, Ctrl/Cmd+A, Escape.
 */
export function UnifiedList({ title, entries, selection, highlight }: UnifiedListProps) {
  const intl = useIntl();
  const named = { list: title === null ? 'everywhere' : 'view', title: title ?? '' };
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual returns fresh functions by design; this component is not compiled.
  const virtualizer = useVirtualizer({ count: entries.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const focusIndex = selection.focusKey ? entries.findIndex((e) => e.key === selection.focusKey) : -1;
  useEffect(() => {
    if (focusIndex >= 0) virtualizer.scrollToIndex(focusIndex, { align: 'auto' });
  }, [focusIndex, virtualizer]);

  const click = (event: MouseEvent, key: string): void => {
    const how = { range: event.shiftKey, toggle: event.ctrlKey || event.metaKey };
    if (how.range || how.toggle) selection.clickRow(key, how);
    else selection.select(key);
  };

  if (entries.length === 0) {
    return (
      <p className="muted pad">
        <FormattedMessage id="unified.list.empty" defaultMessage="{list, select, everywhere {Nothing in every account.} other {Nothing in {title}.}}" values={{ list: named.list, title: named.title }} />
      </p>
    );
  }
  return (
    <div
      ref={scrollRef}
      className={`message-list unified-list${selection.many ? ' many-selected' : ''}`}
      role="listbox"
      aria-label={intl.formatMessage({ id: 'unified.list.label', defaultMessage: '{list, select, everywhere {Messages in every account} other {Messages in {title}}}' }, named)}
      aria-multiselectable
      aria-activedescendant={focusIndex >= 0 ? `unified-${focusIndex}` : undefined}
      tabIndex={0}
      onKeyDown={(e) => selection.onListKey(e) && e.preventDefault()}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const entry = entries[item.index]!;
          const message = isShowableRecord(entry.message) ? entry.message : undefined;
          const selected = selection.isSelected(entry.key);
          const focused = entry.key === selection.focusKey;
          return (
            <div
              key={entry.key}
              id={`unified-${item.index}`}
              role="option"
              aria-selected={selected}
              aria-label={
                message
                  ? intl.formatMessage({ id: 'unified.row.label', defaultMessage: '{row}, in {account}' }, { row: rowLabel(message, intl), account: entry.source.address })
                  : intl.formatMessage({ id: 'unified.row.unshowable', defaultMessage: 'A message that cannot be shown, in {account}' }, { account: entry.source.address })
              }
              className={`message-row${selected ? ' selected' : ''}${focused && selection.many ? ' focused' : ''}${message && !message.seen ? ' unread' : ''}${message ? '' : ' has-problem'}`}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              // Shift+click would otherwise also select the page's text from the last click to this one.
              onMouseDown={(e) => e.shiftKey && e.preventDefault()}
              onClick={(e) => click(e, entry.key)}
              draggable
              onDragStart={(e) => {
                const dragged = selection.dragKeys(entry.key);
                e.dataTransfer.setData(MESSAGE_DRAG_TYPE, JSON.stringify(dragged));
                e.dataTransfer.effectAllowed = 'move';
                if (dragged.length > 1) e.dataTransfer.setDragImage(dragBadge(dragged.length), 16, 16);
              }}
              data-message-id={entry.message.id}
              data-account={entry.source.address}
            >
              {message ? (
                <ErrorBoundary what="A message list row" resetKey={message} fallback={<UnshowableRowContent />}>
                  <MessageRowContent message={message} account={entry.source.address} highlight={highlight} rowKey={entry.key} />
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
