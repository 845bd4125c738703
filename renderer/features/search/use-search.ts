import { useCallback, useDeferredValue, useEffect, useMemo, useReducer, useRef, useState, useSyncExternalStore } from 'react';
import { useIntl } from 'react-intl';
import type { ServerSearchResult } from '../../../common/contract';
import type { FolderRecord, MessageRecord } from '../../../common/model/mail';
import { isEmptyQuery, parseQuery, type SearchQuery, type SearchScope } from '../../../common/search/query';
import { invoke } from '../../app/use-command';
import { intl } from '../../i18n/intl';
import { useFolders } from '../../cache/hooks';
import { readDb } from '../../cache/read-db';
import { watchIndexProgress, type IndexProgress, type IndexProgressWatch } from '../../cache/index-progress';
import { runSearch, type SearchFolder, type SearchPlace } from '../../cache/search';
import { highlightTerms } from '../../cache/search-match';
import { setFoundOnServer } from './found-on-server';
import { useEverywhereSearch } from './use-everywhere-search';
import type { ServerPart } from './server-part';

export type { ServerPart } from './server-part';
import type { UnifiedEntry, UnifiedKind, UnifiedSource } from '../../cache/unified';
import { useSearchDevices } from './use-search-devices';
import { errorText } from '../../i18n/error-words';
import { wordQuery } from '../../i18n/search-problems';

export interface SearchState {
  /** What is typed in the search box. */
  text: string;
  setText: (text: string) => void;
  scope: SearchScope;
  setScope: (scope: SearchScope) => void;
  /** Whether a search is shown instead of the folder. */
  active: boolean;
  /**
   * Whether it searches every account ("All accounts", or the search box of a view over every
   * account): then `entries` are what it found, one list with each message's account, and `ids` their keys.
   */
  everywhere: boolean;
  entries: UnifiedEntry[] | undefined;
  /** Accounts of which only the newest UNIFIED_PER_ACCOUNT found are listed; accounts whose cache could not be read. */
  cutAccounts: string[];
  failedAccounts: string[];
  /** The messages found, newest first (the server's hits merged in); undefined while searching. */
  ids: string[] | undefined;
  /** How many of `ids` this computer's cache found (the rest the server found). */
  localCount: number | undefined;
  /** Whether `ids` are the first results only, the search still reading the rest. */
  partial: boolean;
  server: ServerPart;
  /** Terms to highlight in the list and the reader (common/search/tokenize.ts terms). */
  highlight: readonly string[];
  /** What the parser and the search could not read, in plain words. */
  problems: string[];
  /** While the full-text index is still being built: messages indexed of those cached. */
  indexing: IndexProgress | null;
}

const sameCounts = (a: IndexProgress | null, b: IndexProgress | null): boolean => a?.indexed === b?.indexed && a?.total === b?.total;

/**
 * The index's counts, read after writes (at most once a second, `watchIndexProgress`): `latest()`
 * gives the last reading (null before one), for a search to read when it starts, and `behind()`
 * whether a write came since (a batch of headers stored without their terms makes a complete
 * index incomplete); the window renders them (`counts`), and `onChange` hears of a change, only
 * while a search is shown (`shown`). While the index is built they change at each of its writes;
 * rendering each change with no search shown re-rendered the whole window with the search box in
 * it: 60 MB of garbage a minute in the 100,000-message build, whose collections made UI frames
 * late (a heap profile of the page, 2026-12-06). Read only while a search is shown, the first
 * search of a large cache counted its 100,000 messages itself, and was shown later.
 */
