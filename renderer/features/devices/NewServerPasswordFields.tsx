import { describeEndpoint, type NewServerConsent, type ServerEndpoint } from '../../../common/model/account';

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
  if (signsInWithProvider) {
    return (
      <>
        <p className="explanation">
          Porthole signs in to <strong>{describeEndpoint(endpoint)}</strong> with your sign-in at your provider. It sends that sign-in only to your provider’s servers: a server anywhere else is refused.
        </p>
        {plaintext && (
          <label className="checkbox warning">
            <input type="checkbox" required checked={value.allowPlaintext ?? false} onChange={(e) => onChange({ allowPlaintext: e.target.checked })} />
            Send your sign-in unencrypted: anyone on the network between this computer and {endpoint.host} can read it
          </label>
        )}
      </>
    );
  }
  return (
    <>
      <fieldset className="endpoint">
        <legend>Password for this server</legend>
        {/* "Password", like "User name" above it, so it fits the same label column (see .endpoint). */}
        <label htmlFor={`${idPrefix}-password`}>
          Password<span className="visually-hidden"> for this server</span>
        </label>
        <input id={`${idPrefix}-password`} type="password" required value={value.password ?? ''} onChange={(e) => onChange({ ...value, password: e.target.value })} autoComplete="current-password" aria-describedby={`${idPrefix}-where`} />
      </fieldset>
      <p id={`${idPrefix}-where`} className="explanation">
        Porthole will send the password you type here to <strong>{describeEndpoint(endpoint)}</strong>. The password saved with this account is never sent to a server you name here.
      </p>
      {plaintext && (
        <label className="checkbox warning">
          <input type="checkbox" required checked={value.allowPlaintext ?? false} onChange={(e) => onChange({ ...value, allowPlaintext: e.target.checked })} />
          Send it unencrypted: anyone on the network between this computer and {endpoint.host} can read it
        </label>
      )}
    </>
  );
}
