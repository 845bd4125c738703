import { listenOnLoopback, type LoopbackServer } from '../net/loopback-server';
import { Pop3Session } from './pop3-session';
import type { Pop3Context } from './session-types';

export type { Pop3Context } from './session-types';

/** Starts the sandbox POP3 server (RFC 1939, RFC 2449) on 127.0.0.1. */
export function startPop3Server(context: Pop3Context, port = 0): Promise<LoopbackServer> {
  return listenOnLoopback(port, (socket) => {
    new Pop3Session(socket, context).run().catch(() => socket.destroy());
  });
}
