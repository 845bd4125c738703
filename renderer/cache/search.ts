import Dexie from 'dexie';
import type { FolderRecord, MessageRecord } from '../../common/model/mail';
import { foldText } from '../../common/search/tokenize';
import type { SearchQuery } from '../../common/search/query';
import { intl } from '../i18n/intl';
import { countIndexed } from './index-progress';
import { messageIdsOfDocs, messagesOfDocs } from './index-lookup';
import { whenIdle } from './when-idle';
import type { ReadonlyDeviceCache } from './readonly-cache';
import { hasTerms, isExactTerm, needsBody, passesFilters, requiredTerms, termMatches, textTerms } from './search-match';

/**
 * The local search: a query (common/search/query.ts) over one device's cache, read only.
 *
 * Words go to the `searchTerms` table first (a multi-entry index of each message's terms, under a
 * number its message record carries, `searchDoc`): the rarest term's messages are read, and narrowed by the other terms, so a search costs index range
 * reads, not a scan of the bodies. Messages the index does not hold yet (cached before it, until
 * the cache host's background build reaches them) are found by sender and subject through the
 * older `words` index. Candidates are then checked against their records (fields, flags, dates,
 * size, folder), and, only for what needs it (phrases, `body:`, `filename:`), their bodies.
 * A query of operators only reads the folder's `[folderId+date]` or `[folderId+seen]` range.
 *
 * Results are newest first; the first ones are handed out (`onFirst`) before the rest is checked.
 */

/** Where a search looks: the shown folder, or every folder of the device's cache. */
export type SearchPlace = { kind: 'folder'; folderId: string } | { kind: 'account' };

export interface LocalSearchResult {
  /** Message ids found, newest first. */
  ids: string[];
  /** What could not be searched, in plain words (an `in:` folder that does not exist). */
  problems: string[];
  /** The folders searched (their ids). */
  folderIds: string[];
}

/** What the search needs of a folder. */
export type SearchFolder = Pick<FolderRecord, 'id' | 'name' | 'path' | 'role' | 'noSelect'>;

export interface RunSearchOptions {
  /** The device's folders (for `in:` and the account scope). */
  folders: readonly SearchFolder[];
  /** Called once with the first page of results, newest first, before the rest is read. */
  onFirst?: (ids: string[]) => void;
  /** Stops reading (a newer query replaced this one); the promise then resolves with what was found. */
  signal?: AbortSignal;
  /**
   * Whether the caller knows that every message has its terms in the index (it watches the counts,
   * use-search.ts): then the search does not count them again (two counts of every message, about
   * 100 ms at 100,000) to know whether to look by sender and subject too.
   */
  fullyIndexed?: boolean;
}

/** Records checked per read: small enough that the first page comes quickly. */
const CHUNK = 250;
/** Beyond this many candidates, the folder's date index orders them (cheaper than reading and sorting every record first). */
const MANY = 2_000;
/**
 * Beyond this many candidates in one folder, its newest pages are read for the first results
 * before the candidates' own records (about 0.1 ms each): under it the whole answer is as quick,
 * and a first page would only flash.
 */
const FIRST_WORTH = 500;
/** A term matching this many times more messages than the candidates left is checked on their index records instead of read. */
const TOO_COMMON = 40;

/** The folders a query looks in: `in:` (by name or path, in any case) wins over the place. */
export function foldersToSearch(query: SearchQuery, place: SearchPlace, folders: readonly SearchFolder[]): { folderIds: string[]; problem: string | null } {
  const selectable = folders.filter((f) => !f.noSelect);
  if (query.inFolder !== null) {
    const wanted = foldText(query.inFolder.trim());
    const named = selectable.filter((f) => foldText(f.name) === wanted || foldText(f.path) === wanted || (f.role !== null && f.role === wanted));
    const found = named.length ? named : selectable.filter((f) => foldText(f.name).startsWith(wanted) || foldText(f.path).startsWith(wanted));
    if (found.length === 0) return { folderIds: [], problem: intl().formatMessage({ id: 'search.problem.noFolder', defaultMessage: 'No folder is called “{name}”.' }, { name: query.inFolder }) };
    return { folderIds: found.map((f) => f.id), problem: null };
  }
  if (place.kind === 'folder') return { folderIds: [place.folderId], problem: null };
  return { folderIds: selectable.map((f) => f.id), problem: null };
}

/** The index range a term matches: a CJK pair exactly, anything else as the start of a word. */
function termRange(db: ReadonlyDeviceCache, term: string) {
  return isExactTerm(term) ? db.searchTerms.where('terms').equals(term) : db.searchTerms.where('terms').startsWith(term);
}

