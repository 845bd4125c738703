import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { serverFolderId } from '../common/model/mail';
import type { SwitchOptions } from '../common/model/switch';
import { createUser, seedMessages, startTestServers } from '../test/servers';
import { accountDraft, addAccount, popAccountDraft, startCore } from '../test/support/core-fixture';
import { numberedMessages } from '../test/support/fixtures';
import { logSwitchSteps } from './lib/switch-steps';

/**
 * A POP ⇄ IMAP switch of one device on a real mailbox (issue 12 item 3): Dovecot filled with N
 * messages, a POP device that downloaded them all, then the four steps a user takes — preview and
 * switch to IMAP, preview and switch back to POP — each timed, with the core's longest event-loop
 * stall. The cache host is the in-process one (fake-indexeddb), as in the integration tests.
 *
 *   node scripts/build.mjs --quiet   (not needed: this bundles itself)
 *   npx esbuild bench/switch-mode.ts --bundle --platform=node --format=cjs --packages=external --outfile=/tmp/switch-bench.cjs && node /tmp/switch-bench.cjs --messages 6046
 *   (outside the checkout, NODE_PATH=<checkout>/node_modules so the bundle finds its packages)
 *
 * Each timed action also prints its cache round trips (batches applied, queries by kind): here the
 * cache host is in-process, in the product each one crosses to the cache-host page.
 *
 * Measured (6,046 messages, 2 loaded cores; before = 1a184bf, after = bulk renameMessages and the
 * bodyIds query): preview POP → IMAP 2.0 → 1.7 s; switch POP → IMAP 12.8 → 5.8 s (saving 13.1 →
 * 4.1 s); preview IMAP → POP 7.4 → 2.6 s (6,046 body queries → 4 bodyIds); switch IMAP → POP,
 * bodies cached, 16.5 → 4.6 s; with --only back (all to download) 23.1 → 14.2 s, its preview
 * 2.7 → 1.0 s. Figures vary 2-3× with the machine's load.
 */
const { values: args } = parseArgs({ options: { messages: { type: 'string', default: '6046' }, push: { type: 'string', default: 'all' }, only: { type: 'string', default: 'both' } } });
const count = Number(args.messages);

/**
 * Cache round trips (requests to the cache host: batches applied, queries) and the ops the batches
 * carried, counted since the last step printed. In the product every one crosses to the cache-host
 * page (Electron IPC, the harness WebSocket); here they stay in-process, so they cost little here
 * and much there.
 */
const trips = { apply: 0, query: 0, ops: 0, byQuery: new Map<string, number>() };
function tripsSince(): string {
  const queries = [...trips.byQuery].sort((a, b) => b[1] - a[1]).map(([q, n]) => `${q} ${n}`).join(', ');
  const line = `cache round trips ${trips.apply + trips.query}: ${trips.apply} batches (${trips.ops} ops), ${trips.query} queries${queries ? ` (${queries})` : ''}`;
  trips.apply = trips.query = trips.ops = 0;
  trips.byQuery.clear();
  return line;
}

/** The longest gap between two 10 ms timer ticks while `work` runs: how long the core stalled. */
/** Prints the switch step under way, if any (set in main, where progress is heard). */
let endStep = (): void => undefined;

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  let last = performance.now();
  let worst = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 10);
    last = now;
  }, 10);
  const started = performance.now();
  try {
    return await work();
  } finally {
    clearInterval(tick);
    endStep();
    console.log(`${label}: ${((performance.now() - started) / 1000).toFixed(1)} s (longest stall ${Math.round(worst)} ms)`);
    console.log(`  ${tripsSince()}`);
  }
}

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30 * 60_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function ok<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

async function main(): Promise<void> {
  const servers = await startTestServers();
  const fixture = await startCore(undefined, {
    hooks: {
      rewrite: (request) => {
        if (request.kind === 'apply') {
          trips.apply += 1;
          trips.ops += request.ops.length;
        } else if (request.kind === 'query') {
          trips.query += 1;
          trips.byQuery.set(request.query.query, (trips.byQuery.get(request.query.query) ?? 0) + 1);
        }
        return request;
      },
    },
  });
  try {
    // When each step of a switch starts, so a slow figure can be traced to its step.
    endStep = logSwitchSteps((listener) => fixture.core.on('switch:progress', listener));
    const user = await createUser(servers.info);
    await seedMessages(servers.info, user, 'INBOX', numberedMessages(count));
    const imap = accountDraft(servers.info, user, 'tls').incoming;
    const startOnPop = args.only !== 'back';
    const { ref, db } = await addAccount(fixture, startOnPop ? popAccountDraft(servers.info, user, 'tls', { retention: { kind: 'keep' } }) : accountDraft(servers.info, user, 'tls'));
    const inboxReady = async (): Promise<boolean> => (await db.messages.where('folderId').equals(serverFolderId('INBOX')).count()) === count && (await db.folders.get(serverFolderId('INBOX')))?.syncedAt != null;
    if (startOnPop) {
      await timed(`POP download of ${count}`, () => until('the POP download', async () => (await db.messages.count()) === count));
      const preview = await timed('preview POP → IMAP', async () => ok(await fixture.core.handle('device:switchPreview', { ...ref, to: 'imap', incoming: imap, password: user.password })));
      // Before issue 12 the dialog pushed every state by default (pushStates: true); now pushing is
      // chosen per message, so the same work is "every message chosen".
      const all = (preview as { stateChanges?: Array<{ id: string }> }).stateChanges?.map((c) => c.id) ?? [];
      const options = { upload: true, pushStates: args.push !== 'none', ...(args.push === 'all' ? { pushMessages: all } : {}), copyFolders: [] } as SwitchOptions;
      console.log(`  ${preview.matched} matched, ${preview.statesToPush} with other states, pushing ${args.push}`);
      const result = await timed('switch POP → IMAP', async () => ok(await fixture.core.handle('device:switchMode', { ...ref, to: 'imap', incoming: imap, password: user.password, options })));
      console.log(`  ${result.matched} matched, ${result.statesPushed} states pushed`);
    }
    await timed('IMAP sync', () => until('the IMAP sync', inboxReady));
    if (args.only === 'there') return;
    const popIncoming = startOnPop ? null : popAccountDraft(servers.info, user).incoming;
    const back = await timed('preview IMAP → POP', async () => ok(await fixture.core.handle('device:switchPreview', { ...ref, to: 'pop3', incoming: popIncoming, password: user.password })));
    console.log(`  ${back.cachedWhole} cached whole, ${back.toDownload} to download`);
    const done = await timed('switch IMAP → POP', async () =>
      ok(await fixture.core.handle('device:switchMode', { ...ref, to: 'pop3', incoming: popIncoming, password: user.password, options: { upload: false, pushStates: false, copyFolders: [] } })),
    );
    console.log(`  ${done.matched} matched, ${done.downloaded} downloaded`);
  } finally {
    await fixture.dispose();
    await servers.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
