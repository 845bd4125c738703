import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import { keyCombo } from '../../i18n/key-names';

/** The undo key, as this computer writes it in the language shown: ⌘Z on a Mac, Ctrl+Z (Strg+Z) elsewhere. */
export const undoKeys = (intl?: IntlShape): string => keyCombo('Mod+Z', { intl });

/** The same, as a screen reader says it: Command+Z, Control+Z (Befehl+Z, Steuerung+Z). */
export const spokenUndoKeys = (intl?: IntlShape): string => keyCombo('Mod+Z', { intl, spoken: true });

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
  const intl = useIntl();
  return (
    <>
      <button type="button" className="undo-toast-undo" disabled={disabled} onClick={onClick} title={title}>
        <FormattedMessage id="undo.button" defaultMessage="Undo" />
      </button>
      <kbd className="undo-toast-keys" aria-hidden="true">
        {undoKeys(intl)}
      </kbd>
    </>
  );
}
