/**
 * How long opening a 31 MB and a 60 MB message over IMAP stalls the core's event loop (issue 11,
 * item 4: at most 200 ms), in the product's arrangement: the core (the web harness's PortholeCore
 * and its WebSocket gateway, `startHarness`) in this process's main thread and nothing else busy
 * on it; the mail server real Dovecot (test/servers, its own processes); the cache host out of this
 * process, over the harness's real WebSocket — by default the built cache-host page in Chromium
 * (the app opened at the harness's address, as `npm run web` is used), or with `--host node` the
 * same Dexie code over fake-indexeddb in a child process (test/support/ws-cache-host.ts).
 *
 *   node scripts/build.mjs --quiet   # dist/renderer, for --host chromium
 *   npx esbuild bench/open-large-imap.ts --bundle --platform=node --format=cjs --packages=external --outfile=/tmp/open-large-imap.cjs
 *   NODE_PATH=node_modules node --expose-gc /tmp/open-large-imap.cjs [--runs 3] [--host chromium|node] [--range-mb 0] [--whole]
 *
 * `--range-mb N` fetches in ranges of N MB, 0 as one literal (before issue 11, item 4a); `--whole`
 * sends requests to the cache host whole instead of in pieces (before item 4b; the host still
 * answers in pieces). Both only patch this bench's copy of the code, not the product.
 *
 * Each run opens a message not opened before (`message:open`, as the reader does: download, parse,
 * write the body to the cache, mark it read), and measures in this thread: the longest event-loop
 * stall (monitorEventLoopDelay at 10 ms resolution, and the longest gap of a 5 ms ticker), the
 * longest stall in CPU time (of each ticker gap, the CPU time this process used meanwhile: on a
 * shared, loaded machine a wall-clock gap also counts waiting for a core), the peak RSS of this
 * process (sampled every 20 ms) and the total time. Also in this process, idle meanwhile: the test
 * SMTP server (test/servers) and, with Chromium, Playwright's client. With `node --cpu-prof`, each
 * run prints when its longest CPU stall was; `bench/lib/profile-window.ts` shows what ran then.
 * Not part of `npm test`.
 */
import { fork } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright';
import { ImapBackend } from '../main/sync/imap/imap-backend';
import { startHarness, type RunningHarness } from '../main/web/harness';
import { createUser, seedMessages, startTestServers, type MailUser, type RunningTestServers } from '../test/servers';
import { launchChromium } from '../test/support/browser';
import { connectWsCacheHost } from '../test/support/ws-cache-host';
import { mixedMessage, textMessage } from '../test/unit/main/mime/large-message-samples';

const MB = 1024 * 1024;
/** The checkout (run from it): where dist/renderer is. */
const ROOT = process.env.PORTHOLE_ROOT ?? process.cwd();

interface Run {
  size: string;
  wallStallMs: number;
  histogramMaxMs: number;
  cpuStallMs: number;
  peakRssMb: number;
  totalMs: number;
  outcome: string;
  /** When the longest CPU stall was, in monotonic µs (the clock of a --cpu-prof profile). */
  busiestGapUs: [number, number];
}

/** The cache host's side (`--cache-host-child <url>`): the harness's cache-host role, Dexie over fake-indexeddb. */
async function runCacheHostChild(url: string): Promise<void> {
  await connectWsCacheHost(url);
  process.send?.('ready');
}

/** Sends requests whole (as before the pieces), by giving the core's cache client a link without `sendPiece`. */
function sendWhole(harness: RunningHarness): void {
  const cache = harness.core.cache;
  const attach = cache.attach.bind(cache);
  const detach = cache.detach.bind(cache);
  const wrapped = new Map<object, object>();
  cache.attach = (link) => {
    const whole = { send: link.send.bind(link) };
    wrapped.set(link, whole);
    attach(whole);
  };
  cache.detach = (link) => detach((wrapped.get(link) ?? link) as typeof link);
}

/** Ranges of `mb` MB, or one literal for 0: this bench's copy of ImapBackend only. */
function setRangeMb(mb: number): void {
  Object.defineProperty(ImapBackend.prototype, 'rangeBytes', { get: () => (mb > 0 ? mb * MB : Number.POSITIVE_INFINITY), configurable: true });
}

