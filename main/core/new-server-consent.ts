import { type NewServerConsent, type ServerEndpoint } from '../../common/model/account';
import { refusalEndpoint } from '../../common/model/refusals';
import { refusedError } from '../protocols/protocol-error';

/**
 * The password to send to an incoming server the account does not have yet. A stored password
 * never goes there (the caller, not the user, may have picked the host): only one typed for it,
 * and over a connection without TLS only when the user agreed to send it unencrypted.
 * Throws HOST_NOT_CONFIRMED otherwise, before anything connects.
 */
export function passwordForNewServer(endpoint: ServerEndpoint, consent: NewServerConsent): string {
  if (!consent.password) {
    throw refusedError('HOST_NOT_CONFIRMED', { kind: 'notAccountServer', endpoint: refusalEndpoint(endpoint) });
  }
  if (endpoint.security === 'none' && !consent.allowPlaintext) {
    throw refusedError('HOST_NOT_CONFIRMED', { kind: 'unencryptedSecret', endpoint: refusalEndpoint(endpoint), secret: 'password' });
  }
  return consent.password;
}
