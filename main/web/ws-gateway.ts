import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { CacheReplyFrame } from '../../common/cache-protocol';
import { EVENT_NAMES, isCommandName } from '../../common/contract';
import { decodeWire, encodeWire } from '../../common/wire';
import { WS_CLOSE_TOKEN_REFUSED, decodePieceFrame, encodePieceFrame, type AppToMain, type MainToApp, type WsRole } from '../../common/ws-protocol';
import type { CacheHostLink } from '../cache/cache-client';
import { ReplyReceiver } from '../cache/reply-receiver';
import type { PortholeCore } from '../core/porthole-core';

const MAX_FRAME_BYTES = 128 * 1024 * 1024;

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function refuse(socket: Duplex): void {
  socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
  socket.destroy();
}

/**
 * The harness's second transport of the contract. A page may connect only with this run's
 * random token and from the harness's own origin (a web page elsewhere cannot guess the token,
 * and its Origin header gives it away). A page of this origin with another run's token is told
 * so with a close code (WS_CLOSE_TOKEN_REFUSED). One cache-host page is active at a time; others wait.
 */
export class WsGateway {
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  private readonly cacheHosts: Array<{ socket: WebSocket; link: CacheHostLink }> = [];

  constructor(
    private readonly core: PortholeCore,
    private readonly token: string,
    private readonly allowedOrigin: () => string,
  ) {}

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'http://127.0.0.1');
    } catch {
      return refuse(socket);
    }
    const role = url.searchParams.get('role') as WsRole | null;
    const token = url.searchParams.get('token') ?? '';
    const origin = request.headers.origin;
    const ownOrigin = origin === this.allowedOrigin();
    if ((origin !== undefined && !ownOrigin) || (role !== 'app' && role !== 'cache-host')) return refuse(socket);
    if (!sameToken(token, this.token)) {
      // A page this harness served, holding an earlier run's token: tell it so it can say what
      // to do, instead of retrying forever. It is closed before anything is served.
      if (ownOrigin) this.server.handleUpgrade(request, socket, head, (ws) => ws.close(WS_CLOSE_TOKEN_REFUSED, 'This is not the current run of Porthole'));
      else refuse(socket);
      return;
    }
    this.server.handleUpgrade(request, socket, head, (ws) => (role === 'app' ? this.serveApp(ws) : this.serveCacheHost(ws)));
  }

  private serveApp(ws: WebSocket): void {
    const send = (frame: MainToApp): void => {
      if (ws.readyState === ws.OPEN) ws.send(encodeWire(frame));
    };
    const unsubscribe = EVENT_NAMES.map((event) => this.core.on(event, (payload) => send({ kind: 'event', event, payload })));
    ws.on('message', (data: Buffer) => {
      let frame: AppToMain;
      try {
        frame = decodeWire(data.toString('utf8')) as AppToMain;
      } catch {
        return;
      }
      if (frame?.kind !== 'invoke' || typeof frame.callId !== 'number') return;
      if (!isCommandName(frame.command)) {
        send({ kind: 'result', callId: frame.callId, result: { ok: false, error: { code: 'INVALID_ARGUMENT', message: 'Unknown command' } } });
        return;
      }
      void this.core.handle(frame.command, frame.params).then((result) => send({ kind: 'result', callId: frame.callId, result }));
    });
    ws.on('close', () => unsubscribe.forEach((off) => off()));
  }

  private serveCacheHost(ws: WebSocket): void {
    // Large values go in pieces, binary frames: encoding a 30 MB body in one frame took 0.4–0.8 s.
    const link: CacheHostLink = {
      send: (request) => ws.send(encodeWire(request)),
      sendPiece: (frame) => ws.send(frame.kind === 'piece' ? encodePieceFrame(frame) : encodeWire(frame)),
    };
    this.cacheHosts.push({ socket: ws, link });
    if (this.cacheHosts.length === 1) this.core.cache.attach(link);
    const replies = new ReplyReceiver(this.core.cache);
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      try {
        replies.receive(isBinary ? decodePieceFrame(data) : (decodeWire(data.toString('utf8')) as CacheReplyFrame));
      } catch {
        // A malformed reply is ignored; the request stays in flight and is re-sent to the next host.
      }
    });
    ws.on('close', () => {
      replies.drop();
      const index = this.cacheHosts.findIndex((h) => h.socket === ws);
      if (index === -1) return;
      const [closed] = this.cacheHosts.splice(index, 1);
      if (index === 0) {
        this.core.cache.detach(closed!.link);
        const next = this.cacheHosts[0];
        if (next) this.core.cache.attach(next.link);
      }
    });
  }

  close(): void {
    for (const client of this.server.clients) client.terminate();
    this.server.close();
  }
}
