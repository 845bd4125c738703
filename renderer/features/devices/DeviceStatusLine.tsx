import type { DeviceStatus, SyncProgress } from '../../../common/contract';

const LABELS: Record<DeviceStatus['connection'], string> = { online: 'Online', connecting: 'Connecting', offline: 'Offline', error: 'Problem' };

/** One device's connection, waiting changes and progress, in one line under its column. */
export function DeviceStatusLine({ status, progress }: { status: DeviceStatus | null; progress: SyncProgress | null }) {
  const working = progress && progress.phase !== 'done' && progress.total > 0;
  return (
    <footer className="device-status">
      <span className={`connection ${status?.connection ?? 'offline'}`} role="status" aria-live="polite" data-testid="device-status">
        {status ? `${LABELS[status.connection]} — ${status.detail}` : 'No news from this device yet'}
      </span>
      {status && status.pendingChanges > 0 && <span className="pending">{status.pendingChanges} change(s) waiting to reach the server</span>}
      {working && (
        <span className="muted">
          {progress.phase === 'download' ? 'Downloading' : `Headers of ${progress.folderPath}`}: {progress.done} of {progress.total}
        </span>
      )}
    </footer>
  );
}
