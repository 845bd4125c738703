import type { AccountSummary, Mode } from '../../common/model/account';
import { secretKey, type SecretStore } from '../accounts/secret-store';
import type { OAuthTokens } from '../oauth/oauth-tokens';
import { oauthSecretKey, parseStoredTokens } from '../oauth/stored-tokens';
import type { LoginCredential } from '../protocols/login-credential';

/**
 * Where an account's incoming passwords are kept. The password typed at setup (`incoming`) was
 * confirmed for the server the account was set up with; a server added later for the other mode
 * keeps the password typed for it under its own key, stored only after its login check.
 */
export function incomingSecretKey(accountId: string, mode: Mode): string {
  return `${secretKey(accountId, 'incoming')}/${mode}`;
}

/** The stored password of the account's incoming server of this mode. */
export async function storedIncomingPassword(secrets: Pick<SecretStore, 'get'>, accountId: string, mode: Mode): Promise<string> {
  return (await secrets.get(incomingSecretKey(accountId, mode))) ?? (await secrets.get(secretKey(accountId, 'incoming'))) ?? '';
}

/**
 * Every password and OAuth2 token stored for the account, so the transcript can mask each of them
 * (a token is also masked by the shape of the lines that carry it; a refreshed one by that alone).
 */
export async function storedPasswords(secrets: Pick<SecretStore, 'get'>, accountId: string): Promise<string[]> {
  const keys = [secretKey(accountId, 'incoming'), incomingSecretKey(accountId, 'imap'), incomingSecretKey(accountId, 'pop3'), secretKey(accountId, 'smtp')];
  const values = await Promise.all(keys.map((key) => secrets.get(key)));
  const tokens = parseStoredTokens(await secrets.get(oauthSecretKey(accountId)));
  return [...values, tokens?.accessToken ?? null, tokens?.refreshToken ?? null].filter((value): value is string => value !== null);
}

/** Forgets every password and OAuth2 token of the account (when it is removed). */
export async function deletePasswords(secrets: Pick<SecretStore, 'delete'>, accountId: string): Promise<void> {
  for (const key of [secretKey(accountId, 'incoming'), incomingSecretKey(accountId, 'imap'), incomingSecretKey(accountId, 'pop3'), secretKey(accountId, 'smtp'), oauthSecretKey(accountId)]) await secrets.delete(key);
}

/** What a login of the account needs besides its record: the stored passwords, or its tokens. */
export interface CredentialSources {
  secrets: Pick<SecretStore, 'get'>;
  oauthTokens: Pick<OAuthTokens, 'forAccount'>;
}

/** The credential of the account's incoming server of this mode: its OAuth2 tokens, or its stored password. */
export async function incomingCredential({ secrets, oauthTokens }: CredentialSources, account: Pick<AccountSummary, 'id' | 'auth'>, mode: Mode): Promise<LoginCredential> {
  if (account.auth?.kind === 'oauth2') return { oauth2: oauthTokens.forAccount(account.id, account.auth.provider) };
  return { password: await storedIncomingPassword(secrets, account.id, mode) };
}

/** The credential of the account's SMTP server: its OAuth2 tokens, or the SMTP password (the incoming one when it has none of its own). */
export async function smtpCredential({ secrets, oauthTokens }: CredentialSources, account: Pick<AccountSummary, 'id' | 'auth'>): Promise<LoginCredential> {
  if (account.auth?.kind === 'oauth2') return { oauth2: oauthTokens.forAccount(account.id, account.auth.provider) };
  return { password: (await secrets.get(secretKey(account.id, 'smtp'))) ?? (await secrets.get(secretKey(account.id, 'incoming'))) ?? '' };
}
