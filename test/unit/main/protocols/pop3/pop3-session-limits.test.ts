import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { Pop3Session } from '../../../../../main/protocols/pop3/pop3-session';
import { FakePop3Server, hugeMessage, textMessage } from '../../../../support/fake-pop3-server';

const servers: FakePop3Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
});

async function start(): Promise<FakePop3Server> {
  const server = await new FakePop3Server().start();
  servers.push(server);
  server.messages = [textMessage('a', 'First'), textMessage('b', 'Second')];
  return server;
}

async function login(server: FakePop3Server, noProgressTimeoutMs?: number): Promise<Pop3Session> {
  const session = await Pop3Session.open({ host: '127.0.0.1', port: server.port, tls: null, noProgressTimeoutMs });
  await session.userPass(server.user, server.password);
  return session;
}

describe('Pop3Session: a server that never ends a line is not read to the end of memory', () => {
  it('closes the connection on a status line far over 512 octets (RFC 2449 §4)', async () => {
    const server = await start();
    server.misbehaviour.endlessStatusFor = 'STAT';
    const session = await login(server);
    await expect(session.stat()).rejects.toMatchObject({ wire: { code: 'RESPONSE_TOO_LARGE' } });
    expect(session.isClosed).toBe(true);
    // The server was writing 64 KB pieces until the client hung up: a few of them, never a GB.
    expect(server.bytesSent).toBeLessThan(16 * 1024 * 1024);
  });

  it('closes the connection on a UIDL line without CRLF', async () => {
    const server = await start();
    server.misbehaviour.endlessLineAfter = 'UIDL';
    const session = await login(server);
    const failure = await session.uidl().catch((error: unknown) => error);
    expect(failure).toMatchObject({ wire: { code: 'RESPONSE_TOO_LARGE' } });
    expect(String((failure as Error).message)).toContain('UIDL');
    expect(session.isClosed).toBe(true);
    expect(server.bytesSent).toBeLessThan(16 * 1024 * 1024);
  });

  it('stops reading a TOP header after 16 MB (a header, never a message body)', async () => {
    const server = await start();
    server.misbehaviour.endlessLineAfter = 'TOP';
    const session = await login(server);
    await expect(session.top(1, 0)).rejects.toMatchObject({ wire: { code: 'RESPONSE_TOO_LARGE' } });
    expect(session.isClosed).toBe(true);
    expect(server.bytesSent).toBeLessThan(32 * 1024 * 1024);
  });

  it('reads a RETR line of any length (a message line is not a listing line)', async () => {
    const server = await start();
    const longLine = 'x'.repeat(300_000);
    server.messages = [textMessage('long', 'One long line', `${longLine}\r\n`)];
    const session = await login(server);
    const raw = await session.retr(1);
    expect(raw.toString('latin1').endsWith(`${longLine}\r\n`)).toBe(true);
    await session.quit();
  });
});

describe('Pop3Session: a server that stops in the middle of an answer', () => {
  it('fails the command with SERVER_STALLED after the no-progress timeout and closes', async () => {
    const server = await start();
    server.misbehaviour.stallIn = { command: 'RETR', afterBytes: 40 };
    const session = await login(server, 300);
    await expect(session.retrInto(1, () => undefined)).rejects.toMatchObject({ wire: { code: 'SERVER_STALLED' } });
    expect(session.isClosed).toBe(true);
  });

  it('does not count the time its own consumer takes as a stall', async () => {
    const server = await start();
    const session = await login(server, 200);
    let release: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const pieces: Buffer[] = [];
    const done = session.retrInto(1, async (bytes) => {
      pieces.push(bytes);
      await slow;
    });
    // The consumer holds its piece for longer than the no-progress timeout.
    await new Promise((resolve) => setTimeout(resolve, 500));
    release();
    await expect(done).resolves.toBeGreaterThan(0);
    expect(Buffer.concat(pieces).toString()).toContain('Subject: First');
    await session.quit();
  });
});

describe('Pop3Session.retrInto: a message of any size in pieces', () => {
  it('streams 64 MB in pieces of at most a few MB, byte-exact', async () => {
    const server = await start();
    const huge = hugeMessage('huge', 64 * 1024 * 1024);
    server.messages = [huge];
    const session = await login(server);
    const hash = createHash('sha256');
    let largest = 0;
    let pieces = 0;
    const length = await session.retrInto(1, (bytes) => {
      largest = Math.max(largest, bytes.length);
      pieces += 1;
      hash.update(bytes);
    });
    expect(length).toBe(huge.size);
    expect(hash.digest('hex')).toBe(huge.sha256());
    expect(pieces).toBeGreaterThan(16);
    expect(largest).toBeLessThanOrEqual(4 * 1024 * 1024);
    await session.quit();
  });
});
