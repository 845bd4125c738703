import type { AccountSummary } from '../../../common/model/account';
import { modeName } from '../../app/format';

/** Which of the account's devices the three panes show; each device has its own cache and mode. */
export function DevicePicker({ account, deviceId, onChange }: { account: AccountSummary; deviceId: string; onChange: (deviceId: string) => void }) {
  return (
    <label className="device-picker">
      <span className="visually-hidden">Device</span>
      <select aria-label={`Device of ${account.address}`} value={deviceId} onChange={(e) => onChange(e.target.value)}>
        {account.devices.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name} · {modeName(d.mode)}
          </option>
        ))}
      </select>
    </label>
  );
}
