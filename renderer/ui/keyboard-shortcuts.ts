import { useEffect, useLayoutEffect, useRef } from 'react';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * The binding an event asks for: "Mod+a" for Ctrl+A (Cmd+A on a Mac), "Shift+ArrowDown" for a
 * named key with Shift (a printable one already says it: Shift+j is "J"), else the key itself.
 * Alt never: it types characters on many keyboards.
 */
export function bindingName(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): string | null {
  if (event.altKey) return null;
  if (event.ctrlKey || event.metaKey) return event.key.length === 1 ? `Mod+${event.key.toLowerCase()}` : null;
  if (event.shiftKey && event.key.length > 1 && event.key !== 'Shift') return `Shift+${event.key}`;
  return event.key;
}

/**
 * Keyboard shortcuts (j, k, r, Shift+ArrowDown, Mod+a …), off while the user types in a field. A
 * binding that answers false did not use the key, which then does what it does by default.
 */
export function useKeyboardShortcuts(enabled: boolean, bindings: Record<string, () => void | boolean>): void {
  const latest = useRef(bindings);
  useLayoutEffect(() => {
    latest.current = bindings;
  });
  useEffect(() => {
    if (!enabled) return undefined;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || isTyping(event.target)) return;
      const name = bindingName(event);
      const action = name === null ? undefined : latest.current[name];
      if (!action) return;
      if (action() === false) return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
