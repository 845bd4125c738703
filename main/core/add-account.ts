import { randomUUID } from 'node:crypto';
import { DEFAULT_POP_SETTINGS, incomingFor, retentionNeedsUidl, type AccountDraft, type AccountSummary, type TrustedCertificate } from '../../common/model/account';
import { ERROR_MESSAGES } from '../../common/errors';
import { secretKey, type SecretStore } from '../accounts/secret-store';
import { verifyImapLogin } from '../protocols/imap/imap-connection';
import { verifyPop3Login } from '../protocols/pop3/pop3-connection';
import { ProtocolError } from '../protocols/protocol-error';
import { verifySmtpLogin } from '../protocols/smtp/smtp-client';
import type { TranscriptSink } from '../transcript/transcript-store';
import type { DeviceRegistry } from './device-registry';
import type { Transcripts } from './services';
import { trustFor } from './trust-for';

/** The login check before saving: incoming first, then SMTP, each with its own clear error. */
async function verifyDraft(draft: AccountDraft, transcript: TranscriptSink): Promise<TrustedCertificate[]> {
  const incomingTrust = await trustFor(draft.incoming, draft.mode, draft.trustFingerprints);
  const smtpTrust = await trustFor(draft.smtp, 'smtp', draft.trustFingerprints);
  const trusted = [...incomingTrust, ...smtpTrust];
  const login = { endpoint: draft.incoming, password: draft.incomingPassword, trusted, transcript };
  if (draft.mode === 'imap') await verifyImapLogin(login);
  else await verifyPop3Login(login, retentionNeedsUidl((draft.pop ?? DEFAULT_POP_SETTINGS).retention));
  await verifySmtpLogin({ endpoint: draft.smtp, password: draft.smtpPassword || draft.incomingPassword, trusted, transcript });
  return trusted;
}

export interface AddAccountServices {
  registry: Pick<DeviceRegistry, 'list' | 'save' | 'start' | 'publish'>;
  secrets: Pick<SecretStore, 'needsConsent' | 'warning' | 'set'>;
  transcripts: Pick<Transcripts, 'setSecrets' | 'sink' | 'forget'>;
}

/**
 * Checks the logins, then saves and starts the account. `shape` adjusts the account before it is
 * saved (the sandbox names its device and records both of its incoming servers).
 */
export async function addAccount({ registry, secrets, transcripts }: AddAccountServices, draft: AccountDraft, shape: (account: AccountSummary) => AccountSummary = (a) => a): Promise<AccountSummary> {
  const duplicate = registry.list().find((a) => {
    const incoming = incomingFor(a, draft.mode);
    return a.address.toLowerCase() === draft.address.toLowerCase() && incoming?.host === draft.incoming.host && incoming.user === draft.incoming.user;
  });
  if (duplicate) throw new ProtocolError({ code: 'ACCOUNT_EXISTS', message: `${draft.address} is already set up on this computer.` });
  if (secrets.needsConsent && !draft.acceptWeakSecretStorage) {
    throw new ProtocolError({ code: 'WEAK_SECRET_STORAGE', message: secrets.warning ?? ERROR_MESSAGES.WEAK_SECRET_STORAGE });
  }
  const accountId = randomUUID();
  const deviceId = randomUUID();
  // The login check is in the new account's transcript too (it is discarded if the check fails).
  transcripts.setSecrets(accountId, [draft.incomingPassword, draft.smtpPassword]);
  let trustedCertificates: TrustedCertificate[];
  try {
    trustedCertificates = await verifyDraft(draft, transcripts.sink(accountId, 'login check'));
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
    devices: [{ id: deviceId, name: 'This computer', mode: draft.mode, dbName: `porthole-${accountId}-${deviceId}`, pop: draft.mode === 'pop3' ? (draft.pop ?? DEFAULT_POP_SETTINGS) : null }],
  });
  await secrets.set(secretKey(accountId, 'incoming'), draft.incomingPassword);
  if (draft.smtpPassword) await secrets.set(secretKey(accountId, 'smtp'), draft.smtpPassword);
  await registry.save(account);
  for (const device of account.devices) await registry.start(account, device);
  registry.publish();
  return account;
}
