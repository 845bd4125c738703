import { FormattedMessage, useIntl } from 'react-intl';
import type { AccountSummary } from '../../../common/model/account';
import { modeName } from '../../app/format';

/** Which of the account's devices the three panes show; each device has its own cache and mode. */
export function DevicePicker({ account, deviceId, onChange }: { account: AccountSummary; deviceId: string; onChange: (deviceId: string) => void }) {
  const intl = useIntl();
  return (
    <label className="device-picker">
      <span className="visually-hidden">
        <FormattedMessage id="devices.picker.device" defaultMessage="Device" />
      </span>
      <select aria-label={intl.formatMessage({ id: 'devices.picker.label', defaultMessage: 'Device of {account}' }, { account: account.address })} value={deviceId} onChange={(e) => onChange(e.target.value)}>
        {account.devices.map((d) => (
          <option key={d.id} value={d.id}>
            {intl.formatMessage({ id: 'devices.common.nameAndMode', defaultMessage: '{device} · {mode}' }, { device: d.name, mode: modeName(d.mode) })}
          </option>
        ))}
      </select>
    </label>
  );
}
