import { afterEach, describe, expect, inject, it } from 'vitest';
import { DEFAULT_POP_SETTINGS, type AccountDraft } from '../../common/model/account';
import { POP3_TIMEOUTS } from '../../main/protocols/pop3/pop3-session';
import { createUser } from '../servers';
import { addAccount, startCore, type CoreFixture } from '../support/core-fixture';
import { FakePop3Server, hugeMessage, textMessage } from '../support/fake-pop3-server';
import { waitFor } from '../support/wait';
import { noticeEnglish, statusEnglish } from '../support/main-words';

const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const MB = 1024 * 1024;
// The form also checks the SMTP login: the tests' own server, with a user made for each test.
const servers = inject('servers');

/** A POP3 account on the fake server, as the account form would add it (no TLS on loopback). */
function draftFor(server: FakePop3Server): AccountDraft {
  const endpoint = { host: '127.0.0.1', port: server.port, security: 'none' as const, user: server.user };
  return {
    displayName: 'Hostile server test',
    address: 'you@example.test',
    mode: 'pop3',
    incoming: endpoint,
    incomingPassword: server.password,
    smtp: { host: servers.host, port: servers.smtp.tlsPort, security: 'tls', user: server.user },
    smtpPassword: '',
    trustFingerprints: [servers.certificate.fingerprint256],
    pop: { ...DEFAULT_POP_SETTINGS, checkEveryMinutes: null },
  };
}

async function setUp(): Promise<{ server: FakePop3Server; fixture: CoreFixture }> {
  const user = await createUser(servers);
  const server = await new FakePop3Server(user.user, user.password).start();
  cleanups.push(() => server.stop());
  const fixture = await startCore();
  cleanups.push(() => fixture.dispose());
  return { server, fixture };
}

function lastStatus(fixture: CoreFixture) {
  return fixture.events['device:status'].at(-1);
}

describe('POP3 account against a hostile server: the core stays up and says what happened', () => {
  it('downloads an 80 MB message as headers and source pieces, and the messages around it', async () => {
    const { server, fixture } = await setUp();
    server.messages = [textMessage('one', 'Before'), hugeMessage('big', 80 * MB, 'Eighty megabytes'), textMessage('two', 'After')];
    const { db } = await addAccount(fixture, draftFor(server));
    await waitFor(() => lastStatus(fixture)?.detail.kind === 'checked', 'the first check', 60_000);
    expect(lastStatus(fixture)?.detail).toMatchObject({ kind: 'checked', downloaded: 3 });
    const big = (await db.messages.toArray()).find((m) => m.subject === 'Eighty megabytes')!;
    expect((await db.bodies.get(big.id))?.text).toMatch(/too large to show here \(80 MB; Porthole shows messages up to 64 MB\)/);
    expect(await db.rawSourceChunks.where('messageId').equals(big.id).count()).toBe(80);
    expect((await db.messages.toArray()).map((m) => m.subject).sort()).toEqual(['After', 'Before', 'Eighty megabytes']);
  });

  it('shows that the server stopped answering instead of waiting for it', async () => {
    const { server, fixture } = await setUp();
    const before = POP3_TIMEOUTS.noProgressMs;
    POP3_TIMEOUTS.noProgressMs = 300;
    cleanups.push(() => void (POP3_TIMEOUTS.noProgressMs = before));
    server.messages = [textMessage('one', 'Stuck')];
    server.misbehaviour.stallIn = { command: 'RETR', afterBytes: 30 };
    await addAccount(fixture, draftFor(server));
    const status = await waitFor(() => fixture.events['device:status'].find((s) => s.connection === 'offline' && /stopped answering/.test(statusEnglish(s.detail))), 'a stalled status', 20_000);
    expect(status.detail).toMatchObject({ kind: 'error', error: { code: 'SERVER_STALLED' }, retry: { inSeconds: 60, words: 'tryingAgain' } });
    expect(statusEnglish(status.detail)).toMatch(/^POP3: The server stopped answering in the middle of a response\. .*RETR.* Trying again in 60 s\.$/);
  });

  it('closes a connection whose UIDL line never ends, with an error that says so', async () => {
    const { server, fixture } = await setUp();
    server.messages = [textMessage('one', 'Never seen')];
    await addAccount(fixture, draftFor(server));
    await waitFor(() => lastStatus(fixture)?.detail.kind === 'checked', 'the first check', 20_000);
    server.misbehaviour.endlessLineAfter = 'UIDL';
    const sentBefore = server.bytesSent;
    const ref = { accountId: fixture.events['device:status'].at(-1)!.accountId, deviceId: fixture.events['device:status'].at(-1)!.deviceId };
    await fixture.core.handle('device:sync', ref);
    const notice = await waitFor(() => fixture.events.notice.find((n) => n.code === 'RESPONSE_TOO_LARGE'), 'the notice', 20_000);
    expect(notice.words).toMatchObject({ kind: 'error', error: { code: 'RESPONSE_TOO_LARGE' } });
    expect(noticeEnglish(notice)).toMatch(/^POP3: The server sent a line or a block far larger than any mail server sends/);
    expect(lastStatus(fixture)?.connection).toBe('error');
    expect(server.bytesSent - sentBefore).toBeLessThan(16 * MB);
  });
});
