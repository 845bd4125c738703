import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Pop3Session, type TranscriptLine } from '../../../../../main/protocols/pop3/pop3-session';
import { oauthInitialResponse } from '../../../../../main/protocols/sasl-oauth';

/**
 * A POP3 server that greets, then answers each line the client sends with `answer(line)`; it
 * records every line. The SASL paths a real server (Dovecot, test/integration/oauth-login.test.ts)
 * does not take with short tokens are played here: a payload too long for the AUTH line, a
 * malformed challenge.
 */
class ScriptedPop3 {
  readonly received: string[] = [];
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly answer: (line: string) => string) {}

  async start(): Promise<this> {
    this.server = createServer((socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.write('+OK scripted\r\n');
      let buffered = '';
      socket.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('latin1');
        for (let end = buffered.indexOf('\r\n'); end >= 0; end = buffered.indexOf('\r\n')) {
          const line = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          this.received.push(line);
          socket.write(`${this.answer(line)}\r\n`);
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    this.port = address.port;
    return this;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

const servers: ScriptedPop3[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
});

async function sessionWith(answer: (line: string) => string): Promise<{ server: ScriptedPop3; session: Pop3Session; transcript: TranscriptLine[] }> {
  const server = await new ScriptedPop3(answer).start();
  servers.push(server);
  const transcript: TranscriptLine[] = [];
  const session = await Pop3Session.open({ host: '127.0.0.1', port: server.port, tls: null, transcript: (line) => transcript.push(line) });
  return { server, session, transcript };
}

const ERROR_CHALLENGE = `+ ${Buffer.from('{"status":"invalid_token","scope":"mail"}').toString('base64')}`;

describe('POP3 SASL with a bearer token (RFC 5034, RFC 7628)', () => {
  it('sends a short message as the initial response of AUTH, and is logged in by +OK', async () => {
    const payload = oauthInitialResponse('XOAUTH2', 'alice', 'short-token', { host: '127.0.0.1', port: 110 });
    const { server, session } = await sessionWith(() => '+OK Logged in.');
    await session.authOAuth('XOAUTH2', payload);
    expect(server.received).toEqual([`AUTH XOAUTH2 ${payload}`]);
  });

  it('sends a message too long for a 255-octet command line after the server’s empty challenge', async () => {
    const payload = oauthInitialResponse('OAUTHBEARER', 'alice', 'x'.repeat(1500), { host: '127.0.0.1', port: 110 });
    const { server, session } = await sessionWith((line) => (line === 'AUTH OAUTHBEARER' ? '+ ' : '+OK Logged in.'));
    await session.authOAuth('OAUTHBEARER', payload);
    expect(server.received).toEqual(['AUTH OAUTHBEARER', payload]);
  });

  it('answers an OAUTHBEARER error challenge with ^A, then fails with the server’s -ERR and the token’s status', async () => {
    const payload = oauthInitialResponse('OAUTHBEARER', 'alice', 'revoked', { host: '127.0.0.1', port: 110 });
    const { server, session } = await sessionWith((line) => (line.startsWith('AUTH ') ? ERROR_CHALLENGE : '-ERR [AUTH] Authentication failed.'));
    await expect(session.authOAuth('OAUTHBEARER', payload)).rejects.toMatchObject({ name: 'Pop3Error', responseCode: 'AUTH', responseText: '[AUTH] Authentication failed. (invalid_token)' });
    expect(server.received).toEqual([`AUTH OAUTHBEARER ${payload}`, 'AQ==']);
  });

  it('answers an XOAUTH2 error challenge with an empty line', async () => {
    const payload = oauthInitialResponse('XOAUTH2', 'alice', 'revoked', { host: '127.0.0.1', port: 110 });
    const { server, session } = await sessionWith((line) => (line.startsWith('AUTH ') ? ERROR_CHALLENGE : '-ERR [AUTH] Authentication failed.'));
    await expect(session.authOAuth('XOAUTH2', payload)).rejects.toMatchObject({ responseCode: 'AUTH' });
    expect(server.received).toEqual([`AUTH XOAUTH2 ${payload}`, '']);
  });

  it('fails on an answer that is neither +OK, -ERR nor a challenge, and the session goes on being usable for QUIT', async () => {
    const payload = oauthInitialResponse('XOAUTH2', 'alice', 'tok', { host: '127.0.0.1', port: 110 });
    const { session } = await sessionWith((line) => (line.startsWith('AUTH ') ? 'what?' : '+OK bye'));
    await expect(session.authOAuth('XOAUTH2', payload)).rejects.toMatchObject({ code: 'PROTOCOL' });
    await session.quit();
  });

  it('never writes the token’s message to the transcript, on either path', async () => {
    const short = oauthInitialResponse('XOAUTH2', 'alice', 'short-token', { host: '127.0.0.1', port: 110 });
    const long = oauthInitialResponse('XOAUTH2', 'alice', 'y'.repeat(1500), { host: '127.0.0.1', port: 110 });
    const first = await sessionWith(() => '+OK Logged in.');
    await first.session.authOAuth('XOAUTH2', short);
    const second = await sessionWith((line) => (line === 'AUTH XOAUTH2' ? '+ ' : '+OK Logged in.'));
    await second.session.authOAuth('XOAUTH2', long);
    const text = [...first.transcript, ...second.transcript].map((line) => line.text).join('\n');
    expect(text).not.toContain(short);
    expect(text).not.toContain(long);
    expect(text).not.toContain('short-token');
    expect(first.transcript.find((line) => line.direction === 'client')?.text).toBe('AUTH XOAUTH2 ********');
  });
});
