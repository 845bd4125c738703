import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { isEmptyQuery, type SearchQuery } from '../../../common/search/query';
import { invoke } from '../../app/use-command';
import { readDb } from '../../cache/read-db';
import { viewFolders, type UnifiedEntry, type UnifiedKind, type UnifiedSource } from '../../cache/unified';
import { newestEntryFirst, searchEveryAccount, serverEntries } from '../../cache/unified-search';
import type { SearchDevice } from './use-search-devices';

/** What the servers added to a search over every account, or why some could not. */
export type EverywhereServerPart =
  | { kind: 'none' }
  | { kind: 'searching' }
  | { kind: 'found'; count: number; truncated: boolean; offline: string[]; failed: string[] }
  | { kind: 'offline'; accounts: string[] };

export interface EverywhereResult {
  key: string;
  entries: UnifiedEntry[];
  /** Entry keys only a server found (the rows say "found on the server"). */
  fromServer: ReadonlySet<string>;
  localCount: number;
  problems: string[];
  cutAccounts: string[];
  failed: string[];
}

/** One server's answer to a query: the message ids it found, or why it could not search. */
type ServerAnswer = { hits: string[]; truncated: boolean } | { failed: string };

interface ServerAnswers {
  key: string;
  /** By cache name, as they come. */
  byAccount: Record<string, ServerAnswer>;
}

/**
 * The search over every account ("All accounts", and the search box of All inboxes, Unread and
 * Flagged): each account's cache, live (a row marked read shows it), and each connected IMAP
 * account's server, asked once per query, its hits merged in as in one account's search.
 */
export function useEverywhereSearch({ active, key, query, text, within, sources, devices }: { active: boolean; key: string; query: SearchQuery; text: string; within: UnifiedKind | null; sources: readonly UnifiedSource[]; devices: readonly SearchDevice[] }) {
  const [answers, setAnswers] = useState<ServerAnswers | null>(null);
  const runs = active && !isEmptyQuery(query);
  const sourcesKey = sources.map((s) => s.dbName).join('\n');
  const imapSources = sources
    .map((source) => ({ source, device: devices.find((d) => d.dbName === source.dbName) }))
    .filter((s): s is { source: UnifiedSource; device: SearchDevice } => s.device?.mode === 'imap');
  const online = imapSources.filter((s) => s.device.connection === 'online');
  const offline = imapSources.filter((s) => s.device.connection !== 'online').map((s) => s.source.address);
  const onlineKey = online.map((s) => s.source.dbName).join('\n');
  // Each server is asked once per query: a server that connects later is asked then, the others not again.
  const asked = useRef<{ key: string; dbNames: Set<string> }>({ key: '', dbNames: new Set() });
  const keyNow = useRef(key);
  useEffect(() => {
    keyNow.current = key;
  });

  useEffect(() => {
    if (!runs) return;
    if (asked.current.key !== key) asked.current = { key, dbNames: new Set() };
    const answered = (dbName: string, answer: ServerAnswer): void => {
      // An answer to a query no longer shown is dropped.
      if (keyNow.current !== key) return;
      setAnswers((now) => ({ key, byAccount: { ...(now && now.key === key ? now.byAccount : {}), [dbName]: answer } }));
    };
    for (const { source } of online) {
      if (asked.current.dbNames.has(source.dbName)) continue;
      asked.current.dbNames.add(source.dbName);
      void (async () => {
        const folderPaths = within ? viewFolders(within, await readDb(source.dbName).folders.toArray()).map((f) => f.path) : null;
        const answer = await invoke('messages:searchServer', { accountId: source.accountId, deviceId: source.deviceId, query: text.slice(0, 2_000), folderPaths });
        answered(source.dbName, answer.ok ? { hits: answer.value.hits.map((h) => h.messageId), truncated: answer.value.truncated } : { failed: `${source.address}: ${answer.error.message}` });
      })().catch((error: unknown) => answered(source.dbName, { failed: `${source.address}: ${error instanceof Error ? error.message : String(error)}` }));
    }
    // Asked once per query and newly connected server; `online` is derived from `onlineKey`, `text` and `within` are in `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [runs, key, onlineKey]);

  const current = answers?.key === key ? answers.byAccount : null;
  const hitsKey = current ? JSON.stringify(current) : '';
  const result = useLiveQuery(async (): Promise<EverywhereResult | null> => {
    if (!runs) return null;
    const local = await searchEveryAccount(sources, query, { within });
    const known = new Set(local.entries.map((e) => e.key));
    const extra: UnifiedEntry[] = [];
    for (const source of sources) {
      const answer = current?.[source.dbName];
      const ids = answer && 'hits' in answer ? answer.hits : null;
      if (ids?.length) extra.push(...(await serverEntries(source, ids, within)).filter((e) => !known.has(e.key)));
    }
    return { key, ...local, localCount: local.entries.length, entries: extra.length ? [...local.entries, ...extra].sort(newestEntryFirst) : local.entries, fromServer: new Set(extra.map((e) => e.key)) };
    // The query is `key`'s; the sources are `sourcesKey`'s.
  }, [runs, key, sourcesKey, within, hitsKey]);

  const shown = result && result.key === key ? result : null;
  const replies = online.map((s) => current?.[s.source.dbName]);
  let server: EverywhereServerPart = { kind: 'none' };
  if (runs) {
    if (replies.some((r) => r === undefined)) server = { kind: 'searching' };
    else if (imapSources.length > 0 && online.length === 0) server = { kind: 'offline', accounts: offline };
    else if (online.length > 0) {
      const failed = replies.flatMap((r) => (r && 'failed' in r ? [r.failed] : []));
      server = { kind: 'found', count: shown?.fromServer.size ?? 0, truncated: replies.some((r) => r !== undefined && 'hits' in r && r.truncated), offline, failed };
    }
  }
  // While the next query runs, the last results stay (the list keeps its place as the user types).
  return { result: shown, last: result ?? null, server };
}
