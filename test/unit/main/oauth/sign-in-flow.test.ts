import * as oauth from 'oauth4webapi';
import { describe, expect, it } from 'vitest';
import type { ResolvedProvider } from '../../../../main/oauth/oauth-providers';
import { runSignIn } from '../../../../main/oauth/sign-in-flow';

// A provider added by issuer names its own sign-in page in its metadata; the system browser
// (shell.openExternal) must never be handed a file:, javascript: or app scheme from there.
function provider(authorizationEndpoint: string): ResolvedProvider {
  return {
    id: 'idp',
    name: 'My IdP',
    scopes: ['mail'],
    authorizationParams: {},
    as: { issuer: 'https://id.example.org', authorization_endpoint: authorizationEndpoint, token_endpoint: 'https://id.example.org/token' },
    client: { client_id: 'porthole' },
    clientAuth: oauth.None(),
    requestOptions: () => ({ signal: AbortSignal.timeout(1_000), [oauth.allowInsecureRequests]: false }),
  };
}

describe('the sign-in page Porthole opens', () => {
  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'porthole://x', 'http://id.example.org/auth', 'not a url'])('refuses %s without opening anything', async (endpoint) => {
    const opened: string[] = [];
    const result = runSignIn({
      provider: provider(endpoint),
      address: 'a@example.org',
      open: (url) => {
        opened.push(url);
        return Promise.resolve();
      },
      signal: new AbortController().signal,
      signInTimeoutMs: 60_000,
      requestTimeoutMs: 1_000,
      now: Date.now,
    });
    await expect(result).rejects.toMatchObject({ wire: { code: 'OAUTH_FAILED', message: expect.stringContaining('names no HTTPS sign-in page') as unknown } });
    expect(opened).toEqual([]);
  });

  it('opens an HTTPS page with PKCE (S256), state and the loopback redirect', async () => {
    const controller = new AbortController();
    let opened = '';
    const result = runSignIn({
      provider: provider('https://id.example.org/auth?tenant=1'),
      address: 'a@example.org',
      open: (url) => {
        opened = url;
        controller.abort();
        return Promise.resolve();
      },
      signal: controller.signal,
      signInTimeoutMs: 60_000,
      requestTimeoutMs: 1_000,
      now: Date.now,
    });
    await expect(result).rejects.toMatchObject({ wire: { code: 'OAUTH_CANCELLED' } });
    const url = new URL(opened);
    expect(url.origin + url.pathname).toBe('https://id.example.org/auth');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      tenant: '1',
      client_id: 'porthole',
      response_type: 'code',
      code_challenge_method: 'S256',
      scope: 'mail',
      login_hint: 'a@example.org',
    });
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });
});