function useIndexCounts(dbName: string | null, shown: boolean, onChange: () => void): { counts: IndexProgress | null; latest: () => IndexProgress | null; behind: () => boolean } {
  const read = useRef<{ dbName: string; counts: IndexProgress } | null>(null);
  const watch = useRef<IndexProgressWatch | null>(null);
  const listening = useRef({ shown, onChange });
  useEffect(() => {
    listening.current = { shown, onChange };
  }, [shown, onChange]);
  const latest = useCallback(() => (read.current && read.current.dbName === dbName ? read.current.counts : null), [dbName]);
  const subscribe = useCallback(
    (rendered: () => void) => {
      if (!dbName) return () => {};
      const watching = watchIndexProgress(dbName, {
        next: (next) => {
          const before = read.current?.dbName === dbName ? read.current.counts : null;
          if (sameCounts(before, next)) return;
          read.current = { dbName, counts: next };
          if (!listening.current.shown) return;
          rendered();
          if (before !== null) listening.current.onChange();
        },
        // A database closed meanwhile (the device removed): no counts; a search counts for itself.
        error: () => {
          read.current = null;
          rendered();
        },
      });
      watch.current = watching;
      return () => {
        watching.stop();
        if (watch.current === watching) watch.current = null;
      };
    },
    [dbName],
  );
  const behind = useCallback(() => watch.current?.behind() ?? true, []);
  const counts = useSyncExternalStore(subscribe, () => (shown ? latest() : null));
  return { counts, latest, behind };
}

const isComplete = (counts: IndexProgress | null): boolean => counts !== null && counts.indexed >= counts.total;

/** What a search needs of a folder: a sync rewrites folder records often, and these facts seldom change. */
type FolderFacts = SearchFolder & Pick<FolderRecord, 'origin' | 'backfillBelowUid'>;

function folderFacts(folders: readonly FolderRecord[] | undefined): string | null {
  return folders ? JSON.stringify(folders.map((f): FolderFacts => ({ id: f.id, name: f.name, path: f.path, role: f.role, noSelect: f.noSelect, origin: f.origin, backfillBelowUid: f.backfillBelowUid }))) : null;
}

/** Whether some of what a search looks at is not in the cache: headers not synced yet, or bodies not fetched. */
async function partlyCached(dbName: string, folders: readonly FolderFacts[], folderIds: readonly string[]): Promise<boolean> {
  const db = readDb(dbName);
  for (const id of folderIds) {
    const folder = folders.find((f) => f.id === id);
    if (!folder || folder.origin !== 'server') continue;
    if (folder.backfillBelowUid !== 0) return true;
    const [messages, bodies] = await Promise.all([
      db.messages.where('[folderId+date]').between([id, -Infinity], [id, Infinity]).count(),
      db.bodies.where('messageId').between(`${id}#`, `${id}#\uffff`).count(),
    ]);
    if (bodies < messages) return true;
  }
  return false;
}

/** Local results and the server's hits as one list, newest first. */
async function merged(dbName: string, local: string[], result: ServerSearchResult): Promise<{ ids: string[]; fromServer: Set<string> }> {
  const known = new Set(local);
  const fromServer = new Set(result.hits.map((h) => h.messageId).filter((id) => !known.has(id)));
  if (fromServer.size === 0) return { ids: local, fromServer };
  const records = (await readDb(dbName).messages.bulkGet([...local, ...fromServer])).filter((m): m is MessageRecord => m !== undefined);
  records.sort((a, b) => b.date - a.date);
  return { ids: records.map((m) => m.id), fromServer: new Set([...fromServer].filter((id) => records.some((m) => m.id === id))) };
}

interface Outcome {
  key: string;
  ids: string[];
  localCount: number;
  problems: string[];
  server: ServerPart;
}

/**
 * The search box's state and what it finds: the shown device's cache (renderer/cache/search.ts),
 * merged with its IMAP server's hits when the cache does not hold everything looked at; or, for
 * "All accounts" and in a view over every account (`within`), every account's (use-everywhere-search.ts).
 */
