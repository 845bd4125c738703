import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type InteractionDetails, type TokenInstance } from 'oidc-provider';
import { MAIL_DOMAIN } from './layout';
import { HOST } from './ports';

/** The Porthole client registered at the test server: public, PKCE, loopback redirect on any port (RFC 8252 §7.3). */
export const TEST_CLIENT_ID = 'porthole';
/** The provider id the client file gives this server. */
export const TEST_PROVIDER = 'test';
const TEST_SCOPES = ['openid', 'email', 'offline_access', 'mail'];
const INTROSPECTION_CLIENT_ID = 'dovecot';

export interface OAuthServerOptions {
  /** Access tokens end after this long (default an hour); the refresh tests use a few seconds. */
  accessTokenTtlSeconds?: number;
}

export interface RunningOAuthServer {
  /** http://127.0.0.1:PORT */
  issuer: string;
  /** For Dovecot's `passdb oauth2` (`introspection_mode = post`), with the introspecting client's credentials in it. */
  introspectionUrl: string;
  /** A Porthole OAuth2 client file naming this server as provider "test". */
  clientsFileJson(): string;
  /**
   * Does the browser's part (login as `user`, consent; or the user declining, `deny`) and returns
   * the redirect URL with code (or error) and state, without following it.
   */
  authorize(authorizationUrl: string, user: string, options?: { deny?: boolean }): Promise<string>;
  /** Tokens for `user` through the same code flow, for protocol tests that need no Porthole sign-in. */
  issueTokens(user: string): Promise<{ accessToken: string; refreshToken: string }>;
  revokeAccessToken(token: string): Promise<void>;
  /** Every refresh token issued to `user` stops working (invalid_grant), as when the user revokes the app. */
  revokeRefreshTokens(user: string): Promise<void>;
  /** While stalled, the token endpoint reads requests and never answers. */
  stallTokenEndpoint(stalled: boolean): void;
  stop(): Promise<void>;
}

/** What the server says of a token (RFC 7662), asked as Dovecot asks: `active` false once revoked. */
export async function introspectToken(server: Pick<RunningOAuthServer, 'introspectionUrl'>, token: string): Promise<{ active: boolean; sub?: string }> {
  const url = new URL(server.introspectionUrl);
  const basic = Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64');
  url.username = '';
  url.password = '';
  const response = await fetch(url, { method: 'POST', headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }) });
  return (await response.json()) as { active: boolean; sub?: string };
}

/**
 * A real OAuth2 / OpenID Connect authorization server (oidc-provider) on 127.0.0.1: authorization
 * code with PKCE (S256; required of the public Porthole client), refresh tokens always issued and
 * rotated at each use, introspection (RFC 7662) for Dovecot, revocation (RFC 7009). A user's `sub`
 * is the mail user name, their email `<user>@example.test`. The login page is this file's own
 * interaction route: `authorize()` names the user in its URL, as a person would type it.
 */
