/**
 * The longest stall of main's event loop while it sends the cache host one large body (issue 11,
 * item 4b): a 32M-character text and a 30 MB attachment, sent whole in one frame (as before) and
 * in pieces (common/cache-pieces.ts), over the harness's WebSocket to a cache host in a child
 * process that only counts what it receives and acknowledges it. For Electron, which cannot run
 * here, the structured clone IPC would do is measured as v8.serialize of the largest message.
 * Then the way back (main reading a body or an attachment): decoding the host's reply whole, and
 * the longest step of taking it in pieces.
 *
 *   npx esbuild bench/cache-pieces.ts --bundle --platform=node --format=cjs --packages=external --outfile=/tmp/cache-pieces.cjs
 *   NODE_PATH=node_modules node --expose-gc /tmp/cache-pieces.cjs [--runs 3]
 *
 * Not part of `npm test`.
 */
import { fork } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { serialize } from 'node:v8';
import { WebSocket, WebSocketServer } from 'ws';
import { PieceAssembler, messagePieces, replyPiecesMissing, splitLargeValues } from '../common/cache-pieces';
import type { CacheHostReply, CacheHostRequest, CacheOp } from '../common/cache-protocol';
import { decodeWire, encodeWire } from '../common/wire';
import { encodePieceFrame } from '../common/ws-protocol';
import { CacheClient, type CacheHostLink } from '../main/cache/cache-client';

const MB = 1024 * 1024;

/** The child: a cache host that acknowledges a request once it has it whole, without decoding its values. */
function runHost(url: string): void {
  const socket = new WebSocket(url);
  socket.on('message', (data: Buffer, isBinary: boolean) => {
    if (isBinary) return;
    const start = data.subarray(0, 200).toString('latin1');
    if (start.startsWith('{"kind":"pieced"')) return;
    const requestId = Number(/"requestId":(\d+)/.exec(start)![1]);
    socket.send(JSON.stringify({ kind: 'done', requestId, value: null }));
  });
}

function textBody(chars: number): CacheOp {
  const line = 'Dear customer, your ferry tickets for the crossing are attached — café, Grüße.\n';
  const text = line.repeat(Math.ceil(chars / line.length)).slice(0, chars);
  return { op: 'putBody', body: { messageId: 'm1', text, html: null, headers: [], references: [], attachments: [], fetchedAt: 0, parseWarnings: [] }, attachments: [] };
}

function attachmentBody(bytes: number): CacheOp {
  const content = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i++) content[i] = (i * 7919) % 256;
  return { op: 'putBody', body: { messageId: 'm2', text: 'See the attachment.', html: null, headers: [], references: [], attachments: [], fetchedAt: 0, parseWarnings: [] }, attachments: [{ id: 'm2/1', messageId: 'm2', content }] };
}

