import type { DiscoveryNetwork } from '../network';

/** What every step of the chain works from. */
export interface StepContext {
  address: string;
  /** The address's domain, lower case and in IDNA form. */
  domain: string;
  network: DiscoveryNetwork;
}

/** How a login name is formed from the address. */
export function loginName(address: string, form: 'address' | 'local-part'): string {
  return form === 'address' ? address : address.slice(0, address.lastIndexOf('@'));
}
