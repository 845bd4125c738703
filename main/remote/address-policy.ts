import { isIPv4, isIPv6 } from 'node:net';

/**
 * Which network addresses main may fetch remote content from. Mail is written by strangers: an
 * image URL must never make main reach this computer (loopback), the local network (RFC 1918,
 * RFC 4193), the link (169.254/16, fe80::/10, where cloud metadata services live), a carrier's
 * shared space (RFC 6598) or anything not meant as a unicast destination on the Internet.
 * A policy answers with the reason an address (and port) is refused, or null when it may be fetched.
 */
export type AddressPolicy = (address: string, port: number) => string | null;

interface Range {
  /** Network as a 32-bit number (IPv4) or 128-bit bigint (IPv6), prefix length, and why it is refused. */
  network: bigint;
  prefix: number;
  reason: string;
}

const LOOPBACK = 'it is this computer (loopback)';
const PRIVATE = 'it is on a private network';
const LINK_LOCAL = 'it is a link-local address';
const MULTICAST = 'it is a multicast address';
const UNSPECIFIED = 'it is not a real destination (unspecified or reserved)';

function v4(text: string): bigint {
  return text.split('.').reduce((value, part) => (value << 8n) | BigInt(Number(part)), 0n);
}

// RFC 6890 special-purpose registries: every range not meant as a public unicast destination.
const IPV4_REFUSED: Range[] = [
  { network: v4('0.0.0.0'), prefix: 8, reason: UNSPECIFIED }, // RFC 1122 §3.2.1.3 "this network"
  { network: v4('10.0.0.0'), prefix: 8, reason: PRIVATE }, // RFC 1918
  { network: v4('100.64.0.0'), prefix: 10, reason: PRIVATE }, // RFC 6598 carrier-grade NAT
  { network: v4('127.0.0.0'), prefix: 8, reason: LOOPBACK }, // RFC 1122
  { network: v4('169.254.0.0'), prefix: 16, reason: LINK_LOCAL }, // RFC 3927
  { network: v4('172.16.0.0'), prefix: 12, reason: PRIVATE }, // RFC 1918
  { network: v4('192.0.0.0'), prefix: 24, reason: UNSPECIFIED }, // RFC 6890 IETF protocol assignments
  { network: v4('192.0.2.0'), prefix: 24, reason: UNSPECIFIED }, // RFC 5737 documentation
  { network: v4('192.88.99.0'), prefix: 24, reason: UNSPECIFIED }, // RFC 7526 6to4 relay anycast
  { network: v4('192.168.0.0'), prefix: 16, reason: PRIVATE }, // RFC 1918
  { network: v4('198.18.0.0'), prefix: 15, reason: PRIVATE }, // RFC 2544 benchmarking
  { network: v4('198.51.100.0'), prefix: 24, reason: UNSPECIFIED }, // RFC 5737
  { network: v4('203.0.113.0'), prefix: 24, reason: UNSPECIFIED }, // RFC 5737
  { network: v4('224.0.0.0'), prefix: 4, reason: MULTICAST }, // RFC 5771
  { network: v4('240.0.0.0'), prefix: 4, reason: UNSPECIFIED }, // RFC 1112 reserved, and 255.255.255.255
];

/** The eight 16-bit groups of an IPv6 address as one number; an embedded dotted IPv4 tail included. */
function v6(text: string): bigint {
  let address = text.replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (dotted) {
    const tail = Number(v4(dotted[1]!));
    address = `${address.slice(0, -dotted[1]!.length)}${(tail >>> 16).toString(16)}:${(tail & 0xffff).toString(16)}`;
  }
  const [head, rest] = address.split('::') as [string, string | undefined];
  const headGroups = head ? head.split(':') : [];
  const restGroups = rest ? rest.split(':') : [];
  const groups = rest === undefined ? headGroups : [...headGroups, ...Array<string>(8 - headGroups.length - restGroups.length).fill('0'), ...restGroups];
  return groups.reduce((value, group) => (value << 16n) | BigInt(parseInt(group || '0', 16)), 0n);
}

const IPV6_REFUSED: Range[] = [
  { network: v6('::'), prefix: 128, reason: UNSPECIFIED }, // RFC 4291 §2.5.2
  { network: v6('::1'), prefix: 128, reason: LOOPBACK }, // RFC 4291 §2.5.3
  { network: v6('::'), prefix: 96, reason: UNSPECIFIED }, // RFC 4291 §2.5.5.1 deprecated IPv4-compatible
  { network: v6('64:ff9b:1::'), prefix: 48, reason: PRIVATE }, // RFC 8215 local-use NAT64
  { network: v6('100::'), prefix: 64, reason: UNSPECIFIED }, // RFC 6666 discard-only
  { network: v6('2001:db8::'), prefix: 32, reason: UNSPECIFIED }, // RFC 3849 documentation
  { network: v6('2001::'), prefix: 32, reason: UNSPECIFIED }, // RFC 4380 Teredo: hides an IPv4 destination
  { network: v6('fc00::'), prefix: 7, reason: PRIVATE }, // RFC 4193 unique local
  { network: v6('fe80::'), prefix: 10, reason: LINK_LOCAL }, // RFC 4291 §2.5.6
  { network: v6('fec0::'), prefix: 10, reason: PRIVATE }, // RFC 3879 deprecated site-local
  { network: v6('ff00::'), prefix: 8, reason: MULTICAST }, // RFC 4291 §2.7
];

/** IPv6 forms that carry an IPv4 address, which then decides: mapped, NAT64, 6to4. */
function embeddedIpv4(value: bigint): bigint | null {
  if (value >> 32n === 0xffffn) return value & 0xffffffffn; // RFC 4291 §2.5.5.2 ::ffff:a.b.c.d
  if (value >> 32n === 0x64ff9b0000000000000000n) return value & 0xffffffffn; // RFC 6052 NAT64
  if (value >> 112n === 0x2002n) return (value >> 80n) & 0xffffffffn; // RFC 3056 6to4
  return null;
}

function refusedBy(value: bigint, bits: number, ranges: Range[]): string | null {
  for (const range of ranges) {
    const shift = BigInt(bits - range.prefix);
    if (value >> shift === range.network >> shift) return range.reason;
  }
  return null;
}

/** The default policy: public unicast addresses only, in every form an address can be written. */
export const publicAddressesOnly: AddressPolicy = (address) => {
  if (isIPv4(address)) return refusedBy(v4(address), 32, IPV4_REFUSED);
  if (!isIPv6(address)) return 'it is not an IP address';
  const value = v6(address);
  const ipv4 = embeddedIpv4(value);
  return ipv4 === null ? refusedBy(value, 128, IPV6_REFUSED) : refusedBy(ipv4, 32, IPV4_REFUSED);
};

/**
 * The default policy, plus exactly one server named by address and port: how tests let the app
 * fetch from their own image server on 127.0.0.1 while every other local address stays refused.
 */
export function publicAddressesAnd(allowed: { address: string; port: number }): AddressPolicy {
  return (address, port) => (address === allowed.address && port === allowed.port ? null : publicAddressesOnly(address, port));
}
