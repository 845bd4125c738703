import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ErrorText } from '../../ui/ErrorText';
import { useCommand } from '../../app/use-command';
import { useEscapeToClose } from '../../ui/use-escape';
import { sampleLanguageOf } from './demo-names';

/** Asks before putting every sandbox mailbox back to the sample. */
export function ResetSandbox() {
  const intl = useIntl();
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState(false);
  const reset = useCommand('sandbox:reset');
  // Escape closes this confirmation before the Sandbox panel around it.
  useEscapeToClose(() => setConfirming(false), confirming);
  const confirm = async (): Promise<void> => {
    if ((await reset.run({ language: sampleLanguageOf(intl) })) !== null) {
      setConfirming(false);
      setDone(true);
    }
  };
  if (!confirming) {
    return (
      <div className="sandbox-row">
        <button type="button" onClick={() => {
            setDone(false);
            setConfirming(true);
          }}>
          <FormattedMessage id="sandbox.reset.open" defaultMessage="Reset the sandbox…" />
        </button>
        {done && (
          <span className="muted small" role="status">
            <FormattedMessage id="sandbox.reset.done" defaultMessage="The sample mailbox is back." />
          </span>
        )}
      </div>
    );
  }
  return (
    <div className="confirm" role="group" aria-label={intl.formatMessage({ id: 'sandbox.reset.action', defaultMessage: 'Reset the sandbox' })}>
      <p>
        <FormattedMessage
          id="sandbox.reset.question"
          defaultMessage="Put every sandbox mailbox back to the sample? Mail that arrived, was sent, moved or deleted in the sandbox is replaced by the sample mail. Only the sandbox changes; your devices reconnect and show it."
        />
      </p>
      <div className="form-actions">
        <button type="button" onClick={() => setConfirming(false)} disabled={reset.pending}>
          <FormattedMessage id="sandbox.reset.keep" defaultMessage="Keep it as it is" />
        </button>
        <button type="button" className="danger" onClick={() => void confirm()} disabled={reset.pending}>
          <FormattedMessage id="sandbox.reset.action" defaultMessage="Reset the sandbox" />
        </button>
      </div>
      <ErrorText error={reset.error} />
    </div>
  );
}
