import type { DeviceRef } from '../../common/contract';

/** The key of a device's status and progress in the app's maps. */
export function deviceKey(ref: DeviceRef): string {
  return `${ref.accountId}/${ref.deviceId}`;
}
