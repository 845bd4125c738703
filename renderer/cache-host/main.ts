import type { CacheHostFrame, CacheReplyFrame } from '../../common/cache-protocol';
import { decodeWire, encodeWire } from '../../common/wire';
import { decodePieceFrame, encodePieceFrame } from '../../common/ws-protocol';
import { harnessSocketUrl, harnessToken } from '../bridge/harness-token';
import { followUserActivity } from '../cache/user-activity';
import { CacheHostHandler } from './host-handler';
import { startIndexBuildInWorker } from './worker-index-build';

/**
 * The cache host page: the only writer of the cache. In Electron it is a hidden window talking
 * IPC through its preload; in the harness, a hidden iframe of the app talking WebSocket.
 * Requests are applied one at a time, in the order main sent them (CacheHostHandler.openChannel);
 * the search index's background build runs in a worker (worker-index-build.ts), and starts no
 * batch while the user acts in a window (user-activity.ts).
 */
const userActivity = followUserActivity();
const handler = new CacheHostHandler({}, {}, (db, options) =>
  startIndexBuildInWorker(db, {
    ...options,
    // Both at once: the user may act while main's requests are applied.
    idle: async () => {
      for (;;) {
        await userActivity.quiet();
        await options.idle();
        if (userActivity.isQuiet()) return;
      }
    },
  }),
);

function connectWebSocket(token: string): void {
  const socket = new WebSocket(harnessSocketUrl('cache-host', token));
  // Pieces of large values come as binary frames, everything else as wire JSON.
  socket.binaryType = 'arraybuffer';
  const send = (data: string | Uint8Array<ArrayBuffer>): void => {
    if (socket.readyState === WebSocket.OPEN) socket.send(data);
  };
  const channel = handler.openChannel({ send: (reply) => send(encodeWire(reply)), sendPiece: (frame) => send(frame.kind === 'piece' ? encodePieceFrame(frame) : encodeWire(frame)) });
  socket.onmessage = (message: MessageEvent<string | ArrayBuffer>) =>
    channel.receive(typeof message.data === 'string' ? (decodeWire(message.data) as CacheHostFrame) : decodePieceFrame(new Uint8Array(message.data)));
  socket.onclose = () => {
    channel.close();
    setTimeout(() => connectWebSocket(token), 1_000);
  };
}

const electronBridge = window.portholeCacheHost;
if (electronBridge) {
  const reply = (frame: CacheReplyFrame): void => electronBridge.reply(frame);
  const channel = handler.openChannel({ send: reply, sendPiece: reply });
  electronBridge.onRequest((frame) => channel.receive(frame));
} else {
  const token = harnessToken();
  if (token) connectWebSocket(token);
}
document.title = 'Porthole cache host (ready)';
