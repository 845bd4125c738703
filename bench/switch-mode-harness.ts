/**
 * A POP ⇄ IMAP switch of one device on a real mailbox (issue 12 item 3) in the product's
 * arrangement: the web harness's core (`startHarness`: PortholeCore and its WebSocket gateway) in
 * this process's main thread, real Dovecot (test/servers) with N messages, and the cache host the
 * built cache-host page in headless Chromium (the app opened at the harness's address, as
 * `npm run web` is used), so that every cache round trip crosses the harness's real WebSocket and
 * lands in Chromium's IndexedDB — as the issue's figures were measured (6,046 messages: preview
 * 25 s, POP → IMAP 110 s, IMAP → POP preview 52 s and switch 142 s). bench/switch-mode.ts measures
 * the same steps with the in-process cache host (fake-indexeddb, no WebSocket).
 *
 *   node scripts/build.mjs --quiet   # dist/renderer: the cache-host page
 *   npx esbuild bench/switch-mode-harness.ts --bundle --platform=node --format=cjs --packages=external --outfile=/tmp/switch-mode-harness.cjs
 *   NODE_PATH=node_modules node /tmp/switch-mode-harness.cjs [--messages 6046] [--push all|changed|none] [--rounds 1]
 *   (outside the checkout, NODE_PATH=<checkout>/node_modules; PORTHOLE_ROOT=<checkout> for its dist/renderer)
 *
 * A POP device (keep on server) downloads all N; then the four steps a user takes — preview and
 * switch to IMAP (`--push all`, the default: every message with other states chosen, the same work
 * as `pushStates: true` before per-message choice existed), the IMAP sync that follows (timed
 * apart), preview and switch back to POP (bodies cached: nothing to download) — each timed, with:
 * the core's CPU time (this process: the core, the gateway, the test SMTP server and Playwright's
 * client, idle meanwhile), the longest event-loop stall, the cache round trips (requests sent to
 * the cache host over the WebSocket: batches applied with their ops, queries by kind) and the
 * time at least one of them was waiting for its answer ("cache busy"); the rest of the wall time
 * is the core's own work and waiting for Dovecot. With `switch:progress` (after issue 12), the time
 * of each step of the switch. Not part of `npm test`.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright';
import type { CacheHostRequest } from '../common/cache-protocol';
import type { SwitchOptions } from '../common/model/switch';
import type { CacheHostLink } from '../main/cache/cache-client';
import { startHarness, type RunningHarness } from '../main/web/harness';
import { createUser, seedMessages, startTestServers } from '../test/servers';
import { launchChromium } from '../test/support/browser';
import { accountDraft, popAccountDraft } from '../test/support/core-fixture';
import { numberedMessages } from '../test/support/fixtures';
import { logSwitchSteps } from './lib/switch-steps';

/** The checkout (run from it): where dist/renderer is. */
const ROOT = process.env.PORTHOLE_ROOT ?? process.cwd();

const { values: args } = parseArgs({ options: { messages: { type: 'string', default: '6046' }, push: { type: 'string', default: 'all' }, 'page-profile': { type: 'boolean', default: false }, rounds: { type: 'string', default: '1' } } });
const count = Number(args.messages);

/**
 * Cache round trips since the last step printed: requests the core sent to the cache host (a
 * request sent in pieces counts once), the ops its batches carried, and how long at least one
 * request was waiting for its answer.
 */
const trips = { apply: 0, query: 0, other: 0, ops: 0, byQuery: new Map<string, number>(), busyMs: 0 };
const sentAt = new Map<number, number>();
let busySince = 0;

function sent(request: CacheHostRequest): void {
  if (sentAt.has(request.requestId)) return; // sent again to a new host, or its pieces
  if (sentAt.size === 0) busySince = performance.now();
  sentAt.set(request.requestId, performance.now());
  if (request.kind === 'apply') {
    trips.apply += 1;
    trips.ops += request.ops.length;
  } else if (request.kind === 'query') {
    trips.query += 1;
    trips.byQuery.set(request.query.query, (trips.byQuery.get(request.query.query) ?? 0) + 1);
  } else {
    trips.other += 1;
  }
}

function answered(requestId: number): void {
  if (!sentAt.delete(requestId)) return;
  if (sentAt.size === 0) trips.busyMs += performance.now() - busySince;
}

