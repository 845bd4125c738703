import { useEffect, useState } from 'react';
import type { SwitchProgress } from '../../../common/model/switch';
import { getApi } from '../../bridge/api';

/** The latest progress main reported for this device's switch preview or switch; null before any. */
export function useSwitchProgress(deviceId: string): [SwitchProgress | null, (value: SwitchProgress | null) => void] {
  const [progress, setProgress] = useState<SwitchProgress | null>(null);
  useEffect(
    () =>
      getApi().on('switch:progress', ({ accountId: _accountId, deviceId: from, ...rest }) => {
        if (from === deviceId) setProgress(rest);
      }),
    [deviceId],
  );
  return [progress, setProgress];
}
