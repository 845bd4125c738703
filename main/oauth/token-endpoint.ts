import * as oauth from 'oauth4webapi';
import { refusedError } from '../protocols/protocol-error';
import type { ResolvedProvider } from './oauth-providers';
import { describeFailure, isRefusedGrant } from './oauth-failure';
import type { StoredTokens } from './stored-tokens';

/** A token response, as Porthole keeps it, with who signed in when the ID token says. */
export interface IssuedTokens {
  tokens: StoredTokens;
  signedInAs: string | null;
}

/** RFC 6749 §4.1.3 with PKCE (RFC 7636): the code from the redirect for the first tokens. */
export async function exchangeCode(
  provider: ResolvedProvider,
  callback: URLSearchParams,
  redirectUri: string,
  codeVerifier: string,
  timeoutMs: number,
  now: () => number,
  cancel: AbortSignal,
): Promise<IssuedTokens> {
  try {
    const response = await oauth.authorizationCodeGrantRequest(provider.as, provider.client, provider.clientAuth, callback, redirectUri, codeVerifier, provider.requestOptions(cancel));
    const result = await oauth.processAuthorizationCodeResponse(provider.as, provider.client, response);
    const email = oauth.getValidatedIdTokenClaims(result)?.email;
    return { tokens: toStored(provider.id, result, null, now), signedInAs: typeof email === 'string' ? email : null };
  } catch (error) {
    throw refusedError('OAUTH_FAILED', { kind: 'oauthNotGiven', provider: provider.name, failure: describeFailure(error, timeoutMs) });
  }
}

/**
 * RFC 6749 §6: new tokens for a refresh token. The provider refusing it (invalid_grant: revoked,
 * expired, password changed) is OAUTH_SIGN_IN_AGAIN; anything else (network, a stall) is
 * OAUTH_FAILED, tried again at the next login.
 */
export async function refreshTokens(provider: ResolvedProvider, current: StoredTokens, timeoutMs: number, now: () => number): Promise<StoredTokens> {
  if (current.refreshToken === null) {
    throw refusedError('OAUTH_SIGN_IN_AGAIN', { kind: 'oauthNoRenewal', provider: provider.name });
  }
  try {
    const response = await oauth.refreshTokenGrantRequest(provider.as, provider.client, provider.clientAuth, current.refreshToken, provider.requestOptions());
    const result = await oauth.processRefreshTokenResponse(provider.as, provider.client, response);
    return toStored(provider.id, result, current.refreshToken, now);
  } catch (error) {
    if (isRefusedGrant(error)) {
      throw refusedError('OAUTH_SIGN_IN_AGAIN', { kind: 'oauthNoLongerAccepted', provider: provider.name, failure: describeFailure(error, timeoutMs) });
    }
    throw refusedError('OAUTH_FAILED', { kind: 'oauthNotRenewed', provider: provider.name, failure: describeFailure(error, timeoutMs) });
  }
}

function toStored(providerId: string, result: oauth.TokenEndpointResponse, previousRefreshToken: string | null, now: () => number): StoredTokens {
  if (result.token_type.toLowerCase() !== 'bearer') throw new Error(`the provider issued a “${result.token_type}” token, not a bearer token`);
  return {
    provider: providerId,
    accessToken: result.access_token,
    // RFC 6749 §6: a refresh response may rotate the refresh token; without one the old one stays valid.
    refreshToken: result.refresh_token ?? previousRefreshToken,
    expiresAt: typeof result.expires_in === 'number' ? now() + result.expires_in * 1000 : null,
  };
}

/**
 * RFC 7009: tells the provider a removed account's refresh token (and with it the grant, at most
 * providers) is no longer wanted. Best effort: the account is gone either way.
 */
export async function revokeRefreshToken(provider: ResolvedProvider, tokens: StoredTokens): Promise<void> {
  const token = tokens.refreshToken ?? tokens.accessToken;
  if (provider.as.revocation_endpoint === undefined) return;
  const response = await oauth.revocationRequest(provider.as, provider.client, provider.clientAuth, token, provider.requestOptions());
  await oauth.processRevocationResponse(response);
}
