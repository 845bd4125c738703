import WebSocket from 'ws';
import type { CacheHostFrame } from '../../common/cache-protocol';
import { decodeWire, encodeWire } from '../../common/wire';
import { decodePieceFrame, encodePieceFrame } from '../../common/ws-protocol';
import { CacheHostHandler } from '../../renderer/cache-host/host-handler';
import { fakeIdbOptions } from './in-process-cache-host';

/**
 * The harness's cache-host page without a browser: the same handler code over fake-indexeddb
 * in this Node process (so the cache outlives a restart of the harness, as a browser's
 * IndexedDB would), speaking the `cache-host` role of the harness's WebSocket. `onFrame` hears
 * every frame main sent, after the host took it.
 */
export async function connectWsCacheHost(harnessUrl: string, onFrame?: (frame: CacheHostFrame) => void): Promise<{ frames: { count: number; largest: number; largestSent: number }; close(): void }> {
  /** How many frames main sent, the size of the largest (bytes), and of the largest this host sent. */
  const frames = { count: 0, largest: 0, largestSent: 0 };
  const url = new URL(harnessUrl);
  const token = decodeURIComponent(/token=([^&]+)/.exec(url.hash)![1]!);
  const socket = new WebSocket(`ws://${url.host}/ws?role=cache-host&token=${encodeURIComponent(token)}`, { headers: { Origin: url.origin } });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const handler = new CacheHostHandler(fakeIdbOptions);
  const send = (data: string | Uint8Array): void => {
    frames.largestSent = Math.max(frames.largestSent, typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength);
    if (socket.readyState === socket.OPEN) socket.send(data);
  };
  const channel = handler.openChannel({ send: (reply) => send(encodeWire(reply)), sendPiece: (frame) => send(frame.kind === 'piece' ? encodePieceFrame(frame) : encodeWire(frame)) });
  socket.on('message', (data: Buffer, isBinary: boolean) => {
    frames.count++;
    frames.largest = Math.max(frames.largest, data.byteLength);
    const frame = isBinary ? decodePieceFrame(data) : (decodeWire(data.toString('utf8')) as CacheHostFrame);
    channel.receive(frame);
    onFrame?.(frame);
  });
  socket.on('close', () => channel.close());
  return { frames, close: () => socket.close() };
}
