import { useEffect, useLayoutEffect, useRef } from 'react';
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
  useEffect(() => {
    if (!active) return undefined;
    return pushEscapeLayer(() => latest.current());
  }, [active]);
}
