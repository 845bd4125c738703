import type { IntlShape } from 'react-intl';
import { NO_SENDER, withoutBidiControls } from '../../../common/compose/reply';
import { sameSite } from '../../../common/link-policy';
import type { MailAddress } from '../../../common/model/mail';
import { visibleForm } from '../../../common/visible-text';
import { intl as currentIntl } from '../../i18n/intl';

/** Domain-looking words of a display name: "bank.example", "PayPal.com". */
const DOMAIN_WORD = /[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;


/**
 * Whether a sender's display name could pass for someone else: it holds an address, or names a
 * domain other than the one its address is really at ("security@bank.example" <x@evil.test>).
 */
export function nameMisleads(from: MailAddress): boolean {
  const name = visibleForm(from.name).toLowerCase();
  if (name.includes('@')) return true;
  const domain = from.address.split('@').pop()?.toLowerCase().replace(/\.$/, '') ?? '';
  return (name.match(DOMAIN_WORD) ?? []).some((named) => !sameSite(named.replace(/\.$/, ''), domain));
}

/**
 * The sender as the list shows it, without bidi controls, in one or two parts each shown
 * bidi-isolated. `first` is what the row shows first (and keeps when it is cut short): the name,
 * or — when the name could mislead — the real address, with the name after it as `second`.
 */
export interface SenderParts {
  first: string;
  second: string | null;
  /** `first` is the address, shown ahead of a name that could pass for someone else. */
  addressFirst: boolean;
}

export function senderParts(from: MailAddress | undefined): SenderParts {
  const name = withoutBidiControls(from?.name ?? '').trim();
  const address = withoutBidiControls(from?.address ?? '').trim();
  if (!name) return { first: address || NO_SENDER, second: null, addressFirst: false };
  if (address && nameMisleads({ name, address })) return { first: address, second: name, addressFirst: true };
  return { first: name, second: null, addressFirst: false };
}

/** The sender as one line of text (for screen readers): `x@evil.test (“security@bank.example”)` when the name could mislead. */
export function senderLabel(from: MailAddress | undefined, intl: IntlShape = currentIntl()): string {
  const parts = senderParts(from);
  return parts.second === null ? parts.first : intl.formatMessage({ id: 'messageList.sender.misleading', defaultMessage: '{address} (“{name}”)' }, { address: parts.first, name: parts.second });
}
