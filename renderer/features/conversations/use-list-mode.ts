import { useCallback, useState } from 'react';

/** Whether the list shows single messages or conversations (threads). */
export type ListMode = 'messages' | 'conversations';

/**
 * Where the choice is kept: localStorage, so it is the user's choice in every window and after a
 * restart (the view's place is per window, in sessionStorage: renderer/app/view-memory.ts).
 */
export const LIST_MODE_KEY = 'porthole.listMode';

/** The stored choice; anything else (nothing stored, storage refused, an old value) is messages. */
export function storedListMode(storage: Pick<Storage, 'getItem'> | null): ListMode {
  try {
    return storage?.getItem(LIST_MODE_KEY) === 'conversations' ? 'conversations' : 'messages';
  } catch {
    return 'messages';
  }
}

function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    // A page whose storage is refused (privacy settings) still works; it forgets the choice.
    return null;
  }
}

/** The user's choice of list mode, remembered. */
export function useListMode(): [ListMode, (mode: ListMode) => void] {
  const [mode, setMode] = useState<ListMode>(() => storedListMode(browserStorage()));
  const choose = useCallback((next: ListMode): void => {
    setMode(next);
    try {
      browserStorage()?.setItem(LIST_MODE_KEY, next);
    } catch {
      // Storage full or refused: the choice holds for this window's life.
    }
  }, []);
  return [mode, choose];
}
