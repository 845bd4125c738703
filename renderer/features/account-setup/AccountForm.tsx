import { useState, type FormEvent } from 'react';
import { DEFAULT_POP_SETTINGS, DEFAULT_PORTS, type AccountDraft, type AccountSummary, type Mode, type PopSettings, type ServerEndpoint } from '../../../common/model/account';
import type { CertificateInfo } from '../../../common/result';
import { ErrorText } from '../../ui/ErrorText';
import { useCommand } from '../../app/use-command';
import { useSecretStorageWarning } from '../../app/use-secret-storage-warning';
import { PopSettingsFields } from '../settings/PopSettingsFields';
import { EndpointFields } from './EndpointFields';

function CertificatePanel({ certificate, onTrust, busy }: { certificate: CertificateInfo; onTrust: () => void; busy: boolean }) {
  return (
    <section className="certificate" aria-label="Untrusted certificate">
      <h3>The server’s certificate is not trusted by this computer</h3>
      <p>Only trust it if you expected a self-signed or private certificate and the fingerprint matches the one your provider gave you.</p>
      <dl>
        <dt>Subject</dt>
        <dd>{certificate.subject}</dd>
        <dt>Issuer</dt>
        <dd>{certificate.issuer}</dd>
        <dt>Valid</dt>
        <dd>
          {certificate.validFrom} – {certificate.validTo}
        </dd>
        <dt>SHA-256 fingerprint</dt>
        <dd className="fingerprint" data-testid="certificate-fingerprint">
          {certificate.fingerprint256}
        </dd>
        <dt>Reason</dt>
        <dd>{certificate.reason}</dd>
      </dl>
      <button type="button" onClick={onTrust} disabled={busy}>
        Trust this certificate for this account
      </button>
    </section>
  );
}

/** The usual host name of a provider's server for a service: imap.example.com, pop.example.com, smtp.example.com. */
export function guessHost(address: string, service: Mode | 'smtp'): string {
  const domain = address.split('@')[1]?.trim();
  const prefix = service === 'pop3' ? 'pop' : service;
  return domain ? `${prefix}.${domain}` : '';
}

interface AccountFormProps {
  onAdded: (account: AccountSummary) => void;
  onCancel: (() => void) | null;
  /** Passwords would be kept with a fixed key (no keyring): main adds the account only with the user's yes. */
  weakSecretStorage?: { warning: string } | null;
}

