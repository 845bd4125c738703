/**
 * Memory and event-loop figures of the IMAP engine against hostile servers (issue 11, items 2–4),
 * in one process as the core runs it (the cache host's code over fake-indexeddb):
 *
 *   npx esbuild bench/hostile-imap.ts --bundle --platform=node --format=cjs --packages=external --outfile=/tmp/hostile-imap.cjs
 *   NODE_PATH=node_modules node --expose-gc /tmp/hostile-imap.cjs [--only literal-lying,literal-honest,literal-31mb,endless-line,reconnects]
 *
 * and for the event-loop budget of one message (issue 11, item 4): `open-attachment-30mb`,
 * `open-mixed-60mb` (the server's literal is such a message), `parse-attachment-30mb`,
 * `parse-text-31mb`, `parse-mixed-60mb`, `parse-html-31mb` (parseMessage alone; the messages of
 * test/unit/main/mime/large-message-samples.ts). `download-31mb`, `download-60mb`: the IMAP download
 * alone (no parse, no cache write); `download-parse-31mb`, `download-parse-60mb`: and parsed, as an
 * open does before its cache write; `--range-mb N` fetches in ranges of N MB, 0 as one literal.
 * Add --cpu-prof to node to see where a stall is.
 *
 * For each scenario: peak RSS (sampled every 20 ms), the longest event-loop stall
 * (perf_hooks.monitorEventLoopDelay, and the longest gap of a 5 ms ticker) and what the user got.
 * Not part of `npm test`.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { messageKey } from '../common/model/mail';
import { parseMessage } from '../main/mime/parse-message';
import type { ImapBackendOptions } from '../main/sync/imap/imap-backend';
import { FakeImapServer, fakeMessages, type FakeImapFaults } from '../test/support/fake-imap-server';
import { attachmentMessage, htmlMessage, mixedMessage, textMessage } from '../test/unit/main/mime/large-message-samples';
import { startBackendOnFakeServer } from '../test/unit/main/sync/imap/backend-on-fake-server';
import { statusEnglish } from '../test/support/main-words';

const MB = 1024 * 1024;

interface Figures {
  scenario: string;
  peakRssMb: number;
  maxStallMs: number;
  /**
   * The longest stall counted in CPU time: of each gap of the 5 ms ticker, the CPU time this
   * process used meanwhile (process.cpuUsage, capped at the gap), the largest. On a machine
   * shared with other work a wall-clock gap also counts the time the process waited for a core;
   * this does not (GC helper threads may add a little).
   */
  stallCpuMs: number;
  outcome: string;
}

async function waitUntil(probe: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

/** Runs `work` while sampling RSS and the event loop's delay. */
async function measure(scenario: string, work: () => Promise<string>): Promise<Figures> {
  (globalThis as { gc?: () => void }).gc?.();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  // A timer's view too: the longest time between two runs of a 5 ms ticker.
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  let longestGap = 0;
  let longestBusy = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    longestGap = Math.max(longestGap, now - last);
    longestBusy = Math.max(longestBusy, Math.min(now - last, (cpu.user + cpu.system) / 1000));
    last = now;
    lastCpu = process.cpuUsage();
  }, 5);
  loop.enable();
  let outcome: string;
  try {
    outcome = await work();
  } catch (error) {
    outcome = `threw: ${error instanceof Error ? error.message : String(error)}`;
  }
  // A stall just before `work` resolved is seen by the ticker only at its next run: wait for it
  // (without this, a download that ends in one long Buffer.concat measured as no stall at all).
  await new Promise((resolve) => setTimeout(resolve, 20));
  loop.disable();
  clearInterval(ticker);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { scenario, peakRssMb: Math.round(peak / MB), maxStallMs: Math.round(Math.max(loop.max / 1e6, longestGap)), stallCpuMs: Math.round(longestBusy), outcome };
}

/** --range-mb N: fetch messages above N MB in ranges of N MB; 0: as one literal (before issue 11, item 4). Default: the product's. */
function backendOptions(): ImapBackendOptions {
  const at = process.argv.indexOf('--range-mb');
  if (at < 0) return {};
  const mb = Number(process.argv[at + 1]);
  return { rangeBytes: mb > 0 ? mb * MB : Number.POSITIVE_INFINITY };
}

async function withDevice<T>(faults: FakeImapFaults, run: (server: FakeImapServer, device: Awaited<ReturnType<typeof startBackendOnFakeServer>>) => Promise<T>): Promise<T> {
  const server = await new FakeImapServer({ messages: fakeMessages(10), faults }).start();
  const device = await startBackendOnFakeServer(server, backendOptions());
  try {
    return await run(server, device);
  } finally {
    await device.stop();
    await server.stop();
  }
}

/** Opens message 2, whose body the server answers with a literal of `bytes`. */
function openHuge(name: string, bytes: number, honestSize: boolean): Promise<Figures> {
  return withDevice({ hugeBody: { uid: 2, bytes, honestSize } }, async (server, device) => {
    await waitUntil(async () => (await device.inbox()).length === 10, 30_000);
    const id = messageKey('server:INBOX', 2);
    return measure(name, async () => {
      await device.backend.openMessage(id, true);
      const body = await device.body(id);
      return `opened: ${body?.text.length ?? 0} chars of text, warnings ${JSON.stringify(body?.parseWarnings ?? [])}; server sent ${Math.round(server.bytesSent / MB)} MB`;
    });
  });
}