/** What a query's words found: terms numbers from the index, and messages the index does not hold yet. */
interface Candidates {
  docs: Set<number>;
  notIndexed: Set<string>;
}

/**
 * Messages whose index record has every term (as terms numbers), or (for messages the index does
 * not hold yet) whose sender and subject words do. Null when the query has no words (operators only).
 */
async function candidatesByTerms(db: ReadonlyDeviceCache, wanted: readonly string[], signal?: AbortSignal, fullyIndexed = false): Promise<Candidates | null> {
  if (wanted.length === 0) return null;
  // Two counts of every message: read meanwhile.
  const notIndexed = fullyIndexed ? Promise.resolve([]) : notIndexedYet(db, wanted);
  // Awaited below; a failure of the reads here is the one reported.
  notIndexed.catch(() => undefined);
  const counts = await Promise.all(wanted.map((term) => termRange(db, term).count()));
  const order = wanted.map((term, i) => ({ term, count: counts[i]! })).sort((a, b) => a.count - b.count);
  let docs = new Set(await termRange(db, order[0]!.term).primaryKeys());
  const unchecked: string[] = [];
  for (const { term, count } of order.slice(1)) {
    if (docs.size === 0 || signal?.aborted) break;
    if (count > docs.size * TOO_COMMON) {
      unchecked.push(term);
      continue;
    }
    const keys = new Set(await termRange(db, term).primaryKeys());
    docs = new Set([...docs].filter((doc) => keys.has(doc)));
  }
  if (unchecked.length && docs.size) {
    const records = await db.searchTerms.bulkGet([...docs]);
    docs = new Set(records.filter((r) => r && hasTerms(r.terms, unchecked, false)).map((r) => r!.doc));
  }
  return { docs, notIndexed: new Set(await notIndexed) };
}

const candidateCount = (c: Candidates): number => c.docs.size + c.notIndexed.size;

/** Whether a message record is among the candidates. */
const isCandidate = (c: Candidates, m: MessageRecord): boolean => (m.searchDoc !== undefined && c.docs.has(m.searchDoc)) || c.notIndexed.has(m.id);

/** The candidates' message ids. */
async function candidateIds(db: ReadonlyDeviceCache, c: Candidates, signal?: AbortSignal): Promise<Set<string>> {
  const found = new Set(await messageIdsOfDocs(db, [...c.docs], signal));
  for (const id of c.notIndexed) found.add(id);
  return found;
}

/**
 * Messages found by every term in their sender and subject words (the `words` index, lower case),
 * whatever the full-text index says: those it does not hold yet are found, the others it found already.
 */
async function notIndexedYet(db: ReadonlyDeviceCache, wanted: readonly string[]): Promise<string[]> {
  const [indexed, cached] = await Promise.all([countIndexed(db), db.messages.count()]);
  if (indexed >= cached) return [];
  const counts = await Promise.all(wanted.map((term) => db.messages.where('words').startsWith(term).count()));
  const rarest = wanted[counts.indexOf(Math.min(...counts))]!;
  const ids = [...new Set(await db.messages.where('words').startsWith(rarest).primaryKeys())];
  const records = await db.messages.bulkGet(ids);
  return records.filter((m): m is MessageRecord => m !== undefined && wanted.every((t) => (m.words ?? []).some((w) => termMatches(foldText(w), t)))).map((m) => m.id);
}

/** The words a query leaves out that the index answers (phrases are checked on the records). */
const excludedWords = (query: SearchQuery): SearchQuery['anywhere'] => query.anywhere.filter((t) => t.exclude && !t.phrase);

/** Messages having any of the excluded words (all terms of a word). */
async function excludedByTerms(db: ReadonlyDeviceCache, query: SearchQuery, fullyIndexed = false): Promise<Set<string>> {
  const out = new Set<string>();
  for (const text of excludedWords(query)) {
    const found = await candidatesByTerms(db, textTerms(text), undefined, fullyIndexed);
    for (const id of found ? await candidateIds(db, found) : []) out.add(id);
  }
  return out;
}

/** A query with its plain words dropped: what is left to check on each record. */
function recordConditions(query: SearchQuery): SearchQuery {
  return { ...query, anywhere: query.anywhere.filter((t) => t.phrase) };
}

/** One folder's messages within the query's dates (`after:` kept, `before:` left out), by the `[folderId+date]` index. */
function datedRange(db: ReadonlyDeviceCache, folderId: string, query: SearchQuery) {
  return db.messages.where('[folderId+date]').between([folderId, query.after ?? Dexie.minKey], [folderId, query.before ?? Dexie.maxKey], true, false);
}

