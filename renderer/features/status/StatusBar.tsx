import type { DeviceStatus, SyncProgress } from '../../../common/contract';

const LABELS: Record<DeviceStatus['connection'], string> = { online: 'Online', connecting: 'Connecting', offline: 'Offline', error: 'Problem' };

/** Connection state, changes waiting for the server, and sync progress of the shown device. */
export function StatusBar({ status, progress }: { status: DeviceStatus | null; progress: SyncProgress | null }) {
  const showProgress = progress && progress.phase !== 'done' && progress.total > 0;
  return (
    <footer className="status-bar" aria-label="Status">
      <span className={`connection ${status?.connection ?? 'offline'}`} role="status" aria-live="polite" data-testid="connection-status">
        {status ? `${LABELS[status.connection]} — ${status.detail}` : 'No account'}
      </span>
      {status && status.pendingChanges > 0 && (
        <span className="pending" data-testid="pending-changes">
          {status.pendingChanges} change(s) waiting to reach the server
        </span>
      )}
      {showProgress && (
        <span className="sync-progress">
          <label htmlFor="sync-progress">
            Downloading headers of {progress.folderPath}: {progress.done.toLocaleString()} of {progress.total.toLocaleString()}
          </label>
          <progress id="sync-progress" max={progress.total} value={progress.done} />
        </span>
      )}
    </footer>
  );
}
