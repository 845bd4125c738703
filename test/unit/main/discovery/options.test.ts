import { describe, expect, it } from 'vitest';
import { DISCOVERY_ENV, discoveryOptionsFromEnv, discoveryOptionsToEnv, type DiscoveryOptions } from '../../../../main/discovery/options';

describe('discovery options from the environment', () => {
  it('are empty in a normal run: the system resolver, port 443, the system trust store, the standard ports', () => {
    expect(discoveryOptionsFromEnv({ PATH: '/usr/bin', HOME: '/home/x' })).toEqual({});
  });

  it('round-trip through the variables the harness reads', () => {
    const options: DiscoveryOptions = {
      dnsServers: ['127.0.0.1:5353', '127.0.0.1:5354'],
      httpsPort: 8443,
      extraCaPem: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n',
      guessPorts: { 993: 40001, 143: 40002 },
    };
    const env = discoveryOptionsToEnv(options);
    expect(Object.keys(env).every((name) => name.startsWith('PORTHOLE_TEST_'))).toBe(true);
    expect(discoveryOptionsFromEnv(env)).toEqual(options);
  });

  it('refuse a malformed value loudly instead of reaching the real network', () => {
    expect(() => discoveryOptionsFromEnv({ [DISCOVERY_ENV.httpsPort]: 'eighty' })).toThrow('PORTHOLE_TEST_HTTPS_PORT: "eighty" is not a port number');
    expect(() => discoveryOptionsFromEnv({ [DISCOVERY_ENV.guessPorts]: '993=1' })).toThrow(/PORTHOLE_TEST_GUESS_PORTS/);
    expect(() => discoveryOptionsFromEnv({ [DISCOVERY_ENV.guessPorts]: '993:70000' })).toThrow(/not a port number/);
  });
});
