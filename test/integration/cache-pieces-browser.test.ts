import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttachmentRecord, BodyRecord } from '../../common/model/mail';
import { startHarness, type RunningHarness } from '../../main/web/harness';
import { launchChromium } from '../support/browser';
import { attachment, body } from '../unit/factories';

// The cache-host page as the harness serves it (renderer/cache-host/main.ts, built by `npm run build`).
const RENDERER = join(__dirname, '..', '..', 'dist', 'renderer');
const DB = 'browser-pieces';
const MB = 1024 * 1024;

let harness: RunningHarness;
let profileDir: string;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(join(RENDERER, 'cache-host.html'))) throw new Error(`${RENDERER} is missing: run "npm run build" first (npm test does).`);
  profileDir = await mkdtemp(join(tmpdir(), 'porthole-browser-pieces-'));
  harness = await startHarness({ port: 0, profileDir, rendererDir: RENDERER, version: 'test' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await harness?.close();
  await rm(profileDir, { recursive: true, force: true });
});

describe('the cache-host page in Chromium takes large values in pieces from the harness WebSocket', () => {
  // 16 MB, not 40 as over the Node transports: Chromium's IndexedDB on a loaded machine took 40 s for 40 MB and back.
  it('stores a 16 MB body (text and an attachment) byte for byte, and answers for it', { timeout: 180_000 }, async () => {
    const url = new URL(harness.url);
    const page = await browser.newPage();
    await page.goto(`${url.origin}/cache-host.html${url.hash}`);
    const text = 'Grüße aus Köln, مرحبا 😀\n'.repeat(100_000);
    const content = new Uint8Array(16 * MB);
    for (let i = 0; i < content.length; i++) content[i] = (i * 31) % 251;

    await harness.core.cache.apply(DB, [{ op: 'putBody', body: body({ messageId: 'm40', text }), attachments: [attachment({ id: 'm40/1', messageId: 'm40', content })] }]);

    const stored: BodyRecord | null = await harness.core.cache.query(DB, { query: 'body', messageId: 'm40' });
    const attachments: AttachmentRecord[] = await harness.core.cache.query(DB, { query: 'attachments', messageId: 'm40' });
    expect(stored!.text === text).toBe(true);
    expect(attachments).toHaveLength(1);
    expect(Buffer.from(attachments[0]!.content).equals(content)).toBe(true);
    await page.close();
  });
});
