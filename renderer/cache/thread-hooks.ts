import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { MessageRecord } from '../../common/model/mail';
import { threadMessages, type Thread, type Threading, type ThreadingInput } from '../../common/threading/jwz';
import { readDb } from './read-db';

/**
 * Conversations of one device's cache: every folder of the account threaded together (a reply in
 * Sent joins its thread in the Inbox), shared by the conversation list and the stacked reader.
 *
 * The whole cache is read outside any live query, in chunks of CHUNK records with a turn of the
 * event loop between them (a live query over 100,000 records would re-read them at every write,
 * and one read of them all holds the page for hundreds of ms); it is read again when the number of
 * messages changes (new mail, a delete) or a listed message is not threaded yet (a move). Flag
 * changes do not regroup anything and cost nothing here: rows read their records live.
 */

const CHUNK = 2_000;
const REREAD_PAUSE_MS = 500;

/** What a reading of the cache was asked for: the message count then, and a listed id not threaded then. */
interface Request {
  total: number;
  unknownId: string;
}

export interface Computed extends Request {
  threading: Threading;
  threadsById: Map<string, Thread>;
}

interface Entry {
  computed: Computed | null;
  running: boolean;
  wanted: Request | null;
  listeners: Set<() => void>;
}

const entries = new Map<string, Entry>();

function entryOf(dbName: string): Entry {
  let entry = entries.get(dbName);
  if (!entry) {
    entry = { computed: null, running: false, wanted: null, listeners: new Set() };
    entries.set(dbName, entry);
  }
  return entry;
}

function inputOf(record: MessageRecord): ThreadingInput {
  return { id: record.id, messageId: record.messageId, inReplyTo: record.inReplyTo, references: record.references, subject: record.subject, date: record.date };
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Every record's threading facts, in primary-key order, a chunk at a time. */
async function readInputs(dbName: string): Promise<ThreadingInput[]> {
  const db = readDb(dbName);
  const inputs: ThreadingInput[] = [];
  let last: string | null = null;
  for (;;) {
    const chunk: MessageRecord[] = await (last === null ? db.messages.orderBy(':id') : db.messages.where(':id').above(last)).limit(CHUNK).toArray();
    for (const record of chunk) if (!record.problem) inputs.push(inputOf(record));
    if (chunk.length < CHUNK) return inputs;
    last = chunk.at(-1)!.id;
    await nextTurn();
  }
}

function requestThreading(dbName: string, request: Request): void {
  const entry = entryOf(dbName);
  entry.wanted = request;
  void recompute(dbName, entry);
}

async function recompute(dbName: string, entry: Entry): Promise<void> {
  if (entry.running) return;
  entry.running = true;
  try {
    while (entry.wanted) {
      const request = entry.wanted;
      entry.wanted = null;
      const started = performance.now();
      const threading = threadMessages(await readInputs(dbName));
      entry.computed = { ...request, threading, threadsById: new Map(threading.threads.map((t) => [t.id, t])) };
      entry.listeners.forEach((listener) => listener());
      // While a sync adds mail batch after batch, the page reads the cache a fraction of the time only.
      if (entry.wanted) await new Promise((resolve) => setTimeout(resolve, Math.max(REREAD_PAUSE_MS, 3 * (performance.now() - started))));
    }
  } catch {
    // A database closed meanwhile (device removed): no conversations; the list shows messages.
    entry.wanted = null;
  } finally {
    entry.running = false;
  }
}

/**
 * The device's conversations, or null until the first threading is ready. `folderIds` are the ids
 * the caller lists: one of them not threaded yet (a message moved in) makes the cache read again.
 */
export function useThreading(dbName: string | null, folderIds: readonly string[] | undefined): Computed | null {
  const total = useLiveQuery(async () => (dbName ? readDb(dbName).messages.count() : null), [dbName]);
  const entry = dbName ? entryOf(dbName) : null;
  const computed = useSyncExternalStore(
    (listener) => {
      entry?.listeners.add(listener);
      return () => entry?.listeners.delete(listener);
    },
    () => entry?.computed ?? null,
  );
  const unknown = useMemo(() => (computed && folderIds ? (folderIds.find((id) => !computed.threading.threadOf.has(id) && !id.startsWith('pending:')) ?? '') : ''), [computed, folderIds]);
  useEffect(() => {
    if (!dbName || !entry || total === undefined || total === null) return;
    // An id read for once and still not threaded (a record with a problem never is) reads no more.
    const stale = !computed || computed.total !== total || (unknown !== '' && unknown !== computed.unknownId);
    if (!stale) return;
    requestThreading(dbName, { total, unknownId: unknown });
  }, [dbName, entry, total, unknown, computed]);
  return computed;
}

/** A conversation row of a folder: its thread and the thread's newest message in this folder. */
export interface ConversationRow {
  threadId: string;
  /** The thread's newest message of this folder: what selecting the row selects. */
  newestId: string;
  /** The thread's messages in every folder, oldest first (just the message before threading). */
  messageIds: readonly string[];
}

/**
 * The folder's conversations, newest first: each thread with a message in the folder, once, at
 * the place of its newest message there. Before threading is ready, each message is a row.
 */
export function conversationRows(folderIds: readonly string[], threading: Computed | null): ConversationRow[] {
  const rows: ConversationRow[] = [];
  const seen = new Set<string>();
  for (const id of folderIds) {
    const threadId = threading?.threading.threadOf.get(id) ?? `message:${id}`;
    if (seen.has(threadId)) continue;
    seen.add(threadId);
    rows.push({ threadId, newestId: id, messageIds: threading?.threadsById.get(threadId)?.messageIds ?? [id] });
  }
  return rows;
}

/** The conversation a message belongs to, oldest first: the message alone until threading is ready. */
export function threadOfMessage(threading: Computed | null, messageId: string): readonly string[] {
  const threadId = threading?.threading.threadOf.get(messageId);
  return (threadId && threading?.threadsById.get(threadId)?.messageIds) || [messageId];
}

