import type { DeviceStatus, SyncProgress } from '../../../common/contract';
import { count } from '../../app/format';
import { connectionWords } from '../status/connection-words';

/** One device's connection, waiting changes and progress, in one line under its column. */
export function DeviceStatusLine({ status, progress }: { status: DeviceStatus | null; progress: SyncProgress | null }) {
  const working = progress && progress.phase !== 'done' && progress.total > 0;
  return (
    <footer className="device-status">
      <span className={`connection ${status?.connection ?? 'offline'}`} role="status" aria-live="polite" data-testid="device-status">
        {status ? connectionWords(status) : 'No news from this device yet'}
      </span>
      {status && status.pendingChanges > 0 && <span className="pending">{count(status.pendingChanges, 'change')} waiting to reach the server</span>}
      {working && (
        <span className="muted">
          {progress.phase === 'download' ? 'Downloading' : `Headers of ${progress.folderPath}`}: {progress.done} of {progress.total}
        </span>
      )}
    </footer>
  );
}
