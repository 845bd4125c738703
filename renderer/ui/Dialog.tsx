import { useEffect, useRef, useState, type DOMAttributes, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { tabbablesIn, wrapTabTarget } from './focus-trap';
import { useEscapeToClose } from './use-escape';

interface DialogProps {
  label: string;
  /** Escape calls it too: a dialog that asks before closing (the composer) asks here. */
  onClose: () => void;
  /** Classes added to the box, which looks like the settings dialogs unless `form` says otherwise. */
  className?: string;
  /**
   * The box is this form instead of a section (the composer, where Enter in a field sends), and
   * takes `className` as its only classes.
   */
  form?: {
    onSubmit: (event: FormEvent<HTMLFormElement>) => void;
    onKeyDown?: (event: KeyboardEvent<HTMLFormElement>) => void;
    /** Files dropped or pasted anywhere on the box (the composer attaches them). */
    fileHandlers?: Pick<DOMAttributes<HTMLFormElement>, 'onDragOver' | 'onDragLeave' | 'onDrop' | 'onPaste'>;
  };
  children: ReactNode;
}

/**
 * The one modal dialog over a dimmed window: Escape closes it (from a text field too), unless a
 * confirmation inside it, or a dialog opened over it, is open, which Escape closes first. Focus
 * moves into it when it opens, Tab and Shift+Tab stay inside it, and focus goes back to what
 * opened it when it closes.
 */
export function Dialog({ label, onClose, className = '', form, children }: DialogProps) {
  const box = useRef<HTMLElement & HTMLFormElement>(null);
  // Read while rendering: a field inside with autoFocus takes the focus before any effect runs.
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  useEscapeToClose(onClose);
  useEffect(() => {
    if (box.current && !box.current.contains(document.activeElement)) box.current.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, [opener]);

  const keepTabInside = (event: KeyboardEvent<HTMLElement & HTMLFormElement>): void => {
    form?.onKeyDown?.(event);
    if (event.key !== 'Tab' || event.defaultPrevented || !box.current) return;
    const tabbables = tabbablesIn(box.current);
    const active = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const target = tabbables.length === 0 ? box.current : wrapTabTarget(tabbables, active, event.shiftKey);
    if (!target) return;
    event.preventDefault();
    target.focus();
  };

  const shared = { ref: box, role: 'dialog', 'aria-modal': true, 'aria-label': label, tabIndex: -1, onKeyDown: keepTabInside } as const;
  return (
    <div className="composer-backdrop">
      {form ? (
        <form {...shared} {...form.fileHandlers} className={className || undefined} onSubmit={form.onSubmit}>
          {children}
        </form>
      ) : (
        <section {...shared} className={`settings-dialog ${className}`.trim()}>
          {children}
        </section>
      )}
    </div>
  );
}
