import { DEFAULT_POP_SETTINGS, retentionNeedsUidl, type AccountSummary, type TrustedCertificate } from '../../common/model/account';
import { secretKey, type SecretStore } from '../accounts/secret-store';
import { verifyImapLogin } from '../protocols/imap/imap-connection';
import { verifyPop3Login } from '../protocols/pop3/pop3-connection';
import { verifySmtpLogin } from '../protocols/smtp/smtp-client';
import type { OAuthTokens } from '../oauth/oauth-tokens';
import type { LoginCredential } from '../protocols/login-credential';
import type { ServerViews } from '../server-view/server-views';
import type { TranscriptSink } from '../transcript/transcript-store';
import type { DeviceRegistry } from './device-registry';
import { incomingSecretKey, storedIncomingPassword, storedPasswords } from './incoming-password';
import type { Transcripts } from './services';
import { trustFor } from './trust-for';
import { planUpdate, type LoginCheck, type SecretChanges, type StoredPasswords, type UpdateParams } from './update-plan';

export interface UpdateAccountServices {
  registry: Pick<DeviceRegistry, 'account' | 'list' | 'save' | 'stopAccount' | 'start' | 'publish'>;
  oauthTokens: Pick<OAuthTokens, 'forAccount'>;
  secrets: Pick<SecretStore, 'get' | 'set' | 'delete'>;
  transcripts: Pick<Transcripts, 'setSecrets' | 'sink'>;
  serverViews: Pick<ServerViews, 'unwatch'>;
}

/**
 * Changes an account's settings, all or nothing: every changed server and password is checked
 * first (the same login check as at setup), then the secrets and the record are stored, then the
 * devices reconnect. The devices keep their ids and cache databases, so cached mail and the
 * offline queue (which lives in the cache) stay and are replayed against the new server.
 */
export async function updateAccount(services: UpdateAccountServices, update: UpdateParams): Promise<AccountSummary> {
  const { registry, secrets, transcripts, serverViews } = services;
  const account = registry.account(update.accountId);
  const stored = await storedPasswordsOf(secrets, account.id);
  const plan = planUpdate(account, registry.list(), update, stored);

  const typed = [update.incomingPassword, update.smtpPassword].filter((p): p is string => Boolean(p));
  transcripts.setSecrets(account.id, [...(await storedPasswords(secrets, account.id)), ...typed]);
  plan.next.trustedCertificates = await trustAfter(account, plan.next, plan.checks, [...account.trustedCertificates.map((c) => c.fingerprint256), ...(update.trustFingerprints ?? [])]);
  const transcript = transcripts.sink(account.id, { device: null, role: 'loginCheck' });
  for (const check of plan.checks) await verifyLogin(check, credentialFor(services, account, check), plan.next.trustedCertificates, transcript, account);

  const restoreSecrets = await writeSecrets(secrets, account.id, plan.secrets);
  try {
    await registry.save(plan.next);
  } catch (error) {
    await restoreSecrets();
    throw error;
  }
  transcripts.setSecrets(account.id, await storedPasswords(secrets, account.id));
  if (plan.reconnect) {
    // The server panel's observer still talks to the old server; the panel watches again when opened.
    await serverViews.unwatch(account.id);
    await registry.stopAccount(account.id);
    const saved = registry.account(account.id);
    for (const device of saved.devices) await registry.start(saved, device);
  }
  registry.publish();
  return registry.account(account.id);
}

async function storedPasswordsOf(secrets: Pick<SecretStore, 'get'>, accountId: string): Promise<StoredPasswords> {
  return {
    incoming: { imap: await storedIncomingPassword(secrets, accountId, 'imap'), pop3: await storedIncomingPassword(secrets, accountId, 'pop3') },
    base: (await secrets.get(secretKey(accountId, 'incoming'))) ?? '',
    smtpOwn: await secrets.get(secretKey(accountId, 'smtp')),
  };
}

/**
 * The certificates the account trusts after the change: one the user accepted now replaces an
 * older one for the same server, and none is kept for a server the account no longer uses.
 */
async function trustAfter(account: AccountSummary, next: AccountSummary, checks: LoginCheck[], fingerprints: string[]): Promise<TrustedCertificate[]> {
  const unique = [...new Set(fingerprints)];
  const fresh: TrustedCertificate[] = [];
  for (const check of checks) fresh.push(...(await trustFor(check.endpoint, check.service, unique)));
  const inUse = [next.imap, next.pop3, next.smtp].filter((e) => e !== null);
  const kept = account.trustedCertificates.filter((old) => inUse.some((e) => e.host === old.host && e.port === old.port) && !fresh.some((f) => f.host === old.host && f.port === old.port));
  return [...fresh, ...kept];
}

function credentialFor({ oauthTokens }: Pick<UpdateAccountServices, 'oauthTokens'>, account: AccountSummary, check: LoginCheck): LoginCredential {
  if ('password' in check.credential) return { password: check.credential.password };
  if (account.auth?.kind !== 'oauth2') throw new Error('an OAuth2 check on an account without OAuth2');
  return { oauth2: oauthTokens.forAccount(account.id, account.auth.provider) };
}

async function verifyLogin(check: LoginCheck, credential: LoginCredential, trusted: TrustedCertificate[], transcript: TranscriptSink, account: AccountSummary): Promise<void> {
  const login = { endpoint: check.endpoint, ...credential, trusted, transcript };
  if (check.service === 'imap') return verifyImapLogin(login);
  if (check.service === 'smtp') {
    await verifySmtpLogin(login);
    return;
  }
  // POP3 without UIDL only suits "delete right after download": the same rule as at setup.
  const needsUidl = account.devices.some((d) => d.mode === 'pop3' && retentionNeedsUidl((d.pop ?? DEFAULT_POP_SETTINGS).retention));
  return verifyPop3Login(login, needsUidl);
}

/** Stores the new secrets; returns how to put the previous ones back if saving the record fails. */
async function writeSecrets(secrets: Pick<SecretStore, 'get' | 'set' | 'delete'>, accountId: string, changes: SecretChanges): Promise<() => Promise<void>> {
  const writes = new Map<string, string | null>();
  if (changes.incoming !== null) {
    // One password for every incoming server from now on: the per-server ones go.
    writes.set(secretKey(accountId, 'incoming'), changes.incoming);
    writes.set(incomingSecretKey(accountId, 'imap'), null);
    writes.set(incomingSecretKey(accountId, 'pop3'), null);
  }
  if (changes.smtpOwn !== undefined) writes.set(secretKey(accountId, 'smtp'), changes.smtpOwn);
  const before = new Map<string, string | null>();
  for (const key of writes.keys()) before.set(key, await secrets.get(key));
  const apply = async (values: Map<string, string | null>): Promise<void> => {
    for (const [key, value] of values) await (value === null ? secrets.delete(key) : secrets.set(key, value));
  };
  const restore = () => apply(before);
  try {
    await apply(writes);
  } catch (error) {
    await restore();
    throw error;
  }
  return restore;
}
