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
      // On the page's timeline (a bench reads it): when the whole cache was read again, and why.
      // One entry at a time: each reading replaces the last.
      performance.clearMeasures('threading');
      performance.measure('threading', { start: started, detail: `${request.total} messages${request.unknownId ? `, for ${request.unknownId}` : ''}` });
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
 * The device's conversations, or null until the first threading is ready. `unthreadedId`: an id
 * the caller lists that is not threaded yet (a message moved in; grouping the rows finds it), which
 * makes the cache read again; '' when there is none.
 */
export function useThreading(dbName: string | null, unthreadedId: string): Computed | null {
  const total = useLiveQuery(async () => (dbName ? readDb(dbName).messages.count() : null), [dbName]);
  const entry = dbName ? entryOf(dbName) : null;
  const computed = useSyncExternalStore(
    (listener) => {
      entry?.listeners.add(listener);
      return () => entry?.listeners.delete(listener);
    },
    () => entry?.computed ?? null,
  );
  const unknown = computed ? unthreadedId : '';
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

/** A folder's conversation rows, and a listed id not threaded yet (a message moved in), or ''. */
export interface GroupedRows {
  rows: ConversationRow[];
  unthreadedId: string;
}

/**
 * The folder's conversations, newest first: each thread with a message in the folder, once, at
 * the place of its newest message there. Before threading is ready, each message is a row.
 * Yields every 1,000 ids, where a caller grouping a long list between frames may pause. The
 * unthreaded id is found in the same pass: a pass of its own over 100,000 ids held a scroll frame
 * 39 ms (hashing each id read from the cache for the first time).
 */
function* groupRows(folderIds: readonly string[], threading: Computed | null): Generator<void, GroupedRows> {
  const rows: ConversationRow[] = [];
  const seen = new Set<string>();
  let unthreadedId = '';
  for (let i = 0; i < folderIds.length; i++) {
    const id = folderIds[i]!;
    const threadId = threading?.threadOf.get(id);
    if (threading && threadId === undefined && unthreadedId === '' && !id.startsWith('pending:')) unthreadedId = id;
    const rowId = threadId ?? `message:${id}`;
    if (!seen.has(rowId)) {
      seen.add(rowId);
      rows.push({ threadId: rowId, newestId: id, messageIds: threading?.threadsById.get(rowId) ?? [id] });
    }
    if (i % 1_000 === 999) yield;
  }
  return { rows, unthreadedId };
}

/** The folder's conversation rows at once, for a list small enough to group within a frame. */
export function groupedAtOnce(folderIds: readonly string[], threading: Computed | null): GroupedRows {
  const steps = groupRows(folderIds, threading);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The same, calling `pause` between slices of about `sliceMs`; null when `pause` says to stop. */
export async function groupedInSlices(folderIds: readonly string[], threading: Computed | null, pause: () => Promise<boolean>, sliceMs = 8): Promise<GroupedRows | null> {
  const steps = groupRows(folderIds, threading);
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart <= sliceMs) continue;
    if (!(await pause())) return null;
    sliceStart = performance.now();
  }
}

/**
 * From this many ids on, rows are grouped a slice at a time: 100,000 ids took 29 ms in one task,
 * arriving mid-scroll (a profile of 2026-12-05).
 */
const GROUPED_AT_ONCE = 5_000;

/**
 * The folder's conversation rows for the list. A long folder's rows are grouped between frames;
 * meanwhile the rows shown last stay (the folder's first page, or its rows before new mail), and
 * `grouped` is false.
 */
export function useConversationRows(folderIds: readonly string[] | undefined, threading: Computed | null): { rows: ConversationRow[] | undefined; grouped: boolean; unthreadedId: string } {
  const small = folderIds !== undefined && folderIds.length <= GROUPED_AT_ONCE;
  const direct = useMemo(() => (folderIds !== undefined && small ? groupedAtOnce(folderIds, threading) : null), [folderIds, threading, small]);
  const [built, setBuilt] = useState<{ folderIds: readonly string[]; threading: Computed | null; grouped: GroupedRows } | null>(null);
  useEffect(() => {
    if (folderIds === undefined || small) return;
    let current = true;
    const pause = (): Promise<boolean> => nextTurn().then(() => current);
    void groupedInSlices(folderIds, threading, pause).then((grouped) => grouped && current && setBuilt({ folderIds, threading, grouped }));
    return () => {
      current = false;
    };
  }, [folderIds, threading, small]);
  const ready = direct ?? (built && built.folderIds === folderIds && built.threading === threading ? built.grouped : null);
  // The rows shown last, kept while a long list is grouped (React's "state from the previous render").
  const [shown, setShown] = useState<GroupedRows | null>(null);
  if (ready && ready !== shown) setShown(ready);
  // Nothing shown yet (a long list from the start): grouped at once, as there is nothing to keep.
  const atOnce = useMemo(() => (folderIds !== undefined && !ready && !shown ? groupedAtOnce(folderIds, threading) : null), [folderIds, threading, ready, shown]);
  if (folderIds === undefined) return { rows: undefined, grouped: false, unthreadedId: '' };
  const current = ready ?? shown ?? atOnce ?? { rows: [], unthreadedId: '' };
  return { rows: current.rows, grouped: ready !== null || atOnce !== null, unthreadedId: current.unthreadedId };
}

/** The conversation a message belongs to, oldest first: the message alone until threading is ready. */
export function threadOfMessage(threading: Computed | null, messageId: string): readonly string[] {
  const threadId = threading?.threadOf.get(messageId);
  return (threadId && threading?.threadsById.get(threadId)) || [messageId];
}

