import { Resolver } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { rootCertificates } from 'node:tls';
import type { DnsFailure } from '../../common/model/discovery-notes';
import type { DiscoveryOptions } from './options';

export interface SrvAnswer {
  name: string;
  port: number;
  priority: number;
  weight: number;
}

export interface MxAnswer {
  exchange: string;
  priority: number;
}

/**
 * Every way discovery reaches the network, built once per discovery from its options: lookups
 * through one resolver (the tests' DNS server when set, so `autoconfig.example.test` resolves there
 * too), the trust anchors, and the ports. `close` cancels what is still under way.
 */
export interface DiscoveryNetwork {
  srv(name: string): Promise<SrvAnswer[]>;
  mx(name: string): Promise<MxAnswer[]>;
  /** For `net`/`tls`/`https` connections; undefined: the system's lookup (hosts file, mDNS …). */
  lookup: LookupFunction | undefined;
  /** Trust anchors for TLS; undefined: Node's own (the system's roots). */
  ca: string[] | undefined;
  httpsPort: number;
  /** The port to probe for a standard one (the tests map them to their servers). */
  guessPort(standard: number): number;
  close(): void;
}

// c-ares waits this long for each try; two tries stay well inside a step's timeout.
const DNS_TRY_MS = 1_500;
const DNS_TRIES = 2;

export function discoveryNetwork(options: DiscoveryOptions): DiscoveryNetwork {
  const resolver = new Resolver({ timeout: DNS_TRY_MS, tries: DNS_TRIES });
  if (options.dnsServers?.length) resolver.setServers(options.dnsServers);
  return {
    srv: (name) => resolver.resolveSrv(name),
    mx: (name) => resolver.resolveMx(name),
    lookup: options.dnsServers?.length ? lookupThrough(resolver) : undefined,
    ca: options.extraCaPem ? [...rootCertificates, options.extraCaPem] : undefined,
    httpsPort: options.httpsPort ?? 443,
    guessPort: (standard) => options.guessPorts?.[standard] ?? standard,
    close: () => resolver.cancel(),
  };
}

/** A `net` lookup that asks only the given resolver (IPv4 first, then IPv6). */
function lookupThrough(resolver: Resolver): LookupFunction {
  return (hostname, options, callback) => {
    addressesOf(resolver, hostname).then(
      (addresses) => {
        const first = addresses[0];
        if (!first) {
          callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 4);
        } else if (options.all) {
          (callback as unknown as (error: null, all: Array<{ address: string; family: number }>) => void)(null, addresses);
        } else {
          callback(null, first.address, first.family);
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 4),
    );
  };
}

async function addressesOf(resolver: Resolver, hostname: string): Promise<Array<{ address: string; family: 4 | 6 }>> {
  const [v4, v6] = await Promise.allSettled([resolver.resolve4(hostname), resolver.resolve6(hostname)]);
  const addresses = [
    ...(v4.status === 'fulfilled' ? v4.value.map((address) => ({ address, family: 4 as const })) : []),
    ...(v6.status === 'fulfilled' ? v6.value.map((address) => ({ address, family: 6 as const })) : []),
  ];
  if (addresses.length === 0 && v4.status === 'rejected') throw v4.reason;
  return addresses;
}

/** A DNS failure, as values (the resolver's own words when it is none of the known ones). */
export function dnsFailure(error: unknown): DnsFailure {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOTFOUND':
    case 'ENODATA':
      return { kind: 'noRecords' };
    case 'ETIMEOUT':
      return { kind: 'noAnswer' };
    case 'EBADRESP':
    case 'EFORMERR':
    case 'EBADNAME':
      return { kind: 'malformed' };
    case 'ESERVFAIL':
      return { kind: 'serverFailed' };
    case 'EREFUSED':
    case 'ECONNREFUSED':
      return { kind: 'refused' };
    case 'ECANCELLED':
      return { kind: 'stopped' };
    default:
      return { kind: 'other', detail: error instanceof Error ? error.message : String(error) };
  }
}

/** "No records" as opposed to a lookup that went wrong. */
export function isNoRecords(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOTFOUND' || code === 'ENODATA';
}

/** A lookup that went wrong (as opposed to a name that does not exist). */
export function isDnsFailure(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code !== undefined && ['ETIMEOUT', 'EBADRESP', 'EFORMERR', 'EBADNAME', 'ESERVFAIL', 'EREFUSED', 'ECANCELLED'].includes(code);
}
