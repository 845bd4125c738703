import type { MailAddress } from '../../../common/model/mail';

/** Domain-looking words of a display name: "bank.example", "PayPal.com". */
const DOMAIN_WORD = /[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

/**
 * A display name as it reads on screen: full-width and other compatibility dots become ".",
 * and invisible characters (zero-width, bidi controls) go.
 */
function visibleForm(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\u3002\uFF61]/g, '.')
    .replace(/\p{Cf}/gu, '')
    .toLowerCase();
}

const sameOrParent = (named: string, domain: string): boolean => domain === named || domain.endsWith(`.${named}`) || named.endsWith(`.${domain}`);

/**
 * Whether a sender's display name could pass for someone else: it holds an address, or names a
 * domain other than the one its address is really at ("security@bank.example" <x@evil.test>).
 */
export function nameMisleads(from: MailAddress): boolean {
  const name = visibleForm(from.name);
  if (name.includes('@')) return true;
  const domain = from.address.split('@').pop()?.toLowerCase().replace(/\.$/, '') ?? '';
  return (name.match(DOMAIN_WORD) ?? []).some((named) => !sameOrParent(named.replace(/\.$/, ''), domain));
}

/** The sender as the list shows it: the name alone when it cannot mislead, else the name and the address. */
export function senderLabel(from: MailAddress | undefined): string {
  if (!from) return '(no sender)';
  if (!from.name) return from.address || '(no sender)';
  return nameMisleads(from) ? `${from.name} <${from.address}>` : from.name;
}
