import * as z from 'zod/mini';

/** What Porthole keeps of a sign-in: in the SecretStore for an account, in memory for a pending grant. */
export interface StoredTokens {
  provider: string;
  accessToken: string;
  /** Absent when the provider issued none: the user then signs in again when the access token ends. */
  refreshToken: string | null;
  /** Epoch milliseconds; null when the provider did not say (treated as valid until a server refuses it). */
  expiresAt: number | null;
}

const storedTokensSchema = z.object({
  provider: z.string(),
  accessToken: z.string(),
  refreshToken: z.nullable(z.string()),
  expiresAt: z.nullable(z.number()),
});

/** The SecretStore key of an account's tokens, beside its passwords (`secretKey`). */
export function oauthSecretKey(accountId: string): string {
  return `${accountId}/oauth`;
}

/** Parses a stored JSON value; null when it is absent or not what Porthole wrote (treated as "sign in again"). */
export function parseStoredTokens(json: string | null): StoredTokens | null {
  if (json === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = storedTokensSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
