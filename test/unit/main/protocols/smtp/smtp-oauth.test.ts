import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { TokenSource } from '../../../../../main/oauth/token-source';
import { oauthInitialResponse } from '../../../../../main/protocols/sasl-oauth';
import { verifySmtpLogin } from '../../../../../main/protocols/smtp/smtp-client';
import { TranscriptStore } from '../../../../../main/transcript/transcript-store';

/**
 * An SMTP server that greets, answers EHLO with the AUTH line it is given and each AUTH step with
 * `answerAuth`; it records every line of every connection. The paths the real servers
 * (test/integration/oauth-login*.test.ts: Dovecot's submission service, the SMTP test server) do
 * not take are played here: an EHLO without OAuth2 mechanisms, a temporary failure.
 */
class ScriptedSmtp {
  readonly connections: string[][] = [];
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly authLine: string,
    private readonly answerAuth: (line: string, step: number) => string,
  ) {}

  private answer(line: string, session: { step: number }): { reply: string; close: boolean } {
    const verb = line.split(' ')[0]!.toUpperCase();
    if (verb === 'EHLO') return { reply: `250-scripted.example\r\n250-8BITMIME\r\n250 ${this.authLine}`, close: false };
    if (verb === 'QUIT') return { reply: '221 Bye', close: true };
    if (verb === 'AUTH' || session.step > 0) return { reply: this.answerAuth(line, session.step++), close: false };
    return { reply: '502 5.5.2 Not here', close: false };
  }

  async start(): Promise<this> {
    this.server = createServer((socket) => {
      const lines: string[] = [];
      const session = { step: 0 };
      this.connections.push(lines);
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
      socket.write('220 scripted.example ESMTP\r\n');
      let buffered = '';
      socket.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('latin1');
        for (let end = buffered.indexOf('\r\n'); end >= 0; end = buffered.indexOf('\r\n')) {
          const line = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          lines.push(line);
          const { reply, close } = this.answer(line, session);
          socket.write(`${reply}\r\n`);
          if (close) socket.end();
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

const servers: ScriptedSmtp[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
});

async function scripted(authLine: string, answerAuth: (line: string, step: number) => string): Promise<ScriptedSmtp> {
  const server = await new ScriptedSmtp(authLine, answerAuth).start();
  servers.push(server);
  return server;
}

/** Tokens t1, t2 …: each rejection of the current one gives the next. */
function tokens(): TokenSource & { rejected: string[] } {
  let current = 1;
  const rejected: string[] = [];
  return {
    rejected,
    accessToken: () => Promise.resolve(`t${current}`),
    afterRejection: (token) => {
      rejected.push(token);
      current++;
      return Promise.resolve(`t${current}`);
    },
  };
}

function login(server: ScriptedSmtp, oauth2: TokenSource, transcript?: TranscriptStore) {
  return {
    endpoint: { host: '127.0.0.1', port: server.port, security: 'none' as const, user: 'alice@example.test' },
    oauth2,
    trusted: [],
    ...(transcript ? { transcript: transcript.sink('account', { device: null, role: 'loginCheck' }) } : {}),
  };
}

const authLines = (server: ScriptedSmtp): string[][] => server.connections.map((lines) => lines.filter((line) => !/^(EHLO|QUIT)\b/.test(line)));
const ERROR_CHALLENGE = `334 ${Buffer.from('{"status":"invalid_token","schemes":"bearer","scope":"mail"}').toString('base64')}`;

describe('SMTP AUTH with an access token, mechanism by the EHLO reply', () => {
  it('sends AUTH OAUTHBEARER with the RFC 7628 message naming the host and port when the server offers it', async () => {
    const server = await scripted('AUTH PLAIN LOGIN XOAUTH2 OAUTHBEARER', () => '235 2.7.0 Accepted');
    await verifySmtpLogin(login(server, tokens()));
    expect(authLines(server)).toEqual([[`AUTH OAUTHBEARER ${oauthInitialResponse('OAUTHBEARER', 'alice@example.test', 't1', { host: '127.0.0.1', port: server.port })}`]]);
  });

  it('sends AUTH XOAUTH2 when that is the only token mechanism offered', async () => {
    const server = await scripted('AUTH LOGIN XOAUTH2', () => '235 2.7.0 Accepted');
    await verifySmtpLogin(login(server, tokens()));
    expect(authLines(server)).toEqual([[`AUTH XOAUTH2 ${oauthInitialResponse('XOAUTH2', 'alice@example.test', 't1', { host: '127.0.0.1', port: server.port })}`]]);
  });

  it('answers OAUTHBEARER’s error challenge with ^A (RFC 7628 §3.2.2), and after the 535 tries once more with a refreshed token: AUTH_FAILED', async () => {
    const server = await scripted('AUTH OAUTHBEARER', (_line, step) => (step === 0 ? ERROR_CHALLENGE : '535 5.7.8 Authentication failed'));
    const source = tokens();
    const transcript = new TranscriptStore(Date.now, () => undefined);
    await expect(verifySmtpLogin(login(server, source, transcript))).rejects.toMatchObject({ wire: { code: 'AUTH_FAILED', details: { serverResponse: '535 5.7.8 Authentication failed' } } });
    expect(source.rejected).toEqual(['t1']);
    expect(authLines(server)).toEqual(
      ['t1', 't2'].map((token) => [`AUTH OAUTHBEARER ${oauthInitialResponse('OAUTHBEARER', 'alice@example.test', token, { host: '127.0.0.1', port: server.port })}`, 'AQ==']),
    );
    // The transcript as the core keeps it: the mechanism, then asterisks; the ^A masked too.
    const clientLines = transcript.get('account').filter((entry) => entry.direction === 'client').map((entry) => entry.text);
    expect(clientLines.filter((text) => !/^(EHLO|QUIT)\b/.test(text))).toEqual(['AUTH OAUTHBEARER ********', '********', 'AUTH OAUTHBEARER ********', '********']);
  });

  it('answers XOAUTH2’s error challenge with an empty line, then AUTH_FAILED after one retry', async () => {
    const server = await scripted('AUTH XOAUTH2', (_line, step) => (step === 0 ? ERROR_CHALLENGE : '535 5.7.8 Authentication failed'));
    const source = tokens();
    await expect(verifySmtpLogin(login(server, source))).rejects.toMatchObject({ wire: { code: 'AUTH_FAILED' } });
    expect(source.rejected).toEqual(['t1']);
    expect(authLines(server).map((lines) => lines[1])).toEqual(['', '']);
  });

  it('a refused token that the refresh replaces logs in on the second connection', async () => {
    const server = await scripted('AUTH OAUTHBEARER', (line) => (line.startsWith('AUTH OAUTHBEARER ') && Buffer.from(line.slice(17), 'base64').toString().includes('Bearer t2') ? '235 2.7.0 Accepted' : '535 5.7.8 Authentication failed'));
    const source = tokens();
    await verifySmtpLogin(login(server, source));
    expect(source.rejected).toEqual(['t1']);
    expect(server.connections).toHaveLength(2);
  });

  it('a server that offers other mechanisms only gets no token, and the error names them', async () => {
    const server = await scripted('AUTH PLAIN LOGIN', () => '235 2.7.0 Accepted');
    const source = tokens();
    await expect(verifySmtpLogin(login(server, source))).rejects.toMatchObject({ wire: { code: 'SERVER_ERROR', message: `SMTP: 127.0.0.1 does not offer OAuth2 sign-in (SASL OAUTHBEARER or XOAUTH2), only PLAIN, LOGIN.` } });
    expect(authLines(server)).toEqual([[]]);
    expect(source.rejected).toEqual([]);
  });

  it('a temporary failure (454) is the server’s error, not a refused token: no refresh, no retry', async () => {
    const server = await scripted('AUTH OAUTHBEARER', () => '454 4.7.0 Temporary authentication failure');
    const source = tokens();
    await expect(verifySmtpLogin(login(server, source))).rejects.toMatchObject({ wire: { code: 'SERVER_ERROR', details: { serverResponse: '454 4.7.0 Temporary authentication failure' } } });
    expect(source.rejected).toEqual([]);
    expect(server.connections).toHaveLength(1);
  });

  it('a line that is no SMTP reply is the server’s error too, not a refused token', async () => {
    const server = await scripted('AUTH OAUTHBEARER', () => 'what?');
    const source = tokens();
    await expect(verifySmtpLogin(login(server, source))).rejects.toMatchObject({ wire: { code: 'SERVER_ERROR', details: { serverResponse: 'what?' } } });
    expect(source.rejected).toEqual([]);
  });
});
