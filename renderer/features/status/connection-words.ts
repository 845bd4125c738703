import type { DeviceStatus } from '../../../common/contract';
import { AFTER_CONNECTED_MESSAGES, ERROR_MESSAGES, type ErrorCode } from '../../../common/errors';

const LABELS: Record<DeviceStatus['connection'], string> = { online: 'Online', connecting: 'Connecting', offline: 'Offline', error: 'Problem' };

/**
 * The status line of a device: its state and main's detail, except that a device which had
 * already worked in this run (it synced or checked at least once) is not told to check its port
 * when the server goes away: the hint is replaced by what happened.
 */
export function connectionWords(status: Pick<DeviceStatus, 'connection' | 'detail' | 'lastSyncAt'>): string {
  let detail = status.detail;
  if (status.lastSyncAt !== null) {
    for (const [code, text] of Object.entries(AFTER_CONNECTED_MESSAGES) as Array<[ErrorCode, string]>) detail = detail.replace(ERROR_MESSAGES[code], text);
  }
  return `${LABELS[status.connection]} — ${detail}`;
}
