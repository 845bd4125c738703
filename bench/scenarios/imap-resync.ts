import type { ImapFlow } from 'imapflow';
import type { MailUser } from '../../test/servers';
import { addAccount, imapDraft, removeAllAccounts, type BenchEnv } from '../lib/env';
import { figure, type Figure } from '../lib/figures';
import { rawImap } from '../lib/raw-imap';
import { seededUser } from '../lib/seed';
import { summarize, type Summary } from '../lib/stats';

/** Not INBOX: the client watches INBOX with IDLE, and this must measure a resync, not a push. */
const FOLDER = 'Archive';
const CHANGES = 10;

/** Another client flags or unflags 10 messages spread over the folder; returns the modseq before. */
async function changeTenFlags(other: ImapFlow, count: number, run: number): Promise<bigint> {
  const lock = await other.getMailboxLock(FOLDER);
  try {
    const before = (other.mailbox as { highestModseq?: bigint }).highestModseq ?? 0n;
    const uids = Array.from({ length: CHANGES }, (_, i) => 1 + Math.floor(((i + 0.5) * count) / CHANGES));
    if (run % 2 === 0) await other.messageFlagsAdd(uids.join(','), ['\\Flagged'], { uid: true });
    else await other.messageFlagsRemove(uids.join(','), ['\\Flagged'], { uid: true });
    return before;
  } finally {
    lock.release();
  }
}

/** The raw baseline: SELECT the folder, FETCH 1:* (FLAGS) (CHANGEDSINCE m), on a logged-in connection. */
async function rawResync(raw: ImapFlow, since: bigint): Promise<{ ms: number; changed: number }> {
  const started = performance.now();
  await raw.mailboxOpen(FOLDER);
  let changed = 0;
  for await (const message of raw.fetch('1:*', { uid: true, flags: true }, { uid: true, changedSince: since })) if (message.uid) changed++;
  const ms = performance.now() - started;
  await raw.mailboxOpen('INBOX');
  return { ms, changed };
}

async function resyncRuns(env: BenchEnv, count: number, runs: number): Promise<{ client: Summary; raw: Summary }> {
  const user: MailUser = await seededUser(env.servers.info, count, { folder: FOLDER });
  await removeAllAccounts(env);
  const account = await addAccount(env, imapDraft(env, user));
  const device = { accountId: account.id, deviceId: account.devices[0]!.id };
  // The whole folder in the cache first, then another folder selected so nothing watches it.
  const synced = env.client.waitFor('sync:progress', (p) => p.folderPath === FOLDER && p.phase === 'done' && p.total >= count);
  await env.client.invoke('folder:select', { ...device, folderPath: FOLDER });
  await synced;
  await env.client.invoke('folder:select', { ...device, folderPath: 'INBOX' });
  const other = await rawImap(env.servers.info, user);
  const raw = await rawImap(env.servers.info, user);
  const clientMs: number[] = [];
  const rawMs: number[] = [];
  try {
    await raw.mailboxOpen('INBOX');
    for (let i = 0; i < runs; i++) {
      const since = await changeTenFlags(other, count, i);
      const started = performance.now();
      await env.client.invoke('folder:select', { ...device, folderPath: FOLDER });
      clientMs.push(performance.now() - started);
      await env.client.invoke('folder:select', { ...device, folderPath: 'INBOX' });
      const baseline = await rawResync(raw, since);
      if (baseline.changed !== CHANGES) throw new Error(`raw CHANGEDSINCE saw ${baseline.changed} changes, expected ${CHANGES}`);
      rawMs.push(baseline.ms);
      console.log(`  [${count}] run ${i + 1}: client ${clientMs.at(-1)!.toFixed(1)} ms, raw ${baseline.ms.toFixed(1)} ms`);
    }
  } finally {
    await other.logout();
    await raw.logout();
  }
  await removeAllAccounts(env);
  return { client: summarize(clientMs), raw: summarize(rawMs) };
}

/** Scenario 3: resync after another client changed 10 flags, in a 10,000 and a 50,000 folder. */
export async function imapResync(env: BenchEnv, runs: number): Promise<Figure[]> {
  const small = await resyncRuns(env, 10_000, runs);
  const large = await resyncRuns(env, 50_000, runs);
  const growth = large.client.median / small.client.median;
  const name = (n: string) => `10 flag changes in ${n} messages (folder select → committed)`;
  return [
    figure({ scenario: '3 Resync', name: name('10,000'), unit: 'ms', client: small.client, raw: small.raw, target: '≤ 2× raw', met: small.client.median <= 2 * small.raw.median }),
    figure({ scenario: '3 Resync', name: name('50,000'), unit: 'ms', client: large.client, raw: large.raw, target: '≤ 2× raw', met: large.client.median <= 2 * large.raw.median }),
    figure({ scenario: '3 Resync', name: '50,000 vs 10,000 (client medians)', unit: 'ratio', client: summarize([growth]), raw: null, ratio: growth, target: '≤ 1.2', met: growth <= 1.2 }),
  ];
}
