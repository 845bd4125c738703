import { type AccountSummary, type NewServerConsent, type ServerEndpoint } from '../../common/model/account';
import { PROVIDERS } from '../discovery/providers';
import type { LoginCredential } from '../protocols/login-credential';
import { refusalEndpoint } from '../../common/model/refusals';
import { refusedError } from '../protocols/protocol-error';
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
  if (consent.password !== undefined) {
    throw refusedError('INVALID_ARGUMENT', { kind: 'oauthNoPassword' });
  }
  // Compared as given, untrimmed: the host checked is the host connected to.
  if (!providerHosts(account, provider).has(endpoint.host.toLowerCase())) {
    throw refusedError('HOST_NOT_CONFIRMED', { kind: 'oauthOtherServer', endpoint: refusalEndpoint(endpoint) });
  }
  if (endpoint.security === 'none' && !consent.allowPlaintext) {
    throw refusedError('HOST_NOT_CONFIRMED', { kind: 'unencryptedSecret', endpoint: refusalEndpoint(endpoint), secret: 'signIn' });
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
