import type Dexie from 'dexie';
import type { MessageRecord } from '../../common/model/mail';
import { intl } from '../i18n/intl';
import type { ReadonlyDeviceCache } from './readonly-cache';

/**
 * Messages looked up by their terms number (`searchDoc`), many at once. Dexie reads `anyOf` with a
 * cursor that jumps from key to key: a round trip between the page and IndexedDB per key, each
 * waiting for the page's thread (1,000 keys: about 450 ms at 100,000 messages, with eight such
 * cursors side by side). Here every key is one request of one transaction, all sent at once, as
 * Dexie's bulkGet does for primary keys.
 */

/** Requests per transaction: a stopped search stops between them. */
const PER_TRANSACTION = 5_000;

/**
 * Runs `read` on the `searchDoc` index in a read-only transaction of its own and resolves with what
 * it gathered once the transaction completes. The Dexie under a read-only cache (the UI's
 * CacheReader and the host's DeviceCache both are one) gives the IndexedDB database.
 */
async function readDocIndex<T>(db: ReadonlyDeviceCache, read: (index: IDBIndex) => T): Promise<T> {
  const dexie = db as unknown as Dexie;
  if (!dexie.isOpen()) await dexie.open();
  return new Promise((resolve, reject) => {
    const transaction = dexie.backendDB().transaction('messages', 'readonly');
    const gathered = read(transaction.objectStore('messages').index('searchDoc'));
    transaction.oncomplete = () => resolve(gathered);
    // Said to the user by the search ("The search failed: …").
    const unreadable = (): Error => new Error(intl().formatMessage({ id: 'search.failed.cacheUnreadable', defaultMessage: 'The cache could not be read.' }));
    transaction.onerror = () => reject(transaction.error ?? unreadable());
    transaction.onabort = () => reject(transaction.error ?? unreadable());
  });
}

async function lookUp<T>(db: ReadonlyDeviceCache, docs: readonly number[], request: (index: IDBIndex, doc: number) => IDBRequest, signal?: AbortSignal): Promise<Array<T | undefined>> {
  const out: Array<T | undefined> = [];
  for (let at = 0; at < docs.length && !signal?.aborted; at += PER_TRANSACTION) {
    const part = docs.slice(at, at + PER_TRANSACTION);
    const found = await readDocIndex(db, (index) => {
      const answers = new Array<T | undefined>(part.length);
      part.forEach((doc, i) => {
        const asked = request(index, doc);
        asked.onsuccess = () => {
          answers[i] = asked.result as T | undefined;
        };
      });
      return answers;
    });
    out.push(...found);
  }
  return out;
}

/** Past this many numbers, the whole index is read in order instead of one request per number. */
const SCAN_ABOVE = 4_000;

/**
 * The ids of the messages whose terms number is in `docs`, read by one key cursor over the index
 * in order: Chromium sends such a cursor's next keys ahead, up to a hundred at a time, so it costs
 * a pass over every message, not a request per number (26,482 numbers as requests: about 4 s).
 */
function scanIndex(db: ReadonlyDeviceCache, docs: ReadonlySet<number>, signal?: AbortSignal): Promise<string[]> {
  return readDocIndex(db, (index) => {
    const ids: string[] = [];
    const cursor = index.openKeyCursor();
    cursor.onsuccess = () => {
      const at = cursor.result;
      if (!at || signal?.aborted) return;
      if (docs.has(at.key as number)) ids.push(at.primaryKey as string);
      at.continue();
    };
    return ids;
  });
}

/** The ids of the messages with these terms numbers (none for a number no message has). */
export async function messageIdsOfDocs(db: ReadonlyDeviceCache, docs: readonly number[], signal?: AbortSignal): Promise<string[]> {
  if (docs.length > SCAN_ABOVE) return scanIndex(db, new Set(docs), signal);
  const ids = await lookUp<string>(db, docs, (index, doc) => index.getKey(doc), signal);
  return ids.filter((id): id is string => id !== undefined);
}

/** The message records with these terms numbers. */
export async function messagesOfDocs(db: ReadonlyDeviceCache, docs: readonly number[], signal?: AbortSignal): Promise<MessageRecord[]> {
  const records = await lookUp<MessageRecord>(db, docs, (index, doc) => index.get(doc), signal);
  return records.filter((m): m is MessageRecord => m !== undefined);
}
