import Dexie from 'dexie';
import type { BodyRecord, FolderRecord, MessageRecord } from '../../common/model/mail';
import type { DeviceCache } from './schema';
import type { IndexEntry } from '../../common/search/index-record';
import { writeIndexEntries } from './index-ops';
import { indexEntryOf } from './search-index';

/**
 * The background build of the search index, for one database: mail cached before the index existed
 * in its present form (schema version 7) has no entry, and an entry made before its message's body
 * came may lack the body's terms. The build finds those messages (what has a complete entry is
 * done, so a build stopped anywhere resumes where it was), Inbox first, then Sent, then the other folders,
 * each newest first, and indexes them in small transactions. Between two it waits until main's
 * requests are all applied (they go first) and yields the thread (in the web harness the host
 * shares the UI's), so no frame waits long for it.
 */

export interface IndexBuildOptions {
  /** Resolves when no request of main is waiting or being applied: the build only runs then. */
  idle(): Promise<void>;
  /** Gives the thread back between two transactions (a macrotask, so frames can be drawn). */
  yieldThread(): Promise<void>;
  /** Messages read per transaction at most. */
  batchSize?: number;
  /** Their sizes' sum at most (bodies are read whole, on the thread the UI may share). */
  batchBytes?: number;
  /** Milliseconds of tokenizing per transaction: past it, what is done is written and the rest waits. */
  workBudgetMs?: number;
  /** Told after each transaction: how many messages this build indexed so far, and how many it had found to do. */
  onProgress?(done: number, found: number): void;
}

const DEFAULT_BATCH = 100;
const MIN_BATCH = 10;
const DEFAULT_BATCH_BYTES = 2 * 1024 * 1024;
const DEFAULT_WORK_BUDGET_MS = 12;
/** A record of a message too large to say otherwise: counted at least this much against batchBytes. */
const SMALLEST_SIZE = 4 * 1024;

/** The order folders are indexed in: where a user searches first. */
function folderOrder(folders: FolderRecord[]): FolderRecord[] {
  const rank = (f: FolderRecord): number => (f.role === 'inbox' ? 0 : f.role === 'sent' ? 1 : f.role === 'trash' || f.role === 'junk' ? 3 : 2);
  return [...folders].sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
}

/**
 * The ids of the messages the index lacks or has without their body's terms, in the order to
 * index them. Keys only: for 100,000 messages a few reads of ids, no record.
 */
export async function messagesToIndex(db: DeviceCache): Promise<string[]> {
  const [folders, numbered, withTerms, withoutBodyTerms, bodies] = await Promise.all([
    db.folders.toArray(),
    docsByMessage(db),
    db.searchTerms.toCollection().primaryKeys(),
    db.searchTerms.where('hasBody').equals(0).primaryKeys(),
    db.bodies.toCollection().primaryKeys(),
  ]);
  const termsHere = new Set(withTerms);
  const bodyTermsMissing = new Set(withoutBodyTerms);
  const bodyHere = new Set(bodies);
  const done = new Set<string>();
  for (const [id, doc] of numbered) if (termsHere.has(doc) && !(bodyTermsMissing.has(doc) && bodyHere.has(id))) done.add(id);
  const todo: string[] = [];
  const seen = new Set<string>();
  const take = (ids: string[]): void => {
    for (const id of ids) {
      seen.add(id);
      if (!done.has(id)) todo.push(id);
    }
  };
  for (const folder of folderOrder(folders)) {
    const ids = await db.messages.where('[folderId+date]').between([folder.id, Dexie.minKey], [folder.id, Dexie.maxKey]).primaryKeys();
    take(ids.reverse());
  }
  // Messages of a folder without a record (none should be): last, in any order.
  if (seen.size < (await db.messages.count())) take((await db.messages.toCollection().primaryKeys()).filter((id) => !seen.has(id)));
  return todo;
}

