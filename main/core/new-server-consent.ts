import { describeEndpoint, type NewServerConsent, type ServerEndpoint } from '../../common/model/account';
import { ProtocolError } from '../protocols/protocol-error';

/**
 * The password to send to an incoming server the account does not have yet. A stored password
 * never goes there (the caller, not the user, may have picked the host): only one typed for it,
 * and over a connection without TLS only when the user agreed to send it unencrypted.
 * Throws HOST_NOT_CONFIRMED otherwise, before anything connects.
 */
export function passwordForNewServer(endpoint: ServerEndpoint, consent: NewServerConsent): string {
  const where = describeEndpoint(endpoint);
  if (!consent.password) {
    throw new ProtocolError({ code: 'HOST_NOT_CONFIRMED', message: `${where} is not one of this account’s servers, so Porthole did not send it the stored password. Type the password for that server to use it.` });
  }
  if (endpoint.security === 'none' && !consent.allowPlaintext) {
    throw new ProtocolError({ code: 'HOST_NOT_CONFIRMED', message: `${where}: the password would cross the network readable by anyone on the way. Confirm that you want to send it unencrypted, or choose TLS.` });
  }
  return consent.password;
}
