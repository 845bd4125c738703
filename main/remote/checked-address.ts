import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { AddressPolicy } from './address-policy';

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Every address a host name resolves to (node:dns lookup with all: true, in the system's order). */
export type HostLookup = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemLookup: HostLookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export type CheckedAddress = { kind: 'allowed'; address: string; family: number } | { kind: 'refused'; reason: string };

/**
 * The one address main will connect to for this URL, resolved here and checked against the
 * policy. The caller connects to exactly this address (no second lookup a DNS server could answer
 * differently: DNS rebinding). A name with any refused address is refused whole: a host that
 * answers with both a public and a private address is not to be trusted with either.
 */
export async function checkedAddress(url: URL, policy: AddressPolicy, lookup: HostLookup): Promise<CheckedAddress> {
  // WHATWG URL parsing already turned 2130706433, 0x7f.1, 0177.0.0.1 and 127.1 into 127.0.0.1.
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: ResolvedAddress[];
  if (isIP(hostname)) addresses = [{ address: hostname, family: isIP(hostname) }];
  else {
    try {
      addresses = await lookup(hostname);
    } catch {
      return { kind: 'refused', reason: `The host ${hostname} could not be found.` };
    }
  }
  if (addresses.length === 0) return { kind: 'refused', reason: `The host ${hostname} has no address.` };
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  for (const { address } of addresses) {
    const reason = policy(address, port);
    if (reason) return { kind: 'refused', reason: `Not fetched from ${hostname === address ? address : `${hostname} (${address})`}: ${reason}.` };
  }
  return { kind: 'allowed', address: addresses[0]!.address, family: addresses[0]!.family };
}