export function useSearch({ dbName, folder, within, sources }: { dbName: string | null; folder: FolderRecord | null; within: UnifiedKind | null; sources: readonly UnifiedSource[] }): SearchState {
  const [text, setText] = useState('');
  const [scope, setScope] = useState<SearchScope>('folder');
  // Each key starts a search and stops the one before (its AbortController); React shows the box
  // first and the search's state when it has time, so typing never waits for a search.
  const settled = useDeferredValue(text);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [first, setFirst] = useState<{ key: string; ids: string[] } | null>(null);
  const foldersKey = folderFacts(useFolders(dbName));
  const folders = useMemo(() => (foldersKey === null ? null : (JSON.parse(foldersKey) as FolderFacts[])), [foldersKey]);
  // The server's answers to the queries of this search, by key: asked once each, not again each time the cache changes.
  const serverAnswers = useRef(new Map<string, ServerSearchResult>());
  const devices = useSearchDevices();
  // A change in the cache (a message indexed, added or removed) searches again, but never stops a
  // search under way: while the index is built the counts change at each of its writes, and a
  // search that each change restarted was shown late or not at all (1,031 hits in 100,000 messages:
  // 1.8 s, or never). One that ran while they changed is shown, then run again.
  const [cacheChanges, searchAgain] = useReducer((n: number) => n + 1, 0);
  const running = useRef<{ cacheChanged: boolean } | null>(null);
  const onCountsChange = useCallback(() => {
    if (running.current) running.current.cacheChanged = true;
    else searchAgain();
  }, []);
  const active = text.trim().length > 0;
  // Both tables counted after writes, at most once a second: the progress of the index, and (a message indexed or removed) a reason to search again.
  const { counts, latest: latestCounts, behind: countsBehind } = useIndexCounts(dbName, active, onCountsChange);
  const indexing = counts && !isComplete(counts) ? counts : null;

  // The parser's problems are said in the language shown; a change of language words them again.
  const words = useIntl();
  const query = useMemo((): SearchQuery => wordQuery(parseQuery(settled), words), [settled, words]);
  const shown = devices.find((d) => d.dbName === dbName) ?? null;
  const folderId = folder?.id ?? null;
  const everywhere = within !== null || scope === 'all';
  const key = everywhere ? `every\n${within ?? ''}\n${settled}` : `${dbName ?? ''}\n${folderId ?? ''}\n${scope}\n${settled}`;
  const connection = shown?.connection ?? null;
  const every = useEverywhereSearch({ active: active && everywhere, key, query, text: settled, within, sources, devices });

  useEffect(() => {
    if (everywhere || !dbName || !folders || isEmptyQuery(query)) return;
    const abort = new AbortController();
    const place: SearchPlace = scope === 'folder' && folderId ? { kind: 'folder', folderId } : { kind: 'account' };
    const thisRun = { cacheChanged: false };
    const run = async (): Promise<void> => {
      running.current = thisRun;
      let local: Awaited<ReturnType<typeof runSearch>>;
      let base: Omit<Outcome, 'server'>;
      let server: ServerPart = { kind: 'none' };
      try {
        local = await runSearch(readDb(dbName), query, place, { folders, signal: abort.signal, fullyIndexed: isComplete(latestCounts()) && !countsBehind(), onFirst: (ids) => !abort.signal.aborted && setFirst({ key, ids }) });
        if (abort.signal.aborted) return;
        base = { key, ids: local.ids, localCount: local.ids.length, problems: [...query.problems, ...local.problems] };
        const serverMayHaveMore = shown?.mode === 'imap' && local.folderIds.length > 0 && (place.kind === 'account' || (await partlyCached(dbName, folders, local.folderIds)));
        if (serverMayHaveMore && connection !== 'online') server = { kind: 'offline' };
        else if (serverMayHaveMore) server = { kind: 'searching' };
        setOutcome({ ...base, server });
        // The whole answer is here: a first page kept would be shown when this query is typed again.
        setFirst(null);
        setFoundOnServer(new Set());
      } finally {
        if (running.current === thisRun) running.current = null;
      }
      // The cache changed while this ran: what it found is shown, and the search runs again (the
      // server's answer, once here, is kept for it).
      if (thisRun.cacheChanged) {
        searchAgain();
        return;
      }
      if (server.kind !== 'searching' || !shown) return;
      const folderPaths = place.kind === 'folder' ? folders.filter((f) => local.folderIds.includes(f.id)).map((f) => f.path) : null;
      let answer = serverAnswers.current.get(key) ?? null;
      if (!answer) {
        const asked = await invoke('messages:searchServer', { accountId: shown.accountId, deviceId: shown.deviceId, query: settled.slice(0, 2_000), folderPaths });
        // Kept even when this run was stopped by a change in the cache: the next run of the same query uses it.
        if (asked.ok) serverAnswers.current.set(key, asked.value);
        if (abort.signal.aborted) return;
        if (!asked.ok) {
          setOutcome({ ...base, server: { kind: 'failed', message: errorText(asked.error) } });
          return;
        }
        answer = asked.value;
      }
      const { ids, fromServer } = await merged(dbName, local.ids, answer);
      if (abort.signal.aborted) return;
      setFoundOnServer(fromServer);
      setOutcome({ ...base, ids, server: { kind: 'found', count: fromServer.size, truncated: answer.truncated, serverNotes: answer.notes } });
    };
    run().catch((error: unknown) => {
      if (abort.signal.aborted) return;
      const problem = intl().formatMessage({ id: 'search.failed', defaultMessage: 'The search failed: {reason}' }, { reason: error instanceof Error ? error.message : String(error) });
      setOutcome({ key, ids: [], localCount: 0, problems: [problem], server: { kind: 'none' } });
    });
    return () => abort.abort();
    // `cacheChanges` reruns the search as the cache changes; the device list only matters through what it names.
  }, [key, cacheChanges, dbName, folders, query, scope, folderId, settled, shown, connection, everywhere, latestCounts, countsBehind]);

  // Leaving the search (or the results) takes the server marks off the rows.
  useEffect(() => {
    if (active) return;
    setFoundOnServer(new Set());
    // A search typed again asks the server again: its mail may have changed since.
    serverAnswers.current.clear();
  }, [active]);

  // The rows of a search over every account are marked by entry key: message ids repeat across accounts.
  const fromServer = every.result?.fromServer;
  useEffect(() => {
    if (everywhere && active && fromServer) setFoundOnServer(fromServer);
  }, [everywhere, active, fromServer]);

  const highlight = useMemo(() => highlightTerms(query), [query]);
  const common = { text, setText, scope, setScope, active, everywhere, highlight, indexing };
  if (everywhere) {
    const found = every.result;
    const waiting = active && (text !== settled || (!found && !isEmptyQuery(query)));
    const askingServer = every.server.kind === 'searching' && found?.entries.length === 0;
    // While the next query runs (the user is typing), the last results stay listed, as in one account.
    const entries = !active ? undefined : isEmptyQuery(query) && !waiting ? [] : askingServer ? undefined : waiting ? every.last?.entries : found?.entries;
    return {
      ...common,
      ids: entries?.map((e) => e.key),
      entries,
      cutAccounts: found?.cutAccounts ?? [],
      failedAccounts: found?.failed ?? [],
      localCount: found?.localCount,
      partial: false,
      server: every.server,
      problems: active ? (found?.problems ?? query.problems) : [],
    };
  }

  const current = outcome?.key === key ? outcome : null;
  const waiting = active && (text !== settled || (!current && !isEmptyQuery(query)));
  // Nothing here yet while the server is still asked: "Searching…", not "Nothing matches".
  const askingServer = current?.server.kind === 'searching' && current.ids.length === 0;
  // The first results of a large search are listed while it reads the rest (never while typing).
  const firstOnly = !current && text === settled && first?.key === key ? first.ids : undefined;
  const ids = !active ? undefined : isEmptyQuery(query) && !waiting ? [] : askingServer ? undefined : (current?.ids ?? firstOnly);
  return {
    ...common,
    partial: current === null && firstOnly !== undefined,
    ids: waiting && !current && !firstOnly ? undefined : ids,
    entries: undefined,
    cutAccounts: [],
    failedAccounts: [],
    localCount: current?.localCount,
    server: current?.server ?? { kind: 'none' },
    problems: active ? (current?.problems ?? query.problems) : [],
  };
}
