import Dexie from 'dexie';
import type { BodyRecord, FolderRecord, MessageRecord } from '../../common/model/mail';
import type { DeviceCache } from './schema';
import type { IndexEntry, SearchTermsRecord } from '../../common/search/index-record';
import { writeIndexEntries } from './index-ops';
import { indexEntryOf } from './search-index';

/**
 * The background build of the search index, for one database: mail cached before the index existed
 * in its present form (schema version 7) has no entry, and an entry made before its message's body
 * came may lack the body's terms. The build finds those messages (what has a complete entry is
 * done, so a build stopped anywhere resumes where it was), Inbox first, then Sent, then the other folders,
 * each newest first, and indexes them in small batches (see readBatch). Between two it waits until
 * main's requests are all applied (they go first) and yields the thread (in the web harness the
 * host shares the UI's), so no frame waits long for it.
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
  /** Milliseconds of tokenizing at a time: past it, the thread is given back before the next message. */
  workBudgetMs?: number;
  /** Told after each batch: how many of the messages this pass found it has gone past, and how many it found. */
  onProgress?(done: number, found: number): void;
  /** Told after each write has committed: what it wrote (index-build-signal.ts says it to the windows). */
  onWritten?(written: WrittenTerms): void;
}

/** What one write of the build changed: terms under these numbers, and messages numbered for the first time. */
export interface WrittenTerms {
  docs: number[];
  numbered: Array<{ id: string; doc: number }>;
}

const DEFAULT_BATCH = 100;
const DEFAULT_BATCH_BYTES = 2 * 1024 * 1024;
/** A slice of tokenizing: short enough that a frame of the page sharing the thread stays on time. */
const DEFAULT_WORK_BUDGET_MS = 5;
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
      const readSize = options.batchSize ?? DEFAULT_BATCH;
      while (at < todo.length) {
        await options.yieldThread();
        await options.idle();
        if (stopped) return indexed;
        const batch = await readBatch(db, todo, at, readSize, options);
        const made = await termsOf(batch, options);
        // Asked again before the write: a write queued while the page reads a folder holds the
        // page's reads behind it (IndexedDB runs them in order), as long as the reads before it last.
        await options.idle();
        if (stopped) return indexed;
        const written = await writeMade(db, made);
        indexed += written.docs.length;
        if (written.docs.length) options.onWritten?.(written);
        at += batch.count;
        options.onProgress?.(at, found);
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

/** What a batch read: its messages (and their records and bodies), `count` of them to index. */
interface Batch {
  count: number;
  messages: Array<MessageRecord | undefined>;
  records: Array<SearchTermsRecord | undefined>;
  bodies: Map<string, BodyRecord>;
}

/** A message's new terms, not written yet. */
interface Made {
  message: MessageRecord;
  entry: IndexEntry;
}

/*
 * A batch goes in three steps so the page's reads never wait for the tokenizing: its messages (and
 * their bodies) within the limits are read in a read-only transaction; their terms are made outside
 * any transaction, in slices of the work budget with the thread given back between them (in the
 * web harness the host shares the UI's thread); they are written in a short transaction that keeps
 * only what nothing changed meanwhile. A build that held one read-write transaction over all three
 * kept the page's reads of the messages waiting.
 */

/** Reads the batch from `todo[at]` on: up to `batchSize` messages and `batchBytes` of their sizes. */
function readBatch(db: DeviceCache, todo: string[], at: number, batchSize: number, options: IndexBuildOptions): Promise<Batch> {
  const batchBytes = options.batchBytes ?? DEFAULT_BATCH_BYTES;
  return db.transaction('r', [db.messages, db.bodies, db.searchTerms], async () => {
    const ids = todo.slice(at, at + batchSize);
    const messages = await db.messages.bulkGet(ids);
    const records = await db.searchTerms.bulkGet(messages.map((m) => m?.searchDoc ?? -1));
    // Bodies read only up to the byte limit: the ids past it wait for the next batch.
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
    return { count, messages, records, bodies };
  });
}

/** The terms of the batch's messages that need them, made a slice of the work budget at a time. */
async function termsOf(batch: Batch, options: IndexBuildOptions): Promise<Made[]> {
  const budget = options.workBudgetMs ?? DEFAULT_WORK_BUDGET_MS;
  const made: Made[] = [];
  let sliceStart = performance.now();
  for (let i = 0; i < batch.count; i++) {
    if (performance.now() - sliceStart > budget) {
      await options.yieldThread();
      sliceStart = performance.now();
    }
    const message = batch.messages[i];
    // Deleted since the ids were read, or completed by main's own ops meanwhile: nothing to do.
    if (!message || batch.records[i]?.hasBody === 1) continue;
    const body = batch.bodies.get(message.id);
    if (batch.records[i] && !body) continue;
    made.push({ message, entry: indexEntryOf(message, body) });
  }
  return made;
}

/**
 * Writes the terms that are still wanted: not for a message deleted or renumbered meanwhile, nor
 * over a record main's own ops made meanwhile (with its body's terms, or any, when these have
 * none). Returns what it wrote.
 */
async function writeMade(db: DeviceCache, made: Made[]): Promise<WrittenTerms> {
  if (!made.length) return { docs: [], numbered: [] };
  return db.transaction('rw', [db.messages, db.searchTerms], async () => {
    const messagesNow = await db.messages.bulkGet(made.map((m) => m.message.id));
    const recordsNow = await db.searchTerms.bulkGet(made.map((m) => m.message.searchDoc ?? -1));
    // Each message as it is now: main's ops ran while the terms were made (a flag changed), and a
    // record numbered here is put again whole. Its terms are of its headers and body, which a flag
    // does not change.
    const still = made.flatMap(({ message, entry }, i) => {
      const now = messagesNow[i];
      const record = recordsNow[i];
      if (now === undefined || now.searchDoc !== message.searchDoc || record?.hasBody === 1 || (record && entry.hasBody !== 1)) return [];
      return [{ message: now, entry }];
    });
    if (!still.length) return { docs: [], numbered: [] };
    const numbered = await writeIndexEntries(db, still);
    const docOf = new Map(numbered.map((m) => [m.id, m.searchDoc!]));
    return {
      docs: still.map(({ message }) => docOf.get(message.id) ?? message.searchDoc!),
      numbered: numbered.map((m) => ({ id: m.id, doc: m.searchDoc! })),
    };
  });
}
