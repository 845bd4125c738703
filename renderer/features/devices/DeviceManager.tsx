import type { AccountSummary } from '../../../common/model/account';
import { Dialog } from '../../ui/Dialog';
import { AddDeviceForm } from './AddDeviceForm';
import { DeviceRow } from './DeviceRow';

/** The devices of one account, in a dialog: add, rename, switch mode, remove. */
export function DeviceManager({ account, onClose }: { account: AccountSummary; onClose: () => void }) {
  return (
    <Dialog label={`Devices of ${account.address}`} onClose={onClose}>
        <h2>Devices of {account.displayName}</h2>
        <p className="muted">Each device is this account opened as if on another computer: its own cache, connections, mode and retention.</p>
        <ul className="device-list" aria-label="Devices">
          {account.devices.map((d) => (
            <DeviceRow key={d.id} account={account} device={d} />
          ))}
        </ul>
        <AddDeviceForm account={account} />
        <div className="form-actions">
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
    </Dialog>
  );
}
