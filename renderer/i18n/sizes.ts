import type { IntlShape } from 'react-intl';
import { formatOctets, octetsSize } from '../../common/model/raw-source';
import { intl as currentIntl, languageOfIntl } from './intl';

/**
 * A size in the language shown: in English formatOctets' words exactly ("1.5 MB", "16 bytes"),
 * elsewhere the same rounding with the locale's number and the language's word for bytes
 * ("1,5 MB", "16 Byte"). `intl`: a component's own layer, or the one of the language shown now.
 */
export function sizeText(octets: number, intl: IntlShape = currentIntl()): string {
  if (languageOfIntl(intl) === 'en') return formatOctets(octets);
  const size = octetsSize(octets);
  if (size.unit === 'bytes') return intl.formatMessage({ id: 'sizes.bytes', defaultMessage: '{count, plural, one {# byte} other {# bytes}}' }, { count: size.value });
  return intl.formatMessage({ id: 'sizes.unit', defaultMessage: '{value} {unit}' }, { value: intl.formatNumber(size.value, { maximumFractionDigits: 1 }), unit: size.unit });
}
