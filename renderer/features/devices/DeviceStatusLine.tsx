import { FormattedMessage } from 'react-intl';
import type { DeviceStatus, SyncProgress } from '../../../common/contract';
import { connectionWords } from '../status/connection-words';

/** One device's connection, waiting changes and progress, in one line under its column. */
export function DeviceStatusLine({ status, progress }: { status: DeviceStatus | null; progress: SyncProgress | null }) {
  const working = progress && progress.phase !== 'done' && progress.total > 0;
  return (
    <footer className="device-status">
      <span className={`connection ${status?.connection ?? 'offline'}`} role="status" aria-live="polite" data-testid="device-status">
        {status ? connectionWords(status) : <FormattedMessage id="devices.status.noNews" defaultMessage="No news from this device yet" />}
      </span>
      {status && status.pendingChanges > 0 && (
        <span className="pending">
          <FormattedMessage
            id="devices.status.pending"
            defaultMessage="{count, plural, one {# change waiting to reach the server} other {# changes waiting to reach the server}}"
            values={{ count: status.pendingChanges }}
          />
        </span>
      )}
      {working && (
        <span className="muted">
          <FormattedMessage
            id="devices.status.progress"
            defaultMessage="{phase, select, download {Downloading} other {Headers of {folder}}}: {done} of {total}"
            values={{ phase: progress.phase, folder: progress.folderPath, done: progress.done, total: progress.total }}
          />
        </span>
      )}
    </footer>
  );
}
