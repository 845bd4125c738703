import { randomUUID } from 'node:crypto';
import type { SecretStore } from '../accounts/secret-store';
import { type ProtocolError, refusedError } from '../protocols/protocol-error';
import type { OAuthProviders } from './oauth-providers';
import { RefreshingTokenSource, type TokenHolder } from './refreshing-token-source';
import { oauthSecretKey, parseStoredTokens, type StoredTokens } from './stored-tokens';
import { refreshTokens, revokeRefreshToken } from './token-endpoint';
import type { TokenSource } from './token-source';

/** A finished sign-in no account holds yet: `account:add` takes it within this time or it is forgotten. */
export const PENDING_GRANT_TTL_MS = 15 * 60_000;

export interface OAuthTokensDeps {
  secrets: SecretStore;
  providers: OAuthProviders;
  requestTimeoutMs: number;
  now: () => number;
}

interface PendingGrant {
  provider: string;
  signedInAs: string | null;
  tokens: StoredTokens;
  source: TokenSource;
  timer: NodeJS.Timeout;
}

/**
 * Every OAuth2 sign-in's tokens. An account's are kept like its passwords, in the SecretStore under
 * `<accountId>/oauth` (safeStorage in Electron), never in accounts.json, never sent to a window; a
 * sign-in no account has taken yet (a pending grant) lives in memory only, for 15 minutes. One
 * TokenSource per account, so all its devices share one refresh.
 */
export class OAuthTokens {
  private readonly pending = new Map<string, PendingGrant>();
  private readonly sources = new Map<string, RefreshingTokenSource>();

  constructor(private readonly deps: OAuthTokensDeps) {}

  /** The tokens of an account that signs in with `provider`; OAUTH_SIGN_IN_AGAIN when none are stored. */
  forAccount(accountId: string, provider: string): TokenSource {
    const key = `${accountId}\n${provider}`;
    let source = this.sources.get(key);
    if (!source) {
      const holder: TokenHolder = {
        load: async () => {
          const stored = parseStoredTokens(await this.deps.secrets.get(oauthSecretKey(accountId)));
          return stored?.provider === provider ? stored : null;
        },
        store: (tokens) => this.deps.secrets.set(oauthSecretKey(accountId), JSON.stringify(tokens)),
      };
      source = this.newSource(holder, () => refusedError('OAUTH_SIGN_IN_AGAIN', { kind: 'oauthNoSignInHeld' }));
      this.sources.set(key, source);
    }
    return source;
  }

  /** Holds a finished sign-in for `account:add`; returns its grant id. */
  holdGrant(tokens: StoredTokens, signedInAs: string | null): string {
    const grantId = randomUUID();
    const holder: TokenHolder = {
      load: () => Promise.resolve(this.pending.get(grantId)?.tokens ?? null),
      store: (fresh) => {
        const grant = this.pending.get(grantId);
        if (grant) grant.tokens = fresh;
        return Promise.resolve();
      },
    };
    const source = this.newSource(holder, expiredGrant);
    const timer = setTimeout(() => this.pending.delete(grantId), PENDING_GRANT_TTL_MS);
    timer.unref();
    this.pending.set(grantId, { provider: tokens.provider, signedInAs, tokens, source, timer });
    return grantId;
  }

  /**
   * A pending grant, for `account:add` to check the logins with its token before saving; the grant
   * stays pending until `saveForAccount`. OAUTH_FAILED when it is unknown or expired.
   */
  pendingGrant(grantId: string): { provider: string; signedInAs: string | null; tokens: TokenSource } {
    const grant = this.pending.get(grantId);
    if (!grant) throw expiredGrant();
    return { provider: grant.provider, signedInAs: grant.signedInAs, tokens: grant.source };
  }

  /** Stores a pending grant's tokens as the account's (replacing any) and forgets the grant. */
  async saveForAccount(accountId: string, grantId: string): Promise<void> {
    const grant = this.pending.get(grantId);
    if (!grant) throw expiredGrant();
    await this.replaceForAccount(accountId, grant.tokens);
    clearTimeout(grant.timer);
    this.pending.delete(grantId);
  }

  /** "Sign in again": the account's new tokens, and a fresh start for its refreshes. */
  async replaceForAccount(accountId: string, tokens: StoredTokens): Promise<void> {
    await this.deps.secrets.set(oauthSecretKey(accountId), JSON.stringify(tokens));
    // A device may still hold the account's source: it must try again with the new tokens.
    for (const [key, source] of this.sources) if (key.startsWith(`${accountId}\n`)) source.reset();
  }

  /**
   * The account is gone: its tokens go with it, and the provider is asked to revoke them (RFC
   * 7009), so the grant does not outlive the account. That request is bounded and its failure
   * ignored: the account is removed either way.
   */
  async deleteForAccount(accountId: string): Promise<void> {
    const stored = parseStoredTokens(await this.deps.secrets.get(oauthSecretKey(accountId)));
    await this.deps.secrets.delete(oauthSecretKey(accountId));
    this.forgetSources(accountId);
    if (!stored) return;
    await this.deps.providers
      .resolve(stored.provider)
      .then((provider) => revokeRefreshToken(provider, stored))
      .catch(() => undefined);
  }

  /** Forgets every pending grant (the core stops). */
  dropPending(): void {
    for (const grant of this.pending.values()) clearTimeout(grant.timer);
    this.pending.clear();
  }

  private newSource(holder: TokenHolder, missing: () => ProtocolError): RefreshingTokenSource {
    return new RefreshingTokenSource(
      holder,
      async (current) => refreshTokens(await this.deps.providers.resolve(current.provider), current, this.deps.requestTimeoutMs, this.deps.now),
      this.deps.now,
      missing,
    );
  }

  private forgetSources(accountId: string): void {
    for (const key of this.sources.keys()) if (key.startsWith(`${accountId}\n`)) this.sources.delete(key);
  }
}

function expiredGrant(): ProtocolError {
  return refusedError('OAUTH_FAILED', { kind: 'oauthGrantExpired' });
}
