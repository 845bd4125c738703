import type { MessageRecord } from '../../common/model/mail';
import type { SearchQuery } from '../../common/search/query';
import { readDb } from './read-db';
import type { ReadonlyDeviceCache } from './readonly-cache';
import { runSearch } from './search';
import { belongsTo, entryKey, UNIFIED_PER_ACCOUNT, viewFolders, type UnifiedEntry, type UnifiedKind, type UnifiedList, type UnifiedSource } from './unified';

/** What a search over every account found: one list, newest first, each entry with its account. */
export interface EveryAccountResult extends UnifiedList {
  /** What could not be searched, said once (an `in:` folder no account has). */
  problems: string[];
}

export interface EveryAccountOptions {
  /** Only the mail of this view (All inboxes, Unread, Flagged); null: every folder of every account. */
  within: UnifiedKind | null;
  signal?: AbortSignal;
  /** The newest this many of each account are listed (a view holds whole records; see UNIFIED_PER_ACCOUNT). */
  limit?: number;
  open?: (dbName: string) => ReadonlyDeviceCache;
}

/** The query with the view's own condition added: Unread is `is:unread` whatever else is asked. */
function narrowed(query: SearchQuery, within: UnifiedKind | null): SearchQuery | null {
  if (within === 'unread') return query.unread === false ? null : { ...query, unread: true };
  if (within === 'flagged') return query.flagged === false ? null : { ...query, flagged: true };
  return query;
}

/**
 * The "All accounts" search, and the search box of a view over every account: the query is run
 * over each account's cache (renderer/cache/search.ts, the same search as in one account), in the
 * view's folders when there is a view, and the results are merged into one list. An account whose
 * cache cannot be read is named in `failed`; the others are listed.
 */
export async function searchEveryAccount(sources: readonly UnifiedSource[], query: SearchQuery, options: EveryAccountOptions): Promise<EveryAccountResult> {
  const { within, signal, limit = UNIFIED_PER_ACCOUNT, open = readDb } = options;
  const entries: UnifiedEntry[] = [];
  const cutAccounts: string[] = [];
  const failed: string[] = [];
  // A problem is said only when every account has it: `in:Projects` is no problem if one account has Projects.
  const problemCounts = new Map<string, number>();
  const asked = narrowed(query, within);
  if (!asked) return { entries, cutAccounts, failed, problems: [] };
  for (const source of sources) {
    if (signal?.aborted) break;
    try {
      const db = open(source.dbName);
      const folders = await db.folders.toArray();
      const searched = within ? viewFolders(within, folders) : folders;
      const found = await runSearch(db, asked, { kind: 'account' }, { folders: searched, signal });
      for (const problem of new Set(found.problems)) problemCounts.set(problem, (problemCounts.get(problem) ?? 0) + 1);
      if (found.ids.length > limit) cutAccounts.push(source.address);
      const records = await db.messages.bulkGet(found.ids.slice(0, limit));
      for (const message of records) if (message) entries.push({ key: entryKey(source, message.id), source, message });
    } catch {
      failed.push(source.address);
    }
  }
  entries.sort(newestEntryFirst);
  const searchedAccounts = sources.length - failed.length;
  const problems = [...query.problems, ...[...problemCounts].filter(([, n]) => n === searchedAccounts).map(([problem]) => problem)];
  return { entries, cutAccounts, failed, problems };
}

/** Messages the IMAP server of `source` found, as entries of the view (those the view would not show are left out). */
export async function serverEntries(source: UnifiedSource, messageIds: readonly string[], within: UnifiedKind | null, open: (dbName: string) => ReadonlyDeviceCache = readDb): Promise<UnifiedEntry[]> {
  const keep = within ? belongsTo(within) : () => true;
  const records = await open(source.dbName).messages.bulkGet([...messageIds]);
  return records.filter((m): m is MessageRecord => m !== undefined && keep(m)).map((message) => ({ key: entryKey(source, message.id), source, message }));
}

export function newestEntryFirst(a: UnifiedEntry, b: UnifiedEntry): number {
  return b.message.date - a.message.date || (a.key < b.key ? -1 : 1);
}
