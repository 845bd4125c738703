import { randomUUID } from 'node:crypto';
import { DEFAULT_POP_SETTINGS, incomingFor, type AccountDraft, type AccountSummary, type TrustedCertificate } from '../../common/model/account';
import { ERROR_MESSAGES } from '../../common/errors';
import { secretKey, type SecretStore } from '../accounts/secret-store';
import type { OAuthTokens } from '../oauth/oauth-tokens';
import type { TokenSource } from '../oauth/token-source';
import { ProtocolError, refusedError } from '../protocols/protocol-error';
import type { DeviceRegistry } from './device-registry';
import type { Transcripts } from './services';
import { verifyDraft } from './verify-logins';

export interface AddAccountServices {
  registry: Pick<DeviceRegistry, 'list' | 'save' | 'start' | 'publish'>;
  secrets: Pick<SecretStore, 'needsConsent' | 'set'>;
  transcripts: Pick<Transcripts, 'setSecrets' | 'sink' | 'forget'>;
  oauthTokens: Pick<OAuthTokens, 'pendingGrant' | 'saveForAccount'>;
}

/**
 * The tokens of the draft's OAuth2 sign-in, or null for a password account. The grant stays
 * pending until the account is saved, so a failed login check can be tried again with it.
 */
function grantTokens(oauthTokens: AddAccountServices['oauthTokens'], draft: AccountDraft): TokenSource | null {
  if (!draft.oauth) return null;
  const grant = oauthTokens.pendingGrant(draft.oauth.grantId);
  if (grant.provider !== draft.oauth.provider) {
    throw refusedError('INVALID_ARGUMENT', { kind: 'oauthGrantOtherProvider', grant: grant.provider, wanted: draft.oauth.provider });
  }
  return grant.tokens;
}

/**
 * Checks the logins, then saves and starts the account. `shape` adjusts the account before it is
 * saved (the sandbox names its device and records both of its incoming servers).
 */
export async function addAccount({ registry, secrets, transcripts, oauthTokens }: AddAccountServices, draft: AccountDraft, shape: (account: AccountSummary) => AccountSummary = (a) => a): Promise<AccountSummary> {
  const duplicate = registry.list().find((a) => {
    const incoming = incomingFor(a, draft.mode);
    return a.address.toLowerCase() === draft.address.toLowerCase() && incoming?.host === draft.incoming.host && incoming.user === draft.incoming.user;
  });
  if (duplicate) throw refusedError('ACCOUNT_EXISTS', { kind: 'addressSetUp', address: draft.address });
  if (secrets.needsConsent && !draft.acceptWeakSecretStorage) {
    throw new ProtocolError({ code: 'WEAK_SECRET_STORAGE', message: ERROR_MESSAGES.WEAK_SECRET_STORAGE });
  }
  const tokens = grantTokens(oauthTokens, draft);
  const accountId = randomUUID();
  const deviceId = randomUUID();
  // The login check is in the new account's transcript too (it is discarded if the check fails).
  transcripts.setSecrets(accountId, tokens ? [] : [draft.incomingPassword, draft.smtpPassword]);
  let trustedCertificates: TrustedCertificate[];
  try {
    trustedCertificates = await verifyDraft(draft, transcripts.sink(accountId, { device: null, role: 'loginCheck' }), tokens);
  } catch (error) {
    transcripts.forget(accountId);
    throw error;
  }
  const account: AccountSummary = shape({
    id: accountId,
    displayName: draft.displayName || draft.address,
    address: draft.address,
    imap: draft.mode === 'imap' ? draft.incoming : null,
    pop3: draft.mode === 'pop3' ? draft.incoming : null,
    smtp: draft.smtp,
    trustedCertificates,
    ...(draft.oauth ? { auth: { kind: 'oauth2' as const, provider: draft.oauth.provider } } : {}),
    devices: [{ id: deviceId, name: draft.deviceName ?? 'This computer', mode: draft.mode, dbName: `porthole-${accountId}-${deviceId}`, pop: draft.mode === 'pop3' ? (draft.pop ?? DEFAULT_POP_SETTINGS) : null }],
  });
  if (draft.oauth) {
    await oauthTokens.saveForAccount(accountId, draft.oauth.grantId);
  } else {
    await secrets.set(secretKey(accountId, 'incoming'), draft.incomingPassword);
    if (draft.smtpPassword) await secrets.set(secretKey(accountId, 'smtp'), draft.smtpPassword);
  }
  await registry.save(account);
  for (const device of account.devices) await registry.start(account, device);
  registry.publish();
  return account;
}
