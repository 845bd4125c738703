import type { KeyboardEvent } from 'react';
import { defineMessages, useIntl, type MessageDescriptor } from 'react-intl';
import type { ListMode } from './use-list-mode';
import './conversations.css';

const labels = defineMessages({
  messages: { id: 'conversations.listMode.messages', defaultMessage: 'Messages' },
  conversations: { id: 'conversations.listMode.conversations', defaultMessage: 'Conversations' },
});

const MODES: ReadonlyArray<{ mode: ListMode; label: MessageDescriptor }> = [
  { mode: 'messages', label: labels.messages },
  { mode: 'conversations', label: labels.conversations },
];

/**
 * "Messages | Conversations" above the list: a segmented control, a radio group to assistive
 * technology. Tab reaches the chosen one; the arrow keys choose the other, as radios do.
 */
export function ListModeToggle({ mode, onChange }: { mode: ListMode; onChange: (mode: ListMode) => void }) {
  const intl = useIntl();
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (!['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'].includes(event.key)) return;
    event.preventDefault();
    const next = mode === 'messages' ? 'conversations' : 'messages';
    onChange(next);
    event.currentTarget.querySelector<HTMLButtonElement>(`[data-mode="${next}"]`)?.focus();
  };
  return (
    <div className="list-mode" role="radiogroup" aria-label={intl.formatMessage({ id: 'conversations.listMode.label', defaultMessage: 'Show the list as' })} onKeyDown={onKeyDown}>
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
          {intl.formatMessage(m.label)}
        </button>
      ))}
    </div>
  );
}
