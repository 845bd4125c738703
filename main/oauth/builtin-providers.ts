/**
 * A provider's endpoints and scopes. The built-in ones are known statically, so reading them needs
 * no network; a provider the client file adds by issuer has its endpoints read from the issuer's
 * metadata (RFC 8414 / OpenID Connect Discovery) when a sign-in needs them.
 */
export interface ProviderEndpoints {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  revocationEndpoint?: string;
  /**
   * The `iss` an ID token must carry, when it is not always `issuer`: Microsoft's multi-tenant
   * endpoint signs as the user's own tenant (its `tid` claim); Google may omit the scheme.
   */
  idTokenIssuer?: (claims: Readonly<Record<string, unknown>>) => string;
}

export interface BuiltinProvider {
  id: string;
  name: string;
  endpoints: ProviderEndpoints;
  scopes: readonly string[];
  /** Extra parameters of the authorization request this provider needs. */
  authorizationParams?: Readonly<Record<string, string>>;
}

export const BUILTIN_PROVIDERS: readonly BuiltinProvider[] = [
  {
    id: 'google',
    name: 'Google',
    endpoints: {
      issuer: 'https://accounts.google.com',
      authorizationEndpoint: 'https://accounts.google.com/o/oauth2/v2/auth',
      tokenEndpoint: 'https://oauth2.googleapis.com/token',
      revocationEndpoint: 'https://oauth2.googleapis.com/revoke',
      // Google: "iss … is equal to accounts.google.com or https://accounts.google.com".
      idTokenIssuer: (claims) => (claims.iss === 'accounts.google.com' ? 'accounts.google.com' : 'https://accounts.google.com'),
    },
    // Google issues a refresh token to a desktop client without offline_access (it is not a Google scope).
    scopes: ['https://mail.google.com/', 'openid', 'email'],
    // Without these Google issues no refresh token to a client the user had already allowed once.
    authorizationParams: { access_type: 'offline', prompt: 'consent' },
  },
  {
    id: 'microsoft',
    name: 'Microsoft',
    endpoints: {
      issuer: 'https://login.microsoftonline.com/common/v2.0',
      authorizationEndpoint: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
      tokenEndpoint: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
      idTokenIssuer: (claims) => (typeof claims.tid === 'string' && /^[0-9a-f-]{36}$/.test(claims.tid) ? `https://login.microsoftonline.com/${claims.tid}/v2.0` : 'https://login.microsoftonline.com/common/v2.0'),
    },
    scopes: [
      'https://outlook.office.com/IMAP.AccessAsUser.All',
      'https://outlook.office.com/POP.AccessAsUser.All',
      'https://outlook.office.com/SMTP.Send',
      'offline_access',
      'openid',
      'email',
    ],
  },
];
