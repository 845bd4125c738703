import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

/**
 * A save button is disabled while its check runs, and Chromium then drops the focus to the page's
 * body: a keyboard user would have to Tab in from the top again. The returned function, called
 * once a save has ended (its result already in state), moves the focus, after that render, to what
 * `target` names (the error, the certificate's button, the saved note) if it was lost that way.
 */
export function useFocusAfterSave(target: () => HTMLElement | null | undefined): () => void {
  const [request, setRequest] = useState(0);
  const latestTarget = useRef(target);
  useLayoutEffect(() => {
    latestTarget.current = target;
  });
  useEffect(() => {
    if (request === 0) return;
    const active = document.activeElement;
    if (active && active !== document.body) return;
    latestTarget.current()?.focus();
  }, [request]);
  return useCallback(() => setRequest((n) => n + 1), []);
}
