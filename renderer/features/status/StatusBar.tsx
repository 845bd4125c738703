import { FormattedMessage, useIntl } from 'react-intl';
import type { DeviceStatus, SyncProgress } from '../../../common/contract';
import { sizeText } from '../../i18n/sizes';
import { connectionWords } from './connection-words';

/** Connection state, changes waiting for the server, and sync progress of the shown device. */
export function StatusBar({ status, progress }: { status: DeviceStatus | null; progress: SyncProgress | null }) {
  const intl = useIntl();
  const showProgress = progress && progress.phase !== 'done' && progress.total > 0;
  return (
    <footer className="status-bar" aria-label={intl.formatMessage({ id: 'status.bar.label', defaultMessage: 'Status' })}>
      <span className={`connection ${status?.connection ?? 'offline'}`} role="status" aria-live="polite" data-testid="connection-status">
        {status ? connectionWords(status, intl) : <FormattedMessage id="status.noAccount" defaultMessage="No account" />}
      </span>
      {status && status.pendingChanges > 0 && (
        <span className="pending" data-testid="pending-changes">
          <FormattedMessage
            id="status.pendingChanges"
            defaultMessage="{count, plural, one {# change waiting to reach the server} other {# changes waiting to reach the server}}"
            values={{ count: status.pendingChanges }}
          />
        </span>
      )}
      {showProgress && (
        <span className="sync-progress">
          <label htmlFor="sync-progress">
            {progress.phase === 'download' ? (
              progress.bytesTotal ? (
                <FormattedMessage
                  id="status.progress.downloadBytes"
                  defaultMessage="Downloading messages: {done, number} of {total, number} ({bytesDone} of {bytesTotal})"
                  values={{ done: progress.done, total: progress.total, bytesDone: sizeText(progress.bytesDone ?? 0), bytesTotal: sizeText(progress.bytesTotal) }}
                />
              ) : (
                <FormattedMessage id="status.progress.download" defaultMessage="Downloading messages: {done, number} of {total, number}" values={{ done: progress.done, total: progress.total }} />
              )
            ) : (
              <FormattedMessage
                id="status.progress.headers"
                defaultMessage="Downloading headers of {folder}: {done, number} of {total, number}"
                values={{ folder: progress.folderPath, done: progress.done, total: progress.total }}
              />
            )}
          </label>
          <progress id="sync-progress" max={progress.bytesTotal ?? progress.total} value={progress.bytesDone ?? progress.done} />
        </span>
      )}
    </footer>
  );
}
