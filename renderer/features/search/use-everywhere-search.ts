import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
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

interface ServerAnswers {
  key: string;
  /** Message ids each server found (by cache name), as they come. */
  hits: Record<string, string[]>;
  answered: number;
  truncated: boolean;
  failed: string[];
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

  useEffect(() => {
    if (!runs) return;
    let live = true;
    /** One more server answered (or failed) for this query. */
    const answered = (change: (now: ServerAnswers) => ServerAnswers): void => {
      if (!live) return;
      setAnswers((now) => {
        const base = now && now.key === key ? now : { key, hits: {}, answered: 0, truncated: false, failed: [] };
        return change({ ...base, answered: base.answered + 1 });
      });
    };
    for (const { source } of online) {
      void (async () => {
        const folderPaths = within ? viewFolders(within, await readDb(source.dbName).folders.toArray()).map((f) => f.path) : null;
        const answer = await invoke('messages:searchServer', { accountId: source.accountId, deviceId: source.deviceId, query: text.slice(0, 2_000), folderPaths });
        answered((now) =>
          answer.ok
            ? { ...now, truncated: now.truncated || answer.value.truncated, hits: { ...now.hits, [source.dbName]: answer.value.hits.map((h) => h.messageId) } }
            : { ...now, failed: [...now.failed, `${source.address}: ${answer.error.message}`] },
        );
      })().catch((error: unknown) => answered((now) => ({ ...now, failed: [...now.failed, `${source.address}: ${error instanceof Error ? error.message : String(error)}`] })));
    }
    return () => {
      live = false;
    };
    // Asked once per query and set of connected servers; `online` and `offline` are derived from those keys.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [runs, key, onlineKey, within]);

  const current = answers?.key === key ? answers : null;
  const hitsKey = current ? JSON.stringify(current.hits) : '';
  const result = useLiveQuery(async (): Promise<EverywhereResult | null> => {
    if (!runs) return null;
    const local = await searchEveryAccount(sources, query, { within });
    const known = new Set(local.entries.map((e) => e.key));
    const extra: UnifiedEntry[] = [];
    for (const source of sources) {
      const ids = current?.hits[source.dbName];
      if (ids?.length) extra.push(...(await serverEntries(source, ids, within)).filter((e) => !known.has(e.key)));
    }
    return { key, ...local, localCount: local.entries.length, entries: extra.length ? [...local.entries, ...extra].sort(newestEntryFirst) : local.entries, fromServer: new Set(extra.map((e) => e.key)) };
    // The query is `key`'s; the sources are `sourcesKey`'s.
  }, [runs, key, sourcesKey, within, hitsKey]);

  const shown = result && result.key === key ? result : null;
  let server: EverywhereServerPart = { kind: 'none' };
  if (runs) {
    if (online.length > (current?.answered ?? 0)) server = { kind: 'searching' };
    else if (imapSources.length > 0 && online.length === 0) server = { kind: 'offline', accounts: offline };
    else if (online.length > 0) server = { kind: 'found', count: shown?.fromServer.size ?? 0, truncated: current?.truncated ?? false, offline, failed: current?.failed ?? [] };
  }
  return { result: shown, server };
}
