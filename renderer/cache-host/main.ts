import type { CacheHostReply, CacheHostRequest } from '../../common/cache-protocol';
import { decodeWire, encodeWire } from '../../common/wire';
import { harnessSocketUrl, harnessToken } from '../bridge/harness-token';
import { CacheHostHandler } from '../cache/host-handler';

/**
 * The cache host page: the only writer of the cache. In Electron it is a hidden window talking
 * IPC through its preload; in the harness, a hidden iframe of the app talking WebSocket.
 * Requests are applied one at a time, in the order main sent them.
 */
const handler = new CacheHostHandler();
let chain: Promise<unknown> = Promise.resolve();

function serve(request: CacheHostRequest, reply: (r: CacheHostReply) => void): void {
  chain = chain.then(() => handler.handle(request)).then(reply);
}

function connectWebSocket(token: string): void {
  const socket = new WebSocket(harnessSocketUrl('cache-host', token));
  socket.onmessage = (message: MessageEvent<string>) => serve(decodeWire(message.data) as CacheHostRequest, (reply) => socket.send(encodeWire(reply)));
  socket.onclose = () => setTimeout(() => connectWebSocket(token), 1_000);
}

const electronBridge = window.portholeCacheHost;
if (electronBridge) {
  electronBridge.onRequest((request) => serve(request, (reply) => electronBridge.reply(reply)));
} else {
  const token = harnessToken();
  if (token) connectWebSocket(token);
}
document.title = 'Porthole cache host (ready)';
