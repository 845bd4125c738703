import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { type NewServerConsent, type ServerEndpoint } from '../../../common/model/account';
import { endpointText } from '../../i18n/endpoints';

/**
 * The password for a server the account does not have yet, with where it will go in plain words.
 * The account's stored password never goes to a server named here (main refuses it): the user
 * types the password for this server, and agrees to send it unencrypted if the server has no TLS.
 */
export function NewServerPasswordFields({
  idPrefix,
  endpoint,
  value,
  onChange,
  signsInWithProvider = false,
}: {
  idPrefix: string;
  endpoint: ServerEndpoint;
  value: NewServerConsent;
  onChange: (value: NewServerConsent) => void;
  /** An OAuth2 account: no password to type; main sends its sign-in only to its provider's servers. */
  signsInWithProvider?: boolean;
}) {
  const plaintext = endpoint.security === 'none';
  const strong = (chunks: ReactNode[]) => <strong>{chunks}</strong>;
  if (signsInWithProvider) {
    return (
      <>
        <p className="explanation">
          <FormattedMessage
            id="devices.newServer.providerSignIn"
            defaultMessage="Porthole signs in to <strong>{server}</strong> with your sign-in at your provider. It sends that sign-in only to your provider’s servers: a server anywhere else is refused."
            values={{ server: endpointText(endpoint), strong }}
          />
        </p>
        {plaintext && (
          <label className="checkbox warning">
            <input type="checkbox" required checked={value.allowPlaintext ?? false} onChange={(e) => onChange({ allowPlaintext: e.target.checked })} />
            <FormattedMessage
              id="devices.newServer.plaintextSignIn"
              defaultMessage="Send your sign-in unencrypted: anyone on the network between this computer and {host} can read it"
              values={{ host: endpoint.host }}
            />
          </label>
        )}
      </>
    );
  }
  return (
    <>
      <fieldset className="endpoint">
        <legend>
          <FormattedMessage id="devices.newServer.legend" defaultMessage="Password for this server" />
        </legend>
        {/* "Password", like "User name" above it, so it fits the same label column (see .endpoint). */}
        <label htmlFor={`${idPrefix}-password`}>
          <FormattedMessage
            id="devices.newServer.password"
            defaultMessage="Password<hidden> for this server</hidden>"
            values={{ hidden: (chunks) => <span className="visually-hidden">{chunks}</span> }}
          />
        </label>
        <input id={`${idPrefix}-password`} type="password" required value={value.password ?? ''} onChange={(e) => onChange({ ...value, password: e.target.value })} autoComplete="current-password" aria-describedby={`${idPrefix}-where`} />
      </fieldset>
      <p id={`${idPrefix}-where`} className="explanation">
        <FormattedMessage
          id="devices.newServer.where"
          defaultMessage="Porthole will send the password you type here to <strong>{server}</strong>. The password saved with this account is never sent to a server you name here."
          values={{ server: endpointText(endpoint), strong }}
        />
      </p>
      {plaintext && (
        <label className="checkbox warning">
          <input type="checkbox" required checked={value.allowPlaintext ?? false} onChange={(e) => onChange({ ...value, allowPlaintext: e.target.checked })} />
          <FormattedMessage
            id="devices.newServer.plaintext"
            defaultMessage="Send it unencrypted: anyone on the network between this computer and {host} can read it"
            values={{ host: endpoint.host }}
          />
        </label>
      )}
    </>
  );
}
