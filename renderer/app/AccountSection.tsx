import { FormattedMessage, useIntl } from 'react-intl';
import type { AccountSummary, DeviceSummary } from '../../common/model/account';
import type { FolderRecord } from '../../common/model/mail';
import { RemoveAccount } from '../features/account-setup/RemoveAccount';
import { DevicePicker } from '../features/devices/DevicePicker';
import { FolderList } from '../features/folder-list/FolderList';

interface AccountSectionProps {
  account: AccountSummary;
  /** The device whose folders are shown. */
  device: DeviceSummary;
  selectedFolderId: string | null;
  onChooseDevice: (deviceId: string) => void;
  onSelectFolder: (folder: FolderRecord) => void;
  onDropMessages: (messageIds: string[], folder: FolderRecord) => void;
  onSettings: () => void;
  onDevices: () => void;
  /** The sandbox account's own panel; null for other accounts. */
  onSandbox: (() => void) | null;
}

/** One account in the sidebar: its settings and devices, which device is shown, and its folders. */
export function AccountSection({ account, device, selectedFolderId, onChooseDevice, onSelectFolder, onDropMessages, onSettings, onDevices, onSandbox }: AccountSectionProps) {
  const intl = useIntl();
  const address = { account: account.address };
  return (
    <section className="account" aria-label={intl.formatMessage({ id: 'app.account.label', defaultMessage: 'Account {account}' }, address)}>
      <div className="account-header">
        <h2 className="account-name" title={account.address}>
          {account.displayName}
        </h2>
        <button type="button" className="link-button small" onClick={onSettings} aria-label={intl.formatMessage({ id: 'app.account.settingsOf', defaultMessage: 'Settings of {account}' }, address)}>
          <FormattedMessage id="app.account.settings" defaultMessage="Settings…" />
        </button>
        <button type="button" className="link-button small" onClick={onDevices} aria-label={intl.formatMessage({ id: 'app.account.devicesOf', defaultMessage: 'Devices of {account}' }, address)}>
          <FormattedMessage id="app.account.devices" defaultMessage="Devices…" />
        </button>
        {onSandbox && (
          <button type="button" className="link-button small" onClick={onSandbox} aria-label={intl.formatMessage({ id: 'app.account.sandboxOf', defaultMessage: 'Sandbox settings of {account}' }, address)}>
            <FormattedMessage id="app.account.sandbox" defaultMessage="Sandbox…" />
          </button>
        )}
        <RemoveAccount account={account} />
      </div>
      <DevicePicker account={account} deviceId={device.id} onChange={onChooseDevice} />
      <FolderList key={device.id} device={{ accountId: account.id, deviceId: device.id, dbName: device.dbName }} selectedFolderId={selectedFolderId} onSelect={onSelectFolder} onDropMessages={onDropMessages} />
    </section>
  );
}
