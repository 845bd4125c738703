import type { KeyboardEvent } from 'react';
import type { ListMode } from './use-list-mode';
import './conversations.css';

const MODES: ReadonlyArray<{ mode: ListMode; label: string }> = [
  { mode: 'messages', label: 'Messages' },
  { mode: 'conversations', label: 'Conversations' },
];

/**
 * "Messages | Conversations" above the list: a segmented control, a radio group to assistive
 * technology. Tab reaches the chosen one; the arrow keys choose the other, as radios do.
 */
export function ListModeToggle({ mode, onChange }: { mode: ListMode; onChange: (mode: ListMode) => void }) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (!['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'].includes(event.key)) return;
    event.preventDefault();
    const next = mode === 'messages' ? 'conversations' : 'messages';
    onChange(next);
    event.currentTarget.querySelector<HTMLButtonElement>(`[data-mode="${next}"]`)?.focus();
  };
  return (
    <div className="list-mode" role="radiogroup" aria-label="Show the list as" onKeyDown={onKeyDown}>
      {MODES.map((m) => (
        <button
          key={m.mode}
          type="button"
          role="radio"
          data-mode={m.mode}
          aria-checked={mode === m.mode}
          tabIndex={mode === m.mode ? 0 : -1}
          onClick={() => onChange(m.mode)}
        >
          {m.label}
        </button>
      ))}
    </div>
  );
}
