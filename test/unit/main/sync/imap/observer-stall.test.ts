import { afterEach, describe, expect, it } from 'vitest';
import { isProtocolError } from '../../../../../main/protocols/protocol-error';
import { ImapObserver } from '../../../../../main/server-view/imap-observer';
import { FakeImapServer, fakeMessages } from '../../../../support/fake-imap-server';

let server: FakeImapServer | null = null;
let observer: ImapObserver | null = null;

afterEach(async () => {
  observer?.stop();
  await server?.stop();
});

describe('the server panel against a server that stops answering (issue 11, item 3)', () => {
  it('fails its snapshot with "the server stopped answering", in plain words', async () => {
    server = await new FakeImapServer({ messages: fakeMessages(3), faults: { stallInFetch: true } }).start();
    const endpoint = { host: '127.0.0.1', port: server.port, security: 'none' as const, user: 'user' };
    observer = new ImapObserver({ endpoint, password: 'secret', trusted: [] }, () => undefined, () => undefined, { stalledAfterMs: 1_500 });
    const error = await observer.watch('INBOX').then(
      () => null,
      (e: unknown) => e,
    );
    expect(isProtocolError(error) && error.wire).toMatchObject({ code: 'SERVER_STALLED', message: 'IMAP: The server stopped answering in the middle of a response.' });
  });
});