/** Counts what the core sends to the cache host and what comes back, without changing either. */
function countTrips(harness: RunningHarness): void {
  const cache = harness.core.cache;
  const attach = cache.attach.bind(cache);
  const detach = cache.detach.bind(cache);
  const receive = cache.receive.bind(cache);
  const wrapped = new Map<CacheHostLink, CacheHostLink>();
  cache.attach = (link) => {
    const counted: CacheHostLink = { send: (request) => (sent(request), link.send(request)) };
    // Requests with large values go in pieces (after issue 11): the head carries the request.
    const sendPiece = link.sendPiece?.bind(link);
    if (sendPiece) {
      counted.sendPiece = (frame) => {
        if (frame.kind === 'pieced') sent(frame.message);
        sendPiece(frame);
      };
    }
    wrapped.set(link, counted);
    attach(counted);
  };
  cache.detach = (link) => detach(wrapped.get(link) ?? link);
  cache.receive = (reply) => {
    answered(reply.requestId);
    receive(reply);
  };
}

function tripsSince(): string {
  if (sentAt.size > 0) trips.busyMs += performance.now() - busySince;
  busySince = performance.now();
  const queries = [...trips.byQuery].sort((a, b) => b[1] - a[1]).map(([q, n]) => `${q} ${n}`).join(', ');
  const line = `cache round trips ${trips.apply + trips.query + trips.other}: ${trips.apply} batches (${trips.ops} ops), ${trips.query} queries${queries ? ` (${queries})` : ''}; cache busy ${(trips.busyMs / 1000).toFixed(1)} s`;
  trips.apply = trips.query = trips.other = trips.ops = trips.busyMs = 0;
  trips.byQuery.clear();
  return line;
}

/** Prints the switch step under way, if any (set in main, where progress is heard). */
let endStep = (): void => undefined;

interface Timed {
  label: string;
  seconds: number;
  cpuSeconds: number;
  trips: string;
}
const results: Timed[] = [];

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  let last = performance.now();
  let worst = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 10);
    last = now;
  }, 10);
  tripsSince();
  const cpu = process.cpuUsage();
  const started = performance.now();
  try {
    return await work();
  } finally {
    clearInterval(tick);
    endStep();
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    const line = tripsSince();
    results.push({ label, seconds, cpuSeconds, trips: line });
    console.log(`${label}: ${seconds.toFixed(1)} s (core CPU ${cpuSeconds.toFixed(1)} s, longest stall ${Math.round(worst)} ms; load ${loadavg()[0]!.toFixed(2)})`);
    console.log(`  ${line}`);
  }
}

