import { useLayoutEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { defineMessages, FormattedMessage, useIntl, type MessageDescriptor } from 'react-intl';
import { type AccountSummary, type Mode, type ServerEndpoint } from '../../../common/model/account';
import { ErrorText } from '../../ui/ErrorText';
import { useCommand } from '../../app/use-command';
import { CertificateCard } from '../account-setup/CertificateCard';
import { ENDPOINT_LEGENDS, EndpointFields } from '../account-setup/EndpointFields';
import { joinWithAnd } from '../account-setup/setup-words';
import { changesSomething, formOf, hostsForSavedPassword, plaintextServers, updateOf, type AccountForm, type SmtpPasswordChoice } from './account-changes';
import { SignInAgain } from './SignInAgain';
import { useFocusAfterSave } from './focus-after-save';
import { endpointText } from '../../i18n/endpoints';

const SERVER_LABELS = defineMessages({
  imap: { id: 'settings.servers.incomingImap', defaultMessage: 'Incoming IMAP' },
  pop3: { id: 'settings.servers.incomingPop3', defaultMessage: 'Incoming POP3' },
  smtp: { id: 'settings.servers.outgoingSmtp', defaultMessage: 'Outgoing SMTP' },
});

/** Servers shown, not edited: the sandbox's run inside the app. */
function FixedServers({ account, note }: { account: AccountSummary; note: string }) {
  const intl = useIntl();
  const rows: Array<[Mode | 'smtp', ServerEndpoint]> = [];
  if (account.imap) rows.push(['imap', account.imap]);
  if (account.pop3) rows.push(['pop3', account.pop3]);
  rows.push(['smtp', account.smtp]);
  return (
    <section className="fixed-servers" aria-label={intl.formatMessage({ id: 'settings.servers.label', defaultMessage: 'Servers' })}>
      <dl>
        {rows.map(([server, endpoint]) => (
          <div key={server}>
            <dt>{intl.formatMessage(SERVER_LABELS[server])}</dt>
            <dd dir="ltr">{endpointText(endpoint)}</dd>
          </div>
        ))}
      </dl>
      <p className="explanation">{note}</p>
    </section>
  );
}

const SMTP_CHOICES: Record<SmtpPasswordChoice, MessageDescriptor> = defineMessages({
  keep: { id: 'settings.passwords.smtpKeep', defaultMessage: 'Keep its saved password' },
  same: { id: 'settings.passwords.smtpSame', defaultMessage: 'Same as incoming mail' },
  new: { id: 'settings.passwords.smtpNew', defaultMessage: 'Its own new password' },
});

/** The visually hidden end of a label, read by screen readers only. */
const hidden = (chunks: ReactNode[]) => <span className="visually-hidden">{chunks}</span>;

/**
 * The account's own settings, saved with account:update: name, address, and (for password
 * accounts) the servers, login names and passwords. Main checks every changed server and password
 * before saving anything; a changed host gets the saved password only after the user said so here.
 */
export function AccountFields({ account, onDirtyChange }: { account: AccountSummary; onDirtyChange?: (dirty: boolean) => void }) {
  const intl = useIntl();
  const [form, setForm] = useState<AccountForm>(() => formOf(account));
  const [saved, setSaved] = useState(false);
  const [savedPasswordTo, setSavedPasswordTo] = useState<string[]>([]);
  const [allowPlaintext, setAllowPlaintext] = useState(false);
  const [trustFingerprints, setTrustFingerprints] = useState<string[]>([]);
  const update = useCommand('account:update');
  const oauth = account.auth?.kind === 'oauth2' ? account.auth : null;
  const serversEditable = !account.sandbox;

  const set = (changes: Partial<AccountForm>): void => {
    setForm((current) => ({ ...current, ...changes }));
    setSaved(false);
    update.clearError();
  };
  const askHosts = serversEditable ? hostsForSavedPassword(account, form) : [];
  const plaintext = serversEditable ? plaintextServers(account, form) : [];
  const consent = { savedPasswordTo: savedPasswordTo.filter((host) => askHosts.includes(host)), allowPlaintext: allowPlaintext && plaintext.length > 0, trustFingerprints };
  const changes = updateOf(account, form, consent);
  const dirty = changesSomething(changes);
  // Told in the same commit as the edit: an Escape pressed right after typing must see it.
  useLayoutEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);

  const formRef = useRef<HTMLFormElement>(null);
  const focusAfterSave = useFocusAfterSave(() => {
    const inForm = (selector: string): HTMLElement | null => formRef.current?.querySelector<HTMLElement>(selector) ?? null;
    return inForm('.certificate button') ?? inForm('.account-error') ?? inForm('.saved-note') ?? inForm('button[type="submit"]:not(:disabled)') ?? inForm('input');
  });

  const save = async (extraTrust: string[] = []): Promise<void> => {
    const fingerprints = [...new Set([...trustFingerprints, ...extraTrust])];
    setTrustFingerprints(fingerprints);
    const result = await update.run(updateOf(account, form, { ...consent, trustFingerprints: fingerprints }));
    focusAfterSave();
    if (!result) return;
    // The dialog stays open on what was saved: typed passwords are gone from the form, consents asked again next time.
    setForm(formOf(result));
    setSavedPasswordTo([]);
    setAllowPlaintext(false);
    setTrustFingerprints([]);
    setSaved(true);
  };
  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    void save();
  };
  const certificate = update.error?.code === 'CERT_UNTRUSTED' ? update.error.details?.certificate : undefined;
  const incomingUser = (form.imap ?? form.pop3)?.user ?? '';

  return (
    <form ref={formRef} className="account-fields" onSubmit={onSubmit} aria-label={intl.formatMessage({ id: 'settings.account.label', defaultMessage: 'Account settings' })}>
      <fieldset className="endpoint">
        <legend>
          <FormattedMessage id="settings.account.you" defaultMessage="You" />
        </legend>
        <label htmlFor="settings-name">
          <FormattedMessage id="setup.account.name" defaultMessage="Your name" />
        </label>
        <input id="settings-name" value={form.displayName} onChange={(e) => set({ displayName: e.target.value })} autoComplete="name" />
        <label htmlFor="settings-address">
          <FormattedMessage id="setup.account.address" defaultMessage="Email address" />
        </label>
        <input id="settings-address" type="email" required dir="ltr" value={form.address} onChange={(e) => set({ address: e.target.value })} autoComplete="email" />
      </fieldset>

      {!serversEditable && (
        <FixedServers
          account={account}
          note={intl.formatMessage({ id: 'settings.servers.sandboxNote', defaultMessage: 'The sandbox’s servers run inside Porthole, on ports chosen at each start: they cannot be changed.' })}
        />
      )}
      {serversEditable &&
        (['imap', 'pop3'] as const).map((mode) => {
          const endpoint = form[mode];
          return endpoint && <EndpointFields key={mode} legend={intl.formatMessage(ENDPOINT_LEGENDS[mode])} idPrefix={`settings-${mode}`} service={mode} value={endpoint} onChange={(value) => set({ [mode]: value })} />;
        })}
      {serversEditable && <EndpointFields legend={intl.formatMessage(ENDPOINT_LEGENDS.smtp)} idPrefix="settings-smtp" service="smtp" value={form.smtp} onChange={(smtp) => set({ smtp })} />}
      {serversEditable && !oauth && (
        <>
          <fieldset className="endpoint">
            <legend>
              <FormattedMessage id="settings.passwords.legend" defaultMessage="Passwords" />
            </legend>
            <label htmlFor="settings-password">
              <FormattedMessage id="settings.passwords.incoming" defaultMessage="Incoming<hidden> mail password</hidden>" values={{ hidden }} />
            </label>
            <input
              id="settings-password"
              type="password"
              value={form.incomingPassword}
              onChange={(e) => set({ incomingPassword: e.target.value })}
              placeholder={intl.formatMessage({ id: 'settings.passwords.placeholder', defaultMessage: 'Saved — type a new one to change it' })}
              autoComplete="new-password"
              aria-describedby="settings-password-note"
            />
            <label htmlFor="settings-smtp-choice">
              <FormattedMessage id="settings.passwords.smtp" defaultMessage="SMTP<hidden> password</hidden>" values={{ hidden }} />
            </label>
            <select id="settings-smtp-choice" value={form.smtpChoice} onChange={(e) => set({ smtpChoice: e.target.value as SmtpPasswordChoice })}>
              {(Object.keys(SMTP_CHOICES) as SmtpPasswordChoice[]).map((choice) => (
                <option key={choice} value={choice}>
                  {intl.formatMessage(SMTP_CHOICES[choice])}
                </option>
              ))}
            </select>
            {form.smtpChoice === 'new' && (
              <>
                <label htmlFor="settings-smtp-password">
                  <FormattedMessage id="setup.password.smtp" defaultMessage="SMTP password" />
                </label>
                <input id="settings-smtp-password" type="password" required value={form.smtpPassword} onChange={(e) => set({ smtpPassword: e.target.value })} autoComplete="new-password" />
              </>
            )}
            <p id="settings-password-note" className="explanation span-all">
              <FormattedMessage
                id="settings.passwords.note"
                defaultMessage="{bothIncoming, select, yes {The incoming password is used by both incoming servers. } other {}}A new password is checked with the server before it is saved.{smtpAsOther, select, yes { SMTP will log in as “{smtpUser}” with the incoming password.} other {}}"
                values={{ bothIncoming: account.imap && account.pop3 ? 'yes' : 'no', smtpAsOther: form.smtpChoice === 'same' && form.smtp.user !== incomingUser ? 'yes' : 'no', smtpUser: form.smtp.user }}
              />
            </p>
          </fieldset>
        </>
      )}
      {oauth && <SignInAgain account={account} provider={oauth.provider} />}

      {askHosts.map((host) => (
        <label key={host} className="checkbox warning">
          <input
            type="checkbox"
            required
            checked={savedPasswordTo.includes(host)}
            onChange={(e) => setSavedPasswordTo((hosts) => (e.target.checked ? [...hosts, host] : hosts.filter((h) => h !== host)))}
          />
          {oauth ? (
            <span>
              <FormattedMessage id="settings.consent.signInTo" defaultMessage="Porthole will send your sign-in to {host}, which has not had it before. Tick to agree." values={{ host: <strong dir="ltr">{host}</strong> }} />
            </span>
          ) : (
            <span>
              <FormattedMessage
                id="settings.consent.passwordTo"
                defaultMessage="Porthole will send your saved password to {host}, which has not had it before. Tick to agree, or type the password again above."
                values={{ host: <strong dir="ltr">{host}</strong> }}
              />
            </span>
          )}
        </label>
      ))}
      {plaintext.length > 0 && (
        <label className="checkbox warning">
          <input type="checkbox" required checked={allowPlaintext} onChange={(e) => setAllowPlaintext(e.target.checked)} />
          <span>
            <FormattedMessage
              id="settings.consent.plaintext"
              defaultMessage="{kind, select, oauth {Send the sign-in unencrypted to {hosts}: anyone on the network on the way can read it.} other {Send the password unencrypted to {hosts}: anyone on the network on the way can read it.}}"
              values={{ kind: oauth ? 'oauth' : 'password', hosts: joinWithAnd(plaintext.map((e) => e.host)) }}
            />
          </span>
        </label>
      )}
      {/* An untrusted certificate is told once, by its panel (the error's words repeat the fingerprint). */}
      {!certificate && update.error && (
        <div className="account-error" tabIndex={-1}>
          <ErrorText error={update.error} />
        </div>
      )}
      {certificate && <CertificateCard certificate={certificate} busy={update.pending} onTrust={() => void save([certificate.fingerprint256])} trustLabel={intl.formatMessage({ id: 'settings.certificate.trustAndSave', defaultMessage: 'Trust this certificate and save' })} />}
      <div className="form-actions">
        {saved && (
          <span role="status" className="saved-note" tabIndex={-1}>
            <FormattedMessage id="settings.save.saved" defaultMessage="Saved." />
          </span>
        )}
        <button type="submit" className="primary" disabled={update.pending || !dirty}>
          {update.pending ? <FormattedMessage id="settings.account.checking" defaultMessage="Checking…" /> : <FormattedMessage id="settings.account.save" defaultMessage="Check and save" />}
        </button>
      </div>
    </form>
  );
}
