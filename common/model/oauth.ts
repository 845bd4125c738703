/** An OAuth2 provider Porthole knows how to sign in with, and whether this build can. */
export interface OAuthProviderInfo {
  id: string;
  name: string;
  /** False when whoever built the app put no client id for it in the OAuth2 client file. */
  clientConfigured: boolean;
}

/** How an account proves who it is. Absent on accounts saved before OAuth2 existed: a password. */
export type AccountAuth = { kind: 'password' } | { kind: 'oauth2'; provider: string };

/** A finished sign-in whose tokens main holds until an account takes them (`AccountDraft.oauth`). */
export interface OAuthGrant {
  grantId: string;
  provider: string;
  /** The address the provider says signed in, when it tells (an ID token's email claim). */
  signedInAs: string | null;
}
