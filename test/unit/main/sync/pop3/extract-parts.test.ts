import { createHash } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import type { CacheHostRequest, CacheOp } from '../../../../../common/cache-protocol';
import { DEFAULT_POP_SETTINGS } from '../../../../../common/model/account';
import { CacheClient } from '../../../../../main/cache/cache-client';
import { COMMANDS } from '../../../../../common/commands';
import { mailHandlers, type MailServices } from '../../../../../main/core/mail-handlers';
import { Pop3Session } from '../../../../../main/protocols/pop3/pop3-session';
import type { BackendContext, DeviceCacheAccess } from '../../../../../main/sync/backend';
import { extractLargeParts, type ExtractProgress } from '../../../../../main/sync/pop3/extract-parts';
import { SOURCE_CHUNK_BYTES } from '../../../../../main/sync/pop3/message-download';
import { runCheck } from '../../../../../main/sync/pop3/pop-check';
import { Pop3Backend } from '../../../../../main/sync/pop3/pop3-backend';
import { FakePop3Server } from '../../../../support/fake-pop3-server';
import { attachInProcessCacheHost, openCacheForReading, type CacheHostHooks } from '../../../../support/in-process-cache-host';
import { largeMultipart, piecesOf, type LargeMultipart } from '../../../../support/large-multipart';

const MB = 1024 * 1024;
const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

let dbCounter = 0;

/** A POP device's cache (the cache host's code over fake-indexeddb), a fake server, and the device's POP engine. */
async function setUp(hooks: CacheHostHooks = {}, wrap: (cache: DeviceCacheAccess) => DeviceCacheAccess = (cache) => cache) {
  const server = await new FakePop3Server().start();
  cleanups.push(() => server.stop());
  const client = new CacheClient();
  const { handler } = attachInProcessCacheHost(client, hooks);
  cleanups.push(() => handler.close());
  const dbName = `extract-parts-${process.pid}-${++dbCounter}`;
  const stored: DeviceCacheAccess = { apply: (ops) => client.apply(dbName, ops), query: (query) => client.query(dbName, query) };
  const cache = wrap(stored);
  const db = openCacheForReading(dbName);
  cleanups.push(() => db.delete());
  /** A check that stores messages over `limit` in source pieces (the app's limit is 64 MB). */
  const check = async (limit: number) => {
    const session = await Pop3Session.open({ host: '127.0.0.1', port: server.port, tls: null });
    try {
      await session.userPass(server.user, server.password);
      return await runCheck({ session, cache: stored, settings: { ...DEFAULT_POP_SETTINGS, checkEveryMinutes: null }, now: () => Date.now(), progress: () => undefined, largeMessageBytes: limit });
    } finally {
      if (!session.isClosed) session.close();
    }
  };
  const events = { status: () => undefined, progress: () => undefined, notice: () => undefined, serverChanged: () => undefined };
  const backend = new Pop3Backend({ device: { pop: null }, cache, events, now: () => Date.now() } as unknown as BackendContext);
  return { server, db, cache, check, backend };
}

/** The attachment's pieces as stored, joined in the order of their numbers. */
async function storedAttachment(db: ReturnType<typeof openCacheForReading>, attachmentId: string): Promise<Buffer> {
  const chunks = await db.attachmentChunks.where('attachmentId').equals(attachmentId).toArray();
  return Buffer.concat(chunks.sort((a, b) => a.index - b.index).map((c) => c.bytes));
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The longest a 5 ms timer was late while `work` ran: how long the event loop was held at once. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ value: T; stallMs: number }> {
  let stallMs = 0;
  let expected = performance.now() + 5;
  const timer = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - expected);
    expected = now + 5;
  }, 5);
  try {
    return { value: await work(), stallMs };
  } finally {
    clearInterval(timer);
  }
}

