import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { threadMessages } from '../../common/threading/jwz';
import { readDb } from './read-db';
import { readThreadingInputs } from './thread-inputs';
import { decodeThreads, encodeThreads, type EncodedThreads, type ThreadTable } from './thread-table';
import type { ThreadingRequest } from './threading-protocol';
import { workerClient } from './worker-client';

/**
 * Conversations of one device's cache: every folder of the account threaded together (a reply in
 * Sent joins its thread in the Inbox), shared by the conversation list and the stacked reader.
 *
 * A worker reads the whole cache and threads it (renderer/cache/threading.worker.ts), outside any
 * live query (a live query over 100,000 records would re-read them at every write); the page only
 * builds its table from the answer, a slice at a time. The cache is threaded again when the number
 * of messages changes (new mail, a delete) or a listed message is not threaded yet (a move). Flag
 * changes do not regroup anything and cost nothing here: rows read their records live.
 */

const REREAD_PAUSE_MS = 500;

/** What a reading of the cache was asked for: the message count then, and a listed id not threaded then. */
interface Request {
  total: number;
  unknownId: string;
}

export interface Computed extends Request, ThreadTable {}

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

const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

const threadingWorker = workerClient<ThreadingRequest, EncodedThreads>(() => new Worker(new URL('./threading.worker.ts', import.meta.url), { type: 'module', name: 'threading' }));

/** The device's conversations, threaded by the worker (or, without one, in the page between reads). */
async function threadTable(dbName: string): Promise<ThreadTable> {
  const encoded = (await threadingWorker.ask({ dbName })) ?? encodeThreads(threadMessages(await readThreadingInputs(dbName, nextTurn)).threads);
  return decodeThreads(encoded, nextTurn);
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
      entry.computed = { ...request, ...(await threadTable(dbName)) };
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
  const unknown = useMemo(() => (computed && folderIds ? (folderIds.find((id) => !computed.threadOf.has(id) && !id.startsWith('pending:')) ?? '') : ''), [computed, folderIds]);
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
 * Yields every 1,000 ids, where a caller grouping a long list between frames may pause.
 */
function* groupRows(folderIds: readonly string[], threading: Computed | null, rows: ConversationRow[]): Generator<void, void> {
  const seen = new Set<string>();
  for (let i = 0; i < folderIds.length; i++) {
    const id = folderIds[i]!;
    const threadId = threading?.threadOf.get(id) ?? `message:${id}`;
    if (!seen.has(threadId)) {
      seen.add(threadId);
      rows.push({ threadId, newestId: id, messageIds: threading?.threadsById.get(threadId) ?? [id] });
    }
    if (i % 1_000 === 999) yield;
  }
}

/** The folder's conversation rows at once, for a list small enough to group within a frame. */
export function conversationRows(folderIds: readonly string[], threading: Computed | null): ConversationRow[] {
  const rows: ConversationRow[] = [];
  const steps = groupRows(folderIds, threading, rows);
  while (!steps.next().done);
  return rows;
}

/** The same, calling `pause` between slices of about `sliceMs`; null when `pause` says to stop. */
export async function conversationRowsInSlices(folderIds: readonly string[], threading: Computed | null, pause: () => Promise<boolean>, sliceMs = 8): Promise<ConversationRow[] | null> {
  const rows: ConversationRow[] = [];
  const steps = groupRows(folderIds, threading, rows);
  let sliceStart = performance.now();
  while (!steps.next().done) {
    if (performance.now() - sliceStart <= sliceMs) continue;
    if (!(await pause())) return null;
    sliceStart = performance.now();
  }
  return rows;
}

/**
 * From this many ids on, rows are grouped a slice at a time: 100,000 ids took 29 ms in one task,
 * arriving mid-scroll (a profile of 2026-12-05).
 */
const GROUPED_AT_ONCE = 5_000;

/**
 * The folder's conversation rows for the list. A long folder's rows are grouped between frames;
 * meanwhile the rows shown last stay (the folder's first page, or its rows before new mail).
 */
export function useConversationRows(folderIds: readonly string[] | undefined, threading: Computed | null): ConversationRow[] | undefined {
  const small = folderIds !== undefined && folderIds.length <= GROUPED_AT_ONCE;
  const direct = useMemo(() => (folderIds !== undefined && small ? conversationRows(folderIds, threading) : null), [folderIds, threading, small]);
  const [built, setBuilt] = useState<{ folderIds: readonly string[]; threading: Computed | null; rows: ConversationRow[] } | null>(null);
  useEffect(() => {
    if (folderIds === undefined || small) return;
    let current = true;
    const pause = (): Promise<boolean> => nextTurn().then(() => current);
    void conversationRowsInSlices(folderIds, threading, pause).then((rows) => rows && current && setBuilt({ folderIds, threading, rows }));
    return () => {
      current = false;
    };
  }, [folderIds, threading, small]);
  const ready = direct ?? (built && built.folderIds === folderIds && built.threading === threading ? built.rows : null);
  // The rows shown last, kept while a long list is grouped (React's "state from the previous render").
  const [shown, setShown] = useState<ConversationRow[] | null>(null);
  if (ready && ready !== shown) setShown(ready);
  // Nothing shown yet (a long list from the start): grouped at once, as there is nothing to keep.
  const atOnce = useMemo(() => (folderIds !== undefined && !ready && !shown ? conversationRows(folderIds, threading) : null), [folderIds, threading, ready, shown]);
  if (folderIds === undefined) return undefined;
  return ready ?? shown ?? atOnce ?? [];
}

/** The conversation a message belongs to, oldest first: the message alone until threading is ready. */
export function threadOfMessage(threading: Computed | null, messageId: string): readonly string[] {
  const threadId = threading?.threadOf.get(messageId);
  return (threadId && threading?.threadsById.get(threadId)) || [messageId];
}

