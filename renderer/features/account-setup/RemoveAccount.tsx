import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { AccountSummary } from '../../../common/model/account';
import { ErrorText } from '../../ui/ErrorText';
import { useCommand } from '../../app/use-command';

/** Removes an account from this computer (its cache and password); server mail is not touched. */
export function RemoveAccount({ account }: { account: AccountSummary }) {
  const intl = useIntl();
  const [confirming, setConfirming] = useState(false);
  const label = intl.formatMessage({ id: 'setup.remove.label', defaultMessage: 'Remove account {address}' }, { address: account.address });
  const remove = useCommand('account:remove');
  if (!confirming) {
    return (
      <button type="button" className="link-button small" onClick={() => setConfirming(true)} aria-label={label}>
        <FormattedMessage id="setup.remove.open" defaultMessage="Remove…" />
      </button>
    );
  }
  return (
    <div className="confirm" role="group" aria-label={label}>
      <p>
        <FormattedMessage
          id="setup.remove.question"
          defaultMessage="Remove {address} from this computer? Its downloaded mail and saved password are deleted here; mail on the server is not touched."
          values={{ address: account.address }}
        />
      </p>
      <div className="form-actions">
        <button type="button" onClick={() => setConfirming(false)} disabled={remove.pending}>
          <FormattedMessage id="setup.remove.keep" defaultMessage="Keep it" />
        </button>
        <button type="button" className="danger" onClick={() => void remove.run({ accountId: account.id })} disabled={remove.pending}>
          <FormattedMessage id="setup.remove.confirm" defaultMessage="Remove account" />
        </button>
      </div>
      <ErrorText error={remove.error} />
    </div>
  );
}
