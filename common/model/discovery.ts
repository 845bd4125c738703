import type { ServerEndpoint } from './account';

/** Where a discovered setting came from, in the order the chain prefers them. */
export type DiscoverySource = 'provider' | 'autoconfig' | 'srv' | 'guess';

/** A reason to look twice before using what was found; shown, never silently acted on. */
export interface DiscoveryWarning {
  /**
   * `plaintext`: a server without TLS; `other-domain`: servers outside the address's domain (autoconfig,
   * SRV); `oauth-unknown`: the settings ask for OAuth2 sign-in with a provider Porthole has no client for,
   * so only a password can be tried.
   */
  kind: 'plaintext' | 'other-domain' | 'oauth-unknown';
  text: string;
}

/** What discovery found for an address: a complete proposal the user can edit before saving. */
export interface DiscoveredSettings {
  source: DiscoverySource;
  /** In plain words, for the sentence under the settings: "in example.com's published settings". */
  foundWhere: string;
  /** The provider's name when the shipped table knew it ("Gmail"), else null. */
  providerName: string | null;
  /** Incoming servers (`user` already in the provider's login-name form); null where there is none. */
  imap: ServerEndpoint | null;
  pop3: ServerEndpoint | null;
  smtp: ServerEndpoint | null;
  /** The provider wants OAuth2 sign-in (its id in the OAuth2 provider list), else null: a password. */
  oauthProvider: string | null;
  /** For password providers, what password they want, in plain words ("an app password from …"); absent: the usual one. */
  passwordNote?: string;
  warnings: DiscoveryWarning[];
}

/** One step of the chain, for the "how it was found" details. */
export interface DiscoveryStep {
  source: DiscoverySource;
  outcome: 'found' | 'nothing' | 'failed' | 'timeout' | 'not-needed';
  /** What it tried and what came back, in plain words. */
  detail: string;
  ms: number;
}

export interface DiscoveryReport {
  address: string;
  /** The first good answer in the chain's order; null: nothing found, the user types the servers. */
  found: DiscoveredSettings | null;
  steps: DiscoveryStep[];
}
