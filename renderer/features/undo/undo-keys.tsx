import { FormattedMessage } from 'react-intl';
import { MOD_KEY } from '../message-list/BulkPanel';

/** The undo key, as this computer writes it: ⌘Z on a Mac, Ctrl+Z elsewhere. */
export const undoKeys = MOD_KEY === '⌘' ? '⌘Z' : 'Ctrl+Z';

/** The same, as a screen reader says it. */
export const spokenUndoKeys = undoKeys === '⌘Z' ? 'Command+Z' : 'Control+Z';

/** Typing: Ctrl/Cmd+Z there undoes the typing, not a change to mail or a send. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.closest('.composer') !== null;
}

/** Ctrl/Cmd+Z (not with Shift or Alt: redo and other keyboards' characters). */
export function isUndoKey(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'z';
}

/** A toast's Undo, with its key shown beside it. */
export function UndoButton({ onClick, disabled = false, title }: { onClick: () => void; disabled?: boolean; title: string }) {
  return (
    <>
      <button type="button" className="undo-toast-undo" disabled={disabled} onClick={onClick} title={title}>
        <FormattedMessage id="undo.button" defaultMessage="Undo" />
      </button>
      <kbd className="undo-toast-keys" aria-hidden="true">
        {undoKeys}
      </kbd>
    </>
  );
}