async function until(what: string, check: () => Promise<boolean>, everyMs = 500): Promise<void> {
  const deadline = Date.now() + 60 * 60_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/**
 * With --page-profile: the page's (the UI and the cache host share it) JavaScript during `work`,
 * from Chrome's sampling profiler — how much of the time its thread ran script at all, and where.
 * Idle time there means the wait is in Chromium's IndexedDB backend, not in our code or Dexie's.
 */
async function profiled<T>(page: Page, work: () => Promise<T>): Promise<T> {
  if (!args['page-profile']) return work();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map<string, number>();
    profile.samples.forEach((id, i) => {
      const frame = byId.get(id)!.callFrame;
      const name = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop() ?? ''}:${frame.lineNumber}`;
      self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
    const total = [...self.values()].reduce((a, b) => a + b, 0);
    const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12);
    console.log(`  page profile: ${(total / 1000).toFixed(1)} s sampled; self time:`);
    for (const [name, ms] of top) console.log(`    ${(ms / 1000).toFixed(2)} s  ${name}`);
    await cdp.detach();
  }
}

function ok<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

async function main(): Promise<void> {
  // The renderer bundle copied aside: another `npm run build` on this checkout empties dist/ first.
  const rendererDir = mkdtempSync(join(tmpdir(), 'porthole-bench-renderer-'));
  cpSync(join(ROOT, 'dist', 'renderer'), rendererDir, { recursive: true });
  const servers = await startTestServers();
  const profileDir = mkdtempSync(join(tmpdir(), 'porthole-bench-profile-'));
  const harness = await startHarness({ port: 0, profileDir, rendererDir, version: 'bench' });
  countTrips(harness);
  let browser: Browser | null = null;
  try {
    browser = await launchChromium();
    const page = await (await browser.newContext({ locale: 'en-US', viewport: { width: 1400, height: 900 } })).newPage();
    await page.goto(harness.url);
    await page.waitForFunction(() => document.querySelector('iframe') !== null && document.querySelector('main, form, [role="main"]') !== null, null, { timeout: 60_000 });
    const core = harness.core;

    // When each step of a switch starts (`switch:progress`, after issue 12), so a slow figure can be traced to its step.
    endStep = logSwitchSteps((listener) => core.on('switch:progress', listener));

    const user = await createUser(servers.info);
    await seedMessages(servers.info, user, 'INBOX', numberedMessages(count));
    const imap = accountDraft(servers.info, user, 'tls').incoming;
    const added = ok(await core.handle('account:add', popAccountDraft(servers.info, user, 'tls', { retention: { kind: 'keep' } })));
    const device = added.devices[0]!;
    const ref = { accountId: added.id, deviceId: device.id };
    const cached = async (folderId: string): Promise<number> => (await core.cache.query(device.dbName, { query: 'folderMessages', folderId })).length;

    await timed(`POP download of ${count}`, () => until('the POP download', async () => (await cached('local:inbox')) === count, 3_000));
    // Let the download's tail (previews, counts) settle.
    await new Promise((resolve) => setTimeout(resolve, 3_000));

    // Rounds after the first switch the same mailbox again: the figures' spread on one machine.
    for (let round = 1; round <= Number(args.rounds); round++) {
      if (round > 1) console.log(`round ${round}`);
      const preview = await timed('preview POP → IMAP', async () => ok(await core.handle('device:switchPreview', { ...ref, to: 'imap', incoming: imap, password: user.password })));
      // Before issue 12 the dialog pushed every state by default (pushStates: true, no `stateChanges`
      // in the preview, no `pushMessages`: the old schema drops it); now pushing is chosen per message.
      const all = (preview as { stateChanges?: Array<{ id: string }> }).stateChanges?.map((c) => c.id) ?? [];
      const options = { upload: true, pushStates: args.push !== 'none', ...(args.push === 'all' ? { pushMessages: all } : {}), copyFolders: [] } as SwitchOptions;
      console.log(`  ${preview.matched} matched, ${preview.statesToPush} with other states, pushing ${args.push}`);
      const result = await timed('switch POP → IMAP', () => profiled(page, async () => ok(await core.handle('device:switchMode', { ...ref, to: 'imap', incoming: imap, password: user.password, options }))));
      console.log(`  ${result.matched} matched, ${result.statesPushed} states pushed`);

      await timed('IMAP sync', () =>
        until('the IMAP sync', async () => {
          const folders = await core.cache.query(device.dbName, { query: 'folders' });
          if (folders.find((f) => f.id === 'server:INBOX')?.syncedAt == null) return false;
          return (await core.cache.query(device.dbName, { query: 'messageUids', folderId: 'server:INBOX' })).length === count;
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 3_000));

      const back = await timed('preview IMAP → POP', async () => ok(await core.handle('device:switchPreview', { ...ref, to: 'pop3', incoming: null, password: user.password })));
      console.log(`  ${back.cachedWhole} cached whole, ${back.toDownload} to download`);
      const done = await timed('switch IMAP → POP', () =>
        profiled(page, async () => ok(await core.handle('device:switchMode', { ...ref, to: 'pop3', incoming: null, password: user.password, options: { upload: false, pushStates: false, copyFolders: [] } }))),
      );
      console.log(`  ${done.matched} matched, ${done.downloaded} downloaded`);
    }

    const [load1, load5] = loadavg();
    console.log(`\n${count} messages; cache host: Chromium page (built cache host) over the harness WebSocket; load average ${load1!.toFixed(2)} / ${load5!.toFixed(2)} (1 / 5 min) at the end\n`);
    console.log('| step | wall (s) | core CPU (s) |');
    console.log('|---|---|---|');
    for (const r of results) console.log(`| ${r.label} | ${r.seconds.toFixed(1)} | ${r.cpuSeconds.toFixed(1)} |`);
  } finally {
    await harness.close().catch(() => undefined);
    await browser?.close();
    await servers.stop();
    rmSync(rendererDir, { recursive: true, force: true });
    rmSync(profileDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