/** The CPU time of this process while `work` runs (ms): on a loaded machine, wall time includes other processes' turns. */
function cpuMs(work: () => unknown): number {
  const started = process.cpuUsage();
  work();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

/** The longest gap between two turns of a 1 ms timer while `work` runs (ms), and how long it took. */
async function longestStall(work: () => Promise<unknown>): Promise<{ stallMs: number; totalMs: number; histogramMaxMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  let last = performance.now();
  let longest = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  histogram.enable();
  const started = performance.now();
  await work();
  const totalMs = performance.now() - started;
  // One more turn, so a stall at the very end is seen.
  await new Promise((resolve) => setTimeout(resolve, 5));
  clearInterval(ticker);
  histogram.disable();
  return { stallMs: longest, totalMs, histogramMaxMs: histogram.max / 1e6 };
}

/** The longest single structured clone Electron's IPC would make of this request: whole, or in pieces. */
function ipcCloneMs(request: CacheHostRequest, pieced: boolean): number {
  const time = (value: unknown): number => {
    const started = performance.now();
    serialize(value);
    return performance.now() - started;
  };
  const split = pieced ? splitLargeValues(request) : null;
  if (!split) return time(request);
  let longest = time(split.head);
  for (const piece of messagePieces(split)) longest = Math.max(longest, time(piece));
  return longest;
}

async function main(): Promise<void> {
  if (process.argv[2] === '--host') return runHost(process.argv[3]!);
  const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1', maxPayload: 256 * MB });
  await new Promise((resolve) => server.once('listening', resolve));
  const host = fork(__filename, ['--host', `ws://127.0.0.1:${(server.address() as AddressInfo).port}`], { stdio: 'inherit' });
  const socket = await new Promise<WebSocket>((resolve) => server.once('connection', resolve));

  const cases: Array<[string, () => CacheOp]> = [
    ['32M-character text body', () => textBody(32 * MB)],
    ['30 MB attachment', () => attachmentBody(30 * MB)],
  ];
  const rows: string[] = ['| value | sent | longest event-loop stall (ms) | longest synchronous step, CPU (ms) | until acknowledged (ms) | longest IPC structured clone (ms) |', '|---|---|---|---|---|---|'];
  // What this machine's load alone costs the loop: the floor under every figure below.
  const idle = await longestStall(() => new Promise((resolve) => setTimeout(resolve, 1_000)));
  rows.push(`| nothing (1 s idle) | – | ${Math.round(Math.max(idle.stallMs, idle.histogramMaxMs))} | – | – | – |`);
  for (const [label, make] of cases) {
    const op = make();
    for (const pieced of [false, true]) {
      const cache = new CacheClient();
      socket.removeAllListeners('message');
      socket.on('message', (data: Buffer) => cache.receive(JSON.parse(data.toString()) as never));
      const link: CacheHostLink = { send: (request) => socket.send(encodeWire(request)) };
      if (pieced) link.sendPiece = (frame) => socket.send(frame.kind === 'piece' ? encodePieceFrame(frame) : encodeWire(frame));
      // The synchronous step itself, in CPU time of this process (its wall time on a loaded machine
      // includes other processes' turns): encoding the whole request, or making and encoding one piece.
      let longestStepCpuMs = 0;
      const request: CacheHostRequest = { kind: 'apply', requestId: 0, dbName: 'bench', ops: [op] };
      if (pieced) {
        const split = splitLargeValues(request)!;
        const pieces = messagePieces(split);
        for (let done = false; !done; ) {
          longestStepCpuMs = Math.max(
            longestStepCpuMs,
            cpuMs(() => {
              const next = pieces.next();
              done = next.done === true;
              if (!next.done && next.value.kind === 'piece') encodePieceFrame(next.value);
            }),
          );
        }
      } else {
        longestStepCpuMs = cpuMs(() => Buffer.from(encodeWire(request)));
      }
      // Garbage of the case before is not this one's stall.
      (globalThis as { gc?: () => void }).gc?.();
      cache.attach(link);
      const stalls: number[] = [];
      const totals: number[] = [];
      for (let run = 0; run < Number(args.runs); run++) {
        const measured = await longestStall(() => cache.apply('bench', [op]));
        stalls.push(Math.max(measured.stallMs, measured.histogramMaxMs));
        totals.push(measured.totalMs);
      }
      const clone = ipcCloneMs({ kind: 'apply', requestId: 1, dbName: 'bench', ops: [op] }, pieced);
      const range = (values: number[]): string => `${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))}`;
      rows.push(`| ${label} | ${pieced ? 'in pieces' : 'whole'} | ${range(stalls)} | ${longestStepCpuMs.toFixed(1)} | ${range(totals)} | ${Math.round(clone)} |`);
      cache.close();
    }
  }
  rows.push('', '| reply main reads | taken | longest synchronous step, CPU (ms) |', '|---|---|---|');
  for (const [label, make] of cases) {
    const op = make() as Extract<CacheOp, { op: 'putBody' }>;
    const reply: CacheHostReply = { kind: 'done', requestId: 1, value: op.attachments.length > 0 ? op.attachments : op.body };
    const wire = encodeWire(reply);
    rows.push(`| ${label} | whole (decodeWire) | ${cpuMs(() => decodeWire(wire)).toFixed(1)} |`);
    const split = splitLargeValues(reply)!;
    const assembler = new PieceAssembler<CacheHostReply>(replyPiecesMissing);
    const whole = assembler.accept(split.head)!;
    let longest = 0;
    for (const frame of messagePieces(split)) longest = Math.max(longest, cpuMs(() => assembler.accept(frame)));
    await whole;
    rows.push(`| ${label} | in pieces | ${longest.toFixed(1)} |`);
  }
  console.log(rows.join('\n'));
  host.kill();
  server.close();
}

void main();