describe('reading the parts of a message stored in source pieces (message:extractParts)', () => {
  it('stores its text, its attachments in pieces (the same bytes) and their names, then the body; the event loop keeps running', async () => {
    const { server, db, check, backend } = await setUp();
    const big = largeMultipart('rec', { attachmentBytes: 12 * MB });
    server.messages = [big];
    expect(await check(2 * MB)).toMatchObject({ downloaded: 1, failed: 0 });
    const [message] = await db.messages.toArray();
    const id = message!.id;
    expect((await db.bodies.get(id))?.text).toMatch(/too large to show here/);
    expect(await db.rawSourceChunks.where('messageId').equals(id).count()).toBe(Math.ceil(big.size / SOURCE_CHUNK_BYTES));

    const progress: ExtractProgress[] = [];
    const { stallMs } = await longestStall(() => backend.extractParts(id, (p) => progress.push(p)));

    const body = (await db.bodies.get(id))!;
    expect(body.text).toBe(big.text.replace(/\r\n/g, '\n'));
    expect(body.html).toContain('the recording is <b>attached</b>');
    // The inline image shows in the HTML as for every other message: a data: URL of its bytes.
    expect(body.html).toContain(`<img src="data:image/png;base64,${big.image.toString('base64')}">`);
    expect(body.partsExtractedAt).toEqual(expect.any(Number));
    expect(body.parseWarnings).toEqual([expect.stringMatching(/^This message is too large to show here whole \(16 MB\): its text and attachments below were read/)]);
    expect(body.headers.find(([name]) => name === 'subject')?.[1]).toBe('The recording');
    expect(body.attachments).toEqual([
      { id: `${id}/0`, filename: 'logo.png', contentType: 'image/png', size: big.image.length, contentId: 'logo@example.test', inline: true },
      { id: `${id}/1`, filename: 'recording.mp4', contentType: 'video/mp4', size: 12 * MB, contentId: null, inline: false },
    ]);
    expect(await storedAttachment(db, `${id}/0`)).toEqual(big.image);
    const recording = await storedAttachment(db, `${id}/1`);
    expect(recording.length).toBe(12 * MB);
    expect(sha256(recording)).toBe(big.attachmentSha256());
    expect(await db.attachmentChunks.where('attachmentId').equals(`${id}/1`).count()).toBe(12);
    // Not in the whole-attachment table: the reader builds these from their pieces.
    expect(await db.attachments.where('messageId').equals(id).count()).toBe(0);
    // Progress by bytes of the source, ending at all of them.
    expect(progress.at(-1)).toEqual({ bytesDone: big.size, bytesTotal: big.size });
    expect(progress.every((p, i) => i === 0 || p.bytesDone >= progress[i - 1]!.bytesDone)).toBe(true);
    // The event loop ran between the pieces (before: no such command; a whole parse holds it for seconds).
    expect(stallMs).toBeLessThan(250);
  });

  it('writes every attachment piece before the body that lists it, and a second run replaces the first instead of adding to it', async () => {
    const order: string[] = [];
    const { server, db, check, backend } = await setUp({
      afterCommit: (request: CacheHostRequest) => {
        if (request.kind !== 'apply') return;
        for (const op of request.ops) {
          if (op.op === 'putAttachmentChunks') order.push(...op.chunks.map((c) => `piece ${c.attachmentId}#${c.index}`));
          else order.push(op.op);
        }
      },
    });
    const big = largeMultipart('rec', { attachmentBytes: 5 * MB + 123 });
    server.messages = [big];
    await check(MB);
    const [message] = await db.messages.toArray();
    const id = message!.id;

    order.length = 0;
    await backend.extractParts(id, () => undefined);
    const pieces = order.filter((o) => o.startsWith('piece'));
    expect(pieces).toEqual([`piece ${id}/0#0`, ...Array.from({ length: 6 }, (_, i) => `piece ${id}/1#${i}`)]);
    expect(order.lastIndexOf('putBody')).toBe(order.length - 1);
    const first = (await db.bodies.get(id))!;
    const firstChunks = await db.attachmentChunks.toArray();

    // Twice at once: one run. Then once more: the same records, nothing added.
    await Promise.all([backend.extractParts(id, () => undefined), backend.extractParts(id, () => undefined)]);
    order.length = 0;
    await backend.extractParts(id, () => undefined);
    // The second run first takes the attachments off the body, then writes their pieces again, then the body.
    expect(order.slice(0, 2)).toEqual(['putBody', 'deleteAttachmentChunks']);
    const again = (await db.bodies.get(id))!;
    expect({ ...again, partsExtractedAt: 0 }).toEqual({ ...first, partsExtractedAt: 0 });
    const chunks = await db.attachmentChunks.toArray();
    expect(chunks.length).toBe(firstChunks.length);
    expect(chunks.map((c) => [c.attachmentId, c.index])).toEqual(firstChunks.map((c) => [c.attachmentId, c.index]));
    expect(sha256(await storedAttachment(db, `${id}/1`))).toBe(big.attachmentSha256());
  });

  it('removes the attachment pieces with the message', async () => {
    const { server, db, check, backend } = await setUp();
    server.messages = [largeMultipart('rec', { attachmentBytes: 3 * MB })];
    await check(MB);
    const [message] = await db.messages.toArray();
    await backend.extractParts(message!.id, () => undefined);
    expect(await db.attachmentChunks.count()).toBeGreaterThan(0);

    await backend.delete([message!.id]); // to Trash: all of it stays
    expect(await db.attachmentChunks.count()).toBeGreaterThan(0);
    await backend.delete([message!.id]); // from Trash: for good
    expect(await db.messages.count()).toBe(0);
    expect(await db.attachmentChunks.count()).toBe(0);
    expect(await db.rawSourceChunks.count()).toBe(0);
  });

  it('fails with a plain error when the cache refuses a piece, and leaves no piece and the body as it was', async () => {
    let refuseAfter = 2;
    const { server, db, check, backend } = await setUp({
      beforeApply: (request) => (request.kind === 'apply' && request.ops.some((op) => op.op === 'putAttachmentChunks') && --refuseAfter < 0 ? 'refuse' : 'apply'),
    });
    server.messages = [largeMultipart('rec', { attachmentBytes: 12 * MB })];
    await check(MB);
    const [message] = await db.messages.toArray();
    const before = await db.bodies.get(message!.id);

    const failure: unknown = await backend.extractParts(message!.id, () => undefined).then(
      () => null,
      (error: unknown) => error,
    );
    expect((failure as { wire?: { message: string } } | null)?.wire?.message).toMatch(/^The parts of this message could not be read: .*quota/i);
    expect(await db.attachmentChunks.count()).toBe(0);
    expect(await db.bodies.get(message!.id)).toEqual(before);
  });

  it('keeps only the first 2 MB of a text part far larger, and says it was cut', async () => {
    const { server, db, check, cache } = await setUp();
    // About 3 MB of text, then the attachment.
    server.messages = [largeMultipart('long', { attachmentBytes: MB, textRepeat: 100_000 })];
    await check(MB);
    const [message] = await db.messages.toArray();
    await extractLargeParts(cache, message!.id, { now: () => Date.now() });
    const body = (await db.bodies.get(message!.id))!;
    expect(body.text.length).toBeLessThanOrEqual(2 * MB);
    expect(body.text.length).toBeGreaterThan(1.9 * MB);
    expect(body.text.startsWith('Hello,\n\nthe recording is attached. Grüße, Ana\nMore words')).toBe(true);
    expect(body.parseWarnings[1]).toBe('Its text is cut after the first 2 MB: save the whole message as an .eml file to read the rest.');
    expect(body.attachments.map((a) => [a.filename, a.size])).toEqual([
      ['logo.png', 29],
      ['recording.mp4', MB],
    ]);
  });

  it('refuses a message that is not kept in pieces, and an IMAP device says the parts stay on the server', async () => {
    const { server, db, check, backend } = await setUp();
    server.messages = [largeMultipart('small', { attachmentBytes: 1000 })];
    await check(MB);
    const [message] = await db.messages.toArray();
    await expect(backend.extractParts(message!.id, () => undefined)).rejects.toMatchObject({ wire: { code: 'INVALID_ARGUMENT' } });
    await expect(backend.extractParts('local:gone', () => undefined)).rejects.toMatchObject({ wire: { code: 'NOT_FOUND' } });

    const params = { accountId: 'a', deviceId: 'd', messageId: 'server:INBOX#1' };
    expect(COMMANDS['message:extractParts'].params.safeParse(params).success).toBe(true);
    expect(COMMANDS['message:extractParts'].params.safeParse({ ...params, messageId: '' }).success).toBe(false);
    const imapDevice = { registry: { device: () => ({ backend: {} }) } } as unknown as MailServices;
    await expect(mailHandlers(imapDevice)['message:extractParts'](params)).rejects.toMatchObject({ wire: { code: 'MESSAGE_TOO_LARGE' } });
  });
});

