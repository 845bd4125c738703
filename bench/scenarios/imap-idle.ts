import type { TranscriptEntry } from '../../common/model/transcript';
import { makeMessage } from '../../test/servers';
import { addAccount, imapDraft, removeAllAccounts, type BenchEnv } from '../lib/env';
import { figure, type Figure } from '../lib/figures';
import { rowVisibleAt } from '../lib/page-probe';
import { rawImap } from '../lib/raw-imap';
import { benchSubject, seededUser } from '../lib/seed';
import { summarize } from '../lib/stats';

const COUNT = 200;

function senderOf(n: number): string {
  return `Sender ${n % 97}`;
}

/**
 * When the first untagged response on the IDLE connection arrived after `since` (wall clock, as
 * the core stamped it). Transcript lines reach Node in batches, so this waits for the batch.
 */
async function notificationAt(entries: TranscriptEntry[], since: number, pattern: RegExp): Promise<number> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const hit = entries.find((e) => e.at >= since && e.direction === 'server' && e.connection.role === 'idle' && pattern.test(e.text));
    if (hit) return hit.at;
    if (Date.now() > deadline) throw new Error(`No IDLE notification matching ${pattern} in the transcript`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Scenario 4: another client's STORE or APPEND, from the IDLE notification until the list shows it. */
export async function imapIdle(env: BenchEnv, runs: number): Promise<Figure[]> {
  const user = await seededUser(env.servers.info, COUNT);
  await removeAllAccounts(env);
  const entries: TranscriptEntry[] = [];
  const stopTranscript = env.client.on('transcript:lines', ({ entries: lines }) => entries.push(...lines));
  const synced = env.client.waitFor('sync:progress', (p) => p.folderPath === 'INBOX' && p.phase === 'done' && p.total >= COUNT);
  await addAccount(env, imapDraft(env, user));
  await synced;
  await rowVisibleAt(env.page, benchSubject(COUNT));
  // Let the IDLE connection settle into IDLE.
  await new Promise((r) => setTimeout(r, 1_000));
  const other = await rawImap(env.servers.info, user);
  const storeMs: number[] = [];
  const appendMs: number[] = [];
  const serverToClientMs: number[] = [];
  try {
    await other.mailboxOpen('INBOX');
    for (let i = 0; i < runs; i++) {
      const n = COUNT - i;
      const since = Date.now();
      const visible = rowVisibleAt(env.page, `Flagged, ${senderOf(n)}: ${benchSubject(n)}`, 30_000);
      await other.messageFlagsAdd(String(n), ['\\Flagged'], { uid: true });
      const shownAt = await visible;
      const notifiedAt = await notificationAt(entries, since, /^\* \d+ FETCH/);
      storeMs.push(shownAt - notifiedAt);
      serverToClientMs.push(notifiedAt - since);
      await new Promise((r) => setTimeout(r, 300));

      const subject = `Pushed ${i} ${Date.now()}`;
      const appendSince = Date.now();
      const arrived = rowVisibleAt(env.page, subject, 30_000);
      await other.append('INBOX', makeMessage({ subject, from: 'Pusher <pusher@example.test>', body: 'New mail while the client idles.\r\n' }));
      const appendShownAt = await arrived;
      appendMs.push(appendShownAt - (await notificationAt(entries, appendSince, /^\* \d+ EXISTS/)));
      console.log(`  run ${i + 1}: STORE visible ${storeMs.at(-1)} ms, APPEND visible ${appendMs.at(-1)} ms after the IDLE notification`);
      await new Promise((r) => setTimeout(r, 300));
    }
  } finally {
    stopTranscript();
    await other.logout();
  }
  await removeAllAccounts(env);
  const store = summarize(storeMs);
  const append = summarize(appendMs);
  return [
    figure({ scenario: '4 IDLE', name: 'STORE elsewhere: notification → flag visible', unit: 'ms', client: store, raw: null, target: '≤ 200 ms', met: store.median <= 200 && store.max <= 200 }),
    figure({ scenario: '4 IDLE', name: 'APPEND elsewhere: notification → row visible', unit: 'ms', client: append, raw: null, target: '≤ 200 ms', met: append.median <= 200 && append.max <= 200 }),
    figure({ scenario: '4 IDLE', name: 'STORE sent → notification reaches the client (server side)', unit: 'ms', client: summarize(serverToClientMs), raw: null, target: '–', met: null }),
  ];
}
