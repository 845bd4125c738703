import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DiscoveryReport } from '../../common/model/discovery';
import { FileSecretStore } from '../../main/accounts/secret-store';
import { CacheClient } from '../../main/cache/cache-client';
import { PortholeCore } from '../../main/core/porthole-core';
import { discover, DISCOVERY_DEADLINE_MS } from '../../main/discovery/discover';
import { autoconfigXml, AUTOCONFIG_PATH, startDiscoveryServers, WELL_KNOWN_PATH, type DiscoveryServers } from '../servers/discovery';

const servers = inject('servers');
let net: DiscoveryServers;

beforeAll(async () => {
  net = await startDiscoveryServers({ mailServers: servers });
});
afterAll(() => net.stop());
afterEach(() => net.clear());

const run = (address: string): Promise<DiscoveryReport> => discover(address, net.options);
const outcomes = (report: DiscoveryReport) => Object.fromEntries(report.steps.map((step) => [step.source, step.outcome]));
const detailOf = (report: DiscoveryReport, source: string): string => report.steps.find((step) => step.source === source)?.detail ?? '';

/** A port on 127.0.0.1 where nothing listens (taken, then given back). */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The real Dovecot and SMTP test servers as SRV records of `domain`, reached as localhost (their certificate's name). */
function publishSrv(domain: string): void {
  net.dns.set('localhost', { A: ['127.0.0.1'] });
  net.dns.set(`_imaps._tcp.${domain}`, { SRV: [{ target: 'localhost', port: servers.imap.tlsPort }] });
  net.dns.set(`_pop3s._tcp.${domain}`, { SRV: [{ target: 'localhost', port: servers.pop3.tlsPort }] });
  net.dns.set(`_submissions._tcp.${domain}`, { SRV: [{ target: 'localhost', port: servers.smtp.tlsPort }] });
}

const exampleXml = (domain: string, overrides: Partial<Parameters<typeof autoconfigXml>[0]> = {}): string =>
  autoconfigXml({
    domain,
    incoming: [
      { type: 'imap', host: `imap.${domain}`, port: 993, socketType: 'SSL' },
      { type: 'pop3', host: `pop.${domain}`, port: 995, socketType: 'SSL', username: '%EMAILLOCALPART%' },
    ],
    outgoing: [{ host: `smtp.${domain}`, port: 465, socketType: 'SSL' }],
    ...overrides,
  });

describe('discovery, each step alone', () => {
  it("finds a listed provider by the address's domain, without waiting for the network", async () => {
    const report = await run('someone@googlemail.com');
    expect(report.found).toMatchObject({
      source: 'provider',
      providerName: 'Gmail',
      foundWhere: 'in Porthole’s list of providers (Gmail)',
      imap: { host: 'imap.gmail.com', port: 993, security: 'tls', user: 'someone@googlemail.com' },
      pop3: { host: 'pop.gmail.com', port: 995, security: 'tls' },
      smtp: { host: 'smtp.gmail.com', port: 465, security: 'tls' },
      oauthProvider: 'google',
      warnings: [],
    });
    expect(outcomes(report)).toEqual({ provider: 'found', autoconfig: 'not-needed', srv: 'not-needed', guess: 'not-needed' });
    expect(net.autoconfig.requests()).toEqual([]);
  });

  it('recognises a company domain whose MX is Google as Google Workspace, and one whose MX is Microsoft as Microsoft 365', async () => {
    net.dns.set('company.test', { MX: [{ exchange: 'mx.backup.company.test', priority: 20 }, { exchange: 'aspmx.l.google.com', priority: 1 }] });
    const google = await run('ceo@company.test');
    expect(google.found).toMatchObject({ source: 'provider', providerName: 'Google Workspace', oauthProvider: 'google', imap: { host: 'imap.gmail.com', user: 'ceo@company.test' } });
    expect(google.found?.foundWhere).toBe('in Porthole’s list of providers (Google Workspace, recognised by company.test’s mail server aspmx.l.google.com)');

    net.dns.set('company.test', { MX: [{ exchange: 'company-test.mail.protection.outlook.com', priority: 0 }] });
    const microsoft = await run('ceo@company.test');
    expect(microsoft.found).toMatchObject({ providerName: 'Microsoft 365', oauthProvider: 'microsoft', imap: { host: 'outlook.office365.com' }, smtp: { host: 'smtp.office365.com', port: 587, security: 'starttls' } });
  });

  it("reads the domain's autoconfig file at autoconfig.<domain>, placeholders filled", async () => {
    net.publishAutoconfig('example.test', exampleXml('example.test'));
    const report = await run('jo@example.test');
    expect(report.found).toEqual({
      source: 'autoconfig',
      foundWhere: 'in example.test’s published settings (autoconfig)',
      foundWhereWords: { kind: 'autoconfig', domain: 'example.test' },
      providerName: 'example.test mail',
      imap: { host: 'imap.example.test', port: 993, security: 'tls', user: 'jo@example.test' },
      pop3: { host: 'pop.example.test', port: 995, security: 'tls', user: 'jo' },
      smtp: { host: 'smtp.example.test', port: 465, security: 'tls', user: 'jo@example.test' },
      oauthProvider: null,
      warnings: [],
    });
    expect(outcomes(report)).toMatchObject({ provider: 'nothing', autoconfig: 'found' });
    expect(net.autoconfig.requests()).toContain(`autoconfig.example.test ${AUTOCONFIG_PATH}`);
    // The .well-known place (example.test has no address here) failed, but a found line says only what answered.
    expect(detailOf(report, 'autoconfig')).toBe('autoconfig.example.test published: IMAP at imap.example.test, port 993, TLS; POP at pop.example.test, port 995, TLS; sending at smtp.example.test, port 465, TLS.');
  });

  it('reads it at the .well-known place too', async () => {
    net.publishAutoconfig('example.test', exampleXml('example.test'), 'well-known');
    const report = await run('jo@example.test');
    expect(report.found).toMatchObject({ source: 'autoconfig', imap: { host: 'imap.example.test' } });
    expect(detailOf(report, 'autoconfig')).toMatch(/^example\.test published: IMAP at imap\.example\.test.*\. Tried first: autoconfig\.example\.test does not exist\.$/);
  });

  it("uses the domain's SRV records (RFC 6186), checking that each target answers", async () => {
    publishSrv('srv.test');
    const report = await run('jo@srv.test');
    expect(report.found).toMatchObject({
      source: 'srv',
      foundWhere: 'in srv.test’s DNS service records (SRV)',
      imap: { host: 'localhost', port: servers.imap.tlsPort, security: 'tls', user: 'jo@srv.test' },
      pop3: { host: 'localhost', port: servers.pop3.tlsPort, security: 'tls' },
      smtp: { host: 'localhost', port: servers.smtp.tlsPort, security: 'tls' },
    });
    // RFC 6186 §6: servers outside the domain are shown for the user to confirm.
    expect(report.found?.warnings).toEqual([expect.objectContaining({ kind: 'other-domain', text: expect.stringContaining('outside srv.test: localhost') as unknown })]);
    expect(outcomes(report)).toMatchObject({ provider: 'nothing', autoconfig: 'nothing', srv: 'found' });
  });

  it('prefers the implicit-TLS SRV records (_imaps, _pop3s, _submissions) over the STARTTLS ones when both answer (RFC 8314 §5.1)', async () => {
    net.dns.set('localhost', { A: ['127.0.0.1'] });
    // The STARTTLS records alone point at servers that answer: discovery takes them.
    net.dns.set('_imap._tcp.srv.test', { SRV: [{ target: 'localhost', port: servers.imap.starttlsPort }] });
    net.dns.set('_pop3._tcp.srv.test', { SRV: [{ target: 'localhost', port: servers.pop3.stlsPort }] });
    net.dns.set('_submission._tcp.srv.test', { SRV: [{ target: 'localhost', port: servers.smtp.starttlsPort }] });
    const starttlsOnly = await run('jo@srv.test');
    expect(starttlsOnly.found).toMatchObject({
      source: 'srv',
      imap: { host: 'localhost', port: servers.imap.starttlsPort, security: 'starttls' },
      pop3: { host: 'localhost', port: servers.pop3.stlsPort, security: 'starttls' },
      smtp: { host: 'localhost', port: servers.smtp.starttlsPort, security: 'starttls' },
    });

    // With the implicit-TLS records published as well, those are proposed instead.
    publishSrv('srv.test');
    const both = await run('jo@srv.test');
    expect(both.found).toMatchObject({
      source: 'srv',
      imap: { host: 'localhost', port: servers.imap.tlsPort, security: 'tls', user: 'jo@srv.test' },
      pop3: { host: 'localhost', port: servers.pop3.tlsPort, security: 'tls' },
      smtp: { host: 'localhost', port: servers.smtp.tlsPort, security: 'tls' },
    });
    expect(outcomes(both)).toMatchObject({ provider: 'nothing', autoconfig: 'nothing', srv: 'found' });
  });

  it('guesses the usual names, keeping only servers that greet right with TLS that verifies', async () => {
    // The real servers' certificate names localhost: the only domain whose guesses it can verify.
    net.dns.set('localhost', { A: ['127.0.0.1'] });
    const report = await run('jo@localhost');
    expect(report.found).toMatchObject({
      source: 'guess',
      foundWhere: 'by trying the usual server names',
      imap: { host: 'localhost', port: servers.imap.tlsPort, security: 'tls', user: 'jo@localhost' },
      pop3: { host: 'localhost', port: servers.pop3.tlsPort, security: 'tls' },
      smtp: { host: 'localhost', port: servers.smtp.tlsPort, security: 'tls' },
      warnings: [],
    });
    expect(outcomes(report)).toEqual({ provider: 'nothing', autoconfig: 'nothing', srv: 'nothing', guess: 'found' });
  });

  it('does not keep a guessed server whose certificate is not for that name', async () => {
    net.dns.set('example.test', { A: ['127.0.0.1'] });
    net.dns.set('*.example.test', { A: ['127.0.0.1'] });
    const report = await run('jo@example.test');
    expect(report.found).toBeNull();
    expect(outcomes(report).guess).toBe('nothing');
    expect(detailOf(report, 'guess')).toMatch(/Answered but not kept: imap\.example\.test:\d+ answered as IMAP, but its certificate is not valid for it here \(ERR_TLS_CERT_ALTNAME_INVALID\)/);
  });
});

describe('discovery, the order and the bad cases', () => {
  it('takes the provider table over autoconfig, and autoconfig over SRV, when several answer', async () => {
    net.dns.set('company.test', { MX: [{ exchange: 'aspmx.l.google.com', priority: 1 }] });
    net.publishAutoconfig('company.test', exampleXml('company.test'));
    publishSrv('company.test');
    expect((await run('a@company.test')).found?.source).toBe('provider');

    net.dns.set('company.test', { A: ['127.0.0.1'] });
    const report = await run('a@company.test');
    expect(report.found?.source).toBe('autoconfig');
    expect(['found', 'not-needed']).toContain(outcomes(report).srv);
  });

  it('says what is wrong with malformed XML, and uses the next step', async () => {
    net.publishAutoconfig('srv.test', '<clientConfig><emailProvider><incomingServer type="imap"><hostname>imap.srv.test</hostname>');
    publishSrv('srv.test');
    const report = await run('jo@srv.test');
    expect(outcomes(report).autoconfig).toBe('failed');
    expect(detailOf(report, 'autoconfig')).toMatch(/autoconfig\.srv\.test published a file Porthole cannot use: the file is not well-formed XML \(line \d+: /);
    expect(report.found?.source).toBe('srv');
  });

  it('says which SRV target did not answer, and uses the next record', async () => {
    const dead = await deadPort();
    publishSrv('srv.test');
    net.dns.set('_imaps._tcp.srv.test', { SRV: [{ target: 'localhost', port: dead, priority: 0 }, { target: 'localhost', port: servers.imap.tlsPort, priority: 10 }] });
    const report = await run('jo@srv.test');
    expect(report.found?.imap).toMatchObject({ port: servers.imap.tlsPort });
    expect(detailOf(report, 'srv')).toContain(`From _imaps._tcp.srv.test: localhost:${dead} refused the connection (nothing listens on port ${dead}).`);

    net.dns.set('_imaps._tcp.srv.test', { SRV: [{ target: 'localhost', port: dead }] });
    net.dns.set('_pop3s._tcp.srv.test', { SRV: [{ target: '.', port: 0 }] });
    const failed = await run('jo@srv.test');
    expect(outcomes(failed).srv).toBe('failed');
    expect(detailOf(failed, 'srv')).toMatch(/^None of the incoming servers in srv\.test’s DNS service records answered\..*refused the connection.*_pop3s\._tcp\.srv\.test says this service is not offered\./);
  });

  it('shows an autoconfig file that names another domain\'s servers with an other-domain warning', async () => {
    net.publishAutoconfig('example.test', exampleXml('example.test', { incoming: [{ type: 'imap', host: 'imap.hoster.test', port: 993, socketType: 'SSL' }], outgoing: [{ host: 'smtp.hoster.test', port: 465, socketType: 'SSL' }] }));
    const report = await run('jo@example.test');
    expect(report.found).toMatchObject({ source: 'autoconfig', imap: { host: 'imap.hoster.test' } });
    expect(report.found?.warnings).toEqual([
      {
        kind: 'other-domain',
        text: 'Servers named in example.test’s published settings are outside example.test: imap.hoster.test, smtp.hoster.test. Save only if you expect example.test’s mail to be handled there: they would receive your password.',
        words: { kind: 'outsideDomain', namedIn: 'autoconfig', domain: 'example.test', hosts: ['imap.hoster.test', 'smtp.hoster.test'] },
      },
    ]);
  });

  it('says so when autoconfig redirects to another host', async () => {
    net.dns.set('autoconfig.example.test', { A: ['127.0.0.1'] });
    net.dns.set('other.test', { A: ['127.0.0.1'] });
    net.autoconfig.respond('autoconfig.example.test', AUTOCONFIG_PATH, { status: 302, headers: { location: `https://other.test:${net.autoconfig.port}/example.xml` } });
    net.autoconfig.respond('other.test', '/example.xml', { body: exampleXml('example.test') });
    const report = await run('jo@example.test');
    expect(detailOf(report, 'autoconfig')).toMatch(/^autoconfig\.example\.test \(redirected to other\.test\) published: /);
    expect(report.found?.warnings).toContainEqual({
      kind: 'other-domain',
      text: 'example.test’s settings were fetched from other.test, where example.test’s own address redirected Porthole.',
      words: { kind: 'fetchedElsewhere', domain: 'example.test', via: ['other.test'] },
    });
  });

  it('refuses an oversized file, a redirect to plain HTTP and a certificate that does not verify, in words', async () => {
    net.dns.set('autoconfig.example.test', { A: ['127.0.0.1'] });
    net.dns.set('example.test', { A: ['127.0.0.1'] });
    net.autoconfig.respond('autoconfig.example.test', AUTOCONFIG_PATH, { body: Buffer.alloc(1024 * 1024, 0x20) });
    net.autoconfig.respond('example.test', WELL_KNOWN_PATH, { status: 301, headers: { location: 'http://example.test/config.xml' } });
    const report = await run('jo@example.test');
    expect(outcomes(report).autoconfig).toBe('failed');
    // Sent without a length (chunked): the download itself stops at the cap.
    expect(detailOf(report, 'autoconfig')).toBe('autoconfig.example.test sent more than 256 KiB: not a settings file. example.test redirected to an address without HTTPS (http); not followed.');

    net.publishAutoconfig('example.test', exampleXml('example.test'));
    const untrusting = await discover('jo@example.test', { ...net.options, extraCaPem: servers.certificate.pem });
    expect(untrusting.found).toBeNull();
    expect(detailOf(untrusting, 'autoconfig')).toMatch(/^autoconfig\.example\.test’s certificate is not valid \(\w+\); its settings were not used\./);
  });

  it('warns about plain text, prefers TLS within a file, and takes a TLS answer of a later step over a plain-text one', async () => {
    const plainXml = autoconfigXml({
      domain: 'plain.test',
      incoming: [{ type: 'imap', host: 'imap.plain.test', port: 143, socketType: 'plain' }, { type: 'imap', host: 'imap.plain.test', port: 993, socketType: 'SSL' }],
      outgoing: [{ host: 'smtp.plain.test', port: 25, socketType: 'plain' }],
    });
    net.publishAutoconfig('plain.test', plainXml);
    const alone = await run('jo@plain.test');
    expect(alone.found).toMatchObject({ source: 'autoconfig', imap: { port: 993, security: 'tls' }, smtp: { port: 25, security: 'none' } });
    expect(alone.found?.warnings).toEqual([
      {
        kind: 'plaintext',
        text: 'The sending server at smtp.plain.test, port 25 has no encryption: your password and mail would cross the network readable by anyone on the way.',
        words: { kind: 'plaintext', service: 'smtp', host: 'smtp.plain.test', port: 25 },
      },
    ]);

    publishSrv('plain.test');
    const withSrv = await run('jo@plain.test');
    expect(withSrv.found?.source).toBe('srv');
    expect(outcomes(withSrv).autoconfig).toBe('found');
  });

  it('reads OAuth2 in an autoconfig file as the provider it belongs to, and warns when Porthole knows no such provider', async () => {
    net.publishAutoconfig('company.test', exampleXml('company.test', { incoming: [{ type: 'imap', host: 'imap.gmail.com', port: 993, socketType: 'SSL', authentication: ['OAuth2'] }], outgoing: [{ host: 'smtp.gmail.com', port: 465, socketType: 'SSL', authentication: ['OAuth2'] }] }));
    expect((await run('jo@company.test')).found).toMatchObject({ source: 'autoconfig', oauthProvider: 'google' });

    net.publishAutoconfig('example.test', exampleXml('example.test', { incoming: [{ type: 'imap', host: 'imap.example.test', port: 993, socketType: 'SSL', authentication: ['OAuth2'] }] }));
    const unknown = await run('jo@example.test');
    expect(unknown.found?.oauthProvider).toBeNull();
    expect(unknown.found?.warnings.map((warning) => warning.kind)).toEqual(['oauth-unknown']);
  });

  it('fails a step whose DNS answers are garbage, in words, and goes on', async () => {
    net.dns.set('_imaps._tcp.broken.test', 'garbage');
    net.dns.set('broken.test', 'garbage');
    net.publishAutoconfig('broken.test', exampleXml('broken.test'));
    const report = await run('jo@broken.test');
    expect(outcomes(report).provider).toBe('failed');
    expect(detailOf(report, 'provider')).toBe('broken.test is not in the list; looking up its mail servers (MX records) failed: the DNS answer was malformed.');
    expect(outcomes(report).srv).toBe('failed');
    expect(detailOf(report, 'srv')).toBe('Looking up broken.test’s DNS service records failed: the DNS answer was malformed (_imaps._tcp).');
    expect(report.found?.source).toBe('autoconfig');
  });

  it('answers within its deadline when every name stalls and the autoconfig download stalls too', async () => {
    net.dns.set('stalls.test', 'stall');
    net.dns.set('*.stalls.test', 'stall');
    const startedAt = Date.now();
    const report = await run('jo@stalls.test');
    expect(Date.now() - startedAt).toBeLessThan(DISCOVERY_DEADLINE_MS + 500);
    expect(report.found).toBeNull();
    expect(report.steps.map((step) => step.outcome)).not.toContain('found');
    for (const step of report.steps) expect(step.detail).not.toBe('');
    expect(detailOf(report, 'srv')).toMatch(/^Looking up stalls\.test’s DNS service records failed: the DNS server did not answer \(_imaps\._tcp, _imap\._tcp, /);

    net.dns.set('autoconfig.stalls.test', { A: ['127.0.0.1'] });
    net.autoconfig.respond('autoconfig.stalls.test', AUTOCONFIG_PATH, { stall: true });
    const stalled = await run('jo@stalls.test');
    expect(detailOf(stalled, 'autoconfig')).toMatch(/autoconfig\.stalls\.test did not answer within 5 s|Stopped waiting after/);
  });

  it('answers through the command, and for an address without a domain name', async () => {
    const profileDir = await mkdtemp(join(tmpdir(), 'porthole-discovery-'));
    const core = new PortholeCore({ profileDir, secrets: new FileSecretStore(profileDir), cache: new CacheClient(), transport: 'web', version: 'test', discovery: net.options });
    try {
      net.publishAutoconfig('example.test', exampleXml('example.test'));
      const answer = await core.handle('account:discover', { address: 'jo@example.test' });
      expect(answer).toMatchObject({ ok: true, value: { address: 'jo@example.test', found: { source: 'autoconfig' } } });
      const literal = await core.handle('account:discover', { address: 'jo@[192.0.2.1]' });
      expect(literal).toMatchObject({ ok: true, value: { found: null } });
      if (literal.ok) expect(literal.value.steps[0]?.detail).toBe('“[192.0.2.1]” is not a domain name that can have mail servers.');
      expect(await core.handle('account:discover', { address: 'no-at-sign' })).toMatchObject({ ok: false });
    } finally {
      await core.stop();
      await rm(profileDir, { recursive: true, force: true });
    }
  });
});
