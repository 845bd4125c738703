import type { TranscriptEntry } from '../../common/model/transcript';
import type { MailUser, TestServerInfo } from '../../test/servers';
import { addAccount, popDraft, removeAllAccounts, withPageProfile, type BenchEnv } from '../lib/env';
import { figure, type Figure } from '../lib/figures';
import { epochOf } from '../lib/page-probe';
import { RawPop3 } from '../lib/raw-pop';
import { seededUser } from '../lib/seed';
import { summarize } from '../lib/stats';

/** The download baseline: after login, UIDL then RETR of every message in order, then QUIT. */
async function rawDownload(info: TestServerInfo, user: MailUser): Promise<{ perSecond: number; count: number }> {
  const pop3 = await RawPop3.open(info, user);
  const started = performance.now();
  const numbers = (await pop3.multiline('UIDL')).toString('latin1').split('\r\n').filter(Boolean).map((line) => Number(line.split(' ')[0]));
  let bytes = 0;
  for (const number of numbers) bytes += (await pop3.multiline(`RETR ${number}`)).length;
  await pop3.quit();
  const ms = performance.now() - started;
  if (bytes === 0) throw new Error('raw RETR loop downloaded nothing');
  return { perSecond: (numbers.length / ms) * 1000, count: numbers.length };
}

/** The nothing-new baseline: a whole session that only asks UIDL (connect, TLS, login, UIDL, QUIT). */
async function rawUidlSession(info: TestServerInfo, user: MailUser): Promise<number> {
  const started = performance.now();
  const pop3 = await RawPop3.open(info, user);
  await pop3.multiline('UIDL');
  await pop3.quit();
  return performance.now() - started;
}

/** When the POP session's login was accepted. */
function popLoginAt(entries: TranscriptEntry[]): number {
  let sentPassword = false;
  for (const e of entries) {
    if (e.service !== 'pop3') continue;
    if (e.direction === 'client' && /^(PASS|APOP|AUTH)\b/i.test(e.text)) sentPassword = true;
    else if (sentPassword && e.direction === 'server' && e.text.startsWith('+OK')) return e.at;
  }
  throw new Error('No POP login in the transcript');
}

async function popRuns(env: BenchEnv, count: number, runs: number): Promise<Figure[]> {
  // About 5 % of the messages carry a 100 KB attachment (every 20th).
  const user = await seededUser(env.servers.info, count, { attachments: true });
  await rawDownload(env.servers.info, user); // warms Dovecot's index, as the client's first run would
  const client: number[] = [];
  const raw: number[] = [];
  const check: number[] = [];
  const uidl: number[] = [];
  for (let i = 0; i < runs; i++) {
    await removeAllAccounts(env);
    const entries: TranscriptEntry[] = [];
    const stopTranscript = env.client.on('transcript:lines', ({ entries: lines }) => entries.push(...lines));
    // A check that fails never reports "done": say why instead of waiting in silence.
    const stopNotices = env.client.on('notice', (n) => n.level === 'error' && console.log(`  notice: ${JSON.stringify(n.words)}`));
    const stopStatus = env.client.on('device:status', (s) => s.connection === 'offline' && s.detail.kind !== 'notChecked' && console.log(`  status: ${JSON.stringify(s.detail)}`));
    const done = env.client.waitFor('sync:progress', (p) => p.folderPath === 'Inbox' && p.phase === 'done' && p.total >= count);
    const { account, at } = await withPageProfile(env, `pop-download-${count}`, async () => ({ account: await addAccount(env, popDraft(env, user)), at: (await done).at }));
    const ms = epochOf(at) - popLoginAt(entries);
    client.push((count / ms) * 1000);
    raw.push((await rawDownload(env.servers.info, user)).perSecond);

    // A check with nothing new: the whole session, and not one RETR.
    entries.length = 0;
    const started = performance.now();
    await env.client.invoke('device:sync', { accountId: account.id, deviceId: account.devices[0]!.id });
    check.push(performance.now() - started);
    stopTranscript();
    stopNotices();
    stopStatus();
    const retrs = entries.filter((e) => e.service === 'pop3' && e.direction === 'client' && /^RETR\b/i.test(e.text)).length;
    if (retrs !== 0) throw new Error(`the nothing-new check sent ${retrs} RETR`);
    uidl.push(await rawUidlSession(env.servers.info, user));
    console.log(`  [${count}] run ${i + 1}: client ${Math.round(client.at(-1)!)} msg/s, raw ${Math.round(raw.at(-1)!)} msg/s; nothing-new check ${check.at(-1)!.toFixed(1)} ms (0 RETR), raw UIDL session ${uidl.at(-1)!.toFixed(1)} ms`);
  }
  await removeAllAccounts(env);
  const label = count.toLocaleString('en-US');
  const c = summarize(client);
  const r = summarize(raw);
  const k = summarize(check);
  const u = summarize(uidl);
  return [
    figure({ scenario: '5 POP', name: `download ${label} messages (5 % with 100 KB attachments)`, unit: 'msg/s', client: c, raw: r, target: '≥ 0.8× raw', met: c.median / r.median >= 0.8 }),
    figure({ scenario: '5 POP', name: `nothing-new check, ${label} on the server (0 RETR)`, unit: 'ms', client: k, raw: u, target: '≤ 1.2× raw UIDL', met: k.median <= 1.2 * u.median }),
  ];
}

/** Scenario 5: POP download of 2,000 and 10,000 messages, and a check that finds nothing new. */
export async function popDownload(env: BenchEnv, runs: number): Promise<Figure[]> {
  return [...(await popRuns(env, 2_000, runs)), ...(await popRuns(env, 10_000, runs))];
}
