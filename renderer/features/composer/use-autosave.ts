import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { OutgoingMessage } from '../../../common/contract';
import { invoke } from '../../app/use-command';
import { errorText } from '../../i18n/error-words';

/** A pause in typing this long saves the draft… */
export const AUTOSAVE_PAUSE_MS = 2_500;
/** …and typing without a pause saves it at least this often. */
export const AUTOSAVE_MAX_WAIT_MS = 15_000;

export type AutosaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: number } | { kind: 'failed'; message: string };

/**
 * Saves the composer's message to Drafts by itself (draft:save with its draft key, so each save
 * replaces the one before: IMAP on the server, queued when offline; POP in this computer's
 * Drafts): after a pause in typing, at least every 15 s while typing on, and when the page goes
 * away (a closed window, a reload). `snapshot` says what the user wrote; nothing is saved until
 * it differs from `initialSnapshot`, and never while `paused` (a send under way).
 */
export function useAutosave(message: () => OutgoingMessage, snapshot: string, initialSnapshot: string, paused: boolean): AutosaveState & { savedOnce: boolean; idle: () => Promise<void> } {
  const [state, setState] = useState<AutosaveState>({ kind: 'idle' });
  const [savedOnce, setSavedOnce] = useState(false);
  // The callbacks read the ref; the render reads the state (a "Saved" that no longer holds is not shown).
  const savedSnapshot = useRef(initialSnapshot);
  const [shownSaved, setShownSaved] = useState(initialSnapshot);
  const firstUnsavedAt = useRef<number | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);
  const latest = useRef(message);
  useLayoutEffect(() => {
    latest.current = message;
  });

  const save = useRef(async (what: string): Promise<void> => {
    if (inFlight.current || what === savedSnapshot.current) return;
    setState({ kind: 'saving' });
    const request = invoke('draft:save', latest.current());
    inFlight.current = request.then(() => undefined);
    const result = await request;
    inFlight.current = null;
    if (!result.ok) {
      setState({ kind: 'failed', message: errorText(result.error) });
      return;
    }
    savedSnapshot.current = what;
    setShownSaved(what);
    firstUnsavedAt.current = null;
    setSavedOnce(true);
    setState({ kind: 'saved', at: Date.now() });
  });

  useEffect(() => {
    if (paused || snapshot === savedSnapshot.current) return undefined;
    firstUnsavedAt.current ??= Date.now();
    const waited = Date.now() - firstUnsavedAt.current;
    const timer = setTimeout(() => void save.current(snapshot), Math.max(0, Math.min(AUTOSAVE_PAUSE_MS, AUTOSAVE_MAX_WAIT_MS - waited)));
    return () => clearTimeout(timer);
  }, [snapshot, paused]);

  // The window closing or reloading: the request goes out before the page is gone.
  const latestSnapshot = useRef(snapshot);
  useLayoutEffect(() => {
    latestSnapshot.current = snapshot;
  });
  useEffect(() => {
    const onPageHide = (): void => {
      if (!paused) void save.current(latestSnapshot.current);
    };
    window.addEventListener('pagehide', onPageHide);
    return () => window.removeEventListener('pagehide', onPageHide);
  }, [paused]);

  // A send waits for a save under way: main then removes that version too, not before it exists.
  const idle = useCallback(async (): Promise<void> => {
    await inFlight.current;
  }, []);
  // Edited since the last save: "Saved to Drafts at …" would no longer be true.
  const shown: AutosaveState = state.kind === 'saved' && snapshot !== shownSaved ? { kind: 'idle' } : state;
  return { ...shown, savedOnce, idle };
}
