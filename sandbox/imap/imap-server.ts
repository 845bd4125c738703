import { listenOnLoopback, type LoopbackServer } from '../net/loopback-server';
import { ImapSession } from './imap-session';
import type { ImapContext } from './session-types';

export type { ImapContext } from './session-types';

/** Starts the sandbox IMAP4rev1 server on 127.0.0.1; one ImapSession per connection. */
export function startImapServer(context: ImapContext, port = 0): Promise<LoopbackServer> {
  return listenOnLoopback(port, (socket) => {
    new ImapSession(socket, context).run().catch(() => socket.destroy());
  });
}
