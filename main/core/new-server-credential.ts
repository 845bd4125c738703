import { describeEndpoint, type AccountSummary, type NewServerConsent, type ServerEndpoint } from '../../common/model/account';
import { PROVIDERS } from '../discovery/providers';
import type { LoginCredential } from '../protocols/login-credential';
import { ProtocolError } from '../protocols/protocol-error';
import type { CredentialSources } from './incoming-password';
import { passwordForNewServer } from './new-server-consent';

/** What logs in to a server the account does not have yet, and the password to store for it once that login worked. */
export interface NewServerCredential {
  credential: LoginCredential;
  /** The password typed for the server; null for an OAuth2 account, whose tokens are stored already. */
  typedPassword: string | null;
}

/**
 * The hosts an OAuth2 account's tokens may go to without asking: the account's own (its sign-in
 * goes there already) and those Porthole's provider table lists for the provider that issued them
 * (pop.gmail.com for a Google account that so far had only imap.gmail.com).
 */
export function providerHosts(account: Pick<AccountSummary, 'imap' | 'pop3' | 'smtp'>, provider: string): Set<string> {
  const listed = PROVIDERS.filter((p) => p.oauthProvider === provider).flatMap((p) => [p.imap?.host, p.pop3?.host, p.smtp.host]);
  const own = [account.imap?.host, account.pop3?.host, account.smtp.host];
  return new Set([...listed, ...own].filter((host): host is string => host !== undefined).map((host) => host.toLowerCase()));
}

/**
 * For an OAuth2 account, the rule of new-server-consent.ts reads: the user cannot type the secret
 * for the server (there is none to type), so the tokens go only to the provider's servers (see
 * `providerHosts`) and never to a host the caller picked elsewhere, where they would hand that
 * host the user's whole mailbox at the provider; unencrypted only when the user agreed to it.
 * Throws before anything connects.
 */
export function assertTokensMayGo(account: Pick<AccountSummary, 'imap' | 'pop3' | 'smtp'>, provider: string, endpoint: ServerEndpoint, consent: NewServerConsent): void {
  const where = describeEndpoint(endpoint);
  if (consent.password !== undefined) {
    throw new ProtocolError({ code: 'INVALID_ARGUMENT', message: 'This account signs in with its provider (OAuth2), not with a password: leave the password empty, and Porthole uses that sign-in for this server.' });
  }
  // Compared as given, untrimmed: the host checked is the host connected to.
  if (!providerHosts(account, provider).has(endpoint.host.toLowerCase())) {
    throw new ProtocolError({ code: 'HOST_NOT_CONFIRMED', message: `An OAuth2 account can only use its provider’s servers: ${where} is not one of this account’s servers nor one Porthole knows for its provider, so Porthole did not send it your sign-in.` });
  }
  if (endpoint.security === 'none' && !consent.allowPlaintext) {
    throw new ProtocolError({ code: 'HOST_NOT_CONFIRMED', message: `${where}: your sign-in would cross the network readable by anyone on the way. Confirm that you want to send it unencrypted, or choose TLS.` });
  }
}

/**
 * The login for an incoming server the account does not have yet: a password account's password
 * typed for it (never the stored one), or an OAuth2 account's tokens where `assertTokensMayGo` allows.
 */
export function credentialForNewServer(sources: Pick<CredentialSources, 'oauthTokens'>, account: AccountSummary, endpoint: ServerEndpoint, consent: NewServerConsent): NewServerCredential {
  if (account.auth?.kind === 'oauth2') {
    assertTokensMayGo(account, account.auth.provider, endpoint, consent);
    return { credential: { oauth2: sources.oauthTokens.forAccount(account.id, account.auth.provider) }, typedPassword: null };
  }
  const typedPassword = passwordForNewServer(endpoint, consent);
  return { credential: { password: typedPassword }, typedPassword };
}
