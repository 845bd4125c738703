import { useSyncExternalStore } from 'react';

/**
 * Which rows of the shown results the IMAP server found and the local search did not: the list
 * marks them "found on the server". Kept here rather than passed down as a prop, because the rows
 * are drawn by the message list, which knows nothing of searches; only the search sets it.
 */
let found: ReadonlySet<string> = new Set();
const listeners = new Set<() => void>();

export function setFoundOnServer(ids: ReadonlySet<string>): void {
  if (ids.size === 0 && found.size === 0) return;
  found = ids;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Whether this message is in the shown results only because the server found it. */
export function useFoundOnServer(messageId: string): boolean {
  const isFound = (): boolean => found.has(messageId);
  // The same answer for a render outside a window (a row rendered to markup), where nothing was found yet.
  return useSyncExternalStore(subscribe, isFound, isFound);
}
