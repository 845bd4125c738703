import { randomUUID } from 'node:crypto';
import { DEFAULT_POP_SETTINGS, incomingFor, retentionNeedsUidl, type AccountDraft, type AccountSummary, type TrustedCertificate } from '../../common/model/account';
import { ERROR_MESSAGES } from '../../common/errors';
import { secretKey } from '../accounts/secret-store';
import { verifyImapLogin } from '../protocols/imap/imap-connection';
import { verifyPop3Login } from '../protocols/pop3/pop3-connection';
import { ProtocolError } from '../protocols/protocol-error';
import { verifySmtpLogin } from '../protocols/smtp/smtp-client';
import type { TranscriptSink } from '../transcript/transcript-store';
import type { PortholeCore } from './porthole-core';
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

/**
 * Checks the logins, then saves and starts the account. `shape` adjusts the account before it is
 * saved (the sandbox names its device and records both of its incoming servers).
 */
export async function addAccount(core: PortholeCore, draft: AccountDraft, shape: (account: AccountSummary) => AccountSummary = (a) => a): Promise<AccountSummary> {
  const duplicate = core.accounts.list().find((a) => {
    const incoming = incomingFor(a, draft.mode);
    return a.address.toLowerCase() === draft.address.toLowerCase() && incoming?.host === draft.incoming.host && incoming.user === draft.incoming.user;
  });
  if (duplicate) throw new ProtocolError({ code: 'ACCOUNT_EXISTS', message: `${draft.address} is already set up on this computer.` });
  if (core.secrets.needsConsent && !draft.acceptWeakSecretStorage) {
    throw new ProtocolError({ code: 'WEAK_SECRET_STORAGE', message: core.secrets.warning ?? ERROR_MESSAGES.WEAK_SECRET_STORAGE });
  }
  const accountId = randomUUID();
  const deviceId = randomUUID();
  // The login check is in the new account's transcript too (it is discarded if the check fails).
  core.transcripts.setSecrets(accountId, [draft.incomingPassword, draft.smtpPassword]);
  let trustedCertificates: TrustedCertificate[];
  try {
    trustedCertificates = await verifyDraft(draft, core.transcripts.sink(accountId, 'login check'));
  } catch (error) {
    core.transcripts.forget(accountId);
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
  await core.secrets.set(secretKey(accountId, 'incoming'), draft.incomingPassword);
  if (draft.smtpPassword) await core.secrets.set(secretKey(accountId, 'smtp'), draft.smtpPassword);
  await core.accounts.save(account);
  for (const device of account.devices) await core.startDevice(account, device);
  core.publishAccounts();
  return account;
}
