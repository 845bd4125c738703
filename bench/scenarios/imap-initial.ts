import type { TranscriptEntry } from '../../common/model/transcript';
import type { MailUser } from '../../test/servers';
import { addAccount, imapDraft, reloadApp, removeAllAccounts, withPageProfile, type BenchEnv } from '../lib/env';
import { figure, type Figure } from '../lib/figures';
import { epochOf, rowVisibleAt } from '../lib/page-probe';
import { openRawPage, rawBulkPut } from '../lib/raw-idb';
import { rawHeaderFetch } from '../lib/raw-imap';
import { benchSubject, seededUser } from '../lib/seed';
import { summarize } from '../lib/stats';

interface ClientRun {
  headersPerSecond: number;
  syncMs: number;
  firstVisibleAfterLoginMs: number;
  dbName: string;
}

/** When the sync connection's login was answered OK (the start of the sync as the user sees it). */
function syncLoginAt(entries: TranscriptEntry[]): number {
  let loginTag: string | null = null;
  for (const e of entries) {
    if (e.service !== 'imap' || e.connection.role !== 'sync') continue;
    if (e.direction === 'client' && /^\S+ (LOGIN|AUTHENTICATE)\b/i.test(e.text)) loginTag = e.text.split(' ')[0]!;
    else if (loginTag && e.direction === 'server' && e.text.startsWith(`${loginTag} OK`)) return e.at;
  }
  throw new Error('No login of the sync connection in the transcript');
}

/** One initial sync through the whole product: core, cache host in Chromium, the list on screen. */
async function clientSync(env: BenchEnv, user: MailUser, count: number): Promise<ClientRun> {
  await removeAllAccounts(env);
  await reloadApp(env);
  const entries: TranscriptEntry[] = [];
  const stopTranscript = env.client.on('transcript:lines', ({ entries: lines }) => entries.push(...lines));
  const done = env.client.waitFor('sync:progress', (p) => p.folderPath === 'INBOX' && p.phase === 'done' && p.total >= count);
  const newestVisible = rowVisibleAt(env.page, benchSubject(count));
  const { account, doneAt, visibleAt } = await withPageProfile(env, `imap-initial-${count}`, async () => {
    const added = await addAccount(env, imapDraft(env, user));
    const [{ at }, visible] = await Promise.all([done, newestVisible]);
    return { account: added, doneAt: at, visibleAt: visible };
  });
  stopTranscript();
  const loginAt = syncLoginAt(entries);
  const syncMs = epochOf(doneAt) - loginAt;
  return { headersPerSecond: (count / syncMs) * 1000, syncMs, firstVisibleAfterLoginMs: visibleAt - loginAt, dbName: account.devices[0]!.dbName };
}

/** Scenarios 1 and 2: initial header sync against the pipeline limit, and the first screen of it. */
export async function imapInitialSync(env: BenchEnv, count: number, runs: number): Promise<Figure[]> {
  const user = await seededUser(env.servers.info, count);
  // Dovecot builds its index and cache on the first FETCH; both sides then see a warm server.
  await rawHeaderFetch(env.servers.info, user);
  const rawPage = await env.page.context().newPage();
  await openRawPage(rawPage, env.origin);
  const client: ClientRun[] = [];
  const fetchRates: number[] = [];
  const putRates: number[] = [];
  for (let i = 0; i < runs; i++) {
    const run = await clientSync(env, user, count);
    client.push(run);
    putRates.push((await rawBulkPut(rawPage, run.dbName)).perSecond);
    fetchRates.push((await rawHeaderFetch(env.servers.info, user)).perSecond);
    console.log(`  [${count}] run ${i + 1}: client ${Math.round(run.headersPerSecond)} msg/s (${Math.round(run.syncMs)} ms), first 100 after ${Math.round(run.firstVisibleAfterLoginMs)} ms; raw FETCH ${Math.round(fetchRates.at(-1)!)} msg/s, raw bulkPut ${Math.round(putRates.at(-1)!)} rec/s`);
  }
  await rawPage.close();
  await removeAllAccounts(env);
  const limitRuns = fetchRates.map((f, i) => Math.min(f, putRates[i]!));
  const clientRate = summarize(client.map((r) => r.headersPerSecond));
  const limit = summarize(limitRuns);
  const label = `${count.toLocaleString('en-US')} messages`;
  const firstVisible = summarize(client.map((r) => r.firstVisibleAfterLoginMs));
  return [
    figure({ scenario: '1 IMAP initial sync', name: `${label}: headers committed`, unit: 'msg/s', client: clientRate, raw: limit, target: '≥ 0.8× limit', met: clientRate.median / limit.median >= 0.8, note: 'raw = slower of FETCH and bulkPut' }),
    figure({ scenario: '1 IMAP initial sync', name: `${label}: raw FETCH 1:*`, unit: 'msg/s', client: summarize(fetchRates), raw: null, target: '–', met: null }),
    figure({ scenario: '1 IMAP initial sync', name: `${label}: raw Dexie bulkPut`, unit: 'msg/s', client: summarize(putRates), raw: null, target: '–', met: null }),
    figure({ scenario: '2 First screen', name: `${label}: newest 100 visible after login`, unit: 'ms', client: firstVisible, raw: null, target: '< 1,000 ms', met: firstVisible.median < 1000 }),
  ];
}
