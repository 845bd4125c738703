import type { TokenSource } from '../oauth/token-source';
import { isProtocolError } from './protocol-error';

/**
 * What proves a login: the password typed for that server, or the account's OAuth2 tokens
 * (RFC 6749), sent as SASL OAUTHBEARER (RFC 7628) or XOAUTH2. A login carries exactly one. The
 * two are told apart by which field is present rather than by a tag, so that every password
 * login keeps its `{ password }` shape.
 */
export type LoginCredential = { password: string; oauth2?: never } | { oauth2: TokenSource; password?: never };

/** The secret of one login attempt: the password, or the access token the source gave for it. */
export type LoginSecret = { kind: 'password'; password: string } | { kind: 'oauth2'; accessToken: string };

/** The server said no to the credentials themselves (not the network, not the mechanism). */
function isRefusedLogin(error: unknown): boolean {
  return isProtocolError(error) && error.wire.code === 'AUTH_FAILED';
}

/**
 * Runs a login attempt with the credential's secret. With OAuth2, a login the server refused is
 * tried once more, on a new connection, with the token the source gives after the rejection (RFC
 * 6750 §3.1 invalid_token: revoked or ended before its time); when the provider refuses to
 * refresh, the source's OAUTH_SIGN_IN_AGAIN is the error. A second refusal is the server's answer.
 */
export async function withLoginSecret<T>(credential: LoginCredential, attempt: (secret: LoginSecret) => Promise<T>): Promise<T> {
  if (!credential.oauth2) return attempt({ kind: 'password', password: credential.password });
  const tokens = credential.oauth2;
  const first = await tokens.accessToken();
  try {
    return await attempt({ kind: 'oauth2', accessToken: first });
  } catch (error) {
    if (!isRefusedLogin(error)) throw error;
    const second = await tokens.afterRejection(first);
    return attempt({ kind: 'oauth2', accessToken: second });
  }
}
