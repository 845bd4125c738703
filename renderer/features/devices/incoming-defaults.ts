import { DEFAULT_PORTS, incomingFor, type AccountSummary, type Mode, type ServerEndpoint } from '../../../common/model/account';

/**
 * A first guess at the account's server for a mode it has no server for yet: the host, security
 * and user name of the account's other incoming server (or its SMTP server), and that mode's
 * default port for that security.
 */
export function defaultIncoming(account: AccountSummary, mode: Mode): ServerEndpoint {
  const other = incomingFor(account, mode === 'imap' ? 'pop3' : 'imap') ?? account.smtp;
  const security = other.security;
  return { host: other.host, port: DEFAULT_PORTS[mode][security], security, user: other.user };
}