export async function startOAuthServer(options: OAuthServerOptions = {}): Promise<RunningOAuthServer> {
  const introspectionSecret = randomBytes(16).toString('hex');
  const refreshTokens = new Set<TokenInstance>();
  const held = new Set<ServerResponse>();
  let stalled = false;
  let provider: Provider | null = null;

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (stalled && path === '/token') {
      held.add(response);
      request.resume();
      return;
    }
    if (!provider) {
      response.writeHead(503).end();
      return;
    }
    if (path.startsWith('/interaction/')) {
      interact(provider, request, response).catch((error: unknown) => {
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(error instanceof Error ? error.message : String(error));
      });
      return;
    }
    provider.callback()(request, response);
  });
  await new Promise<void>((ready, failed) => {
    server.once('error', failed);
    server.listen(0, HOST, () => ready());
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://${HOST}:${port}`;

  provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_CLIENT_ID,
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        // oidc-provider lets a native client's loopback redirect use any port (RFC 8252 §7.3).
        redirect_uris: [`http://${HOST}/`],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
      { client_id: INTROSPECTION_CLIENT_ID, client_secret: introspectionSecret, grant_types: [], response_types: [], redirect_uris: [] },
    ],
    scopes: TEST_SCOPES,
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    findAccount: (_ctx: unknown, sub: string) => ({ accountId: sub, claims: () => ({ sub, email: `${sub}@${MAIL_DOMAIN}`, email_verified: true }) }),
    features: {
      devInteractions: { enabled: false },
      // Dovecot introspects every client's tokens; a client may introspect its own.
      introspection: { enabled: true, allowedPolicy: (_ctx: unknown, client: { clientId: string }, token: { clientId?: string }) => client.clientId === INTROSPECTION_CLIENT_ID || token.clientId === client.clientId },
      revocation: { enabled: true },
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    // The ID token carries the email (Porthole shows whom the user signed in as).
    conformIdTokenClaims: false,
    issueRefreshToken: (_ctx: unknown, client: { grantTypeAllowed(type: string): boolean }) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    ttl: { AccessToken: options.accessTokenTtlSeconds ?? 3600, AuthorizationCode: 600, IdToken: 3600, RefreshToken: 30 * 86400, Interaction: 600, Session: 3600, Grant: 30 * 86400 },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    jwks: { keys: [signingKey()] },
  });
  provider.on('refresh_token.saved', (token) => refreshTokens.add(token));

  const authorize = async (authorizationUrl: string, user: string, authorizeOptions: { deny?: boolean } = {}): Promise<string> => {
    const cookies = new Map<string, string>();
    let url = new URL(authorizationUrl);
    for (let step = 0; step < 10; step += 1) {
      if (url.origin !== issuer) return url.toString();
      if (url.pathname.startsWith('/interaction/')) {
        url.searchParams.set('user', user);
        if (authorizeOptions.deny) url.searchParams.set('deny', '1');
      }
      const response = await fetch(url, { redirect: 'manual', headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') } });
      for (const line of response.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const at = pair.indexOf('=');
        if (at > 0) cookies.set(pair.slice(0, at), pair.slice(at + 1));
      }
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || location === null) {
        throw new Error(`test OAuth server: the sign-in page answered ${response.status}: ${await response.text()}`);
      }
      url = new URL(location, url);
    }
    throw new Error('test OAuth server: too many redirects while signing in');
  };

  return {
    issuer,
    introspectionUrl: `http://${INTROSPECTION_CLIENT_ID}:${introspectionSecret}@${HOST}:${port}/token/introspection`,
    clientsFileJson: () => JSON.stringify({ providers: { [TEST_PROVIDER]: { name: 'Test provider', issuer, scopes: TEST_SCOPES, clientId: TEST_CLIENT_ID } } }),
    authorize,
    issueTokens: (user) => issueTokensFor(issuer, user, (url, name) => authorize(url, name)),
    revokeAccessToken: async (token) => {
      await (await provider.AccessToken.find(token))?.destroy();
    },
    revokeRefreshTokens: async (user) => {
      for (const token of refreshTokens) {
        if (token.accountId !== user) continue;
        refreshTokens.delete(token);
        await token.destroy();
      }
    },
    stallTokenEndpoint: (value) => {
      stalled = value;
      if (value) return;
      for (const response of held) response.destroy();
      held.clear();
    },
    stop: async () => {
      for (const response of held) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

let key: object | null = null;
/** The ID tokens' signing key, one per test process (an RSA key takes a moment to make). */
function signingKey(): object {
  key ??= { ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), use: 'sig', kid: 'test' };
  return key;
}

/** The login and consent pages: the user is who the URL names; consent grants what the client asked. */
async function interact(provider: Provider, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const query = new URL(request.url ?? '/', 'http://x').searchParams;
  const user = query.get('user');
  const details: InteractionDetails = await provider.interactionDetails(request, response);
  if (query.has('deny')) {
    await provider.interactionFinished(request, response, { error: 'access_denied', error_description: 'The user declined.' }, { mergeWithLastSubmission: false });
    return;
  }
  if (details.prompt.name === 'login') {
    if (!user) throw new Error('no user named');
    await provider.interactionFinished(request, response, { login: { accountId: user } }, { mergeWithLastSubmission: false });
    return;
  }
  const accountId = details.session?.accountId;
  const clientId = details.params.client_id;
  if (accountId === undefined || typeof clientId !== 'string') throw new Error('consent without a session');
  const grant = (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ?? new provider.Grant({ accountId, clientId });
  const missing = details.prompt.details;
  if (Array.isArray(missing.missingOIDCScope)) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (Array.isArray(missing.missingOIDCClaims)) grant.addOIDCClaims(missing.missingOIDCClaims.filter((c): c is string => typeof c === 'string'));
  if (missing.missingResourceScopes && typeof missing.missingResourceScopes === 'object') {
    for (const [resource, scopes] of Object.entries(missing.missingResourceScopes)) if (Array.isArray(scopes)) grant.addResourceScope(resource, scopes.join(' '));
  }
  await provider.interactionFinished(request, response, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
}

/** The code flow with PKCE (RFC 7636), as a client would run it, to hand a protocol test its tokens. */
async function issueTokensFor(issuer: string, user: string, authorize: (url: string, user: string) => Promise<string>): Promise<{ accessToken: string; refreshToken: string }> {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const redirectUri = `http://${HOST}:9/`;
  const url = new URL(`${issuer}/auth`);
  for (const [name, value] of Object.entries({ client_id: TEST_CLIENT_ID, response_type: 'code', scope: TEST_SCOPES.join(' '), redirect_uri: redirectUri, code_challenge: challenge, code_challenge_method: 'S256', state: 'test', prompt: 'consent' })) {
    url.searchParams.set(name, value);
  }
  const code = new URL(await authorize(url.toString(), user)).searchParams.get('code');
  if (!code) throw new Error('test OAuth server: no code in the redirect');
  const response = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier, client_id: TEST_CLIENT_ID }),
  });
  const body = (await response.json()) as { access_token?: string; refresh_token?: string; error?: string };
  if (!body.access_token || !body.refresh_token) throw new Error(`test OAuth server: no tokens (${body.error ?? response.status})`);
  return { accessToken: body.access_token, refreshToken: body.refresh_token };
}
