import { intl } from '../../i18n/intl';
import { domainOf } from './setup-words';

/**
 * What the browser's `type="email"` lets through but no lookup or server can use: a domain without a
 * dot (`you@example`), except `localhost`. Null when the address can go on; the browser's own check
 * (an @, no spaces) runs first, at the field.
 */
export function addressProblem(address: string): string | null {
  const domain = domainOf(address);
  if (!domain) return null;
  if (domain === 'localhost' || (domain.includes('.') && !domain.startsWith('.') && !domain.endsWith('.'))) return null;
  return intl().formatMessage({ id: 'setup.address.noDot', defaultMessage: '“{domain}” is not a full domain name: it needs a dot, as in {domain}.com.' }, { domain });
}

/** Whether the address is one of the accounts on this computer (case does not make another mailbox). */
export function isAlreadySetUp(address: string, existingAddresses: readonly string[]): boolean {
  const wanted = address.trim().toLowerCase();
  return wanted !== '' && existingAddresses.some((a) => a.trim().toLowerCase() === wanted);
}
