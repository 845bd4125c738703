/**
 * How discovery reaches the network. The defaults are the system's; the tests point it at their
 * own DNS and HTTPS servers on 127.0.0.1 (the web harness reads them from the environment). The
 * Electron app never sets any of them.
 */
export interface DiscoveryOptions {
  /** DNS servers as `host:port` for every lookup discovery makes (SRV, MX and the hosts' addresses); absent: the system's. */
  dnsServers?: string[];
  /** The port autoconfig is fetched from instead of HTTPS's 443. */
  httpsPort?: number;
  /** PEM certificates trusted besides the system's (the tests' own certificates). */
  extraCaPem?: string;
  /** Guessing probes these ports instead of the standard ones (standard port → port). */
  guessPorts?: Record<number, number>;
}

/** The variables, all named PORTHOLE_TEST_*: only the tests set them (ARCHITECTURE.md, discovery). */
export const DISCOVERY_ENV = {
  dnsServers: 'PORTHOLE_TEST_DNS',
  httpsPort: 'PORTHOLE_TEST_HTTPS_PORT',
  extraCaPem: 'PORTHOLE_TEST_CA',
  guessPorts: 'PORTHOLE_TEST_GUESS_PORTS',
} as const;

/**
 * The harness's discovery options, from variables only the tests set. A malformed value throws:
 * a test that meant to point discovery somewhere must not silently reach the real network.
 */
export function discoveryOptionsFromEnv(env: NodeJS.ProcessEnv): DiscoveryOptions {
  const options: DiscoveryOptions = {};
  const dns = env[DISCOVERY_ENV.dnsServers];
  if (dns) options.dnsServers = dns.split(',').map((server) => server.trim());
  const httpsPort = env[DISCOVERY_ENV.httpsPort];
  if (httpsPort) options.httpsPort = portNumber(httpsPort, DISCOVERY_ENV.httpsPort);
  const ca = env[DISCOVERY_ENV.extraCaPem];
  if (ca) options.extraCaPem = ca;
  const guessPorts = env[DISCOVERY_ENV.guessPorts];
  if (guessPorts) options.guessPorts = portMap(guessPorts);
  return options;
}

/** The variables that give `options` to a harness process (the inverse of discoveryOptionsFromEnv). */
export function discoveryOptionsToEnv(options: DiscoveryOptions): Record<string, string> {
  const env: Record<string, string> = {};
  if (options.dnsServers) env[DISCOVERY_ENV.dnsServers] = options.dnsServers.join(',');
  if (options.httpsPort !== undefined) env[DISCOVERY_ENV.httpsPort] = String(options.httpsPort);
  if (options.extraCaPem) env[DISCOVERY_ENV.extraCaPem] = options.extraCaPem;
  if (options.guessPorts) {
    env[DISCOVERY_ENV.guessPorts] = Object.entries(options.guessPorts)
      .map(([standard, port]) => `${standard}:${port}`)
      .join(',');
  }
  return env;
}

function portNumber(text: string, name: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`${name}: "${text}" is not a port number`);
  return port;
}

/** `993:40001,143:40002` → { 993: 40001, 143: 40002 }. */
function portMap(text: string): Record<number, number> {
  const map: Record<number, number> = {};
  for (const pair of text.split(',')) {
    const [standard = '', port = ''] = pair.split(':');
    map[portNumber(standard.trim(), DISCOVERY_ENV.guessPorts)] = portNumber(port.trim(), DISCOVERY_ENV.guessPorts);
  }
  return map;
}
