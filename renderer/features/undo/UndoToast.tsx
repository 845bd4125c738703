import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useIntl, type IntlShape } from 'react-intl';
import { CLOSE_SIGN } from '../../ui/icons';
import { inSentence, type ToastState } from './undo-store';
import './undo.css';
import { spokenUndoKeys, UndoButton, undoKeys } from './undo-keys';

/** A change stays offered at least this long, and for as long as the pointer or the focus is on the toast. */
export const OFFER_SHOWN_MS = 10_000;
/** "Undone" or why not: long enough to read a sentence. */
const OUTCOME_SHOWN_MS = 6_000;


function textOf(toast: ToastState, intl: IntlShape): string {
  switch (toast.kind) {
    case 'offer':
      return toast.offer.what;
    case 'working':
      return intl.formatMessage({ id: 'undo.toast.undoing', defaultMessage: 'Undoing: {what}…' }, { what: inSentence(toast.what) });
    case 'done':
    case 'failed':
      return toast.text;
    default: {
      const unknownToast: never = toast;
      return String(unknownToast);
    }
  }
}

/**
 * The undo toast: what was done, with Undo. It never takes the focus; its words are announced
 * politely (a live region of their own, so the buttons are not read out with them).
 */
export function UndoToast({ toast, onUndo, onDismiss }: { toast: ToastState | null; onUndo: (undoId: string) => void; onDismiss: (key: number) => void }) {
  const intl = useIntl();
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const held = hovered || focused;
  const key = toast?.key ?? null;
  const kind = toast?.kind ?? null;
  // The view re-renders often (live queries): the timer must not start again each time.
  const dismiss = useRef(onDismiss);
  useLayoutEffect(() => {
    dismiss.current = onDismiss;
  });
  useEffect(() => {
    if (key === null || kind === 'working' || held) return undefined;
    const timer = setTimeout(() => dismiss.current(key), kind === 'offer' ? OFFER_SHOWN_MS : OUTCOME_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [key, kind, held]);
  const text = toast ? textOf(toast, intl) : '';
  return (
    <>
      <div className="visually-hidden" role="status" aria-live="polite">
        {toast?.kind === 'offer' ? intl.formatMessage({ id: 'undo.toast.announce', defaultMessage: '{what}. To undo, press {keys}.' }, { what: text, keys: spokenUndoKeys(intl) }) : text}
      </div>
      {toast && (
        <div
          className={`undo-toast ${toast.kind}`}
          role="group"
          aria-label={intl.formatMessage({ id: 'undo.toast.label', defaultMessage: 'Undo' })}
          onMouseEnter={() => setHovered(true)}
          onMouseLeave={() => setHovered(false)}
          onFocus={() => setFocused(true)}
          onBlur={(event) => setFocused(event.currentTarget.contains(event.relatedTarget))}
        >
          <span className="undo-toast-text">{text}</span>
          {toast.kind === 'offer' && (
            <UndoButton onClick={() => onUndo(toast.offer.undoId)} title={intl.formatMessage({ id: 'undo.button.title', defaultMessage: 'Undo ({keys})' }, { keys: undoKeys(intl) })} />
          )}
          {toast.kind !== 'working' && (
            <button
              type="button"
              className="link-button undo-toast-close"
              aria-label={intl.formatMessage({ id: 'common.close', defaultMessage: 'Close' })}
              title={intl.formatMessage({ id: 'common.close', defaultMessage: 'Close' })}
              onClick={() => onDismiss(toast.key)}
            >
              {CLOSE_SIGN}
            </button>
          )}
        </div>
      )}
    </>
  );
}
