import { refusedError } from './protocol-error';

/** The SASL mechanisms that carry an OAuth2 bearer token. */
export type OAuthMechanism = 'OAUTHBEARER' | 'XOAUTH2';

/**
 * RFC 7628 §3.1 separates the fields with ^A; a control character in a value would end its field
 * early and let the rest pose as fields of its own. RFC 7628 allows none in a user name or token.
 */
function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function assertSaslValue(value: string, what: 'user name' | 'access token'): void {
  if (hasControlCharacter(value)) throw refusedError('INVALID_ARGUMENT', { kind: 'controlCharacters', what });
}

/** RFC 5801 §4: "," and "=" delimit the GS2 header, so a saslname writes them as =2C and =3D. */
function gs2SaslName(value: string): string {
  return value.replace(/=/g, '=3D').replace(/,/g, '=2C');
}

/**
 * The client's first (and only) message of the mechanism, base64-encoded. OAUTHBEARER (RFC 7628
 * §3.1) names the host and port the client connected to; XOAUTH2 is Google's older form of it.
 */
export function oauthInitialResponse(mechanism: OAuthMechanism, user: string, accessToken: string, server: { host: string; port: number }): string {
  assertSaslValue(user, 'user name');
  assertSaslValue(accessToken, 'access token');
  const fields =
    mechanism === 'OAUTHBEARER'
      ? [`n,a=${gs2SaslName(user)},`, `host=${server.host}`, `port=${server.port}`, `auth=Bearer ${accessToken}`, '', '']
      : [`user=${user}`, `auth=Bearer ${accessToken}`, '', ''];
  return Buffer.from(fields.join('\x01'), 'utf8').toString('base64');
}

/**
 * What the client answers to the server's error challenge (a base64 JSON status) so that the
 * server ends the exchange with its failure reply: RFC 7628 §3.2.3 a single ^A ("AQ==" in
 * base64) for OAUTHBEARER, an empty response for XOAUTH2.
 */
export function oauthErrorAcknowledgement(mechanism: OAuthMechanism): string {
  return mechanism === 'OAUTHBEARER' ? 'AQ==' : '';
}

/** The `status` of a server's error challenge (RFC 7628 §3.2.2), e.g. "invalid_token"; null if unreadable. */
export function oauthErrorStatus(challengeBase64: string): string | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(challengeBase64, 'base64').toString('utf8'));
    const status = (parsed as { status?: unknown } | null)?.status;
    return typeof status === 'string' ? status.slice(0, 100) : null;
  } catch {
    return null;
  }
}

/**
 * The mechanism to use of those the server names (IMAP AUTH=, POP3 CAPA SASL, SMTP AUTH):
 * OAUTHBEARER, the standard one, first; null when it offers neither.
 */
export function pickOAuthMechanism(offered: readonly string[]): OAuthMechanism | null {
  const upper = offered.map((m) => m.toUpperCase());
  if (upper.includes('OAUTHBEARER')) return 'OAUTHBEARER';
  if (upper.includes('XOAUTH2')) return 'XOAUTH2';
  return null;
}
