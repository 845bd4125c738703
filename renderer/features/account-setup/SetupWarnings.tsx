import { defineMessages, FormattedMessage, useIntl } from 'react-intl';

/** A reason to look twice that the user must acknowledge before the account is added. */
export interface SetupWarning {
  kind: 'plaintext' | 'other-domain';
  text: string;
}

const CONSENT = defineMessages({
  plaintext: { id: 'setup.warning.plaintextConsent', defaultMessage: 'I understand: use these servers without encryption.' },
  'other-domain': { id: 'setup.warning.otherDomainConsent', defaultMessage: 'I expected these servers: use them.' },
});

interface SetupWarningsProps {
  warnings: SetupWarning[];
  accepted: ReadonlySet<SetupWarning['kind']>;
  onAccept: (kind: SetupWarning['kind'], accepted: boolean) => void;
}

/** Each warning in full, with a tick the user must give: nothing is added while one is unticked. */
export function SetupWarnings({ warnings, accepted, onAccept }: SetupWarningsProps) {
  const intl = useIntl();
  if (warnings.length === 0) return null;
  return (
    <div className="setup-warnings">
      {warnings.map((warning) => (
        <div key={warning.kind} className="warning setup-warning" role="group" aria-labelledby={`setup-warning-${warning.kind}`} data-warning={warning.kind}>
          <p id={`setup-warning-${warning.kind}`}>
            <strong>{warning.kind === 'plaintext' ? <FormattedMessage id="setup.warning.plaintext" defaultMessage="Unencrypted:" /> : <FormattedMessage id="setup.warning.otherDomain" defaultMessage="Another domain’s servers:" />} </strong>
            {warning.text}
          </p>
          <label className="checkbox">
            <input type="checkbox" required checked={accepted.has(warning.kind)} onChange={(e) => onAccept(warning.kind, e.target.checked)} />
            {intl.formatMessage(CONSENT[warning.kind])}
          </label>
        </div>
      ))}
    </div>
  );
}
