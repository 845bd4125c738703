import type { ServerSearchNote } from '../../../common/commands/mail-commands';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { isEmptyQuery, type SearchQuery } from '../../../common/search/query';
import { invoke } from '../../app/use-command';
import { readDb } from '../../cache/read-db';
import { viewFolders, type UnifiedEntry, type UnifiedKind, type UnifiedSource } from '../../cache/unified';
import { newestEntryFirst, searchEveryAccount, serverEntries } from '../../cache/unified-search';
import type { ServerPart } from './server-part';
import type { SearchDevice } from './use-search-devices';
import { errorText } from '../../i18n/error-words';

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
type ServerAnswer = { hits: string[]; truncated: boolean; notes: ServerSearchNote[] } | { failed: string };

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
  const intl = useIntl();
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
        answered(source.dbName, answer.ok ? { hits: answer.value.hits.map((h) => h.messageId), truncated: answer.value.truncated, notes: answer.value.notes } : { failed: `${source.address}: ${errorText(answer.error)}` });
      })().catch((error: unknown) => answered(source.dbName, { failed: `${source.address}: ${error instanceof Error ? error.message : String(error)}` }));
    }
    // Asked once per query and newly connected server; `online` is derived from `onlineKey`, `text` and `within` are in `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [runs, key, onlineKey]);

  const current = answers?.key === key ? answers.byAccount : null;
  const hitsKey = current ? JSON.stringify(current) : '';
  // Two live queries: a server's answer adds its rows without every account's cache being searched
  // again, and a change in the cache re-reads both (a row marked read shows it in either part).
  const local = useLiveQuery(async () => (runs ? { key, ...(await searchEveryAccount(sources, query, { within })) } : null), [runs, key, sourcesKey, within]);
  const found = useLiveQuery(async () => {
    const entries: UnifiedEntry[] = [];
    for (const source of runs ? sources : []) {
      const answer = current?.[source.dbName];
      const ids = answer && 'hits' in answer ? answer.hits : null;
      if (ids?.length) entries.push(...(await serverEntries(source, ids, within)));
    }
    return { key, entries };
    // The query is `key`'s; the sources are `sourcesKey`'s; the answers `hitsKey`'s.
  }, [runs, key, sourcesKey, within, hitsKey]);
  const result = useMemo((): EverywhereResult | null => {
    if (!local) return null;
    const known = new Set(local.entries.map((e) => e.key));
    const extra = found?.key === local.key ? found.entries.filter((e) => !known.has(e.key)) : [];
    return { ...local, localCount: local.entries.length, entries: extra.length ? [...local.entries, ...extra].sort(newestEntryFirst) : local.entries, fromServer: new Set(extra.map((e) => e.key)) };
  }, [local, found]);

  const shown = result && result.key === key ? result : null;
  const replies = online.map((s) => current?.[s.source.dbName]);
  let server: ServerPart = { kind: 'none' };
  if (runs) {
    if (replies.some((r) => r === undefined)) server = { kind: 'searching' };
    else if (imapSources.length > 0 && online.length === 0) server = { kind: 'offline', accounts: offline };
    else if (online.length > 0) {
      const failed = replies.flatMap((r) => (r && 'failed' in r ? [intl.formatMessage({ id: 'search.server.accountFailed', defaultMessage: 'Could not search the server of {failure}' }, { failure: r.failed })] : []));
      const offlineNote = intl.formatMessage({ id: 'search.server.offlineFor', defaultMessage: 'Only mail on this computer was searched for {accounts}: not connected.' }, { accounts: offline.join(', ') });
      const notes = [...(offline.length ? [offlineNote] : []), ...failed];
      // Every account's server was asked the same query: the first answer's notes are theirs all.
      const serverNotes = replies.find((r) => r !== undefined && 'hits' in r)?.notes ?? [];
      server = { kind: 'found', count: shown?.fromServer.size ?? 0, truncated: replies.some((r) => r !== undefined && 'hits' in r && r.truncated), serverNotes, notes };
    }
  }
  // While the next query runs, the last results stay (the list keeps its place as the user types).
  return { result: shown, last: result ?? null, server };
}