async function measure(size: string, work: () => Promise<string>): Promise<Run> {
  (globalThis as { gc?: () => void }).gc?.();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  let longestGap = 0;
  let longestBusy = 0;
  let busiestGapUs: [number, number] = [0, 0];
  const ticker = setInterval(() => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    longestGap = Math.max(longestGap, now - last);
    const busy = Math.min(now - last, (cpu.user + cpu.system) / 1000);
    if (busy > longestBusy) {
      longestBusy = busy;
      // For --cpu-prof: the gap in the profile's clock (monotonic µs), to look up what ran in it.
      const endUs = Number(process.hrtime.bigint() / 1000n);
      busiestGapUs = [endUs - Math.round((now - last) * 1000), endUs];
    }
    last = now;
    lastCpu = process.cpuUsage();
  }, 5);
  loop.enable();
  const started = performance.now();
  let outcome: string;
  try {
    outcome = await work();
  } catch (error) {
    outcome = `threw: ${error instanceof Error ? error.message : String(error)}`;
  }
  const totalMs = performance.now() - started;
  // A stall just before `work` resolved is seen by the ticker at its next run.
  await new Promise((resolve) => setTimeout(resolve, 30));
  loop.disable();
  clearInterval(ticker);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const histogramMaxMs = loop.max / 1e6;
  return { size, wallStallMs: Math.round(Math.max(histogramMaxMs, longestGap)), histogramMaxMs: Math.round(histogramMaxMs), cpuStallMs: Math.round(longestBusy), peakRssMb: Math.round(peak / MB), totalMs: Math.round(totalMs), outcome, busiestGapUs };
}

