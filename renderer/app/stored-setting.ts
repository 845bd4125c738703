import { useSyncExternalStore } from 'react';

/**
 * A setting of the person at this computer, kept in this origin's localStorage: it belongs to no
 * account, and main keeps no app-wide settings. Every reader in this window follows a change at
 * once, other windows through the storage event. `parse` turns any stored text (missing, old,
 * hand-edited) into a valid setting.
 */
export interface StoredSetting<T> {
  read(): T;
  save(value: T): void;
  subscribe(listener: () => void): () => void;
  use(): [T, (value: T) => void];
}

export function storedSetting<T>(key: string, parse: (stored: string | null) => T, serialize: (value: T) => string = JSON.stringify): StoredSetting<T> {
  const listeners = new Set<() => void>();
  let current: { raw: string | null; value: T } | null = null;

  const readStored = (): string | null => {
    try {
      return window.localStorage.getItem(key);
    } catch {
      // Storage can be switched off (private mode, policy): the default then holds.
      return null;
    }
  };
  // The same value while the stored text is the same, as useSyncExternalStore needs.
  const read = (): T => {
    const raw = readStored();
    if (!current || current.raw !== raw) current = { raw, value: parse(raw) };
    return current.value;
  };
  const subscribe = (listener: () => void): (() => void) => {
    listeners.add(listener);
    const onStorage = (event: StorageEvent): void => {
      if (event.key === key || event.key === null) listener();
    };
    window.addEventListener('storage', onStorage);
    return () => {
      listeners.delete(listener);
      window.removeEventListener('storage', onStorage);
    };
  };
  const save = (value: T): void => {
    try {
      window.localStorage.setItem(key, serialize(value));
    } catch {
      // Not kept; the readers keep what was stored before.
    }
    for (const listener of listeners) listener();
  };
  return { read, save, subscribe, use: () => [useSyncExternalStore(subscribe, read), save] };
}
