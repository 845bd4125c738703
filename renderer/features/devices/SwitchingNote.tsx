import { FormattedMessage } from 'react-intl';
import type { DeviceSummary } from '../../../common/model/account';
import { modeName } from '../../app/format';

/** Shown while main runs (or, after a restart, resumes) a mode switch of the device. */
export function SwitchingNote({ device }: { device: DeviceSummary }) {
  if (!device.switching) return null;
  return (
    <span className="switching-note" role="status">
      <FormattedMessage id="devices.switching.note" defaultMessage="Switching to {mode}…" values={{ mode: modeName(device.switching.to) }} />
    </span>
  );
}
