import type { IntlShape } from 'react-intl';
import type { LinkNotOpened } from '../../common/link-policy';
import { intl as currentIntl } from './intl';

/**
 * Why a link in a message is not followed (common/link-policy.ts, and main's check of it), in the
 * language shown. `intl`: a component's own layer, or the one of the language shown now.
 */
export function linkRefusalText(refusal: LinkNotOpened, intl: IntlShape = currentIntl()): string {
  switch (refusal.reason) {
    case 'too-long':
      return intl.formatMessage({ id: 'links.refused.tooLong', defaultMessage: 'The link is too long.' });
    case 'not-an-address':
      return intl.formatMessage({ id: 'links.refused.notAnAddress', defaultMessage: 'The link is not a valid address.' });
    case 'hides-credentials':
      return intl.formatMessage({ id: 'links.refused.hidesCredentials', defaultMessage: 'The link hides a user name or password in its address.' });
    case 'broken-escape':
      return intl.formatMessage({ id: 'links.refused.brokenEscape', defaultMessage: 'The e-mail address in this link is not valid (a broken %-escape).' });
    case 'scheme':
      return intl.formatMessage({ id: 'links.refused.scheme', defaultMessage: 'Links of the kind “{scheme}” are not opened from mail.' }, { scheme: refusal.scheme });
    case 'mail-link':
      return intl.formatMessage({ id: 'links.refused.mailLink', defaultMessage: 'Mail links open in the composer, not the browser.' });
    default: {
      const unknownRefusal: never = refusal;
      throw new Error(`Unknown link refusal ${JSON.stringify(unknownRefusal)}`);
    }
  }
}