/** The message ids of one folder, newest first, within the query's dates. */
async function byDate(db: ReadonlyDeviceCache, folderId: string, query: SearchQuery): Promise<string[]> {
  // Read oldest first and turned here: Dexie reads a reverse range with a cursor, one request per
  // key (20,000 keys took 2.4 s while the page waited), a forward one with one getAllKeys.
  return (await datedRange(db, folderId, query).primaryKeys()).reverse();
}

/** Whether the conditions left after the words and the dates need each message's record (flags, size, fields, phrases). */
function asksOfRecords(conditions: SearchQuery): boolean {
  const { anywhere, fields, hasAttachment, unread, flagged, largerThan } = conditions;
  return anywhere.length > 0 || fields.length > 0 || hasAttachment !== null || unread !== null || flagged !== null || largerThan !== null;
}

/** Checks ids (in order) against the records and, when needed, the bodies; keeps the order. */
async function checked(db: ReadonlyDeviceCache, ids: readonly string[], conditions: SearchQuery, inFolders: ReadonlySet<string>, excluded: ReadonlySet<string>): Promise<MessageRecord[]> {
  const wanted = ids.filter((id) => !excluded.has(id));
  const records = await db.messages.bulkGet(wanted);
  return passing(db, records.filter((m): m is MessageRecord => m !== undefined && inFolders.has(m.folderId)), conditions);
}

/** The records (in order) that pass the conditions, reading their bodies when the conditions need them. */
async function passing(db: ReadonlyDeviceCache, records: readonly MessageRecord[], conditions: SearchQuery): Promise<MessageRecord[]> {
  if (!needsBody(conditions)) return records.filter((m) => passesFilters(conditions, m, null));
  const bodies = await db.bodies.bulkGet(records.map((m) => m.id));
  return records.filter((m, i) => passesFilters(conditions, m, (bodies[i]) ?? null));
}

/** Messages a folder holds at least for its newest page to be checked beside the whole search. */
const BIG_FOLDER = 5_000;
/**
 * The messages of that page: a screen's worth of hits for a word in one message of ten. Their terms
 * records are large (every word of the message): 300 took 248 ms the first time after a build.
 */
const NEWEST_PAGE = 100;
/** Records read per step of the walk to the first results. */
const FIRST_PAGE = 300;
/** Steps of that walk before it gives up (the full search then hands out its first page itself). */
const FIRST_STEPS = 4;

/** A key of the `[folderId+date]` index. */
type DatedKey = [string, number];

/** The key of the folder's n-th newest message within the query's dates (0: the newest); undefined past its oldest. */
async function nthNewestKey(db: ReadonlyDeviceCache, folderId: string, query: SearchQuery, n: number): Promise<DatedKey | undefined> {
  // One cursor that jumps (IDBCursor.advance): two requests whatever n is.
  const [key] = await datedRange(db, folderId, query).reverse().offset(n).limit(1).keys();
  return key as DatedKey | undefined;
}

/**
 * A page of the folder's records, newest first: from its `end`-th newest (with every message of
 * that date) up to `above`, the oldest key of the page before (not included; null: from the
 * newest). Dexie reads a range past an offset with a cursor, a request per record after the
 * jump; here the cursor only finds the page's oldest key, and one forward read (getAll) takes the
 * page, in any browser's IndexedDB.
 */
async function newestPage(db: ReadonlyDeviceCache, folderId: string, query: SearchQuery, end: number, above: DatedKey | null): Promise<{ records: MessageRecord[]; oldest: DatedKey | undefined }> {
  const oldest = await nthNewestKey(db, folderId, query, end - 1);
  const lower = oldest ?? [folderId, query.after ?? Dexie.minKey];
  const upper = above ?? [folderId, query.before ?? Dexie.maxKey];
  const records = await db.messages.where('[folderId+date]').between(lower, upper, true, false).toArray();
  return { records: records.reverse(), oldest };
}

/**
 * The first results of a search whose every hit takes long to put in order, before the full
 * search does: the folder's newest records are read a page at a time (each names its terms
 * number) until some pass. They are exactly the first of the whole answer: every message newer
 * than the page's oldest was read. For a word in many messages, turning every hit's terms number
 * into a message id takes seconds (1.1 s for 5,252); for a few hundred to 2,000 candidates,
 * reading their records one by one takes over 100 ms (1,031 records: 100–150 ms in a
 * 100,000-message cache, 40 µs of the page's time to ask for each). These pages take tens of
 * milliseconds.
 */
