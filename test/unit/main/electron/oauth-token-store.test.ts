import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SafeStorageSecretStore } from '../../../../main/electron/safe-storage-secrets';
import { OAuthProviders } from '../../../../main/oauth/oauth-providers';
import { OAuthTokens } from '../../../../main/oauth/oauth-tokens';
import * as electron from '../../../support/fake-electron';

vi.mock('electron', () => import('../../../support/fake-electron'));

/**
 * Issue 14, "Tokens are kept like passwords (safeStorage)": an account's OAuth2 tokens, as the
 * Electron app keeps them, through the OS keychain (Electron's safeStorage, here the stand-in
 * electron module, whose "encryption" marks what went through it) into the profile's encrypted
 * secrets file, across a restart of the app, and gone with the account.
 */

const NOW = Date.UTC(2026, 11, 4, 12);
let dir: string;

beforeEach(async () => {
  electron.resetFakeElectron();
  dir = await mkdtemp(join(tmpdir(), 'porthole-tokens-'));
});

afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

/** The token store as the Electron app makes it (main/core/porthole-core.ts with SafeStorageSecretStore). */
function tokenStore(): OAuthTokens {
  const providers = new OAuthProviders({ clientFiles: [join(dir, 'oauth-clients.json')], requestTimeoutMs: 1_000 });
  return new OAuthTokens({ secrets: new SafeStorageSecretStore(dir), providers, requestTimeoutMs: 1_000, now: () => NOW });
}

describe('OAuth2 tokens in the Electron app', () => {
  it('go through safeStorage into the encrypted secrets file, survive a restart, and go with the account', async () => {
    const encrypted = vi.spyOn(electron.safeStorage, 'encryptStringAsync');
    const first = tokenStore();
    const grantId = first.holdGrant({ provider: 'google', accessToken: 'access-1234', refreshToken: 'refresh-5678', expiresAt: NOW + 3_600_000 }, 'ann@example.com');

    // A grant no account has taken yet stays in memory.
    expect(encrypted).not.toHaveBeenCalled();
    await first.saveForAccount('account-1', grantId);

    expect(encrypted).toHaveBeenCalledTimes(1);
    expect(JSON.parse(encrypted.mock.calls[0]![0])).toEqual({ provider: 'google', accessToken: 'access-1234', refreshToken: 'refresh-5678', expiresAt: NOW + 3_600_000 });
    const file = await readFile(join(dir, 'secrets.enc.json'), 'utf8');
    expect(Object.keys(JSON.parse(file) as object)).toEqual(['account-1/oauth']);
    expect(file).not.toContain('access-1234');
    expect(file).not.toContain('refresh-5678');

    // The app starts again: the account's token is read back through safeStorage, no sign-in, no request.
    const decrypted = vi.spyOn(electron.safeStorage, 'decryptStringAsync');
    const second = tokenStore();
    expect(await second.forAccount('account-1', 'google').accessToken()).toBe('access-1234');
    expect(decrypted).toHaveBeenCalled();

    // Removing the account removes its tokens (the provider's revocation, unreachable here, is not waited for).
    await second.deleteForAccount('account-1');
    expect(JSON.parse(await readFile(join(dir, 'secrets.enc.json'), 'utf8'))).toEqual({});
    await expect(tokenStore().forAccount('account-1', 'google').accessToken()).rejects.toMatchObject({ wire: { code: 'OAUTH_SIGN_IN_AGAIN' } });
  });
});
