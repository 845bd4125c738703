import type { OAuthGrant } from '../../common/model/oauth';
import { ProtocolError } from '../protocols/protocol-error';
import type { OAuthProviders } from './oauth-providers';
import type { OAuthTokens } from './oauth-tokens';
import { runSignIn } from './sign-in-flow';
import type { IssuedTokens } from './token-endpoint';

export interface SignInsDeps {
  providers: OAuthProviders;
  tokens: OAuthTokens;
  /** Shows the sign-in page of flow `flowId`. */
  open(flowId: string, url: string): Promise<void>;
  signInTimeoutMs: number;
  requestTimeoutMs: number;
  now: () => number;
}

/**
 * The sign-ins under way, by the flow id the window chose, so `oauth:cancel` can end one. A flow id
 * is used by one sign-in at a time; a finished flow's id is free again.
 */
export class SignIns {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly deps: SignInsDeps) {}

  /** Signs in and returns the tokens with whom they are for; nothing is kept here. */
  async signIn(flowId: string, providerId: string, address: string, accept?: (issued: IssuedTokens) => void): Promise<IssuedTokens> {
    if (this.running.has(flowId)) throw new ProtocolError({ code: 'INVALID_ARGUMENT', message: 'A sign-in with that flow id is already under way.' });
    const provider = await this.deps.providers.resolve(providerId);
    const controller = new AbortController();
    this.running.set(flowId, controller);
    try {
      return await runSignIn({
        provider,
        address,
        open: (url) => this.deps.open(flowId, url),
        signal: controller.signal,
        signInTimeoutMs: this.deps.signInTimeoutMs,
        requestTimeoutMs: this.deps.requestTimeoutMs,
        now: this.deps.now,
        ...(accept ? { accept } : {}),
      });
    } finally {
      this.running.delete(flowId);
    }
  }

  /** A sign-in for a new account: its tokens wait, in memory, for `account:add`. */
  async signInForGrant(flowId: string, providerId: string, address: string): Promise<OAuthGrant> {
    const { tokens, signedInAs } = await this.signIn(flowId, providerId, address);
    return { grantId: this.deps.tokens.holdGrant(tokens, signedInAs), provider: providerId, signedInAs };
  }

  /** Ends a sign-in under way (its `oauth:signIn` fails with OAUTH_CANCELLED); an unknown id is no error. */
  cancel(flowId: string): void {
    this.running.get(flowId)?.abort();
  }
}