async function newestCandidates(db: ReadonlyDeviceCache, folderId: string, query: SearchQuery, candidates: Candidates, conditions: SearchQuery, excluded: ReadonlySet<string>, stillWanted: () => boolean): Promise<string[]> {
  let above: DatedKey | null = null;
  for (let step = 0; step < FIRST_STEPS && stillWanted(); step++) {
    const { records, oldest } = await newestPage(db, folderId, query, (step + 1) * FIRST_PAGE, above);
    const passed = await passing(db, records.filter((m) => isCandidate(candidates, m) && !excluded.has(m.id)), conditions);
    if (passed.length > 0) return passed.map((m) => m.id);
    if (oldest === undefined) break;
    above = oldest;
  }
  return [];
}

const newestFirst = (a: MessageRecord, b: MessageRecord): number => b.date - a.date || (a.id < b.id ? 1 : -1);

/** The steps a search times: DevTools shows them on the page's timeline, the bench reads them. */
const STEPS = ['candidates', 'first results', 'hit ids', 'every hit'] as const;

/** Times a search's steps, each from its start, as performance measures named "search: <step>", the last search's only. */
function stepTimer(): (step: (typeof STEPS)[number]) => void {
  for (const step of STEPS) performance.clearMeasures(`search: ${step}`);
  const start = performance.now();
  return (step) => void performance.measure(`search: ${step}`, { start, end: performance.now() });
}

/**
 * The folder's newest page of messages that have every word, checked on their terms records (the
 * same terms the index's ranges hold) and the query's other conditions: for a word in thousands of
 * messages, the first results in tens of milliseconds, while reading every hit's number from the
 * index takes hundreds. Only where the index holds every message: then these are exactly the
 * first of the whole answer.
 */
async function newestByTerms(db: ReadonlyDeviceCache, folderId: string, query: SearchQuery, wanted: readonly string[], conditions: SearchQuery, signal?: AbortSignal): Promise<string[]> {
  // A smaller folder is searched whole as fast: a first page would only flash "found so far".
  if ((await datedRange(db, folderId, query).offset(BIG_FOLDER).limit(1).primaryKeys()).length === 0) return [];
  const page = await datedRange(db, folderId, query).reverse().limit(NEWEST_PAGE).toArray();
  if (signal?.aborted) return [];
  const numbered = page.filter((m) => m.searchDoc !== undefined);
  const records = await db.searchTerms.bulkGet(numbered.map((m) => m.searchDoc!));
  const leftOut = excludedWords(query).map(textTerms);
  const matched = numbered.filter((_, i) => {
    const terms = records[i]?.terms;
    return terms !== undefined && hasTerms(terms, wanted, false) && !leftOut.some((words) => words.length > 0 && hasTerms(terms, words, false));
  });
  return (await passing(db, matched, conditions)).map((m) => m.id);
}

/**
 * Resolves when the page is idle (at most 100 ms later; a turn of the event loop where there is no
 * such callback): by then the list has drawn the first results and asked for their rows' records,
 * so the reads of every hit that follow do not keep those rows "Loading".
 */
function pageIdle(): Promise<void> {
  return new Promise((resolve) => void whenIdle(resolve, 100));
}

/**
 * Runs a query over a device's cache. Never throws for a query (the parser's problems are the
 * caller's to show); a failed read rejects, as any cache read does.
 */
