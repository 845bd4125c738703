import { describeEndpoint } from '../../common/model/account';
import type { ServerEndpoint } from '../../common/model/account';
import type { IntlShape } from 'react-intl';
import { intl, languageOfIntl } from './intl';

/**
 * A server as a confirmation names it, in the language shown: in English common's words exactly
 * ("pop.example.com, port 995, unencrypted"), in German "pop.example.com, Port 995, unverschlüsselt".
 */
export function endpointText(endpoint: Pick<ServerEndpoint, 'host' | 'port' | 'security'>, words: IntlShape = intl()): string {
  if (languageOfIntl(words) === 'en') return describeEndpoint(endpoint);
  const security = endpoint.security === 'none' ? words.formatMessage({ id: 'endpoints.unencrypted', defaultMessage: 'unencrypted' }) : endpoint.security === 'tls' ? 'TLS' : 'STARTTLS';
  return words.formatMessage({ id: 'endpoints.describe', defaultMessage: '{host}, port {port}, {security}' }, { host: endpoint.host, port: String(endpoint.port), security });
}
