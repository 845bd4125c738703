import type { DeviceStatus, SyncProgress } from '../../../common/contract';
import { formatOctets } from '../../../common/model/raw-source';
import { count } from '../../app/format';
import { connectionWords } from './connection-words';

/** Connection state, changes waiting for the server, and sync progress of the shown device. */
export function StatusBar({ status, progress }: { status: DeviceStatus | null; progress: SyncProgress | null }) {
  const showProgress = progress && progress.phase !== 'done' && progress.total > 0;
  return (
    <footer className="status-bar" aria-label="Status">
      <span className={`connection ${status?.connection ?? 'offline'}`} role="status" aria-live="polite" data-testid="connection-status">
        {status ? connectionWords(status) : 'No account'}
      </span>
      {status && status.pendingChanges > 0 && (
        <span className="pending" data-testid="pending-changes">
          {count(status.pendingChanges, 'change')} waiting to reach the server
        </span>
      )}
      {showProgress && (
        <span className="sync-progress">
          <label htmlFor="sync-progress">
            {progress.phase === 'download'
              ? `Downloading messages: ${progress.done.toLocaleString()} of ${progress.total.toLocaleString()}${progress.bytesTotal ? ` (${formatOctets(progress.bytesDone ?? 0)} of ${formatOctets(progress.bytesTotal)})` : ''}`
              : `Downloading headers of ${progress.folderPath}: ${progress.done.toLocaleString()} of ${progress.total.toLocaleString()}`}
          </label>
          <progress id="sync-progress" max={progress.bytesTotal ?? progress.total} value={progress.bytesDone ?? progress.done} />
        </span>
      )}
    </footer>
  );
}
