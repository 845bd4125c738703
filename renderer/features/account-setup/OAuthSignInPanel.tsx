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
  const name = provider?.name ?? providerId;
  if (provider && !provider.clientConfigured) {
    return (
      <section className="oauth-panel" aria-label={`${name} sign-in`}>
        {/* Not an error the user made or can fix: said plainly, not in red; the builder's pointer is the small line. */}
        <p className="setup-note" role="status" data-error-code="OAUTH_NOT_CONFIGURED">
          <strong>Signing in with {name} is not available. </strong>
          {ERROR_MESSAGES.OAUTH_NOT_CONFIGURED}
        </p>
        <p className="explanation">Where your provider allows app passwords (made in your account’s security settings), you can use one instead.</p>
        <button type="button" className="primary" onClick={onUsePassword} autoFocus>
          Use an app password instead
        </button>
        <p className="muted small">For whoever built this copy: it has no OAuth2 client id for {name} (README, “OAuth2 client ids”).</p>
      </section>
    );
  }
  if (flow.waiting) {
    return (
      <section className="oauth-panel" aria-label={`${name} sign-in`} aria-busy="true">
        <p role="status" className="oauth-waiting">
          <span className="spinner" aria-hidden="true" /> Finish signing in to {name} in your browser…
        </p>
        {flow.signInUrl && (
          <p className={flow.popupBlocked ? 'warning' : 'explanation'}>
            {flow.popupBlocked ? 'The browser blocked the sign-in page. ' : 'No page opened? '}
            <a href={flow.signInUrl} target="_blank" rel="noopener noreferrer">
              Open the sign-in page
            </a>
          </p>
        )}
        <button type="button" onClick={() => flow.cancel()} autoFocus>
          Cancel sign-in
        </button>
      </section>
    );
  }
  return (
    <section className="oauth-panel" aria-label={`${name} sign-in`}>
      <p className="explanation">{name} signs you in on its own page, in your browser; Porthole never sees your password there.</p>
      <ErrorText error={flow.error} onDismiss={() => flow.clearError()} />
      <div className="oauth-actions">
        <button type="button" className="primary" onClick={onSignIn} disabled={adding || !provider} autoFocus>
          {adding ? 'Checking the login…' : `Sign in with ${name}…`}
        </button>
        <button type="button" className="link-button" onClick={onUsePassword} disabled={adding}>
          Use an app password instead
        </button>
      </div>
    </section>
  );
}
