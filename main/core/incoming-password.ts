import type { Mode } from '../../common/model/account';
import { secretKey, type SecretStore } from '../accounts/secret-store';

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

/** Every password stored for the account, so the transcript can mask each of them. */
export async function storedPasswords(secrets: Pick<SecretStore, 'get'>, accountId: string): Promise<string[]> {
  const keys = [secretKey(accountId, 'incoming'), incomingSecretKey(accountId, 'imap'), incomingSecretKey(accountId, 'pop3'), secretKey(accountId, 'smtp')];
  const values = await Promise.all(keys.map((key) => secrets.get(key)));
  return values.filter((value): value is string => value !== null);
}

/** Forgets every password of the account (when it is removed). */
export async function deletePasswords(secrets: Pick<SecretStore, 'delete'>, accountId: string): Promise<void> {
  for (const key of [secretKey(accountId, 'incoming'), incomingSecretKey(accountId, 'imap'), incomingSecretKey(accountId, 'pop3'), secretKey(accountId, 'smtp')]) await secrets.delete(key);
}
