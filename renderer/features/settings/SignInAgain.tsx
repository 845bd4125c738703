import { useEffect, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import type { DeviceStatus } from '../../../common/contract';
import { ERROR_MESSAGES } from '../../../common/errors';
import type { AccountSummary } from '../../../common/model/account';
import type { OAuthProviderInfo } from '../../../common/model/oauth';
import { getApi } from '../../bridge/api';
import { ErrorText } from '../../ui/ErrorText';
import { useOAuthSignIn } from '../account-setup/use-oauth-sign-in';

/** Whether a device of the account stopped because the provider refused its sign-in (OAUTH_SIGN_IN_AGAIN, whose words all end with "sign in again"). */
function refusedSignIn(status: DeviceStatus): boolean {
  if (status.connection !== 'error' || status.detail.kind !== 'error') return false;
  const { error } = status.detail;
  return error.code === 'OAUTH_SIGN_IN_AGAIN' || /sign in again/i.test(error.message);
}

/** The account's devices' statuses, kept live while the dialog is open. */
function useAccountStatuses(accountId: string): DeviceStatus[] {
  const [statuses, setStatuses] = useState<Record<string, DeviceStatus>>({});
  useEffect(() => {
    const api = getApi();
    let open = true;
    void api.commands['device:statuses'](null).then((r) => {
      if (open && r.ok) setStatuses((all) => ({ ...Object.fromEntries(r.value.filter((s) => s.accountId === accountId).map((s) => [s.deviceId, s])), ...all }));
    });
    const off = api.on('device:status', (s) => {
      if (s.accountId === accountId) setStatuses((all) => ({ ...all, [s.deviceId]: s }));
    });
    return () => {
      open = false;
      off();
    };
  }, [accountId]);
  return Object.values(statuses);
}

/** "Sign in again" for an OAuth2 account: new tokens from the provider; the devices reconnect with them. */
export function SignInAgain({ account, provider }: { account: AccountSummary; provider: string }) {
  const flow = useOAuthSignIn();
  const [info, setInfo] = useState<OAuthProviderInfo | null>(null);
  const [done, setDone] = useState(false);
  const statuses = useAccountStatuses(account.id);
  useEffect(() => {
    void getApi()
      .commands['oauth:providers'](null)
      .then((r) => r.ok && setInfo(r.value.find((p) => p.id === provider) ?? null));
  }, [provider]);
  const name = info?.name ?? provider;
  const refused = !done && statuses.some(refusedSignIn);

  const signIn = async (): Promise<void> => {
    setDone(false);
    if (await flow.signIn({ provider, address: account.address, accountId: account.id })) setDone(true);
  };

  return (
    <fieldset className="endpoint sign-in-again">
      <legend>
        <FormattedMessage id="settings.signIn.legend" defaultMessage="Sign-in" />
      </legend>
      <p className="explanation span-all">
        <FormattedMessage id="settings.signIn.explanation" defaultMessage="This account signs in with {name} in your browser; Porthole keeps the sign-in, never your password." values={{ name }} />
      </p>
      {info && !info.clientConfigured && (
        <p className="error-text span-all" data-error-code="OAUTH_NOT_CONFIGURED">
          {ERROR_MESSAGES.OAUTH_NOT_CONFIGURED}
        </p>
      )}
      {refused && (
        <p className="warning span-all" role="alert">
          <FormattedMessage
            id="settings.signIn.refused"
            defaultMessage="{name} no longer accepts this account’s sign-in, so it cannot connect. Sign in again; nothing waiting to be sent or synced is lost."
            values={{ name }}
          />
        </p>
      )}
      {done && (
        <p className="span-all" role="status">
          <FormattedMessage id="settings.signIn.done" defaultMessage="Signed in again. The account reconnects now." />
        </p>
      )}
      {flow.waiting && (
        <p className="span-all" role="status">
          <FormattedMessage id="setup.oauth.waiting" defaultMessage="Finish signing in to {name} in your browser…" values={{ name }} /> {flow.signInUrl && (
            <a href={flow.signInUrl} target="_blank" rel="noopener noreferrer">
              {flow.popupBlocked ? <FormattedMessage id="settings.signIn.blockedLink" defaultMessage="The browser blocked the page: open it" /> : <FormattedMessage id="setup.oauth.openPage" defaultMessage="Open the sign-in page" />}
            </a>
          )}
        </p>
      )}
      <div className="span-all">
        <ErrorText error={flow.error} onDismiss={() => flow.clearError()} />
      </div>
      <div className="span-all form-actions start">
        {flow.waiting ? (
          <button type="button" onClick={() => flow.cancel()}>
            <FormattedMessage id="setup.oauth.cancel" defaultMessage="Cancel sign-in" />
          </button>
        ) : (
          <button type="button" className={refused ? 'primary' : undefined} onClick={() => void signIn()} disabled={info !== null && !info.clientConfigured}>
            <FormattedMessage id="settings.signIn.again" defaultMessage="Sign in again with {name}…" values={{ name }} />
          </button>
        )}
      </div>
    </fieldset>
  );
}
