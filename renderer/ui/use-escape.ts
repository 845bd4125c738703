import { useLayoutEffect, useRef } from 'react';
import { pushEscapeLayer } from './escape-stack';

/**
 * Escape calls `close` while `active` and no layer opened after this one (a confirmation inside
 * the dialog) is still open. Use it in every dialog and in every confirmation inside one.
 */
export function useEscapeToClose(close: () => void, active = true): void {
  const latest = useRef(close);
  useLayoutEffect(() => {
    latest.current = close;
  });
  // A layout effect: registered in the same commit that shows the dialog, so an Escape pressed as
  // soon as it appears closes it (a plain effect ran after the paint, and a dialog that was slow to
  // draw — a reply to a 900 KiB subject — let that first Escape fall through).
  useLayoutEffect(() => {
    if (!active) return undefined;
    return pushEscapeLayer(() => latest.current());
  }, [active]);
}
