import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { AccountSummary, DeviceSummary } from '../../../common/model/account';
import { modeName } from '../../app/format';
import { retentionTitle } from '../../i18n/retention-words';
import { useEscapeToClose } from '../../ui/use-escape';
import { PopDeviceSettings } from '../settings/AccountSettings';
import { ModeBadge } from '../../ui/ModeBadge';
import { RemoveDevice } from './RemoveDevice';
import { RenameDevice } from './RenameDevice';
import { SwitchModeDialog } from './SwitchModeDialog';
import { SwitchingNote } from './SwitchingNote';

type Editing = 'rename' | 'remove' | 'switch' | 'settings' | null;

/** One device of an account: its name and mode, and rename, switch mode and remove. */
export function DeviceRow({ account, device }: { account: AccountSummary; device: DeviceSummary }) {
  const intl = useIntl();
  const [editing, setEditing] = useState<Editing>(null);
  const ref = { accountId: account.id, deviceId: device.id };
  const only = account.devices.length === 1;
  const other = device.mode === 'imap' ? 'pop3' : 'imap';
  // Escape closes the open rename, removal, settings or switch first, and the Devices dialog only after it.
  useEscapeToClose(() => setEditing(null), editing !== null);
  return (
    <li className="device-row" aria-label={intl.formatMessage({ id: 'devices.common.deviceLabel', defaultMessage: 'Device {device}' }, { device: device.name })}>
      <div className="device-line">
        <span className="device-name">{device.name}</span>
        <ModeBadge mode={device.mode} />
        <SwitchingNote device={device} />
        {device.pop && <span className="muted small">{retentionTitle(device.pop.retention, intl)}</span>}
        <span className="device-buttons">
          {device.mode === 'pop3' && (
            <button type="button" className="small" onClick={() => setEditing('settings')} aria-label={intl.formatMessage({ id: 'devices.row.popSettingsLabel', defaultMessage: 'POP settings of {device}' }, { device: device.name })}>
              <FormattedMessage id="devices.row.popSettings" defaultMessage="POP settings…" />
            </button>
          )}
          <button type="button" className="small" onClick={() => setEditing('rename')} aria-label={intl.formatMessage({ id: 'devices.rename.label', defaultMessage: 'Rename {device}' }, { device: device.name })}>
            <FormattedMessage id="devices.row.rename" defaultMessage="Rename…" />
          </button>
          <button type="button" className="small" onClick={() => setEditing('switch')} aria-label={intl.formatMessage({ id: 'devices.switch.label', defaultMessage: 'Switch {device} to {mode}' }, { device: device.name, mode: modeName(other) })}>
            <FormattedMessage id="devices.switch.open" defaultMessage="Switch to {mode}…" values={{ mode: modeName(other) }} />
          </button>
          <button
            type="button"
            className="small"
            onClick={() => setEditing('remove')}
            disabled={only}
            title={only ? intl.formatMessage({ id: 'devices.row.onlyDevice', defaultMessage: 'This is the account’s only device: remove the account instead.' }) : undefined}
            aria-label={intl.formatMessage({ id: 'devices.remove.label', defaultMessage: 'Remove device {device}' }, { device: device.name })}
          >
            <FormattedMessage id="devices.row.remove" defaultMessage="Remove…" />
          </button>
        </span>
      </div>
      {editing === 'rename' && <RenameDevice device={ref} currentName={device.name} onDone={() => setEditing(null)} />}
      {editing === 'remove' && <RemoveDevice device={ref} name={device.name} onDone={() => setEditing(null)} />}
      {editing === 'settings' && device.mode === 'pop3' && <PopDeviceSettings account={account} device={device} onSaved={() => setEditing(null)} />}
      {editing === 'switch' && <SwitchModeDialog account={account} device={device} onClose={() => setEditing(null)} />}
    </li>
  );
}
