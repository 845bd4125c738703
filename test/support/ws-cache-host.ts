import WebSocket from 'ws';
import type { CacheHostRequest } from '../../common/cache-protocol';
import { decodeWire, encodeWire } from '../../common/wire';
import { CacheHostHandler } from '../../renderer/cache/host-handler';
import { fakeIdbOptions } from './in-process-cache-host';

/**
 * The harness's cache-host page without a browser: the same handler code over fake-indexeddb
 * in this Node process (so the cache outlives a restart of the harness, as a browser's
 * IndexedDB would), speaking the `cache-host` role of the harness's WebSocket.
 */
export async function connectWsCacheHost(harnessUrl: string): Promise<{ close(): void }> {
  const url = new URL(harnessUrl);
  const token = decodeURIComponent(/token=([^&]+)/.exec(url.hash)![1]!);
  const socket = new WebSocket(`ws://${url.host}/ws?role=cache-host&token=${encodeURIComponent(token)}`, { headers: { Origin: url.origin } });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const handler = new CacheHostHandler(fakeIdbOptions);
  let chain: Promise<unknown> = Promise.resolve();
  socket.on('message', (data: Buffer) => {
    const request = decodeWire(data.toString('utf8')) as CacheHostRequest;
    chain = chain.then(async () => {
      const reply = await handler.handle(request);
      if (socket.readyState === socket.OPEN) socket.send(encodeWire(reply));
    });
  });
  return { close: () => socket.close() };
}
