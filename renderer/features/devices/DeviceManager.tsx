import { FormattedMessage, useIntl } from 'react-intl';
import type { AccountSummary } from '../../../common/model/account';
import { Dialog } from '../../ui/Dialog';
import { AddDeviceForm } from './AddDeviceForm';
import { DeviceRow } from './DeviceRow';

/** The devices of one account, in a dialog: add, rename, switch mode, remove. */
export function DeviceManager({ account, onClose }: { account: AccountSummary; onClose: () => void }) {
  const intl = useIntl();
  return (
    <Dialog label={intl.formatMessage({ id: 'devices.manager.title', defaultMessage: 'Devices of {account}' }, { account: account.address })} onClose={onClose}>
        <h2>
          <FormattedMessage id="devices.manager.title" defaultMessage="Devices of {account}" values={{ account: account.displayName }} />
        </h2>
        <p className="muted">
          <FormattedMessage id="devices.manager.intro" defaultMessage="Each device is this account opened as if on another computer: its own cache, connections, mode and retention." />
        </p>
        <ul className="device-list" aria-label={intl.formatMessage({ id: 'devices.manager.list', defaultMessage: 'Devices' })}>
          {account.devices.map((d) => (
            <DeviceRow key={d.id} account={account} device={d} />
          ))}
        </ul>
        <AddDeviceForm account={account} />
        <div className="form-actions">
          <button type="button" onClick={onClose}>
            <FormattedMessage id="common.close" defaultMessage="Close" />
          </button>
        </div>
    </Dialog>
  );
}
