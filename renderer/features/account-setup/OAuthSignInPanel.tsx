import { FormattedMessage, useIntl } from 'react-intl';
import { ERROR_MESSAGES } from '../../../common/errors';
import type { OAuthProviderInfo } from '../../../common/model/oauth';
import { ErrorText } from '../../ui/ErrorText';
import type { OAuthSignIn } from './use-oauth-sign-in';

interface OAuthSignInPanelProps {
  /** The provider as `oauth:providers` lists it; null while the list loads or when it does not know the id. */
  provider: OAuthProviderInfo | null;
  providerId: string;
  flow: OAuthSignIn;
  /** Adding the account once the sign-in came back (the login check). */
  adding: boolean;
  onSignIn: () => void;
  onUsePassword: () => void;
}

/**
 * Sign-in for providers that want OAuth2 (no password field): the button, the wait for the
 * browser with a way out, and a plain sentence when this build has no client id for the provider.
 */
export function OAuthSignInPanel({ provider, providerId, flow, adding, onSignIn, onUsePassword }: OAuthSignInPanelProps) {
  const intl = useIntl();
  const name = provider?.name ?? providerId;
  const label = intl.formatMessage({ id: 'setup.oauth.label', defaultMessage: '{name} sign-in' }, { name });
  if (provider && !provider.clientConfigured) {
    return (
      <section className="oauth-panel" aria-label={label}>
        {/* Not an error the user made or can fix: said plainly, not in red; the builder's pointer is the small line. */}
        <p className="setup-note" role="status" data-error-code="OAUTH_NOT_CONFIGURED">
          <strong><FormattedMessage id="setup.oauth.notAvailable" defaultMessage="Signing in with {name} is not available." values={{ name }} /> </strong>
          {ERROR_MESSAGES.OAUTH_NOT_CONFIGURED}
        </p>
        <p className="explanation">
          <FormattedMessage id="setup.oauth.appPasswordHint" defaultMessage="Where your provider allows app passwords (made in your account’s security settings), you can use one instead." />
        </p>
        <button type="button" className="primary" onClick={onUsePassword} autoFocus>
          <FormattedMessage id="setup.oauth.useAppPassword" defaultMessage="Use an app password instead" />
        </button>
        <p className="muted small">
          <FormattedMessage id="setup.oauth.builderNote" defaultMessage="For whoever built this copy: it has no OAuth2 client id for {name} (README, “OAuth2 client ids”)." values={{ name }} />
        </p>
      </section>
    );
  }
  if (flow.waiting) {
    return (
      <section className="oauth-panel" aria-label={label} aria-busy="true">
        <p role="status" className="oauth-waiting">
          <span className="spinner" aria-hidden="true" /> <FormattedMessage id="setup.oauth.waiting" defaultMessage="Finish signing in to {name} in your browser…" values={{ name }} />
        </p>
        {flow.signInUrl && (
          <p className={flow.popupBlocked ? 'warning' : 'explanation'}>
            {flow.popupBlocked ? <FormattedMessage id="setup.oauth.popupBlocked" defaultMessage="The browser blocked the sign-in page." /> : <FormattedMessage id="setup.oauth.noPage" defaultMessage="No page opened?" />} <a href={flow.signInUrl} target="_blank" rel="noopener noreferrer">
              <FormattedMessage id="setup.oauth.openPage" defaultMessage="Open the sign-in page" />
            </a>
          </p>
        )}
        <button type="button" onClick={() => flow.cancel()} autoFocus>
          <FormattedMessage id="setup.oauth.cancel" defaultMessage="Cancel sign-in" />
        </button>
      </section>
    );
  }
  return (
    <section className="oauth-panel" aria-label={label}>
      <p className="explanation">
        <FormattedMessage id="setup.oauth.explanation" defaultMessage="{name} signs you in on its own page, in your browser; Porthole never sees your password there." values={{ name }} />
      </p>
      <ErrorText error={flow.error} onDismiss={() => flow.clearError()} />
      <div className="oauth-actions">
        <button type="button" className="primary" onClick={onSignIn} disabled={adding || !provider} autoFocus>
          {adding ? <FormattedMessage id="setup.login.checking" defaultMessage="Checking the login…" /> : <FormattedMessage id="setup.oauth.signIn" defaultMessage="Sign in with {name}…" values={{ name }} />}
        </button>
        <button type="button" className="link-button" onClick={onUsePassword} disabled={adding}>
          <FormattedMessage id="setup.oauth.useAppPassword" defaultMessage="Use an app password instead" />
        </button>
      </div>
    </section>
  );
}
