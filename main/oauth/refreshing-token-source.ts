import { ProtocolError } from '../protocols/protocol-error';
import type { StoredTokens } from './stored-tokens';
import type { TokenSource } from './token-source';

/** Where one sign-in's tokens are kept: an account's SecretStore entry, or a pending grant in memory. */
export interface TokenHolder {
  load(): Promise<StoredTokens | null>;
  store(tokens: StoredTokens): Promise<void>;
}

/** Refreshes before this much time is left, so a login never starts with a token about to end. */
export const REFRESH_MARGIN_MS = 60_000;

/**
 * One sign-in's access token. Policy: a token is used until a minute before it ends, then
 * refreshed; a server's rejection refreshes once unless a refresh already replaced the token it
 * rejected; concurrent callers share one refresh (providers that rotate refresh tokens treat a
 * second use of the old one as theft and revoke the grant). A refusal to refresh is remembered, so
 * each login does not ask the provider again until the user signs in again; the refresh token stays
 * stored meanwhile (nothing is lost).
 */
export class RefreshingTokenSource implements TokenSource {
  private refreshing: Promise<StoredTokens> | null = null;
  private refused: ProtocolError | null = null;
  /** Bumped by `reset`: a refresh begun before a new sign-in must not store over its tokens. */
  private generation = 0;

  constructor(
    private readonly holder: TokenHolder,
    private readonly refresh: (current: StoredTokens) => Promise<StoredTokens>,
    private readonly now: () => number,
    private readonly missing: () => ProtocolError,
  ) {}

  async accessToken(): Promise<string> {
    // A refresh under way gives the newest token there is, even one that lives less than the margin.
    if (this.refreshing) return (await this.refreshing).accessToken;
    const current = await this.load();
    return this.endsSoon(current) ? (await this.refreshOnce(current)).accessToken : current.accessToken;
  }

  async afterRejection(token: string): Promise<string> {
    if (this.refreshing) return (await this.refreshing).accessToken;
    const current = await this.load();
    // Another login refreshed since `token` was handed out: its newer token, unless that one ends soon too.
    if (current.accessToken !== token && !this.endsSoon(current)) return current.accessToken;
    return (await this.refreshOnce(current)).accessToken;
  }

  /** The user signed in again: refreshes may be tried again. */
  reset(): void {
    this.refused = null;
    this.generation += 1;
  }

  private async load(): Promise<StoredTokens> {
    const tokens = await this.holder.load();
    if (!tokens) throw this.missing();
    return tokens;
  }

  private endsSoon(tokens: StoredTokens): boolean {
    return tokens.expiresAt !== null && tokens.expiresAt - this.now() <= REFRESH_MARGIN_MS;
  }

  private refreshOnce(current: StoredTokens): Promise<StoredTokens> {
    if (this.refused) return Promise.reject(this.refused);
    const generation = this.generation;
    this.refreshing ??= this.refresh(current)
      .then(async (fresh) => {
        if (generation !== this.generation) return fresh;
        await this.holder.store(fresh);
        return fresh;
      })
      .catch((error: unknown) => {
        if (error instanceof ProtocolError && error.wire.code === 'OAUTH_SIGN_IN_AGAIN') this.refused = error;
        throw error;
      })
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }
}
