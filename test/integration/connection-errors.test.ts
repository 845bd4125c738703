import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { AccountDraft, Security } from '../../common/model/account';
import { createUser } from '../servers';
import { accountDraft, startCore, type CoreFixture } from '../support/core-fixture';

const servers = inject('servers');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

/** The product's limits (main/protocols/imap/imap-connection.ts, smtp/smtp-client.ts, diagnose.ts). */
const CONNECTION_TIMEOUT_MS = 15_000;
const TLS_SNIFF_MS = 3_000;

/** A host that accepts TCP connections and then never says a word (a hung server, a tarpit). */
async function silentListener(): Promise<number> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return (server.address() as { port: number }).port;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function core(): Promise<CoreFixture> {
  const fixture = await startCore();
  cleanups.push(() => fixture.dispose());
  return fixture;
}

async function timed(fixture: CoreFixture, draft: AccountDraft): Promise<{ result: unknown; ms: number }> {
  const started = Date.now();
  const result = await fixture.core.handle('account:add', draft);
  return { result, ms: Date.now() - started };
}

describe('adding an account to a server that does not answer, or an SMTP server that is not there', () => {
  it('gives CONNECTION_TIMEOUT within the connection timeout for a silent IMAP or SMTP host', async () => {
    const fixture = await core();
    const user = await createUser(servers);
    const silent = await silentListener();
    const imapSilent = (security: Security): AccountDraft => {
      const draft = accountDraft(servers, user, security, { trustFingerprints: [] });
      return { ...draft, incoming: { ...draft.incoming, port: silent } };
    };
    // A first try, as the form sends it: no certificate accepted yet (an accepted one would add
    // a look at the silent port's certificate before the login check). IMAP itself works.
    const smtpSilent = (security: Security): AccountDraft => {
      const draft = accountDraft(servers, user, 'none', { trustFingerprints: [] });
      return { ...draft, address: `smtp-${security}-${user.address}`, smtp: { ...draft.smtp, security, port: silent } };
    };
    // All at once: each waits for its own timeout.
    const outcomes = await Promise.all([imapSilent('tls'), imapSilent('starttls'), smtpSilent('tls'), smtpSilent('starttls')].map((draft) => timed(fixture, draft)));
    const services = ['imap', 'imap', 'smtp', 'smtp'];
    outcomes.forEach(({ result, ms }, i) => {
      expect(result, `outcome ${i}`).toMatchObject({ ok: false, error: { code: 'CONNECTION_TIMEOUT', details: { service: services[i] } } });
      // The connection timeout, plus the look at whether the port speaks TLS (not TLS_MISMATCH here).
      expect(ms, `outcome ${i}`).toBeLessThan(CONNECTION_TIMEOUT_MS + TLS_SNIFF_MS + 2_000);
    });
    expect(await fixture.core.handle('accounts:list', null)).toEqual({ ok: true, value: [] });
  }, 40_000);

  it('says the SMTP port is closed, naming SMTP, when nothing listens there', async () => {
    const fixture = await core();
    const user = await createUser(servers);
    const draft = accountDraft(servers, user, 'starttls');
    const result = await fixture.core.handle('account:add', { ...draft, smtp: { ...draft.smtp, port: await closedPort() } });
    expect(result).toMatchObject({ ok: false, error: { code: 'CONNECTION_REFUSED', details: { service: 'smtp' }, message: expect.stringMatching(/^SMTP: /) as unknown } });
    expect(await fixture.core.handle('accounts:list', null)).toEqual({ ok: true, value: [] });
  });

  it('says the SMTP host does not exist, naming SMTP', async () => {
    const fixture = await core();
    const user = await createUser(servers);
    const draft = accountDraft(servers, user, 'tls');
    const result = await fixture.core.handle('account:add', { ...draft, smtp: { ...draft.smtp, host: 'no-such-host.invalid' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'HOST_NOT_FOUND', details: { service: 'smtp' }, message: expect.stringMatching(/^SMTP: /) as unknown } });
  });

  it('explains an SMTP TLS setting that does not match the port', async () => {
    const fixture = await core();
    const user = await createUser(servers);
    const draft = accountDraft(servers, user, 'tls');
    const result = await fixture.core.handle('account:add', { ...draft, smtp: { ...draft.smtp, port: servers.smtp.starttlsPort } });
    expect(result).toMatchObject({ ok: false, error: { code: 'TLS_MISMATCH', details: { service: 'smtp' } } });
  });
});
