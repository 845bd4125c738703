import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOAuthServer, TEST_CLIENT_ID, type RunningOAuthServer } from '../../../servers/oauth-server';

// The test authorization server itself, as S's Dovecot passdb and the flow tests rely on it.
let server: RunningOAuthServer;

beforeAll(async () => {
  server = await startOAuthServer();
});
afterAll(() => server.stop());

async function introspect(token: string): Promise<{ active: boolean; sub?: string }> {
  const url = new URL(server.introspectionUrl);
  const basic = Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64');
  url.username = '';
  url.password = '';
  const response = await fetch(url, { method: 'POST', headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }) });
  return (await response.json()) as { active: boolean; sub?: string };
}

async function refresh(refreshToken: string): Promise<{ status: number; body: { error?: string; access_token?: string; refresh_token?: string } }> {
  const response = await fetch(`${server.issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: TEST_CLIENT_ID }),
  });
  return { status: response.status, body: (await response.json()) as { error?: string } };
}

describe('test OAuth2 server', () => {
  it('issues tokens whose introspection names the mail user, and stops accepting a revoked access token', async () => {
    const tokens = await server.issueTokens('alice');
    expect(await introspect(tokens.accessToken)).toMatchObject({ active: true, sub: 'alice' });
    await server.revokeAccessToken(tokens.accessToken);
    expect(await introspect(tokens.accessToken)).toMatchObject({ active: false });
  });

  it('rotates refresh tokens, and refuses them all once revoked for the user', async () => {
    const tokens = await server.issueTokens('bob');
    const first = await refresh(tokens.refreshToken);
    expect(first.status).toBe(200);
    expect(first.body.refresh_token).toBeTruthy();
    expect(first.body.refresh_token).not.toBe(tokens.refreshToken);
    await server.revokeRefreshTokens('bob');
    const after = await refresh(first.body.refresh_token!);
    expect(after.body.error).toBe('invalid_grant');
  });

  it('requires PKCE of the public client', async () => {
    const url = new URL(`${server.issuer}/auth`);
    for (const [name, value] of Object.entries({ client_id: TEST_CLIENT_ID, response_type: 'code', scope: 'openid', redirect_uri: 'http://127.0.0.1:9/', state: 's' })) url.searchParams.set(name, value);
    const redirect = new URL(await server.authorize(url.toString(), 'carol'));
    expect(redirect.searchParams.get('error')).toBe('invalid_request');
  });
});