// A full garbage collection on demand, so what is sampled is what the work holds, not what V8 has not collected yet.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

async function peakGrowthDuring<T>(work: () => Promise<T>): Promise<{ value: T; peakBytes: number; peakRssBytes: number }> {
  const used = (): number => {
    collectGarbage();
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const baseline = used();
  const rssBaseline = process.memoryUsage().rss;
  let peak = baseline;
  let peakRss = rssBaseline;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    peak = Math.max(peak, used());
  }, 100);
  try {
    const value = await work();
    return { value, peakBytes: Math.max(peak, used()) - baseline, peakRssBytes: peakRss - rssBaseline };
  } finally {
    clearInterval(sampler);
  }
}

/**
 * The stored source read back as the message it was (generated again, piece by piece) and the
 * attachment pieces hashed and dropped on their way in: fake-indexeddb lives in this process, so
 * what is measured is the extraction's own memory, not the test's stand-in database.
 */
function virtualStorage(message: LargeMultipart, attachmentHashes: Map<string, { hash: ReturnType<typeof createHash>; bytes: number }>) {
  const piece = piecesOf(message, SOURCE_CHUNK_BYTES);
  const dropSource: CacheHostHooks['rewrite'] = (request) => {
    if (request.kind !== 'apply') return request;
    const ops = request.ops.map((op): CacheOp => (op.op === 'putRawSourceChunks' ? { ...op, chunks: op.chunks.map((c) => ({ ...c, bytes: new Uint8Array(0) })) } : op));
    return { ...request, ops };
  };
  const wrap = (cache: DeviceCacheAccess): DeviceCacheAccess => ({
    apply: (ops) =>
      cache.apply(
        ops.map((op): CacheOp => {
          if (op.op !== 'putAttachmentChunks') return op;
          for (const chunk of op.chunks) {
            const entry = attachmentHashes.get(chunk.attachmentId) ?? { hash: createHash('sha256'), bytes: 0 };
            entry.hash.update(chunk.bytes);
            entry.bytes += chunk.bytes.length;
            attachmentHashes.set(chunk.attachmentId, entry);
          }
          return { ...op, chunks: op.chunks.map((c) => ({ ...c, bytes: new Uint8Array(0) })) };
        }),
      ),
    query: async (query) => {
      if (query.query !== 'rawSourceChunkRange') return cache.query(query);
      const found = [];
      for (let index = query.from; index < query.from + query.count; index++) {
        const bytes = piece(index);
        if (bytes) found.push({ messageId: query.messageId, index, bytes });
      }
      return found as never;
    },
  });
  return { dropSource, wrap };
}