/** Each numbered message's terms number, from the `searchDoc` index's keys (no record read). */
async function docsByMessage(db: DeviceCache): Promise<Map<string, number>> {
  const docs = new Map<string, number>();
  await db.messages.orderBy('searchDoc').eachKey((doc, cursor) => {
    docs.set(cursor.primaryKey, doc as number);
  });
  return docs;
}

/** Stops a running build between two transactions. */
export interface IndexBuild {
  /** Resolves with how many messages were indexed, when the index is complete or the build stopped. */
  readonly finished: Promise<number>;
  stop(): void;
}

/** Starts the build for `db`; it runs until every message has its complete record, or until stopped. */
export function startIndexBuild(db: DeviceCache, options: IndexBuildOptions): IndexBuild {
  let stopped = false;
  const finished = (async () => {
    let indexed = 0;
    // A pass misses what main renamed or added without a record meanwhile (a message stored before
    // its folder, a rename of a message not indexed yet): a second pass finds it.
    for (;;) {
      await options.idle();
      if (stopped) return indexed;
      const todo = await messagesToIndex(db);
      if (!todo.length) return indexed;
      const found = todo.length;
      let at = 0;
      let progress = 0;
      // Records read per transaction follow what the work budget let the last one finish (twice
      // that), so a budget that stops at 15 messages does not read 100 bodies each time.
      let readSize = options.batchSize ?? DEFAULT_BATCH;
      while (at < todo.length) {
        await options.yieldThread();
        await options.idle();
        if (stopped) return indexed;
        const step = await indexBatch(db, todo, at, readSize, options);
        readSize = Math.min(options.batchSize ?? DEFAULT_BATCH, Math.max(MIN_BATCH, step.read * 2));
        at += step.read;
        indexed += step.written;
        progress += step.read;
        options.onProgress?.(progress, found);
      }
    }
  })();
  return {
    finished,
    stop: () => {
      stopped = true;
    },
  };
}

/**
 * One transaction of the build: from `todo[at]` on, reads messages (and their bodies) within the
 * batch's limits, makes the records the index lacks within the work budget, and writes them.
 * Returns how many ids it went past and how many records it wrote.
 */
async function indexBatch(db: DeviceCache, todo: string[], at: number, batchSize: number, options: IndexBuildOptions): Promise<{ read: number; written: number }> {
  const batchBytes = options.batchBytes ?? DEFAULT_BATCH_BYTES;
  const budget = options.workBudgetMs ?? DEFAULT_WORK_BUDGET_MS;
  return db.transaction('rw', [db.messages, db.bodies, db.searchTerms], async () => {
    const ids = todo.slice(at, at + batchSize);
    const messages = await db.messages.bulkGet(ids);
    const records = await db.searchTerms.bulkGet(messages.map((m) => m?.searchDoc ?? -1));
    // Bodies read only up to the byte limit: the ids past it wait for the next transaction.
    let count = 0;
    let bytes = 0;
    for (; count < ids.length; count++) {
      const size = Math.max(messages[count]?.size ?? 0, SMALLEST_SIZE);
      if (count > 0 && bytes + size > batchBytes) break;
      bytes += size;
    }
    const wanted = ids.slice(0, count).filter((_, i) => messages[i] && !(records[i]?.hasBody === 1));
    const bodies = new Map<string, BodyRecord>();
    (await db.bodies.bulkGet(wanted)).forEach((body) => body && bodies.set(body.messageId, body));
    const started = performance.now();
    const written: Array<{ message: MessageRecord; entry: IndexEntry }> = [];
    let read = 0;
    for (; read < count; read++) {
      if (read > 0 && performance.now() - started > budget) break;
      const message: MessageRecord | undefined = messages[read];
      // Deleted since the ids were read, or completed by main's own ops meanwhile: nothing to do.
      if (!message || records[read]?.hasBody === 1) continue;
      const body = bodies.get(message.id);
      if (records[read] && !body) continue;
      written.push({ message, entry: indexEntryOf(message, body) });
    }
    if (written.length) await writeIndexEntries(db, written);
    return { read, written: written.length };
  });
}
