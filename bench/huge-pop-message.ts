/**
 * Peak memory and the longest event-loop stall of a POP check that downloads a huge message
 * (issue 11, item 1), as the core runs it: the fake POP3 server generates the message on the fly
 * in a parent process; a child process is the core (runCheck, the cache client, and the cache
 * host's code over fake-indexeddb, with the source pieces' bytes counted and dropped on their way
 * in, because in the product they are written by the cache host in another process).
 *
 *   npx esbuild bench/huge-pop-message.ts --bundle --platform=node --format=cjs --packages=external --outfile=/tmp/huge-pop-message.cjs
 *   NODE_PATH=node_modules node /tmp/huge-pop-message.cjs [--mb 1024] [--kind text|attachment|mixed]
 *
 * --kind attachment or mixed sends a message of test/unit/main/mime/large-message-samples.ts
 * (one base64 attachment; text, HTML, an image and an attachment) instead of lines of text: below
 * the 64 MB limit it is downloaded and parsed whole (issue 11, item 4: the event-loop budget).
 *
 * Prints the child's peak RSS (VmHWM), its longest event-loop stall, how long the check took and
 * what it stored. A body over 1 MB reaches the in-process host as a stub too (its copy is the
 * host's work); what encoding it for the harness's wire and Electron's IPC costs is printed apart.
 * Not part of `npm test`.
 */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { serialize } from 'node:v8';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { CacheHostRequest, CacheOp } from '../common/cache-protocol';
import { DEFAULT_POP_SETTINGS } from '../common/model/account';
import { encodeWire } from '../common/wire';
import { CacheClient } from '../main/cache/cache-client';
import { Pop3Session } from '../main/protocols/pop3/pop3-session';
import type { DeviceCacheAccess } from '../main/sync/backend';
import { runCheck } from '../main/sync/pop3/pop-check';
import { FakePop3Server, hugeMessage, textMessage } from '../test/support/fake-pop3-server';
import { attachInProcessCacheHost } from '../test/support/in-process-cache-host';
import { attachmentMessage, mixedMessage } from '../test/unit/main/mime/large-message-samples';

const MB = 1024 * 1024;