async function waitFor<T>(probe: () => Promise<T | null>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const summary = (values: number[]): string => {
  const sorted = [...values].sort((a, b) => a - b);
  return `${sorted[Math.floor((sorted.length - 1) / 2)]} (${sorted[0]}–${sorted[sorted.length - 1]})`;
};

async function main(): Promise<void> {
  if (process.argv[2] === '--cache-host-child') return runCacheHostChild(process.argv[3]!);
  const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '3' }, host: { type: 'string', default: 'chromium' }, 'range-mb': { type: 'string' }, whole: { type: 'boolean', default: false } } });
  const runs = Math.max(1, Number(args.runs));
  if (args['range-mb'] !== undefined) setRangeMb(Number(args['range-mb']));

  // The renderer bundle copied aside: another `npm run build` on this checkout empties dist/ first.
  const rendererDir = mkdtempSync(join(tmpdir(), 'porthole-bench-renderer-'));
  cpSync(join(ROOT, 'dist', 'renderer'), rendererDir, { recursive: true });
  const servers: RunningTestServers = await startTestServers();
  const profileDir = mkdtempSync(join(tmpdir(), 'porthole-bench-profile-'));
  const harness = await startHarness({ port: 0, profileDir, rendererDir, version: 'bench' });
  if (args.whole) sendWhole(harness);
  let browser: Browser | null = null;
  let child: ReturnType<typeof fork> | null = null;
  try {
    if (args.host === 'node') {
      child = fork(__filename, ['--cache-host-child', harness.url], { stdio: 'inherit', execArgv: [] });
      await new Promise((resolve) => child!.once('message', resolve));
    } else {
      browser = await launchChromium();
      const page = await (await browser.newContext({ locale: 'en-US', viewport: { width: 1400, height: 900 } })).newPage();
      await page.goto(harness.url);
      await page.waitForFunction(() => document.querySelector('iframe') !== null && document.querySelector('main, form, [role="main"]') !== null, null, { timeout: 60_000 });
    }
    const core = harness.core;

    const user: MailUser = await createUser(servers.info);
    const samples: Array<[string, () => Buffer]> = [
      ['31 MB text', () => textMessage(31 * MB)],
      ['60 MB mixed (random-byte attachment)', () => mixedMessage(60 * MB)],
    ];
    const sizes = new Map<number, string>();
    for (const [label, make] of samples) {
      const raw = make();
      sizes.set(raw.length, label);
      await seedMessages(servers.info, user, 'INBOX', Array.from({ length: runs }, () => ({ raw })));
    }
    const info = servers.info;
    const added = await core.handle('account:add', {
      displayName: 'Bench',
      address: user.address,
      mode: 'imap',
      incoming: { host: info.host, port: info.imap.tlsPort, security: 'tls', user: user.user },
      incomingPassword: user.password,
      smtp: { host: info.host, port: info.smtp.tlsPort, security: 'tls', user: user.user },
      smtpPassword: '',
      trustFingerprints: [info.certificate.fingerprint256],
      pop: null,
    });
    if (!added.ok) throw new Error(`account:add: ${added.error.message}`);
    const accountId = added.value.id;
    const device = added.value.devices[0]!;
    const listed = await waitFor(
      async () => {
        const messages = await core.cache.query(device.dbName, { query: 'folderMessages', folderId: 'server:INBOX' });
        return messages.length >= 2 * runs ? messages : null;
      },
      120_000,
      'the INBOX synced',
    );
    // Let the sync's tail (previews, counts) settle before the first measurement.
    await new Promise((resolve) => setTimeout(resolve, 3_000));

    const results: Run[] = [];
    for (const [label] of samples) {
      const ids = listed.filter((m) => sizes.get(m.size) === label).map((m) => m.id);
      for (const messageId of ids.slice(0, runs)) {
        const run = await measure(label, async () => {
          const opened = await core.handle('message:open', { accountId, deviceId: device.id, messageId, markSeen: true });
          return opened.ok ? 'opened' : `failed: ${opened.error.message}`;
        });
        // Checked after the measurement: the reader reads the body from IndexedDB in its own page, not through the core.
        const body = (await core.cache.query(device.dbName, { query: 'body', messageId })) as { text: string; attachments: Array<{ size: number }> } | null;
        run.outcome += `: ${body?.text.length ?? 0} chars of text, attachments ${JSON.stringify(body?.attachments.map((a) => a.size) ?? [])}`;
        console.log(`${label}: wall stall ${run.wallStallMs} ms (histogram ${run.histogramMaxMs}), CPU stall ${run.cpuStallMs} ms, peak RSS ${run.peakRssMb} MB, total ${run.totalMs} ms; ${run.outcome}; load ${loadavg()[0]!.toFixed(2)}; longest CPU stall at ${run.busiestGapUs.join('–')} µs`);
        results.push(run);
        (globalThis as { gc?: () => void }).gc?.();
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
    const [load1, load5] = loadavg();
    const variant = `cache host: ${args.host === 'node' ? 'Node child process (fake-indexeddb)' : 'Chromium page (built cache host)'}; IMAP ${args['range-mb'] === undefined ? 'ranges of 2 MB (product)' : Number(args['range-mb']) > 0 ? `ranges of ${args['range-mb']} MB` : 'one literal'}; requests to the host ${args.whole ? 'whole' : 'in pieces (product)'}`;
    console.log(`\n${variant}; ${runs} runs each, median (min–max); load average ${load1!.toFixed(2)} / ${load5!.toFixed(2)} (1 / 5 min) at the end\n`);
    console.log('| message | longest stall, wall (ms) | longest stall, CPU (ms) | peak RSS of the core (MB) | total (ms) |');
    console.log('|---|---|---|---|---|');
    for (const [label] of samples) {
      const mine = results.filter((r) => r.size === label);
      console.log(`| ${label} | ${summary(mine.map((r) => r.wallStallMs))} | ${summary(mine.map((r) => r.cpuStallMs))} | ${summary(mine.map((r) => r.peakRssMb))} | ${summary(mine.map((r) => r.totalMs))} |`);
    }
  } finally {
    await harness.close().catch(() => undefined);
    await browser?.close();
    child?.kill();
    await servers.stop();
    rmSync(rendererDir, { recursive: true, force: true });
    rmSync(profileDir, { recursive: true, force: true });
  }
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
