import { useEffect, useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { DEFAULT_POP_SETTINGS, DEFAULT_PORTS, type AccountDraft, type AccountSummary, type Mode, type PopSettings, type ServerEndpoint } from '../../../common/model/account';
import type { DiscoveredSettings } from '../../../common/model/discovery';
import type { OAuthGrant, OAuthProviderInfo } from '../../../common/model/oauth';
import type { WireError } from '../../../common/result';
import { ErrorText } from '../../ui/ErrorText';
import { useEscapeToClose } from '../../ui/use-escape';
import { useCommand } from '../../app/use-command';
import { useSecretStorageWarning } from '../../app/use-secret-storage-warning';
import { getApi } from '../../bridge/api';
import { PopSettingsFields } from '../settings/PopSettingsFields';
import { ENDPOINT_LEGENDS, EndpointFields } from './EndpointFields';
import { DiscoverySteps, FoundSettings } from './FoundSettings';
import { OAuthSignInPanel } from './OAuthSignInPanel';
import { CertificateCard } from './CertificateCard';
import { SetupWarnings, type SetupWarning } from './SetupWarnings';
import { addressProblem, isAlreadySetUp } from './address-check';
import { discoveryWarningText, foundWhereText } from './discovery-words';
import { currentWarnings, describeSettings, domainOf, joinWithAnd, MODE_MEANINGS, MODE_NAMES, offeredModes, passwordNoteOf, sameEndpoint } from './setup-words';
import { useDiscovery } from './use-discovery';
import { useOAuthSignIn } from './use-oauth-sign-in';


const EMPTY_INCOMING: ServerEndpoint = { host: '', port: DEFAULT_PORTS.imap.tls, security: 'tls', user: '' };
const EMPTY_SMTP: ServerEndpoint = { host: '', port: DEFAULT_PORTS.smtp.tls, security: 'tls', user: '' };
const EMPTY_FOR: Record<Mode, ServerEndpoint> = { imap: EMPTY_INCOMING, pop3: { ...EMPTY_INCOMING, port: DEFAULT_PORTS.pop3.tls } };

/** What the form shows: the address, the lookup, or the settings (proposed, or typed by hand). */
type View = 'address' | 'looking' | 'settings';

interface AccountFormProps {
  onAdded: (account: AccountSummary) => void;
  /** The addresses already set up on this computer: one of them is said at once, not added twice. */
  existingAddresses?: readonly string[];
  onCancel: (() => void) | null;
  /** Passwords would be kept with a fixed key (no keyring): main adds the account only with the user's yes. */
  weakSecretStorage?: { warning: string } | null;
}

/**
 * Add an account: the address first, then the servers discovery found (or the user types), shown
 * before any password is asked for or sent; the login is checked (incoming and SMTP) before anything
 * is saved. OAuth2 providers sign in in the browser instead of taking a password.
 */
export function AccountForm({ onAdded, onCancel, existingAddresses = [], weakSecretStorage = null }: AccountFormProps) {
  const intl = useIntl();
  const [displayName, setDisplayName] = useState('');
  const [address, setAddress] = useState('');
  const [mode, setMode] = useState<Mode>('imap');
  const [incoming, setIncoming] = useState<ServerEndpoint>(EMPTY_INCOMING);
  const [incomingPassword, setIncomingPassword] = useState('');
  const [smtp, setSmtp] = useState<ServerEndpoint>(EMPTY_SMTP);
  const [smtpPassword, setSmtpPassword] = useState('');
  const [sameSmtpLogin, setSameSmtpLogin] = useState(true);
  const [trustFingerprints, setTrustFingerprints] = useState<string[]>([]);
  const [pop, setPop] = useState<PopSettings>(DEFAULT_POP_SETTINGS);
  const [acceptWeakSecretStorage, setAcceptWeakSecretStorage] = useState(false);
  // The user chose to type the servers (or discovery found nothing): the fields, no proposal.
  const [manual, setManual] = useState(false);
  const [editing, setEditing] = useState(false);
  const [found, setFound] = useState<DiscoveredSettings | null>(null);
  const [accepted, setAccepted] = useState<ReadonlySet<SetupWarning['kind']>>(new Set());
  // The OAuth2 provider to sign in with (discovery's, or the user's pick by hand); null: a password.
  const [signInWith, setSignInWith] = useState<string | null>(null);
  const [grant, setGrant] = useState<OAuthGrant | null>(null);
  const [grantMismatch, setGrantMismatch] = useState<WireError | null>(null);
  const [providers, setProviders] = useState<OAuthProviderInfo[] | null>(null);
  // "Use an app password instead" was chosen: the password field says what an app password is.
  const [appPassword, setAppPassword] = useState(false);
  const add = useCommand('account:add');
  const discovery = useDiscovery();
  const oauth = useOAuthSignIn();
  const secretStorageNote = useSecretStorageWarning();
  const form = useRef<HTMLFormElement>(null);
  const firstField = useRef<HTMLInputElement>(null);
  const lookingStatus = useRef<HTMLParagraphElement>(null);
  const passwordField = useRef<HTMLInputElement>(null);
  const incomingHost = useRef<HTMLInputElement>(null);
  const addressField = useRef<HTMLInputElement>(null);

  const view: View = manual || discovery.state.phase === 'done' || discovery.state.phase === 'failed' ? 'settings' : discovery.state.phase === 'looking' ? 'looking' : 'address';
  const domain = domainOf(address);
  const oauthProvider = signInWith;
  const showFields = manual || editing || found === null;
  const alreadySetUp = isAlreadySetUp(address, existingAddresses);

  useEffect(() => {
    void getApi()
      .commands['oauth:providers'](null)
      .then((r) => setProviders(r.ok ? r.value : []));
  }, []);

  // Focus goes to the first thing to read or do at each step (the sign-in button focuses itself).
  useEffect(() => {
    // Back to the address because its domain is being retyped: the caret stays where it is.
    if (view === 'address') {
      if (!form.current?.contains(document.activeElement)) firstField.current?.focus();
    }
    else if (view === 'looking') lookingStatus.current?.focus();
    else if (showFields) incomingHost.current?.focus();
    else passwordField.current?.focus();
    // Only when the step changes, not on every field the user fills.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view, found, editing]);

  // A refused login: back to the password to retype it (the certificate card takes the focus itself).
  useEffect(() => {
    if (add.error && add.error.code !== 'CERT_UNTRUSTED') passwordField.current?.focus();
  }, [add.error]);

  // "Use an app password instead": the password field it asks for is where to type next.
  useEffect(() => {
    if (appPassword) passwordField.current?.focus();
  }, [appPassword]);

  const startOver = (): void => {
    discovery.reset();
    oauth.cancel();
    setManual(false);
    setEditing(false);
    setFound(null);
    setGrant(null);
    setGrantMismatch(null);
    setSignInWith(null);
    setAppPassword(false);
    add.clearError();
  };

  useEscapeToClose(
    () => {
      if (oauth.waiting) oauth.cancel();
      else if (view === 'looking') startOver();
      else onCancel?.();
    },
    Boolean(onCancel) || oauth.waiting || view === 'looking',
  );

  const onAddress = (value: string): void => {
    setAddress(value);
    // A complaint about the old address no longer applies (it is checked again on Continue).
    addressField.current?.setCustomValidity('');
    // Another domain means other servers: what was found for the old one no longer applies.
    if (!manual && view !== 'address' && domainOf(value) !== domain) startOver();
    if (!incoming.user || incoming.user === address) setIncoming((v) => ({ ...v, user: value.trim() }));
    setGrant(null);
  };

  const applyFound = (settings: DiscoveredSettings | null): void => {
    setFound(settings);
    setAccepted(new Set());
    setEditing(false);
    setGrant(null);
    setSignInWith(settings?.oauthProvider ?? null);
    setAppPassword(false);
    if (!settings) {
      // Nothing found: the user types the servers; the user name is the address until they change it.
      setIncoming({ ...EMPTY_INCOMING, user: address.trim() });
      setSmtp(EMPTY_SMTP);
      return;
    }
    const chosen = offeredModes(settings)[0] ?? 'imap';
    setMode(chosen);
    setIncoming(settings[chosen] ?? { ...EMPTY_FOR[chosen], user: address.trim() });
    setSmtp(settings.smtp ?? EMPTY_SMTP);
    setSameSmtpLogin(!settings.smtp || settings.smtp.user === settings[chosen]?.user);
    // A proposal without a server to get or send mail is finished by hand.
    if (!settings[chosen] || !settings.smtp) setEditing(true);
  };

  /** The browser's own check of the address (and a domain that can be looked up) before going on; false: said at the field. */
  const addressIsUsable = (): boolean => {
    const field = addressField.current;
    if (!field) return false;
    field.setCustomValidity(alreadySetUp ? intl.formatMessage({ id: 'setup.address.alreadySetUp', defaultMessage: '{address} is already set up on this computer.' }, { address: address.trim() }) : (addressProblem(address) ?? ''));
    return field.reportValidity();
  };

  const lookUp = async (): Promise<void> => {
    add.clearError();
    const report = await discovery.discover(address.trim());
    if (report) applyFound(report.found);
    else applyFound(null);
  };

  const configureManually = (): void => {
    if (!addressIsUsable()) return;
    discovery.reset();
    applyFound(null);
    setManual(true);
  };

  const onMode = (next: Mode): void => {
    setMode(next);
    const proposed = found?.[next];
    if (proposed && !editing) setIncoming(proposed);
    else setIncoming((v) => ({ ...v, port: v.port === DEFAULT_PORTS[mode][v.security] ? DEFAULT_PORTS[next][v.security] : v.port }));
  };

  const submit = async (extraTrust: string[] = [], withGrant: OAuthGrant | null = grant): Promise<void> => {
    const fingerprints = [...new Set([...trustFingerprints, ...extraTrust])];
    setTrustFingerprints(fingerprints);
    const draft: AccountDraft = {
      displayName: displayName.trim(),
      address: address.trim(),
      mode,
      incoming,
      incomingPassword: withGrant ? '' : incomingPassword,
      smtp: sameSmtpLogin ? { ...smtp, user: incoming.user } : smtp,
      smtpPassword: withGrant || sameSmtpLogin ? '' : smtpPassword,
      trustFingerprints: fingerprints,
      pop: mode === 'pop3' ? pop : null,
      ...(withGrant ? { oauth: { provider: withGrant.provider, grantId: withGrant.grantId } } : {}),
      ...(weakSecretStorage ? { acceptWeakSecretStorage } : {}),
      // Stored as the device's name, so it is named in the language the account was added in.
      deviceName: intl.formatMessage({ id: 'setup.firstDeviceName', defaultMessage: 'This computer' }),
    };
    const account = await add.run(draft);
    if (account) onAdded(account);
  };

  const signIn = async (): Promise<void> => {
    if (!oauthProvider) return;
    add.clearError();
    setGrantMismatch(null);
    const signedIn = await oauth.signIn({ provider: oauthProvider, address: address.trim() });
    if (!signedIn) return;
    // The servers log in as the address: a sign-in as someone else would fail there, obscurely.
    if (signedIn.signedInAs && signedIn.signedInAs.toLowerCase() !== address.trim().toLowerCase()) {
      setGrantMismatch({
        code: 'OAUTH_FAILED',
        message: intl.formatMessage(
          { id: 'setup.form.grantMismatch', defaultMessage: 'You signed in as {signedInAs}, not {address}. Sign in with {address}, or change the address above.' },
          { signedInAs: signedIn.signedInAs, address: address.trim() },
        ),
      });
      return;
    }
    setGrant(signedIn);
    await submit([], signedIn);
  };

  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    if (add.pending || oauth.waiting) return;
    // The address may have been changed to one already set up after the lookup: said, not added twice.
    if (alreadySetUp) {
      addressIsUsable();
      return;
    }
    if (view === 'address') void (addressIsUsable() ? lookUp() : undefined);
    else if (view === 'settings') void (oauthProvider && !grant ? signIn() : submit());
  };

  const certificate = add.error?.code === 'CERT_UNTRUSTED' ? add.error.details?.certificate : undefined;
  const warnings = view === 'settings' ? currentWarnings(found, incoming, smtp) : [];
  const incomingUnchanged = found ? sameEndpoint(incoming, found[mode]) : false;
  const smtpUnchanged = found ? sameEndpoint(smtp, found.smtp) : false;
  const sentence = describeSettings(mode, incoming, smtp, found && incomingUnchanged && smtpUnchanged ? foundWhereText(found.foundWhereWords) : null);
  const report = discovery.state.phase === 'done' ? discovery.state.report : null;
  const lookupError = discovery.state.phase === 'failed' ? discovery.state.error : null;
  const providerInfo = oauthProvider ? (providers?.find((p) => p.id === oauthProvider) ?? (providers ? { id: oauthProvider, name: oauthProvider, clientConfigured: false } : null)) : null;
  const busy = add.pending || oauth.waiting;
  const passwordNote = passwordNoteOf(found);
  const passwordHosts = [...new Set([incoming.host, smtp.host].filter(Boolean))];
  const sameUserNote = intl.formatMessage({
    id: 'setup.smtp.sameUserNote',
    defaultMessage: 'The same user name as for incoming mail: untick “SMTP uses the same user name and password” to change it.',
  });

  return (
    <form ref={form} className="account-form" onSubmit={onSubmit} aria-label={intl.formatMessage({ id: 'setup.form.title', defaultMessage: 'Add a mail account' })} data-step={view}>
      <h2>
        <FormattedMessage id="setup.form.title" defaultMessage="Add a mail account" />
      </h2>
      {view === 'address' && (
        <p className="explanation">
          <FormattedMessage id="setup.form.intro" defaultMessage="Porthole looks up your provider’s servers and shows them to you before your password goes anywhere." />
        </p>
      )}
      <label htmlFor="account-name">
        <FormattedMessage id="setup.account.name" defaultMessage="Your name" />
      </label>
      <input
        id="account-name"
        ref={firstField}
        dir="auto"
        value={displayName}
        onChange={(e) => setDisplayName(e.target.value)}
        autoComplete="name"
        placeholder={intl.formatMessage({ id: 'setup.form.namePlaceholder', defaultMessage: 'Ann Example' })}
        readOnly={view === 'looking'}
      />
      <label htmlFor="account-address">
        <FormattedMessage id="setup.account.address" defaultMessage="Email address" />
      </label>
      <input
        id="account-address"
        ref={addressField}
        aria-describedby={alreadySetUp ? 'address-already-set-up' : undefined}
        aria-invalid={alreadySetUp || undefined}
        required
        type="email"
        dir="ltr"
        value={address} onChange={(e) => onAddress(e.target.value)} autoComplete="email" placeholder={intl.formatMessage({ id: 'setup.form.addressPlaceholder', defaultMessage: 'ann@example.com' })} readOnly={view === 'looking' || busy} />
      {alreadySetUp && (
        <p id="address-already-set-up" className="warning setup-note" role="alert" data-testid="already-set-up">
          <FormattedMessage
            id="setup.address.alreadySetUpUsePop"
            defaultMessage="{address} is already set up on this computer — to use it by POP too, add a device from its Devices… button in the sidebar."
            values={{ address: <bdi>{address.trim()}</bdi> }}
          />
        </p>
      )}
      {view === 'address' && (
        <div className="form-actions">
          <button type="button" className="link-button push-start" onClick={configureManually}>
            <FormattedMessage id="setup.form.manual" defaultMessage="Configure manually" />
          </button>
          {onCancel && (
            <button type="button" onClick={onCancel}>
              <FormattedMessage id="setup.form.cancel" defaultMessage="Cancel" />
            </button>
          )}
          <button type="submit" className="primary">
            <FormattedMessage id="setup.form.continue" defaultMessage="Continue" />
          </button>
        </div>
      )}
      {view === 'looking' && (
        <div className="lookup-status">
          <p ref={lookingStatus} tabIndex={-1} role="status" className="looking">
            <span className="spinner" aria-hidden="true" /> <FormattedMessage id="setup.form.looking" defaultMessage="Looking up settings for {domain}…" values={{ domain }} />
          </p>
          <div className="form-actions">
            <button type="button" className="link-button push-start" onClick={configureManually}>
              <FormattedMessage id="setup.form.manual" defaultMessage="Configure manually" />
            </button>
            <button type="button" onClick={startOver}>
              <FormattedMessage id="setup.form.stop" defaultMessage="Stop" />
            </button>
          </div>
        </div>
      )}
      {view === 'settings' && (
        <>
          {found ? (
            <FoundSettings domain={domain} found={found} mode={mode} onMode={onMode} sentence={sentence} sentenceId="found-sentence" onEdit={editing ? null : () => setEditing(true)} disabled={busy} />
          ) : (
            <p className="explanation setup-note" role="status" data-testid="manual-reason">
              {lookupError ? (
                <FormattedMessage
                  id="setup.manual.lookupFailed"
                  defaultMessage="Porthole could not look up the settings for {domain}: {reason}. Type your provider’s servers below."
                  values={{ domain, reason: lookupError.message.replace(/\.$/, '') }}
                />
              ) : manual ? (
                <FormattedMessage id="setup.manual.chosen" defaultMessage="Type your provider’s servers below; their help pages list them." />
              ) : (
                <FormattedMessage id="setup.manual.notFound" defaultMessage="No settings were found for {domain}. Type your provider’s servers below; their help pages list them." values={{ domain }} />
              )}
            </p>
          )}
          {found?.warnings
            .filter((w) => w.kind !== 'plaintext' && w.kind !== 'other-domain')
            .map((w) => (
              <p key={w.kind} className="warning setup-note" data-warning={w.kind}>
                {discoveryWarningText(w.words)}
              </p>
            ))}
          {report && <DiscoverySteps steps={report.steps} />}
          {showFields && (
            <>
              {!found && (
                <>
                  <label htmlFor="account-mode">
                    <FormattedMessage id="setup.mode.label" defaultMessage="How to get mail" />
                  </label>
                  <select id="account-mode" value={mode} onChange={(e) => onMode(e.target.value as Mode)}>
                    <option value="imap">{intl.formatMessage({ id: 'setup.mode.option', defaultMessage: '{mode} — {meaning}' }, { mode: MODE_NAMES.imap, meaning: intl.formatMessage(MODE_MEANINGS.imap) })}</option>
                    <option value="pop3">{intl.formatMessage({ id: 'setup.mode.option', defaultMessage: '{mode} — {meaning}' }, { mode: MODE_NAMES.pop3, meaning: intl.formatMessage(MODE_MEANINGS.pop3) })}</option>
                  </select>
                </>
              )}
              <EndpointFields legend={intl.formatMessage(ENDPOINT_LEGENDS[mode])} idPrefix="incoming" service={mode} value={incoming} onChange={setIncoming} hostRef={incomingHost} />
              <EndpointFields
                legend={intl.formatMessage(ENDPOINT_LEGENDS.smtp)}
                idPrefix="smtp"
                service="smtp"
                value={smtp}
                onChange={setSmtp}
                sameUserAs={sameSmtpLogin ? { user: incoming.user, note: sameUserNote } : null}
              />
              {!signInWith && (
                <label className="checkbox">
                  <input type="checkbox" checked={sameSmtpLogin} onChange={(e) => setSameSmtpLogin(e.target.checked)} />
                  <FormattedMessage id="setup.smtp.sameLogin" defaultMessage="SMTP uses the same user name and password" />
                </label>
              )}
              {providers && providers.length > 0 && (
                <>
                  <label htmlFor="account-sign-in-method">
                    <FormattedMessage id="setup.signInMethod.label" defaultMessage="Sign in with" />
                  </label>
                  <select
                    id="account-sign-in-method"
                    value={signInWith ?? ''}
                    onChange={(e) => {
                      oauth.cancel();
                      setGrant(null);
                      setSignInWith(e.target.value || null);
                    }}
                    disabled={busy}
                  >
                    <option value="">{intl.formatMessage({ id: 'setup.signInMethod.password', defaultMessage: 'A password' })}</option>
                    {providers.map((p) => (
                      <option key={p.id} value={p.id}>
                        {intl.formatMessage(
                          { id: 'setup.signInMethod.provider', defaultMessage: '{configured, select, yes {{name} (OAuth2)} other {{name} (OAuth2) — not set up in this copy}}' },
                          { name: p.name, configured: p.clientConfigured ? 'yes' : 'no' },
                        )}
                      </option>
                    ))}
                  </select>
                </>
              )}
            </>
          )}
          <SetupWarnings warnings={warnings} accepted={accepted} onAccept={(kind, yes) => setAccepted((set) => (yes ? new Set([...set, kind]) : new Set([...set].filter((k) => k !== kind))))} />
          {oauthProvider ? (
            <OAuthSignInPanel
              provider={providerInfo}
              providerId={oauthProvider}
              flow={oauth}
              adding={add.pending}
              onSignIn={() => void signIn()}
              onUsePassword={() => {
                oauth.cancel();
                setSignInWith(null);
                setAppPassword(true);
              }}
            />
          ) : (
            <>
              <label htmlFor="incoming-password" className="password-label">
                <FormattedMessage id="setup.password.label" defaultMessage="Password" />
              </label>
              <input
                id="incoming-password"
                ref={passwordField}
                type="password"
                value={incomingPassword}
                onChange={(e) => setIncomingPassword(e.target.value)}
                autoComplete="current-password"
                aria-describedby={['password-goes-to', appPassword ? 'app-password-note' : '', passwordNote ? 'password-note' : '', found ? 'found-sentence' : '', secretStorageNote && !weakSecretStorage ? 'secret-storage-note' : ''].filter(Boolean).join(' ')}
              />
              {appPassword && (
                <p id="app-password-note" className="explanation password-note">
                  <FormattedMessage
                    id="setup.password.appPasswordNote"
                    defaultMessage="Type an app password, not your usual one: make it in your account’s security settings on the provider’s website (it may be called “App passwords”, and needs two-step verification turned on)."
                  />
                </p>
              )}
              {passwordNote && (
                <p id="password-note" className="explanation password-note">
                  {passwordNote}
                </p>
              )}
              <p id="password-goes-to" className="explanation">
                {passwordHosts.length > 0 ? (
                  <FormattedMessage id="setup.password.sentTo" defaultMessage="Sent only to {hosts}, when you add the account." values={{ hosts: joinWithAnd(passwordHosts) }} />
                ) : (
                  <FormattedMessage id="setup.password.sentToServers" defaultMessage="Sent only to the servers above, when you add the account." />
                )}
              </p>
              {secretStorageNote && !weakSecretStorage && (
                <p id="secret-storage-note" className="explanation" role="note">
                  {secretStorageNote}
                </p>
              )}
              {showFields && !sameSmtpLogin && (
                <>
                  <label htmlFor="smtp-password">
                    <FormattedMessage id="setup.password.smtp" defaultMessage="SMTP password" />
                  </label>
                  <input id="smtp-password" type="password" value={smtpPassword} onChange={(e) => setSmtpPassword(e.target.value)} autoComplete="off" />
                </>
              )}
            </>
          )}
          {mode === 'pop3' && <PopSettingsFields idPrefix="setup" value={pop} onChange={setPop} />}
          {weakSecretStorage && (
            <label className="checkbox warning">
              <input type="checkbox" checked={acceptWeakSecretStorage} onChange={(e) => setAcceptWeakSecretStorage(e.target.checked)} />
              {weakSecretStorage.warning} <FormattedMessage id="setup.weakStorage.store" defaultMessage="{kind, select, oauth {Store the sign-in anyway.} other {Store the password anyway.}}" values={{ kind: oauthProvider ? 'oauth' : 'password' }} />
            </label>
          )}
          <ErrorText error={grantMismatch} onDismiss={() => setGrantMismatch(null)} />
          {/* The card says what the certificate error means, with its fingerprint: not said twice above it. */}
          {!certificate && <ErrorText error={add.error} />}
          {certificate && <CertificateCard certificate={certificate} busy={add.pending} onTrust={() => void submit([certificate.fingerprint256])} trustLabel={intl.formatMessage({ id: 'setup.certificate.trustForAccount', defaultMessage: 'Trust this certificate for this account' })} takeFocus />}
          {/* While the browser has the sign-in, its panel's Cancel is the one way out shown. */}
          <div className="form-actions" hidden={oauth.waiting}>
            <button type="button" className="link-button push-start" onClick={startOver} disabled={busy}>
              <FormattedMessage id="setup.form.back" defaultMessage="← Back" />
            </button>
            {onCancel && (
              <button type="button" onClick={onCancel} disabled={add.pending}>
                <FormattedMessage id="setup.form.cancel" defaultMessage="Cancel" />
              </button>
            )}
            {!oauthProvider && (
              <button type="submit" className="primary" disabled={add.pending}>
                {add.pending ? <FormattedMessage id="setup.login.checking" defaultMessage="Checking the login…" /> : <FormattedMessage id="setup.form.add" defaultMessage="Check and add account" />}
              </button>
            )}
          </div>
        </>
      )}
    </form>
  );
}

