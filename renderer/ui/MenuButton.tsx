import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { keyCombo } from '../i18n/key-names';

export interface MenuItem {
  label: string;
  /** As aria-keyshortcuts says it ("Control+P"): shown beside the item. */
  shortcut?: string;
  onSelect: () => void;
}

/**
 * A button that opens a short menu of actions (WAI-ARIA menu button): Enter, Space or a click
 * opens it with the first item focused; ↑/↓ move, Home/End jump, Enter runs an item; Escape
 * closes it and gives the focus back to the button; a click elsewhere or Tab closes it.
 */
export function MenuButton({ label, icon, items }: { label: string; icon: ReactNode; items: MenuItem[] }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const itemButtons = (): HTMLButtonElement[] => [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];

  useEffect(() => {
    if (!open) return undefined;
    itemButtons()[0]?.focus();
    const onPointerDown = (event: PointerEvent): void => {
      if (!(event.target instanceof Node) || (!menu.current?.contains(event.target) && !button.current?.contains(event.target))) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const close = (): void => {
    setOpen(false);
    button.current?.focus();
  };

  const onMenuKeyDown = (event: KeyboardEvent): void => {
    const all = itemButtons();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    const move: Record<string, number> = { ArrowDown: (at + 1) % all.length, ArrowUp: (at - 1 + all.length) % all.length, Home: 0, End: all.length - 1 };
    if (event.key in move) {
      event.preventDefault();
      all[move[event.key]!]?.focus();
    } else if (event.key === 'Escape') {
      // The menu's Escape: not the dialog's or the list's behind it.
      event.preventDefault();
      event.stopPropagation();
      close();
    } else if (event.key === 'Tab') {
      setOpen(false);
    }
  };

  return (
    <span className="menu-button">
      <button ref={button} type="button" className="tool-button" aria-haspopup="menu" aria-expanded={open} title={label} onClick={() => setOpen(!open)}>
        {icon}
        <span className="visually-hidden">{label}</span>
      </button>
      {open && (
        <ul ref={menu} role="menu" aria-label={label} className="menu" onKeyDown={onMenuKeyDown}>
          {items.map((item) => (
            <li key={item.label} role="none">
              <button type="button" role="menuitem" aria-keyshortcuts={item.shortcut} onClick={() => {
                close();
                item.onSelect();
              }}>
                <span>{item.label}</span>
                {item.shortcut && <kbd>{keyCombo(item.shortcut)}</kbd>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}
