import { discoveryOptionsToEnv, type DiscoveryOptions } from '../../main/discovery/options';
import { startAutoconfigServer, type TestAutoconfigServer } from './autoconfig-server';
import { startDnsServer, type TestDnsServer } from './dns-server';
import type { TestServerInfo } from './types';

export { autoconfigXml, AUTOCONFIG_PATH, WELL_KNOWN_PATH, type AutoconfigResponse, type TestAutoconfigServer } from './autoconfig-server';
export type { DnsMisbehaviour, DnsRecords, TestDnsServer } from './dns-server';

/** The test domains the autoconfig certificate covers (with their subdomains). */
export const DISCOVERY_TEST_DOMAINS = ['example.test', 'company.test', 'hoster.test', 'plain.test', 'broken.test', 'stalls.test', 'srv.test', 'other.test'] as const;

export interface DiscoveryServers {
  /** For a harness process (`npm run web` reads them; see discoveryOptionsFromEnv). */
  env: Record<string, string>;
  /** For a PortholeCore built in the test (`new PortholeCore({ …, discovery: options })`) or `discover()`. */
  options: DiscoveryOptions;
  dns: TestDnsServer;
  autoconfig: TestAutoconfigServer;
  /** Points `domain` and `autoconfig.<domain>` at the autoconfig server and serves `xml` there. */
  publishAutoconfig(domain: string, xml: string, where?: 'autoconfig' | 'well-known'): void;
  /** Forgets every record and file. */
  clear(): void;
  stop(): Promise<void>;
}

export interface DiscoveryServersOptions {
  /** Extra domains for the autoconfig certificate (besides DISCOVERY_TEST_DOMAINS). */
  domains?: string[];
  /** The Dovecot/SMTP test servers: guessing probes their ports for the standard ones, and trusts their certificate. */
  mailServers?: TestServerInfo;
}

/**
 * The network discovery meets in the tests: a DNS server with the test zone, the HTTPS server that
 * publishes autoconfig files, and (with `mailServers`) the standard ports mapped to Dovecot's and
 * the SMTP server's. Every name resolves only through the test DNS server: set A records for the
 * hosts a test needs (`localhost` for the real servers, whose certificate covers only that name).
 */
export async function startDiscoveryServers(options: DiscoveryServersOptions = {}): Promise<DiscoveryServers> {
  const dns = await startDnsServer();
  let autoconfig: TestAutoconfigServer;
  try {
    autoconfig = await startAutoconfigServer([...DISCOVERY_TEST_DOMAINS, ...(options.domains ?? [])]);
  } catch (error) {
    await dns.stop();
    throw error;
  }
  const mail = options.mailServers;
  const discoveryOptions: DiscoveryOptions = {
    dnsServers: [dns.address],
    httpsPort: autoconfig.port,
    extraCaPem: [autoconfig.certPem, ...(mail ? [mail.certificate.pem] : [])].join('\n'),
    ...(mail
      ? {
          guessPorts: {
            993: mail.imap.tlsPort,
            143: mail.imap.starttlsPort,
            995: mail.pop3.tlsPort,
            110: mail.pop3.stlsPort,
            465: mail.smtp.tlsPort,
            587: mail.smtp.starttlsPort,
          },
        }
      : {}),
  };
  return {
    env: discoveryOptionsToEnv(discoveryOptions),
    options: discoveryOptions,
    dns,
    autoconfig,
    publishAutoconfig(domain, xml, where = 'autoconfig') {
      dns.set(where === 'autoconfig' ? `autoconfig.${domain}` : domain, { A: ['127.0.0.1'] });
      autoconfig.serve(domain, xml, where);
    },
    clear() {
      dns.clear();
      autoconfig.clear();
    },
    async stop() {
      await Promise.allSettled([dns.stop(), autoconfig.stop()]);
    },
  };
}
