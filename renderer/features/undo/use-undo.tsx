import { useEffect, useId, useSyncExternalStore, type ReactNode } from 'react';
import type { WireError } from '../../../common/result';
import { invoke } from '../../app/use-command';
import { undoOnEveryDevice, UndoStore, type UndoOffer } from './undo-store';
import { UndoToast } from './UndoToast';
import { isTyping, isUndoKey } from './undo-keys';
import { errorText } from '../../i18n/error-words';

export type { UndoOffer } from './undo-store';

export interface Undo {
  /** A change was made that can be undone: offered in a toast, and by Ctrl/Cmd+Z. */
  offer: (offer: UndoOffer) => void;
  /** The toast (or an empty live region), placed by the view. */
  toast: ReactNode;
}

/** One store for the window: the three panes and every device column share one stack. */
let shared: UndoStore | null = null;
function store(): UndoStore {
  shared ??= new UndoStore((offer) =>
    undoOnEveryDevice(offer, async (device, undoId) => {
      const result = await invoke('messages:undo', { ...device, undoId });
      return result.ok ? { ok: true } : { ok: false, message: errorText(result.error) };
    }),
  );
  return shared;
}

/**
 * The undo offers of a view (the three panes, or one device column: each may call this). Every
 * change goes on one stack for the window; its toast shows in the view that made it; Ctrl/Cmd+Z
 * undoes the newest change of any view. A failed undo is said in the toast, in the error's words,
 * so `_onFailure` (the view's notices) is not told a second time.
 */
export function useUndo(_onFailure?: (error: WireError) => void): Undo {
  const owner = useId();
  const undo = store();
  const state = useSyncExternalStore(undo.subscribe, () => undo.snapshot);
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || !isUndoKey(event) || isTyping(event.target)) return;
      // One handler acts however many views listen: the others see the event taken.
      if (undo.undo()) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo]);
  const toast = state.toast?.owner === owner ? state.toast : null;
  return {
    offer: (offer) => undo.offer(offer, owner),
    toast: <UndoToast toast={toast} onUndo={(undoId) => undo.undo(undoId)} onDismiss={(key) => undo.dismiss(key)} />,
  };
}