describe('reading the parts of a very large message', () => {
  // 192 MB by default (a 260 MB message); PORTHOLE_EXTRACT_ATTACHMENT_MB=900 for the 1.2 GB case.
  const attachmentMb = Number(process.env.PORTHOLE_EXTRACT_ATTACHMENT_MB ?? 192);

  it(`holds neither the message nor its ${attachmentMb} MB attachment: memory stays bounded`, { timeout: 600_000 }, async () => {
    const big = largeMultipart('huge', { attachmentBytes: attachmentMb * MB });
    const hashes = new Map<string, { hash: ReturnType<typeof createHash>; bytes: number }>();
    const storage = virtualStorage(big, hashes);
    const { server, db, check, backend } = await setUp({ rewrite: storage.dropSource }, storage.wrap);
    server.messages = [big];
    await check(8 * MB);
    const [message] = await db.messages.toArray();
    const id = message!.id;

    const started = performance.now();
    const { peakBytes, peakRssBytes } = await peakGrowthDuring(() => backend.extractParts(id, () => undefined));
    const seconds = (performance.now() - started) / 1000;
    console.log(`extract ${(big.size / MB).toFixed(0)} MB message (${attachmentMb} MB attachment): ${seconds.toFixed(1)} s, peak heap+buffers growth ${(peakBytes / MB).toFixed(1)} MB, peak RSS growth ${(peakRssBytes / MB).toFixed(1)} MB`);

    const body = (await db.bodies.get(id))!;
    expect(body.attachments.map((a) => [a.filename, a.size])).toEqual([
      ['logo.png', 29],
      ['recording.mp4', attachmentMb * MB],
    ]);
    const recording = hashes.get(`${id}/1`)!;
    expect(recording.bytes).toBe(attachmentMb * MB);
    expect(recording.hash.digest('hex')).toBe(big.attachmentSha256());
    // The pipeline holds a few 1 MB pieces (two reads of four, two batches of four in flight): 47 MB
    // on an idle machine, 72 MB once on a loaded one (V8 frees ArrayBuffers' memory on a background
    // thread, which lags when both cores are busy). Holding the attachment would be 192 MB or more.
    expect(peakBytes).toBeLessThan(96 * MB);
    expect(peakRssBytes).toBeLessThan(100 * MB);
  });
});
