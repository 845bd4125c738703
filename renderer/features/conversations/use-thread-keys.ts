import { useEffect, useRef } from 'react';
import type { ConversationRow } from '../../cache/thread-hooks';

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/**
 * j and k step through conversations, not through their messages: handled before the app's own
 * j/k (which steps through the folder's messages) and marked as used, so the app's leaves them.
 * Nothing happens while a dialog is open or the user types.
 */
export function useThreadKeys(rows: readonly ConversationRow[] | undefined, selectedIndex: number, onSelect: (messageId: string) => void): void {
  const latest = useRef({ rows, selectedIndex, onSelect });
  useEffect(() => {
    latest.current = { rows, selectedIndex, onSelect };
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'j' && event.key !== 'k') return;
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (document.querySelector('dialog[open], [role="dialog"], [aria-modal="true"]')) return;
      const { rows: list, selectedIndex: index, onSelect: select } = latest.current;
      if (!list?.length) return;
      const next = event.key === 'j' ? Math.min(index + 1, list.length - 1) : Math.max(index - 1, 0);
      event.preventDefault();
      if (next !== index) select(list[next]!.newestId);
    };
    // Capture: before the app's listener on window, which leaves an event already used.
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, []);
}
