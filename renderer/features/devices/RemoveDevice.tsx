import { FormattedMessage, useIntl } from 'react-intl';
import type { DeviceRef } from '../../../common/contract';
import { ErrorText } from '../../ui/ErrorText';
import { useCommand } from '../../app/use-command';

/** Asks before removing a device: its cache on this computer goes, the server is not touched. */
export function RemoveDevice({ device, name, onDone }: { device: DeviceRef; name: string; onDone: () => void }) {
  const intl = useIntl();
  const remove = useCommand('device:remove');
  const confirm = async (): Promise<void> => {
    if ((await remove.run(device)) !== null) onDone();
  };
  return (
    <div className="confirm" role="group" aria-label={intl.formatMessage({ id: 'devices.remove.label', defaultMessage: 'Remove device {device}' }, { device: name })}>
      <p>
        <FormattedMessage
          id="devices.remove.question"
          defaultMessage="Remove “{device}”? Its local cache on this computer is deleted (the mail it downloaded, its local folders and settings). Mail on the server is not touched, and the account’s other devices keep working."
          values={{ device: name }}
        />
      </p>
      <div className="form-actions">
        <button type="button" onClick={onDone} disabled={remove.pending}>
          <FormattedMessage id="devices.remove.keep" defaultMessage="Keep it" />
        </button>
        <button type="button" className="danger" onClick={() => void confirm()} disabled={remove.pending}>
          <FormattedMessage id="devices.remove.confirm" defaultMessage="Remove device" />
        </button>
      </div>
      <ErrorText error={remove.error} />
    </div>
  );
}
