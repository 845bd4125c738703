import { useEffect, useRef, type ReactNode } from 'react';
import { useEscapeToClose } from './use-escape';

interface DialogProps {
  label: string;
  onClose: () => void;
  className?: string;
  children: ReactNode;
}

/**
 * A modal dialog over a dimmed window: Escape closes it (from a text field too), unless a
 * confirmation inside it is open, which Escape closes first. Focus moves into it when it opens
 * and back to what opened it when it closes.
 */
export function Dialog({ label, onClose, className = '', children }: DialogProps) {
  const box = useRef<HTMLElement>(null);
  useEscapeToClose(onClose);
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (box.current && !box.current.contains(document.activeElement)) box.current.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return (
    <div className="composer-backdrop">
      <section ref={box} className={`settings-dialog ${className}`.trim()} role="dialog" aria-modal="true" aria-label={label} tabIndex={-1}>
        {children}
      </section>
    </div>
  );
}
