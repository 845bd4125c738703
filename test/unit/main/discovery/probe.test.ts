import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext, TLSSocket } from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { discoveryNetwork } from '../../../../main/discovery/network';
import { probeNoteEnglish } from '../../../../common/model/discovery-notes';
import { MAX_LINE_BYTES, probeServer, type ProbeResult, type ProbeTarget } from '../../../../main/discovery/probe';
import { createCertificate, type TestCertificate } from '../../../servers/certificate';
import { startDnsServer } from '../../../servers/dns-server';

let certificate: TestCertificate;
let certDir: string;
const servers: Server[] = [];
const accepted = new Set<Socket>();

beforeAll(async () => {
  certDir = await mkdtemp(join(tmpdir(), 'porthole-probe-'));
  certificate = await createCertificate(certDir);
});
afterAll(() => rm(certDir, { recursive: true, force: true }));
afterEach(async () => {
  for (const socket of accepted) socket.destroy();
  accepted.clear();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

type Talk = (socket: Socket, tls: () => TLSSocket) => void;

/** A fake server on 127.0.0.1: `talk` speaks for it; `tls()` turns the connection into TLS with the test certificate. */
async function fakeServer(talk: Talk, implicitTls = false): Promise<number> {
  const server = createServer((raw) => {
    accepted.add(raw);
    raw.on('error', () => undefined);
    const upgrade = (): TLSSocket => {
      // A server-side TLSSocket needs a secure context: given cert and key alone, Node 20 crashes.
      const secure = new TLSSocket(raw, { isServer: true, secureContext: createSecureContext({ cert: certificate.certPem, key: certificate.keyPem }) });
      secure.on('error', () => undefined);
      return secure;
    };
    if (implicitTls) talk(upgrade(), upgrade);
    else talk(raw, upgrade);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Lines from the client, one handler per line. */
function onLines(socket: Socket, handle: (line: string) => void): void {
  let buffered = '';
  const onData = (chunk: Buffer): void => {
    buffered += chunk.toString('latin1');
    let index: number;
    while ((index = buffered.indexOf('\r\n')) >= 0) {
      const line = buffered.slice(0, index);
      buffered = buffered.slice(index + 2);
      handle(line);
    }
  };
  socket.on('data', onData);
  (socket as Socket & { stopLines?: () => void }).stopLines = () => socket.off('data', onData);
}
const stopLines = (socket: Socket): void => (socket as Socket & { stopLines?: () => void }).stopLines?.();

const trusting = discoveryNetwork({});
/** A probe's result with its note in main's English, which is what these tests read. */
const said = (result: ProbeResult) => (result.answered ? { answered: true, tls: result.tls, detail: probeNoteEnglish(result.note) } : { answered: false, detail: probeNoteEnglish(result.note) });
const probe = async (target: ProbeTarget, options: { trust?: boolean; timeoutMs?: number; signal?: AbortSignal } = {}) =>
  said(await probeServer(target, options.trust === false ? trusting : discoveryNetwork({ extraCaPem: certificate.certPem }), { timeoutMs: options.timeoutMs ?? 10_000, signal: options.signal ?? new AbortController().signal }));

describe('probeServer', () => {
  it('checks an implicit-TLS IMAP greeting and the certificate against the trust anchors', async () => {
    const port = await fakeServer((socket) => socket.write('* OK IMAP ready\r\n'), true);
    const target: ProbeTarget = { host: 'localhost', port, security: 'tls', service: 'imap' };
    expect(await probe(target)).toMatchObject({ answered: true, tls: 'verified' });
    const untrusted = await probe(target, { trust: false });
    expect(untrusted).toMatchObject({ answered: true, tls: 'unverified' });
    expect(untrusted.detail).toMatch(/certificate is not valid for it here \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
  });

  it('resolves through the configured DNS server, and says a certificate is not valid for a name it does not cover', async () => {
    const dns = await startDnsServer();
    try {
      dns.set('imap.example.test', { A: ['127.0.0.1'] });
      const port = await fakeServer((socket) => socket.write('* OK IMAP ready\r\n'), true);
      const network = discoveryNetwork({ dnsServers: [dns.address], extraCaPem: certificate.certPem });
      const result = said(await probeServer({ host: 'imap.example.test', port, security: 'tls', service: 'imap' }, network, { timeoutMs: 10_000, signal: new AbortController().signal }));
      expect(result).toMatchObject({ answered: true, tls: 'unverified', detail: expect.stringMatching(/ERR_TLS_CERT_ALTNAME_INVALID/) as unknown });
      expect(dns.questions()).toContain('A imap.example.test');
      const missing = await probeServer({ host: 'nowhere.example.test', port, security: 'tls', service: 'imap' }, network, { timeoutMs: 10_000, signal: new AbortController().signal });
      expect(missing).toEqual({ answered: false, note: { host: 'nowhere.example.test', port, kind: 'noSuchHost' } });
      expect(said(missing)).toEqual({ answered: false, detail: `nowhere.example.test:${port} does not exist (no address for that name)` });
    } finally {
      await dns.stop();
    }
  });

  it('upgrades IMAP with STARTTLS after asking for CAPABILITY, without ever logging in', async () => {
    const heard: string[] = [];
    const port = await fakeServer((socket, tls) => {
      socket.write('* OK ready\r\n');
      onLines(socket, (line) => {
        heard.push(line);
        if (line === 'P1 CAPABILITY') socket.write('* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED\r\nP1 OK done\r\n');
        if (line === 'P2 STARTTLS') {
          stopLines(socket);
          socket.write('P2 OK begin TLS\r\n', () => tls());
        }
      });
    });
    expect(await probe({ host: 'localhost', port, security: 'starttls', service: 'imap' })).toMatchObject({ answered: true, tls: 'verified' });
    expect(heard).toEqual(['P1 CAPABILITY', 'P2 STARTTLS']);
  });

  it('reports a POP3 server without STLS as answering without TLS', async () => {
    const port = await fakeServer((socket) => {
      socket.write('+OK POP3 ready\r\n');
      onLines(socket, (line) => {
        if (line === 'CAPA') socket.write('+OK\r\nUSER\r\nUIDL\r\n.\r\n');
      });
    });
    expect(await probe({ host: 'localhost', port, security: 'starttls', service: 'pop3' })).toEqual({ answered: true, tls: 'none', detail: `localhost:${port} answered as POP but offers no encryption (no STARTTLS)` });
  });

  it('reads a multi-line SMTP greeting and EHLO, then STARTTLS', async () => {
    const port = await fakeServer((socket, tls) => {
      socket.write('220-mail.test ESMTP\r\n220 welcome\r\n');
      onLines(socket, (line) => {
        if (line.startsWith('EHLO')) socket.write('250-mail.test\r\n250-PIPELINING\r\n250-STARTTLS\r\n250 8BITMIME\r\n');
        if (line === 'STARTTLS') {
          stopLines(socket);
          socket.write('220 go ahead\r\n', () => tls());
        }
      });
    });
    expect(await probe({ host: 'localhost', port, security: 'starttls', service: 'smtp' })).toMatchObject({ answered: true, tls: 'verified' });
  });

  it('refuses a greeting of a megabyte without a line break, promptly and with words', async () => {
    const port = await fakeServer((socket) => socket.write(Buffer.alloc(1024 * 1024, 0x41)));
    const result = await probe({ host: 'localhost', port, security: 'starttls', service: 'imap' });
    expect(result).toEqual({ answered: false, detail: `localhost:${port} sent a line longer than ${MAX_LINE_BYTES / 1024} KiB: not a mail server’s greeting` });
  });

  it('refuses an endless capability list', async () => {
    const port = await fakeServer((socket) => {
      socket.write('220 hi\r\n');
      onLines(socket, (line) => {
        if (line.startsWith('EHLO')) socket.write('250-x\r\n'.repeat(20_000));
      });
    });
    const result = await probe({ host: 'localhost', port, security: 'starttls', service: 'smtp' });
    expect(result).toMatchObject({ answered: false, detail: expect.stringMatching(/sent more than 64 KiB/) as unknown });
  });

  it('says what answered instead of the expected service', async () => {
    const port = await fakeServer((socket) => socket.write('HTTP/1.1 400 Bad Request\r\n\r\n'));
    expect(await probe({ host: 'localhost', port, security: 'starttls', service: 'pop3' })).toEqual({ answered: false, detail: `localhost:${port} did not greet as POP (it said “HTTP/1.1 400 Bad Request”)` });
  });

  it('says a plain server on a TLS port does not speak TLS', async () => {
    const port = await fakeServer((socket) => socket.write('* OK plain\r\n'));
    expect(await probe({ host: 'localhost', port, security: 'tls', service: 'imap' })).toMatchObject({ answered: false, detail: expect.stringMatching(/does not speak TLS|closed the connection|failed/) as unknown });
  });

  it('gives up on a silent server at its timeout, and on a refused port at once', async () => {
    const port = await fakeServer(() => undefined);
    expect(await probe({ host: 'localhost', port, security: 'tls', service: 'imap' }, { timeoutMs: 300 })).toEqual({ answered: false, detail: `localhost:${port} did not answer within 0.3 s` });
    const closed = await fakeServer(() => undefined);
    await new Promise((resolve) => servers.pop()!.close(resolve));
    expect(await probe({ host: '127.0.0.1', port: closed, security: 'tls', service: 'imap' })).toEqual({ answered: false, detail: `127.0.0.1:${closed} refused the connection (nothing listens on port ${closed})` });
  });

  it('stops when its signal aborts', async () => {
    const port = await fakeServer(() => undefined);
    const controller = new AbortController();
    const result = probe({ host: 'localhost', port, security: 'starttls', service: 'imap' }, { signal: controller.signal });
    controller.abort();
    expect(await result).toEqual({ answered: false, detail: `localhost:${port}: stopped` });
  });
});
