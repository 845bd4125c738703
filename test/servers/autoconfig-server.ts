import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findExecutable, run } from './run-command';

/** What one host+path answers; by default 200 with the body as XML. */
export interface AutoconfigResponse {
  status?: number;
  body?: string | Buffer;
  headers?: Record<string, string>;
  /** Sends the headers, then nothing more, ever (a server that stalls mid-download). */
  stall?: boolean;
}

export interface TestAutoconfigServer {
  port: number;
  /** The certificate's PEM: trust it (DiscoveryOptions.extraCaPem) and it verifies for every test domain. */
  certPem: string;
  /** Serves `xml` for `domain` at `https://autoconfig.<domain>/mail/config-v1.1.xml` (or the .well-known place). */
  serve(domain: string, xml: string, where?: 'autoconfig' | 'well-known'): void;
  /** Any answer for a host and path (a redirect, a 500, a huge or stalling body). */
  respond(host: string, path: string, response: AutoconfigResponse): void;
  clear(): void;
  /** `host path` of every request so far. */
  requests(): string[];
  stop(): Promise<void>;
}

export const AUTOCONFIG_PATH = '/mail/config-v1.1.xml';
export const WELL_KNOWN_PATH = '/.well-known/autoconfig/mail/config-v1.1.xml';

/**
 * A real HTTPS server on 127.0.0.1 with a certificate (made by openssl, as certificate.ts does)
 * for `<domain>`, `*.<domain>` (so `autoconfig.<domain>`) of each test domain, and localhost.
 * Hosts are told apart by the Host header: the tests' DNS server points them all here.
 */
export async function startAutoconfigServer(domains: readonly string[]): Promise<TestAutoconfigServer> {
  const dir = await mkdtemp(join(tmpdir(), 'porthole-autoconfig-'));
  try {
    const certPath = join(dir, 'cert.pem');
    const keyPath = join(dir, 'key.pem');
    const names = ['localhost', ...domains.flatMap((domain) => [domain, `*.${domain}`])];
    await run(findExecutable('openssl'), [
      'req', '-x509', '-nodes', '-days', '3650',
      '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
      '-subj', '/CN=Porthole autoconfig test',
      '-addext', `subjectAltName=${['IP:127.0.0.1', ...names.map((name) => `DNS:${name}`)].join(',')}`,
      '-keyout', keyPath, '-out', certPath,
    ]);
    const [certPem, keyPem] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
    const routes = new Map<string, AutoconfigResponse>();
    const seen: string[] = [];
    const route = (host: string, path: string): string => `${host.toLowerCase()} ${path}`;
    const server: Server = createServer({ cert: certPem, key: keyPem }, (request, response) => {
      const host = (request.headers.host ?? '').replace(/:\d+$/, '');
      const path = new URL(request.url ?? '/', 'https://x').pathname;
      seen.push(`${host} ${path}`);
      const answer = routes.get(route(host, path));
      if (!answer) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
        return;
      }
      response.writeHead(answer.status ?? 200, { 'content-type': 'application/xml', ...answer.headers });
      if (answer.stall) {
        response.write('<?xml version="1.0"?>\n');
        return;
      }
      response.end(answer.body ?? '');
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return {
      port: (server.address() as AddressInfo).port,
      certPem,
      serve: (domain, xml, where = 'autoconfig') =>
        void routes.set(where === 'autoconfig' ? route(`autoconfig.${domain}`, AUTOCONFIG_PATH) : route(domain, WELL_KNOWN_PATH), { body: xml }),
      respond: (host, path, response) => void routes.set(route(host, path), response),
      clear: () => routes.clear(),
      requests: () => [...seen],
      stop: async () => {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** A config-v1.1.xml for the given servers (the format Thunderbird's ISPDB uses). */
export function autoconfigXml(settings: {
  domain: string;
  incoming: Array<{ type: 'imap' | 'pop3'; host: string; port: number; socketType: 'SSL' | 'STARTTLS' | 'plain'; username?: string; authentication?: string[] }>;
  outgoing: Array<{ host: string; port: number; socketType: 'SSL' | 'STARTTLS' | 'plain'; username?: string; authentication?: string[] }>;
}): string {
  const server = (tag: string, type: string, s: { host: string; port: number; socketType: string; username?: string; authentication?: string[] }): string =>
    [
      `    <${tag} type="${type}">`,
      `      <hostname>${s.host}</hostname>`,
      `      <port>${s.port}</port>`,
      `      <socketType>${s.socketType}</socketType>`,
      `      <username>${s.username ?? '%EMAILADDRESS%'}</username>`,
      ...(s.authentication ?? ['password-cleartext']).map((method) => `      <authentication>${method}</authentication>`),
      `    </${tag}>`,
    ].join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<clientConfig version="1.1">',
    `  <emailProvider id="${settings.domain}">`,
    `    <domain>${settings.domain}</domain>`,
    `    <displayName>${settings.domain} mail</displayName>`,
    ...settings.incoming.map((s) => server('incomingServer', s.type, s)),
    ...settings.outgoing.map((s) => server('outgoingServer', 'smtp', s)),
    '  </emailProvider>',
    '</clientConfig>',
  ].join('\n');
}
