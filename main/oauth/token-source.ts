/** An account's access tokens, as the protocol logins use them. */
export interface TokenSource {
  /** A valid access token, refreshed first when it expires within a minute (single-flight). */
  accessToken(): Promise<string>;
  /**
   * A server refused `token`: refresh once (unless already refreshed since) and return the new one;
   * throws ProtocolError OAUTH_SIGN_IN_AGAIN when the provider refuses the refresh.
   */
  afterRejection(token: string): Promise<string>;
}
