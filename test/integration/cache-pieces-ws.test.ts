import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type RunningHarness } from '../../main/web/harness';
import { attachment, body } from '../unit/factories';
import { openCacheForReading } from '../support/in-process-cache-host';
import { connectWsCacheHost } from '../support/ws-cache-host';

const DB = 'ws-pieces';
const MB = 1024 * 1024;

let harness: RunningHarness;
let profileDir: string;

beforeAll(async () => {
  profileDir = await mkdtemp(join(tmpdir(), 'porthole-ws-pieces-'));
  harness = await startHarness({ port: 0, profileDir, rendererDir: profileDir, version: 'test' });
});

afterAll(async () => {
  await harness?.close();
  await rm(profileDir, { recursive: true, force: true });
});

describe('the harness WebSocket carries large values between main and the cache host in pieces', () => {
  it('a body of 40 MB (text and an attachment) arrives byte for byte, and no frame carries more than a piece', async () => {
    const host = await connectWsCacheHost(harness.url);
    const text = 'Grüße aus Köln, مرحبا 😀\n'.repeat(300_000);
    const content = new Uint8Array(40 * MB);
    for (let i = 0; i < content.length; i++) content[i] = (i * 31) % 251;

    await harness.core.cache.apply(DB, [{ op: 'putBody', body: body({ messageId: 'm40', text }), attachments: [attachment({ id: 'm40/1', messageId: 'm40', content })] }]);

    const stored = openCacheForReading(DB);
    expect((await stored.bodies.get('m40'))!.text === text).toBe(true);
    expect(Buffer.from((await stored.attachments.get('m40/1'))!.content).equals(content)).toBe(true);
    stored.close();
    expect(host.frames.largest).toBeLessThan(2 * MB);

    // And back: main reads the body and the attachment (to reply, to forward) as the host's pieces.
    const read = await harness.core.cache.query(DB, { query: 'body', messageId: 'm40' });
    const [readAttachment] = await harness.core.cache.query(DB, { query: 'attachments', messageId: 'm40' });
    expect(read!.text === text).toBe(true);
    expect(Buffer.from(readAttachment!.content).equals(content)).toBe(true);
    expect(host.frames.largestSent).toBeLessThan(2 * MB);
    host.close();
  });

  it('a host that goes away halfway drops what it had; the next one gets the request whole and applies it once', async () => {
    let fifthPiece!: () => void;
    const halfway = new Promise<void>((resolve) => (fifthPiece = resolve));
    let pieces = 0;
    const first = await connectWsCacheHost(harness.url, (frame) => {
      if (frame.kind === 'piece' && ++pieces === 5) fifthPiece();
    });
    const content = new Uint8Array(20 * MB).fill(9);
    const applied = harness.core.cache.apply(DB, [{ op: 'putBody', body: body({ messageId: 'm20' }), attachments: [attachment({ id: 'm20/1', messageId: 'm20', content })] }]);
    await halfway;
    first.close();

    const second = await connectWsCacheHost(harness.url);
    await applied;

    expect(second.frames.count).toBe(1 + 20 + 1);
    const stored = openCacheForReading(DB);
    expect(Buffer.from((await stored.attachments.get('m20/1'))!.content).equals(content)).toBe(true);
    stored.close();
    second.close();
  });
});
