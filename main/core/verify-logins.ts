import { DEFAULT_POP_SETTINGS, retentionNeedsUidl, type AccountDraft, type TrustedCertificate } from '../../common/model/account';
import { verifyImapLogin } from '../protocols/imap/imap-connection';
import { verifyPop3Login } from '../protocols/pop3/pop3-connection';
import { verifySmtpLogin } from '../protocols/smtp/smtp-client';
import type { TokenSource } from '../oauth/token-source';
import type { LoginCredential } from '../protocols/login-credential';
import type { TranscriptSink } from '../transcript/transcript-store';
import { trustFor } from './trust-for';

/**
 * The login check before saving: incoming first, then SMTP, each with its own clear error. With
 * `oauth` (the tokens of the draft's sign-in) both servers get the access token, and the
 * draft's passwords are not sent anywhere.
 */
export async function verifyDraft(draft: AccountDraft, transcript: TranscriptSink, oauth: TokenSource | null = null): Promise<TrustedCertificate[]> {
  const incomingTrust = await trustFor(draft.incoming, draft.mode, draft.trustFingerprints);
  const smtpTrust = await trustFor(draft.smtp, 'smtp', draft.trustFingerprints);
  const trusted = [...incomingTrust, ...smtpTrust];
  const incoming: LoginCredential = oauth ? { oauth2: oauth } : { password: draft.incomingPassword };
  const smtp: LoginCredential = oauth ? { oauth2: oauth } : { password: draft.smtpPassword || draft.incomingPassword };
  const login = { endpoint: draft.incoming, ...incoming, trusted, transcript };
  if (draft.mode === 'imap') await verifyImapLogin(login);
  else await verifyPop3Login(login, retentionNeedsUidl((draft.pop ?? DEFAULT_POP_SETTINGS).retention));
  await verifySmtpLogin({ endpoint: draft.smtp, ...smtp, trusted, transcript });
  return trusted;
}

