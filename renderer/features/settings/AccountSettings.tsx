import { useState } from 'react';
import { DEFAULT_POP_SETTINGS, incomingFor, type AccountSummary, type DeviceSummary } from '../../../common/model/account';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';
import { useCommand } from '../../app/use-command';
import { PopSettingsFields } from './PopSettingsFields';

/** A POP device's retention and checking, saved with device:configure. */
export function PopDeviceSettings({ account, device, onSaved }: { account: AccountSummary; device: DeviceSummary; onSaved: () => void }) {
  const [pop, setPop] = useState(device.pop ?? DEFAULT_POP_SETTINGS);
  const configure = useCommand('device:configure');
  const save = async (): Promise<void> => {
    if ((await configure.run({ accountId: account.id, deviceId: device.id, pop })) !== null) onSaved();
  };
  return (
    <>
      <PopSettingsFields idPrefix={`settings-${device.id}`} value={pop} onChange={setPop} />
      <ErrorText error={configure.error} />
      <div className="form-actions">
        <button type="button" className="primary" onClick={() => void save()} disabled={configure.pending}>
          Save settings
        </button>
      </div>
    </>
  );
}

/** An account's settings as one of its devices has them; for POP, what happens to the server's copies, explained. */
export function AccountSettings({ account, device, onClose }: { account: AccountSummary; device: DeviceSummary; onClose: () => void }) {
  return (
    <Dialog label={`Settings of ${account.address}`} onClose={onClose}>
        <h2>{account.displayName}</h2>
        <p className="muted">
          {account.address} · {account.devices.length > 1 ? `${device.name} · ` : ''}
          {device.mode === 'pop3' ? 'POP3' : 'IMAP'} · {incomingFor(account, device.mode)?.host}:{incomingFor(account, device.mode)?.port}
        </p>
        {device.mode === 'pop3' ? (
          <PopDeviceSettings key={device.id} account={account} device={device} onSaved={onClose} />
        ) : (
          <p>With IMAP the server keeps every message, folder and read state; this computer shows and changes what is on the server.</p>
        )}
        <div className="form-actions">
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
    </Dialog>
  );
}
