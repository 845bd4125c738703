import { afterEach, describe, expect, it } from 'vitest';
import { messageKey } from '../../../../../common/model/mail';
import { isProtocolError } from '../../../../../main/protocols/protocol-error';
import { LARGE_MESSAGE_BYTES } from '../../../../../common/model/raw-source';
import { FakeImapServer, fakeMessages, type FakeImapFaults } from '../../../../support/fake-imap-server';
import { waitFor } from '../../../../support/wait';
import { startBackendOnFakeServer, type BackendOnFakeServer } from './backend-on-fake-server';
import { statusEnglish } from '../../../../support/main-words';

let server: FakeImapServer | null = null;
let device: BackendOnFakeServer | null = null;

afterEach(async () => {
  await device?.stop();
  await server?.stop();
  device = null;
  server = null;
});

async function synced(faults: FakeImapFaults): Promise<{ server: FakeImapServer; device: BackendOnFakeServer }> {
  server = await new FakeImapServer({ messages: fakeMessages(3), faults }).start();
  device = await startBackendOnFakeServer(server);
  const on = device;
  await waitFor(async () => (await on.inbox()).length === 3, 'the INBOX synced');
  return { server, device };
}

const MB = 1024 * 1024;

describe('IMAP: a very large message (issue 11, item 4)', () => {
  it('above the limit, fetches only the headers and says why, never the body', async () => {
    const { server, device } = await synced({ hugeBody: { uid: 2, bytes: 2 * LARGE_MESSAGE_BYTES, honestSize: true } });
    const before = server.bytesSent;
    const id = messageKey('server:INBOX', 2);
    await device.backend.openMessage(id, true);
    const body = await device.body(id);
    expect(body?.text).toBe('');
    expect(body?.headers.some(([name, value]) => name.toLowerCase() === 'subject' && value === 'Message 2')).toBe(true);
    expect(body?.parseWarnings).toEqual([`This message is ${(2 * LARGE_MESSAGE_BYTES) / MB} MB, larger than the ${LARGE_MESSAGE_BYTES / MB} MB Porthole downloads: its headers are shown, the rest stays on the server.`]);
    expect(server.bytesSent - before).toBeLessThan(64 * 1024);
    await expect(device.backend.messageSource(id)).rejects.toSatisfy((error) => isProtocolError(error) && error.wire.code === 'MESSAGE_TOO_LARGE');
  });

  it('refuses a literal far above the announced size at its marker, and says the answer was too large', async () => {
    const { server, device } = await synced({ hugeBody: { uid: 2, bytes: 100 * MB } });
    const error = await device.backend.openMessage(messageKey('server:INBOX', 2), true).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isProtocolError(error) && error.wire.code).toBe('RESPONSE_TOO_LARGE');
    // Refused when the literal was announced: little of the 100 MB was ever read.
    expect(server.bytesSent).toBeLessThan(40 * MB);
    await device.statusMatching((s) => /far larger than any mail server sends/.test(statusEnglish(s.detail)));
  });
});
