import { useSyncExternalStore } from 'react';
import { parseMarkRead, type MarkReadSetting } from './mark-read';

/**
 * Kept in this origin's localStorage: the reading preference belongs to the person at this
 * computer, not to an account, and main keeps no app-wide settings. Every reader of this window
 * follows a change at once, other windows through the storage event.
 */
export const MARK_READ_KEY = 'porthole.markRead';

const listeners = new Set<() => void>();
let current: { raw: string | null; setting: MarkReadSetting } | null = null;

function readStored(): string | null {
  try {
    return window.localStorage.getItem(MARK_READ_KEY);
  } catch {
    // Storage can be switched off (private mode, policy): the default then holds.
    return null;
  }
}

/** The same object while the stored text is the same, as useSyncExternalStore needs. */
function snapshot(): MarkReadSetting {
  const raw = readStored();
  if (!current || current.raw !== raw) current = { raw, setting: parseMarkRead(raw) };
  return current.setting;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent): void => {
    if (event.key === MARK_READ_KEY || event.key === null) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function saveMarkReadSetting(setting: MarkReadSetting): void {
  try {
    window.localStorage.setItem(MARK_READ_KEY, JSON.stringify(setting));
  } catch {
    // Not kept; the readers keep what was stored before.
  }
  for (const listener of listeners) listener();
}

export function useMarkReadSetting(): [MarkReadSetting, (setting: MarkReadSetting) => void] {
  return [useSyncExternalStore(subscribe, snapshot), saveMarkReadSetting];
}