/** Opens message 2, whose body the server answers with `source` (a message of large-message-samples.ts). */
function openSample(name: string, source: Buffer): Promise<Figures> {
  return withDevice({ hugeBody: { uid: 2, bytes: source.length, honestSize: true, source } }, async (server, device) => {
    await waitUntil(async () => (await device.inbox()).length === 10, 30_000);
    const id = messageKey('server:INBOX', 2);
    return measure(name, async () => {
      await device.backend.openMessage(id, true);
      const body = await device.body(id);
      return `opened: ${body?.text.length ?? 0} chars of text, attachments ${JSON.stringify(body?.attachments.map((a) => a.size) ?? [])}, warnings ${JSON.stringify(body?.parseWarnings ?? [])}; server sent ${Math.round(server.bytesSent / MB)} MB`;
    });
  });
}

/** Downloads message 2 (`bytes` of text lines) without parsing or storing it: the IMAP download alone. */
function downloadOnly(name: string, bytes: number): Promise<Figures> {
  return withDevice({ hugeBody: { uid: 2, bytes, honestSize: true } }, async (server, device) => {
    await waitUntil(async () => (await device.inbox()).length === 10, 30_000);
    const id = messageKey('server:INBOX', 2);
    const answersBefore = server.hugeBodyAnswers.length;
    return measure(name, async () => {
      const started = performance.now();
      const source = await device.backend.messageSource(id);
      return `${Math.round(performance.now() - started)} ms: ${source.length} octets in ${server.hugeBodyAnswers.length - answersBefore} answer(s)`;
    });
  });
}

/** What opening message 2 does in the core before the cache write: download it, then parseMessage. */
function downloadAndParse(name: string, bytes: number): Promise<Figures> {
  return withDevice({ hugeBody: { uid: 2, bytes, honestSize: true } }, async (_server, device) => {
    await waitUntil(async () => (await device.inbox()).length === 10, 30_000);
    const id = messageKey('server:INBOX', 2);
    return measure(name, async () => {
      const started = performance.now();
      const parsed = await parseMessage(id, await device.backend.messageSource(id));
      return `${Math.round(performance.now() - started)} ms: ${parsed.body.text.length} chars of text`;
    });
  });
}

/** parseMessage alone on `make()`'s message. */
function parseOnly(name: string, make: () => Buffer): Promise<Figures> {
  const source = make();
  return measure(name, async () => {
    const started = performance.now();
    const parsed = await parseMessage('m', source);
    return `${Math.round(performance.now() - started)} ms: ${parsed.body.text.length} chars of text, html ${parsed.body.html?.length ?? 0}, attachments ${JSON.stringify(parsed.body.attachments.map((a) => a.size))}, warnings ${JSON.stringify(parsed.body.parseWarnings)}`;
  });
}

const SCENARIOS: Record<string, () => Promise<Figures>> = {
  'open-attachment-30mb': () => openSample('30 MB message with an attachment, downloaded and parsed', attachmentMessage(30 * MB)),
  'open-mixed-60mb': () => openSample('60 MB message (text, HTML, image, attachment), downloaded and parsed', mixedMessage(60 * MB)),
  'download-31mb': () => downloadOnly('31 MB message downloaded (messageSource, no parse, no cache)', 31 * MB),
  'download-60mb': () => downloadOnly('60 MB message downloaded (messageSource, no parse, no cache)', 60 * MB),
  'download-parse-31mb': () => downloadAndParse('31 MB message downloaded and parsed (no cache write)', 31 * MB),
  'download-parse-60mb': () => downloadAndParse('60 MB message downloaded and parsed (no cache write)', 60 * MB),
  'parse-attachment-30mb': () => parseOnly('parseMessage: 30 MB message with an attachment', () => attachmentMessage(30 * MB)),
  'parse-text-31mb': () => parseOnly('parseMessage: 31 MB text message', () => textMessage(31 * MB)),
  'parse-mixed-60mb': () => parseOnly('parseMessage: 60 MB message (text, HTML, image, attachment)', () => mixedMessage(60 * MB)),
  'parse-html-31mb': () => parseOnly('parseMessage: 31 MB HTML-only message', () => htmlMessage(31 * MB)),
  'literal-lying': () => openHuge('200 MB literal, RFC822.SIZE claims a small message', 200 * MB, false),
  'literal-honest': () => openHuge('200 MB message, RFC822.SIZE says 200 MB', 200 * MB, true),
  'literal-31mb': () => openHuge('31 MB message (below the limit), downloaded and parsed', 31 * MB, true),
  'endless-line': () =>
    withDevice({ endlessLine: true }, (server, device) =>
      measure('a line without CRLF that never ends (20 s at most)', async () => {
        const closed = await waitUntil(() => device.statuses.some((s) => s.connection === 'error'), 20_000);
        const detail = device.statuses.find((s) => s.connection === 'error')?.detail;
        return `${closed ? `closed: "${detail ? statusEnglish(detail) : ''}"` : 'still reading after 20 s'}; server sent ${Math.round(server.bytesSent / MB)} MB`;
      }),
    ),
  reconnects: () =>
    withDevice({ unterminatedLiteralUid: 5 }, (server, device) =>
      measure('FETCH answer of UID 5 never ends (the server hangs up): logins in 30 s', async () => {
        await new Promise((resolve) => setTimeout(resolve, 30_000));
        const inbox = await device.inbox();
        return `${server.logins} logins; ${inbox.length} of 10 messages listed, ${inbox.filter((m) => m.problem).length} as unreadable`;
      }),
    ),
};

async function main(): Promise<void> {
  const onlyArg = process.argv.indexOf('--only');
  const names = onlyArg >= 0 ? process.argv[onlyArg + 1]!.split(',') : Object.keys(SCENARIOS);
  for (const name of names) {
    const figures = await SCENARIOS[name]!();
    console.log(`${figures.scenario}\n  peak RSS ${figures.peakRssMb} MB, longest event-loop stall ${figures.maxStallMs} ms (in CPU time ${figures.stallCpuMs} ms)\n  ${figures.outcome}`);
  }
  process.exit(0);
}

void main();
