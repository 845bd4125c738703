import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SecretStore } from '../../../../main/accounts/secret-store';
import { OAuthProviders } from '../../../../main/oauth/oauth-providers';
import { OAuthTokens, PENDING_GRANT_TTL_MS } from '../../../../main/oauth/oauth-tokens';

class MemorySecrets implements SecretStore {
  readonly kind = 'file';
  readonly warning = null;
  readonly needsConsent = false;
  readonly values = new Map<string, string>();
  get(key: string): Promise<string | null> {
    return Promise.resolve(this.values.get(key) ?? null);
  }
  set(key: string, value: string): Promise<void> {
    this.values.set(key, value);
    return Promise.resolve();
  }
  delete(key: string): Promise<void> {
    this.values.delete(key);
    return Promise.resolve();
  }
}

function tokens(secrets = new MemorySecrets()): OAuthTokens {
  return new OAuthTokens({ secrets, providers: new OAuthProviders({ clientFiles: [], requestTimeoutMs: 1_000 }), requestTimeoutMs: 1_000, now: Date.now });
}

const SIGNED_IN = { provider: 'test', accessToken: 'access', refreshToken: 'refresh', expiresAt: null };

afterEach(() => {
  vi.useRealTimers();
});

describe('OAuthTokens', () => {
  it('forgets a pending grant no account took within 15 minutes', async () => {
    vi.useFakeTimers();
    const store = tokens();
    const grantId = store.holdGrant(SIGNED_IN, 'alice@example.test');
    expect(store.pendingGrant(grantId)).toMatchObject({ provider: 'test', signedInAs: 'alice@example.test' });
    expect(await store.pendingGrant(grantId).tokens.accessToken()).toBe('access');
    vi.advanceTimersByTime(PENDING_GRANT_TTL_MS);
    expect(() => store.pendingGrant(grantId)).toThrow(/no longer waiting/);
    await expect(store.saveForAccount('a', grantId)).rejects.toMatchObject({ wire: { code: 'OAUTH_FAILED' } });
  });

  it("keeps an account's tokens under <id>/oauth only, and a grant is taken once", async () => {
    const secrets = new MemorySecrets();
    const store = tokens(secrets);
    const grantId = store.holdGrant(SIGNED_IN, null);
    await store.saveForAccount('account-1', grantId);
    expect([...secrets.values.keys()]).toEqual(['account-1/oauth']);
    expect(JSON.parse(secrets.values.get('account-1/oauth')!)).toEqual(SIGNED_IN);
    await expect(store.saveForAccount('account-2', grantId)).rejects.toMatchObject({ wire: { code: 'OAUTH_FAILED' } });
  });

  it("a stored sign-in of another provider, or an unreadable one, is no sign-in", async () => {
    const secrets = new MemorySecrets();
    const store = tokens(secrets);
    await secrets.set('account-1/oauth', JSON.stringify(SIGNED_IN));
    await expect(store.forAccount('account-1', 'google').accessToken()).rejects.toMatchObject({ wire: { code: 'OAUTH_SIGN_IN_AGAIN' } });
    await secrets.set('account-2/oauth', '{"provider":"test","accessToken":');
    await expect(store.forAccount('account-2', 'test').accessToken()).rejects.toMatchObject({ wire: { code: 'OAUTH_SIGN_IN_AGAIN' } });
  });
});
