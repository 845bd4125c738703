import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OAuthProviders } from '../../../../main/oauth/oauth-providers';

// The built-in providers' ID tokens as they really come: Microsoft's common endpoint signs as the
// user's tenant, Google sometimes without the scheme. Without the issuer hook every sign-in there fails.
let dir: string;
let providers: OAuthProviders;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'porthole-providers-'));
  const file = join(dir, 'oauth-clients.json');
  await writeFile(file, JSON.stringify({ providers: { microsoft: { clientId: 'ms-client' }, google: { clientId: 'g-client', clientSecret: 'g-secret' } } }));
  providers = new OAuthProviders({ clientFiles: [file], requestTimeoutMs: 5_000 });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

function tokenResponse(claims: Record<string, unknown>): Response {
  const now = Math.floor(Date.now() / 1000);
  const idToken = `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode({ sub: 'someone', iat: now, exp: now + 3600, ...claims })}.${Buffer.from('not checked: from the token endpoint over TLS').toString('base64url')}`;
  return new Response(JSON.stringify({ access_token: 'a', token_type: 'Bearer', expires_in: 3600, refresh_token: 'r', id_token: idToken }), { headers: { 'content-type': 'application/json' } });
}

async function email(providerId: string, claims: Record<string, unknown>): Promise<unknown> {
  const provider = await providers.resolve(providerId);
  const result = await oauth.processAuthorizationCodeResponse(provider.as, provider.client, tokenResponse({ aud: provider.client.client_id, ...claims }));
  return oauth.getValidatedIdTokenClaims(result)?.email;
}

describe('built-in providers and their ID tokens', () => {
  it("Microsoft: an ID token from the user's own tenant is accepted, another issuer is not", async () => {
    const tid = '9188040d-6c67-4c5b-b112-36a304b66dad';
    expect(await email('microsoft', { iss: `https://login.microsoftonline.com/${tid}/v2.0`, tid, email: 'someone@outlook.com' })).toBe('someone@outlook.com');
    await expect(email('microsoft', { iss: 'https://login.example.org/v2.0', tid, email: 'x@outlook.com' })).rejects.toThrow(/iss/);
  });

  it('Google: both of its issuer spellings are accepted', async () => {
    expect(await email('google', { iss: 'https://accounts.google.com', email: 'a@gmail.com' })).toBe('a@gmail.com');
    expect(await email('google', { iss: 'accounts.google.com', email: 'b@gmail.com' })).toBe('b@gmail.com');
    await expect(email('google', { iss: 'https://accounts.example.com', email: 'c@gmail.com' })).rejects.toThrow(/iss/);
  });

  it("uses Google's client secret and Microsoft's public client", async () => {
    expect((await providers.resolve('google')).client.client_id).toBe('g-client');
    expect((await providers.resolve('microsoft')).authorizationParams).toEqual({});
    expect((await providers.resolve('google')).authorizationParams).toMatchObject({ access_type: 'offline' });
  });
});
