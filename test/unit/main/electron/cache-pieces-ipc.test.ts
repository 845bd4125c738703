import { serialize } from 'node:v8';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CACHE_HOST_REPLY, CACHE_HOST_REQUEST, type CacheHostBridge } from '../../../../common/cache-host-bridge';
import type { CacheReplyFrame } from '../../../../common/cache-protocol';
import { CacheClient } from '../../../../main/cache/cache-client';
import { CacheHostSupervisor } from '../../../../main/electron/cache-host-supervisor';
import { CacheHostHandler } from '../../../../renderer/cache-host/host-handler';
import * as electron from '../../../support/fake-electron';
import { fakeIdbOptions, openCacheForReading } from '../../../support/in-process-cache-host';
import { attachment, body } from '../../factories';

vi.mock('electron', () => import('../../../support/fake-electron'));

// The preload runs in Chromium, outside the test project's files: imported by a path tsc does not follow.
const CACHE_HOST_PRELOAD: string = '../../../../preload/cache-host-preload';
const DB = 'ipc-pieces';
const MB = 1024 * 1024;

let supervisor: CacheHostSupervisor | null = null;
let handler: CacheHostHandler | null = null;

beforeEach(() => {
  electron.resetFakeElectron();
  vi.resetModules();
});

afterEach(() => {
  supervisor?.stop();
  handler?.close();
});

/** Main's supervisor, and the cache-host page as renderer/cache-host/main.ts runs it in its hidden window. */
async function electronCacheHost(): Promise<{ cache: CacheClient; window: electron.BrowserWindow }> {
  const cache = new CacheClient();
  let window: electron.BrowserWindow | null = null;
  supervisor = new CacheHostSupervisor({
    cache,
    createWindow: () => {
      window = new electron.BrowserWindow({ show: false });
      void window.loadURL('app://porthole/cache-host.html');
      electron.runPageIpc(window, 'cache-host.html');
      return window as unknown as Electron.BrowserWindow;
    },
    unavailable: () => undefined,
  });
  supervisor.start();
  await import(CACHE_HOST_PRELOAD);
  const bridge = electron.fakeElectronState().exposed.get('portholeCacheHost') as CacheHostBridge;
  handler = new CacheHostHandler(fakeIdbOptions);
  const reply = (frame: CacheReplyFrame): void => bridge.reply(frame);
  const channel = handler.openChannel({ send: reply, sendPiece: reply });
  bridge.onRequest((frame) => channel.receive(frame));
  electron.finishLoad(window!.webContents);
  return { cache, window: window! };
}

describe('the Electron cache host and main exchange large values in pieces, several IPC messages', () => {
  it('a body of 40 MB (text and an attachment) arrives byte for byte, and no IPC message carries more than a piece', async () => {
    const { cache, window } = await electronCacheHost();
    const text = 'Grüße aus Köln, مرحبا 😀\n'.repeat(300_000);
    const content = new Uint8Array(40 * MB);
    for (let i = 0; i < content.length; i++) content[i] = (i * 31) % 251;

    await cache.apply(DB, [{ op: 'putBody', body: body({ messageId: 'm40', text }), attachments: [attachment({ id: 'm40/1', messageId: 'm40', content })] }]);

    const stored = openCacheForReading(DB);
    expect((await stored.bodies.get('m40'))!.text === text).toBe(true);
    expect(Buffer.from((await stored.attachments.get('m40/1'))!.content).equals(content)).toBe(true);
    stored.close();
    const messages = window.webContents.sent.filter((s) => s.channel === CACHE_HOST_REQUEST);
    expect(messages.length).toBeGreaterThan(40);
    expect(Math.max(...messages.map((s) => serialize(s.args).byteLength))).toBeLessThan(2 * MB);

    // And back: main reads the attachment (to forward it, to save it) as the host's pieces.
    const [read] = await cache.query(DB, { query: 'attachments', messageId: 'm40' });
    expect(Buffer.from(read!.content).equals(content)).toBe(true);
    const replies = electron.fakeElectronState().invoked.filter((s) => s.channel === CACHE_HOST_REPLY);
    expect(replies.length).toBeGreaterThan(40);
    expect(Math.max(...replies.map((s) => serialize(s.args).byteLength))).toBeLessThan(2 * MB);
  });
});
