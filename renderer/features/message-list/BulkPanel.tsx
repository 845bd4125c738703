import type { FolderRecord } from '../../../common/model/mail';
import type { BulkAction, BulkProgress } from '../../app/message-actions';

/** Ctrl on Windows and Linux, ⌘ on a Mac: what the user presses for "Mod". */
export const MOD_KEY = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

interface BulkPanelProps {
  count: number;
  folders: readonly FolderRecord[];
  /** The folder shown, left out of "Move to…". */
  folderId: string | null;
  busy: boolean;
  onBulk: (action: BulkAction) => void;
  onMove: (folderPath: string) => void;
  /** Escape: back to the focused message alone. */
  onClear: () => void;
  /** Whether the keys of the three panes apply (a device column has none but its list's). */
  withKeys: boolean;
  /**
   * In a list over every account, how many accounts the selection spans when more than one: each
   * archives to its own Archive, and there is no one folder to move them all to.
   */
  acrossAccounts?: number | null;
  /** In a list over every account: no folder of the sidebar takes a drag of it. */
  noDrag?: boolean;
}

const ACTIONS: ReadonlyArray<{ action: BulkAction; label: string; key?: string; keyLabel?: string; destructive?: boolean }> = [
  { action: 'read', label: 'Mark read', key: 'u', keyLabel: 'u' },
  { action: 'unread', label: 'Mark unread', key: 'u', keyLabel: 'u' },
  { action: 'flag', label: 'Flag', key: 's', keyLabel: 's' },
  { action: 'unflag', label: 'Unflag', key: 's', keyLabel: 's' },
  { action: 'archive', label: 'Archive', key: 'e', keyLabel: 'e' },
  { action: 'delete', label: 'Delete', key: '# Delete', keyLabel: '#', destructive: true },
];

/**
 * What the reader shows while several messages are selected: how many, and what can be done to
 * them all, with the keys that do it. The count covers rows never rendered (a Ctrl/Cmd+A of 100,000).
 */
export function BulkPanel({ count, folders, folderId, busy, onBulk, onMove, onClear, withKeys, acrossAccounts = null, noDrag = false }: BulkPanelProps) {
  const hasArchive = acrossAccounts !== null || folders.some((f) => f.role === 'archive');
  const targets = acrossAccounts !== null ? [] : folders.filter((f) => !f.noSelect && f.id !== folderId);
  return (
    <section className="bulk-panel" aria-label="Selected messages">
      <h2 aria-live="polite">
        {count.toLocaleString()} messages selected{acrossAccounts !== null && ` in ${acrossAccounts.toLocaleString()} accounts`}
      </h2>
      <div className="bulk-actions" role="toolbar" aria-label="Actions on the selected messages">
        {ACTIONS.map(({ action, label, key, keyLabel, destructive }) => (
          <button
            key={action}
            type="button"
            className={`small${destructive ? ' destructive' : ''}`}
            disabled={busy || (action === 'archive' && !hasArchive)}
            title={action === 'archive' && !hasArchive ? 'This account has no Archive folder' : undefined}
            aria-keyshortcuts={withKeys ? key : undefined}
            onClick={() => onBulk(action)}
          >
            {label}
            {withKeys && keyLabel && <kbd>{keyLabel}</kbd>}
          </button>
        ))}
        {targets.length > 0 && (
        <select aria-label="Move the selected messages to" value="" disabled={busy} onChange={(e) => e.target.value && onMove(e.target.value)}>
          <option value="">Move to…</option>
          {targets.map((f) => (
            <option key={f.id} value={f.path}>
              {f.path}
            </option>
          ))}
        </select>
        )}
      </div>
      <p className="muted bulk-hint">
        {withKeys ? (
          <>
            <kbd>u</kbd> and <kbd>s</kbd> mark all read or flagged, or all the other way when most already are. <kbd>Shift</kbd>+<kbd>J</kbd>/<kbd>K</kbd> extends the selection, <kbd>{MOD_KEY}</kbd>+<kbd>A</kbd> selects the whole list
            {noDrag ? '.' : ', drag to a folder to move.'}
            {acrossAccounts !== null && ' Each account archives to its own Archive; messages of one account can be moved to its folders.'}{' '}
          </>
        ) : (
          <>Drag the selection to a folder to move it. </>
        )}
        <button type="button" className="link-button" onClick={onClear}>
          Back to one message
        </button>
        {withKeys && (
          <>
            {' '}
            (<kbd>Esc</kbd>)
          </>
        )}
      </p>
    </section>
  );
}

/** A bulk action under way in chunks: "Marking read: 4,000 of 10,000", with a stop. */
export function BulkProgressLine({ progress }: { progress: BulkProgress | null }) {
  if (!progress) return null;
  return (
    <div className="bulk-progress" role="status">
      <span>
        {progress.doing}: {progress.done.toLocaleString()} of {progress.total.toLocaleString()}
      </span>
      <progress max={progress.total} value={progress.done} aria-hidden="true" />
      <button type="button" className="small" onClick={progress.cancel}>
        Stop
      </button>
    </div>
  );
}
