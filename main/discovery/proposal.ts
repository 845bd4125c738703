import type { ServerEndpoint } from '../../common/model/account';
import { discoveryWarningEnglish, foundWhereEnglish, type DiscoveredSettings, type FoundWhere, type DiscoveryWarning, type DiscoveryWarningWords } from '../../common/model/discovery';
import type { FoundServers } from '../../common/model/discovery-notes';
import { isWithin } from './providers';

/** The address's domain as DNS knows it (lower case, IDNA), or null when it cannot be one (an IP literal, junk). */
export function addressDomain(address: string): string | null {
  const raw = address.slice(address.lastIndexOf('@') + 1).trim().replace(/\.$/, '');
  if (/[/?#:@\\\s[\]]/.test(raw)) return null;
  let ascii: string;
  try {
    ascii = new URL(`http://${raw}/`).hostname;
  } catch {
    return null;
  }
  // The last label starts with a letter: no IP address ([192.0.2.1] or 192.0.2.1) has servers to find.
  return /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(ascii) ? ascii : null;
}

/** A host name a server may have: letters, digits, hyphens and dots, or an IP address. */
export function isUsableHost(host: string): boolean {
  return /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i.test(host) || /^\[?[0-9a-f:.]+\]?$/i.test(host);
}

/** The servers a proposal would give a password to. */
export function endpointsOf(settings: Pick<DiscoveredSettings, 'imap' | 'pop3' | 'smtp'>): ServerEndpoint[] {
  return [settings.imap, settings.pop3, settings.smtp].filter((endpoint) => endpoint !== null);
}

/** Where a proposal was found: its English for main and tests, its values for the window. */
export function foundWhere(where: FoundWhere): Pick<DiscoveredSettings, 'foundWhere' | 'foundWhereWords'> {
  return { foundWhere: foundWhereEnglish(where), foundWhereWords: where };
}

/** A warning: its English for main and tests, its values for the window. */
export function discoveryWarning(kind: DiscoveryWarning['kind'], words: DiscoveryWarningWords): DiscoveryWarning {
  return { kind, text: discoveryWarningEnglish(words), words };
}

/** One `plaintext` warning per server without TLS: a password to it travels readable by anyone on the way. */
export function plaintextWarnings(settings: Pick<DiscoveredSettings, 'imap' | 'pop3' | 'smtp'>): DiscoveryWarning[] {
  return (['imap', 'pop3', 'smtp'] as const).flatMap((service) => {
    const endpoint = settings[service];
    if (endpoint?.security !== 'none') return [];
    return [discoveryWarning('plaintext', { kind: 'plaintext', service, host: endpoint.host, port: endpoint.port })];
  });
}

/** An `other-domain` warning when servers are outside the address's domain (`namedIn`: who named them, the domain's published settings or its DNS records). */
export function otherDomainWarning(settings: Pick<DiscoveredSettings, 'imap' | 'pop3' | 'smtp'>, domain: string, namedIn: 'autoconfig' | 'srv'): DiscoveryWarning[] {
  const outside = [...new Set(endpointsOf(settings).map((endpoint) => endpoint.host).filter((host) => !isWithin(host, domain)))];
  if (outside.length === 0) return [];
  return [discoveryWarning('other-domain', { kind: 'outsideDomain', namedIn, domain, hosts: outside })];
}

/** Good enough to stop looking: somewhere to read mail, somewhere to send it, and TLS on both. */
export function isComplete(settings: DiscoveredSettings): boolean {
  return (settings.imap !== null || settings.pop3 !== null) && settings.smtp !== null && endpointsOf(settings).every((endpoint) => endpoint.security !== 'none');
}

/** The servers a proposal holds, for the step's detail. */
export function foundServers(settings: Pick<DiscoveredSettings, 'imap' | 'pop3' | 'smtp'>): FoundServers {
  return { imap: settings.imap, pop3: settings.pop3, smtp: settings.smtp };
}
