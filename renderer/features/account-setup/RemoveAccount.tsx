import { useState } from 'react';
import type { AccountSummary } from '../../../common/model/account';
import { ErrorText } from '../../ui/ErrorText';
import { useCommand } from '../../app/use-command';

/** Removes an account from this computer (its cache and password); server mail is not touched. */
export function RemoveAccount({ account }: { account: AccountSummary }) {
  const [confirming, setConfirming] = useState(false);
  const remove = useCommand('account:remove');
  if (!confirming) {
    return (
      <button type="button" className="link-button small" onClick={() => setConfirming(true)} aria-label={`Remove account ${account.address}`}>
        Remove…
      </button>
    );
  }
  return (
    <div className="confirm" role="group" aria-label={`Remove account ${account.address}`}>
      <p>Remove {account.address} from this computer? Its downloaded mail and saved password are deleted here; mail on the server is not touched.</p>
      <div className="form-actions">
        <button type="button" onClick={() => setConfirming(false)} disabled={remove.pending}>
          Keep it
        </button>
        <button type="button" className="danger" onClick={() => void remove.run({ accountId: account.id })} disabled={remove.pending}>
          Remove account
        </button>
      </div>
      <ErrorText error={remove.error} />
    </div>
  );
}