/** Add an account: the login is checked (incoming and SMTP) before anything is saved. */
export function AccountForm({ onAdded, onCancel, weakSecretStorage = null }: AccountFormProps) {
  const [displayName, setDisplayName] = useState('');
  const [address, setAddress] = useState('');
  const [mode, setMode] = useState<Mode>('imap');
  const [incoming, setIncoming] = useState<ServerEndpoint>({ host: '', port: DEFAULT_PORTS.imap.tls, security: 'tls', user: '' });
  const [incomingPassword, setIncomingPassword] = useState('');
  const [smtp, setSmtp] = useState<ServerEndpoint>({ host: '', port: DEFAULT_PORTS.smtp.starttls, security: 'starttls', user: '' });
  const [smtpPassword, setSmtpPassword] = useState('');
  const [sameSmtpLogin, setSameSmtpLogin] = useState(true);
  const [trustFingerprints, setTrustFingerprints] = useState<string[]>([]);
  const [pop, setPop] = useState<PopSettings>(DEFAULT_POP_SETTINGS);
  const [acceptWeakSecretStorage, setAcceptWeakSecretStorage] = useState(false);
  // A host the user typed is theirs: from then on the address and the mode no longer guess it.
  const [typedHost, setTypedHost] = useState({ incoming: false, smtp: false });
  const add = useCommand('account:add');
  const secretStorageNote = useSecretStorageWarning();

  const onAddress = (value: string): void => {
    setAddress(value);
    if (!typedHost.incoming) setIncoming((v) => ({ ...v, host: guessHost(value, mode) }));
    if (!typedHost.smtp) setSmtp((v) => ({ ...v, host: guessHost(value, 'smtp') }));
    if (!incoming.user || incoming.user === address) setIncoming((v) => ({ ...v, user: value }));
  };

  const onMode = (next: Mode): void => {
    setMode(next);
    setIncoming((v) => ({ ...v, port: DEFAULT_PORTS[next][v.security], host: typedHost.incoming ? v.host : guessHost(address, next) }));
  };

  /** The fields of one server, noting when the user typed its host (an emptied host is guessed again). */
  const onEndpoint = (which: 'incoming' | 'smtp', current: ServerEndpoint, set: (value: ServerEndpoint) => void) => (value: ServerEndpoint) => {
    if (value.host !== current.host) setTypedHost((typed) => ({ ...typed, [which]: value.host !== '' }));
    set(value);
  };

  const submit = async (extraTrust: string[] = []): Promise<void> => {
    const fingerprints = [...new Set([...trustFingerprints, ...extraTrust])];
    setTrustFingerprints(fingerprints);
    const draft: AccountDraft = {
      displayName: displayName.trim(),
      address: address.trim(),
      mode,
      incoming,
      incomingPassword,
      smtp: sameSmtpLogin ? { ...smtp, user: incoming.user } : smtp,
      smtpPassword: sameSmtpLogin ? '' : smtpPassword,
      trustFingerprints: fingerprints,
      pop: mode === 'pop3' ? pop : null,
      ...(weakSecretStorage ? { acceptWeakSecretStorage } : {}),
    };
    const account = await add.run(draft);
    if (account) onAdded(account);
  };

  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    void submit();
  };

  const certificate = add.error?.code === 'CERT_UNTRUSTED' ? add.error.details?.certificate : undefined;

  return (
    <form className="account-form" onSubmit={onSubmit} aria-label="Add a mail account">
      <h2>Add a mail account</h2>
      <label htmlFor="account-name">Your name</label>
      <input id="account-name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} autoComplete="name" placeholder="Ann Example" />
      <label htmlFor="account-address">Email address</label>
      <input id="account-address" required type="email" value={address} onChange={(e) => onAddress(e.target.value)} autoComplete="email" placeholder="ann@example.com" />
      <label htmlFor="account-mode">How to get mail</label>
      <select id="account-mode" value={mode} onChange={(e) => onMode(e.target.value as Mode)}>
        <option value="imap">IMAP — mail stays on the server, every device sees the same</option>
        <option value="pop3">POP3 — download to this computer; folders and read states stay here</option>
      </select>
      <EndpointFields legend={mode === 'imap' ? 'Incoming mail (IMAP)' : 'Incoming mail (POP3)'} idPrefix="incoming" service={mode} value={incoming} onChange={onEndpoint('incoming', incoming, setIncoming)} />
      <label htmlFor="incoming-password">Password</label>
      <input id="incoming-password" type="password" value={incomingPassword} onChange={(e) => setIncomingPassword(e.target.value)} autoComplete="current-password" aria-describedby={secretStorageNote && !weakSecretStorage ? 'secret-storage-note' : undefined} />
      {secretStorageNote && !weakSecretStorage && (
        <p id="secret-storage-note" className="explanation" role="note">
          {secretStorageNote}
        </p>
      )}
      <EndpointFields
        legend="Outgoing mail (SMTP)"
        idPrefix="smtp"
        service="smtp"
        value={smtp}
        onChange={onEndpoint('smtp', smtp, setSmtp)}
        sameUserAs={sameSmtpLogin ? { user: incoming.user, note: 'The same user name as for incoming mail: untick “SMTP uses the same user name and password” to change it.' } : null}
      />
      <label className="checkbox">
        <input type="checkbox" checked={sameSmtpLogin} onChange={(e) => setSameSmtpLogin(e.target.checked)} />
        SMTP uses the same user name and password
      </label>
      {!sameSmtpLogin && (
        <>
          <label htmlFor="smtp-password">SMTP password</label>
          <input id="smtp-password" type="password" value={smtpPassword} onChange={(e) => setSmtpPassword(e.target.value)} autoComplete="off" />
        </>
      )}
      {mode === 'pop3' && <PopSettingsFields idPrefix="setup" value={pop} onChange={setPop} />}
      {weakSecretStorage && (
        <label className="checkbox warning">
          <input type="checkbox" checked={acceptWeakSecretStorage} onChange={(e) => setAcceptWeakSecretStorage(e.target.checked)} />
          {weakSecretStorage.warning} Store the password anyway.
        </label>
      )}
      <ErrorText error={add.error} />
      {certificate && <CertificatePanel certificate={certificate} busy={add.pending} onTrust={() => void submit([certificate.fingerprint256])} />}
      <div className="form-actions">
        {onCancel && (
          <button type="button" onClick={onCancel} disabled={add.pending}>
            Cancel
          </button>
        )}
        <button type="submit" className="primary" disabled={add.pending}>
          {add.pending ? 'Checking the login…' : 'Check and add account'}
        </button>
      </div>
    </form>
  );
}