function peakRssMb(pid: number): number {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

interface ChildReport {
  outcome: string;
  seconds: number;
  maxStallMs: number;
  sourceBytesStored: number;
  /** Longest encodeWire / v8.serialize of one cache request with a large body (not in maxStallMs: the in-process host is given a stub). */
  wireMs: number;
  ipcMs: number;
}

/** The core: one check against the server on `port`. */
async function child(port: number): Promise<void> {
  let sourceBytesStored = 0;
  const client = new CacheClient();
  attachInProcessCacheHost(client, {
    rewrite: (request) => {
      if (request.kind !== 'apply') return request;
      const ops = request.ops.map((op): CacheOp => {
        if (op.op === 'putRawSourceChunks') {
          return { ...op, chunks: op.chunks.map((c) => ((sourceBytesStored += c.bytes.length), { ...c, bytes: new Uint8Array(0) })) };
        }
        if (op.op === 'putRawSource') {
          sourceBytesStored += op.source.raw.length;
          return { ...op, source: { ...op.source, raw: new Uint8Array(0) } };
        }
        if (op.op === 'putBody' && (op.body.text.length > MB || op.attachments.some((a) => a.content.length > MB))) {
          // A large body: the host's copy of it (fake-indexeddb's clone, 1.2 s for 31 MB of text)
          // is another process's work in the product; what sending it costs the core is timed below.
          largeBodies.push({ ...request, ops: [op] });
          return { ...op, body: { ...op.body, text: `[${op.body.text.length} characters]` }, attachments: op.attachments.map((a) => ({ ...a, content: new Uint8Array(0) })) };
        }
        return op;
      });
      return { ...request, ops };
    },
  });
  const largeBodies: CacheHostRequest[] = [];
  const cache: DeviceCacheAccess = { apply: (ops) => client.apply('bench', ops), query: (query) => client.query('bench', query) };
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const started = Date.now();
  let outcome: string;
  try {
    const session = await Pop3Session.open({ host: '127.0.0.1', port, tls: null });
    await session.userPass('user', 'secret');
    const result = await runCheck({ session, cache, settings: { ...DEFAULT_POP_SETTINGS, checkEveryMinutes: null }, now: () => Date.now(), progress: () => undefined });
    const messages = await cache.query({ query: 'folderMessages', folderId: 'local:inbox' });
    outcome = `downloaded ${result.downloaded}, failed ${result.failed}; in the list: ${messages.map((m) => m.subject || m.problem).join(' | ')}`;
  } catch (error) {
    outcome = `check failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  loop.disable();
  // Sending a large body to the cache host, in one step on the core's thread: the harness's wire
  // (JSON, bytes as base64) and Electron's IPC (V8's serializer, as structured clone).
  const timed = (work: () => unknown): number => {
    const start = performance.now();
    work();
    return performance.now() - start;
  };
  const wireMs = Math.max(0, ...largeBodies.map((request) => timed(() => encodeWire(request))));
  const ipcMs = Math.max(0, ...largeBodies.map((request) => timed(() => serialize(request))));
  const report: ChildReport = { outcome, seconds: (Date.now() - started) / 1000, maxStallMs: loop.max / 1e6, sourceBytesStored, wireMs, ipcMs };
  process.send?.(report);
  process.exit(0);
}

/** A core that grows past this is stopped (the code before the fix grew to several GB). */
const KILL_ABOVE_MB = 6000;

/** A sample message as the fake server's message: its bytes in 64 KB pieces. */
function sample(uidl: string, source: Buffer): { uidl: string; size: number; bytes(): Iterable<Buffer> } {
  return {
    uidl,
    size: source.length,
    *bytes() {
      for (let at = 0; at < source.length; at += 64 * 1024) yield source.subarray(at, at + 64 * 1024);
    },
  };
}

async function parent(sizeMb: number, kind: string): Promise<void> {
  const server = await new FakePop3Server().start();
  const huge = kind === 'attachment' ? sample('huge', attachmentMessage(sizeMb * MB)) : kind === 'mixed' ? sample('huge', mixedMessage(sizeMb * MB)) : hugeMessage('huge', sizeMb * MB, `A ${sizeMb} MB message`);
  server.messages = [textMessage('before', 'Before it'), huge, textMessage('after', 'After it')];
  const core = fork(__filename, ['--child', String(server.port)], { stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
  let stderr = '';
  core.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  let peak = 0;
  let killed = false;
  const sampler = setInterval(() => {
    peak = Math.max(peak, peakRssMb(core.pid!));
    if (peak > KILL_ABOVE_MB && !killed) {
      killed = true;
      core.kill('SIGKILL');
    }
  }, 100);
  const report = await new Promise<ChildReport | null>((resolve) => {
    core.once('message', (m) => resolve(m as ChildReport));
    core.once('exit', () => resolve(null));
  });
  peak = Math.max(peak, peakRssMb(core.pid!));
  clearInterval(sampler);
  await new Promise((resolve) => (core.exitCode === null ? core.once('exit', resolve) : resolve(null)));
  await server.stop();
  console.log(`POP check of a ${sizeMb} MB ${kind} message (and two small ones), core process:`);
  console.log(`  peak RSS           ${peak.toFixed(0)} MB`);
  if (report) {
    console.log(`  longest loop stall ${report.maxStallMs.toFixed(0)} ms`);
    console.log(`  check took         ${report.seconds.toFixed(1)} s`);
    if (report.wireMs || report.ipcMs) console.log(`  sending its body   ${report.wireMs.toFixed(0)} ms as the harness's wire (encodeWire), ${report.ipcMs.toFixed(0)} ms as Electron's IPC (v8.serialize), each in one step`);
    console.log(`  source bytes sent  ${report.sourceBytesStored} to the cache host (message: ${huge.size})`);
    console.log(`  outcome            ${report.outcome}`);
  } else {
    console.log(killed ? `  stopped by the bench above ${KILL_ABOVE_MB} MB` : `  the core died: ${stderr.split('\n').find((line) => /Error|ERR_/.test(line))?.trim() ?? stderr.trim().slice(-300)}`);
  }
}

const args = process.argv.slice(2);
if (args[0] === '--child') void child(Number(args[1]));
else {
  const option = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  void parent(Number(option('--mb') ?? 1024), option('--kind') ?? 'text');
}