export async function runSearch(db: ReadonlyDeviceCache, query: SearchQuery, place: SearchPlace, options: RunSearchOptions): Promise<LocalSearchResult> {
  const { folderIds, problem } = foldersToSearch(query, place, options.folders);
  const problems = problem ? [problem] : [];
  if (folderIds.length === 0) return { ids: [], problems, folderIds };
  const inFolders = new Set(folderIds);
  const conditions = recordConditions(query);
  const timed = stepTimer();
  /** The first page goes out once, and never after the whole answer (two steps race to give it). */
  let onFirst = options.onFirst;
  let gaveFirst = false;
  const giveFirst = (ids: string[]): boolean => {
    const give = onFirst;
    if (!give || ids.length === 0) return false;
    onFirst = undefined;
    gaveFirst = true;
    give(ids);
    return true;
  };
  const wanted = requiredTerms(query);
  if (onFirst && options.fullyIndexed && folderIds.length === 1 && wanted.length > 0) {
    // Read beside the index's ranges: for a word in many messages, the folder's newest page
    // checked on its terms records comes long before every hit's number is read.
    void newestByTerms(db, folderIds[0]!, query, wanted, conditions, options.signal).then(
      (ids) => {
        if (giveFirst(ids)) timed('first results');
      },
      // The whole search reads the same and says what failed.
      () => undefined,
    );
  }
  const answer = async (): Promise<LocalSearchResult> => {
    const [candidates, excluded] = await Promise.all([candidatesByTerms(db, wanted, options.signal, options.fullyIndexed), excludedByTerms(db, query, options.fullyIndexed)]);
    timed('candidates');
    if (onFirst && candidates !== null && candidateCount(candidates) > FIRST_WORTH && folderIds.length === 1) {
      // Not past a stop, nor once the newest page's terms records gave the first results.
      const newest = await newestCandidates(db, folderIds[0]!, query, candidates, conditions, excluded, () => onFirst !== undefined && !options.signal?.aborted);
      if (giveFirst(newest)) timed('first results');
    }
    const found: string[] = [];
    /** Checks ids already newest first, a chunk at a time, handing out the first page as soon as it is known. */
    const walkInOrder = async (ordered: readonly string[]): Promise<void> => {
      for (let at = 0; at < ordered.length && !options.signal?.aborted; at += CHUNK) {
        const passed = await checked(db, ordered.slice(at, at + CHUNK), conditions, inFolders, excluded);
        found.push(...passed.map((m) => m.id));
        if (onFirst) giveFirst(found.slice());
      }
    };

    if (candidates !== null && (candidateCount(candidates) <= MANY || folderIds.length > 1)) {
      // Few candidates (or many folders): read their records, then sort them.
      const records: MessageRecord[] = [];
      const docs = [...candidates.docs];
      const kept = (m: MessageRecord): boolean => inFolders.has(m.folderId) && !excluded.has(m.id);
      // Asking for the records keeps the page busy (tens of milliseconds): the first results are drawn first.
      if (gaveFirst) await pageIdle();
      for (let at = 0; at < docs.length && !options.signal?.aborted; at += CHUNK * 8) {
        records.push(...(await passing(db, (await messagesOfDocs(db, docs.slice(at, at + CHUNK * 8), options.signal)).filter(kept), conditions)));
      }
      // Found by their words too: those the index holds are read already.
      const read = new Set(records.map((m) => m.id));
      const notIndexed = [...candidates.notIndexed].filter((id) => !read.has(id));
      for (let at = 0; at < notIndexed.length && !options.signal?.aborted; at += CHUNK * 4) records.push(...(await checked(db, notIndexed.slice(at, at + CHUNK * 4), conditions, inFolders, excluded)));
      return { ids: records.sort(newestFirst).map((m) => m.id), problems, folderIds };
    }
    if (candidates !== null) {
      // Many candidates in one folder: the folder's date index puts them in order without reading them.
      // The page shows the first results before the rest is read: the reads below keep it busy.
      if (gaveFirst) await pageIdle();
      const ids = await candidateIds(db, candidates, options.signal);
      timed('hit ids');
      const ordered = (await byDate(db, folderIds[0]!, query)).filter((id) => ids.has(id) && !excluded.has(id));
      if (asksOfRecords(conditions)) await walkInOrder(ordered);
      else {
        // In the folder and its dates already (the date index's range): no record needs reading.
        found.push(...ordered);
        giveFirst(found.slice(0, CHUNK));
      }
      timed('every hit');
      return { ids: found, problems, folderIds };
    }
    // Operators only.
    if (folderIds.length === 1) {
      const folderId = folderIds[0]!;
      if (query.unread === true) {
        const unread = await db.messages.where('[folderId+seen]').equals([folderId, 0]).primaryKeys();
        const records = await checked(db, unread, conditions, inFolders, excluded);
        return { ids: records.sort(newestFirst).map((m) => m.id), problems, folderIds };
      }
      await walkInOrder(await byDate(db, folderId, query));
      return { ids: found, problems, folderIds };
    }
    const records: MessageRecord[] = [];
    for (const folderId of folderIds) {
      if (options.signal?.aborted) break;
      const ids = query.unread === true ? await db.messages.where('[folderId+seen]').equals([folderId, 0]).primaryKeys() : await byDate(db, folderId, query);
      for (let at = 0; at < ids.length; at += CHUNK * 4) records.push(...(await checked(db, ids.slice(at, at + CHUNK * 4), conditions, inFolders, excluded)));
    }
    return { ids: records.sort(newestFirst).map((m) => m.id), problems, folderIds };
  };
  try {
    return await answer();
  } finally {
    onFirst = undefined;
  }
}
