import Dexie from 'dexie';

/**
 * Where the cache host says it opened a device's database (made it, or upgraded it to its
 * version). A BroadcastChannel reaches every page of the origin: the Electron windows, and the
 * harness's cache-host iframe and its app page.
 */
const CHANNEL = 'porthole-cache-opened';

/** Said by the cache host each time it opened `dbName`: readers waiting for it look again. */
export function announceOpened(dbName: string): void {
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage(dbName);
  channel.close();
}

/**
 * Resolves once `dbName` exists at `nativeVersion` (IndexedDB's number: Dexie's version × 10) or
 * later, that is once the cache host made or upgraded it. A reader must not open it sooner:
 * opening an older database at a newer version upgrades it, and opening a missing one makes it,
 * and both belong to the host (a UI that added version 3's index first would have left every
 * record without the `words` the host's upgrade fills in). Rejects when `stop` is aborted.
 */
export function whenOpenedByHost(indexedDB: IDBFactory, dbName: string, nativeVersion: number, stop: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const channel = new BroadcastChannel(CHANNEL);
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      channel.close();
      stop.removeEventListener('abort', onStop);
      outcome();
    };
    const onStop = (): void => settle(() => reject(new Dexie.DatabaseClosedError(`${dbName} was closed before the cache host opened it`)));
    const look = async (): Promise<void> => {
      const found = (await indexedDB.databases()).find((info) => info.name === dbName);
      if (found?.version !== undefined && found.version >= nativeVersion) settle(resolve);
    };
    const lookOrFail = (): void => {
      look().catch((error: unknown) => settle(() => reject(error instanceof Error ? error : new Error(String(error)))));
    };
    if (stop.aborted) return onStop();
    stop.addEventListener('abort', onStop);
    // Listening before the first look: a host that opens the database meanwhile is not missed.
    channel.onmessage = (event: MessageEvent<unknown>) => {
      if (event.data === dbName) lookOrFail();
    };
    lookOrFail();
  });
}
