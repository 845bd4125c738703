import type { ReactNode } from 'react';
import { defineMessages, FormattedMessage, useIntl, type MessageDescriptor } from 'react-intl';
import type { FolderRecord } from '../../../common/model/mail';
import type { BulkAction, BulkProgress } from '../../app/message-actions';
import { keyName } from '../../i18n/key-names';


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

const labels = defineMessages({
  read: { id: 'messageList.bulk.read', defaultMessage: 'Mark read' },
  unread: { id: 'messageList.bulk.unread', defaultMessage: 'Mark unread' },
  flag: { id: 'messageList.bulk.flag', defaultMessage: 'Flag' },
  unflag: { id: 'messageList.bulk.unflag', defaultMessage: 'Unflag' },
  archive: { id: 'messageList.bulk.archive', defaultMessage: 'Archive' },
  delete: { id: 'messageList.bulk.delete', defaultMessage: 'Delete' },
});

const ACTIONS: ReadonlyArray<{ action: BulkAction; label: MessageDescriptor; key?: string; keyLabel?: string; destructive?: boolean }> = [
  { action: 'read', label: labels.read, key: 'u', keyLabel: 'u' },
  { action: 'unread', label: labels.unread, key: 'u', keyLabel: 'u' },
  { action: 'flag', label: labels.flag, key: 's', keyLabel: 's' },
  { action: 'unflag', label: labels.unflag, key: 's', keyLabel: 's' },
  { action: 'archive', label: labels.archive, key: 'e', keyLabel: 'e' },
  { action: 'delete', label: labels.delete, key: '# Delete', keyLabel: '#', destructive: true },
];

/** The keys in a hint, as <kbd>. */
const kbd = (chunks: ReactNode[]) => <kbd>{chunks}</kbd>;

/**
 * What the reader shows while several messages are selected: how many, and what can be done to
 * them all, with the keys that do it. The count covers rows never rendered (a Ctrl/Cmd+A of 100,000).
 */
export function BulkPanel({ count, folders, folderId, busy, onBulk, onMove, onClear, withKeys, acrossAccounts = null, noDrag = false }: BulkPanelProps) {
  const intl = useIntl();
  const hasArchive = acrossAccounts !== null || folders.some((f) => f.role === 'archive');
  const targets = acrossAccounts !== null ? [] : folders.filter((f) => !f.noSelect && f.id !== folderId);
  return (
    <section className="bulk-panel" aria-label={intl.formatMessage({ id: 'messageList.bulk.label', defaultMessage: 'Selected messages' })}>
      <h2 aria-live="polite">
        {acrossAccounts === null ? (
          <FormattedMessage id="messageList.bulk.selected" defaultMessage="{count, plural, one {# message selected} other {# messages selected}}" values={{ count }} />
        ) : (
          <FormattedMessage
            id="messageList.bulk.selectedAcrossAccounts"
            defaultMessage="{count, plural, one {# message selected in {accounts, number} accounts} other {# messages selected in {accounts, number} accounts}}"
            values={{ count, accounts: acrossAccounts }}
          />
        )}
      </h2>
      <div className="bulk-actions" role="toolbar" aria-label={intl.formatMessage({ id: 'messageList.bulk.actions', defaultMessage: 'Actions on the selected messages' })}>
        {ACTIONS.map(({ action, label, key, keyLabel, destructive }) => (
          <button
            key={action}
            type="button"
            className={`small${destructive ? ' destructive' : ''}`}
            disabled={busy || (action === 'archive' && !hasArchive)}
            title={action === 'archive' && !hasArchive ? intl.formatMessage({ id: 'messageList.bulk.noArchive', defaultMessage: 'This account has no Archive folder' }) : undefined}
            aria-keyshortcuts={withKeys ? key : undefined}
            onClick={() => onBulk(action)}
          >
            {intl.formatMessage(label)}
            {withKeys && keyLabel && <kbd>{keyLabel}</kbd>}
          </button>
        ))}
        {targets.length > 0 && (
        <select aria-label={intl.formatMessage({ id: 'messageList.bulk.moveLabel', defaultMessage: 'Move the selected messages to' })} value="" disabled={busy} onChange={(e) => e.target.value && onMove(e.target.value)}>
          <option value="">{intl.formatMessage({ id: 'messageList.bulk.moveTo', defaultMessage: 'Move to…' })}</option>
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
            <FormattedMessage id="messageList.bulk.hintMark" defaultMessage="<kbd>u</kbd> and <kbd>s</kbd> mark all read or flagged, or all the other way when most already are." values={{ kbd }} />{' '}
            <FormattedMessage
              id="messageList.bulk.hintSelect"
              defaultMessage="{drag, select, no {<kbd>{shift}</kbd>+<kbd>J</kbd>/<kbd>K</kbd> extends the selection, <kbd>{mod}</kbd>+<kbd>A</kbd> selects the whole list.} other {<kbd>{shift}</kbd>+<kbd>J</kbd>/<kbd>K</kbd> extends the selection, <kbd>{mod}</kbd>+<kbd>A</kbd> selects the whole list, drag to a folder to move.}}"
              values={{ kbd, shift: keyName('Shift', { intl }), mod: keyName('Mod', { intl }), drag: noDrag ? 'no' : 'yes' }}
            />
            {acrossAccounts !== null && (
              <>
                {' '}
                <FormattedMessage id="messageList.bulk.hintAccounts" defaultMessage="Each account archives to its own Archive; messages of one account can be moved to its folders." />
              </>
            )}{' '}
          </>
        ) : (
          <>
            <FormattedMessage id="messageList.bulk.hintDrag" defaultMessage="Drag the selection to a folder to move it." />{' '}
          </>
        )}
        <button type="button" className="link-button" onClick={onClear}>
          <FormattedMessage id="messageList.bulk.backToOne" defaultMessage="Back to one message" />
        </button>
        {withKeys && (
          <>
            {' '}
            <FormattedMessage id="messageList.bulk.escKey" defaultMessage="(<kbd>Esc</kbd>)" values={{ kbd }} />
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
        <FormattedMessage id="messageList.progress.line" defaultMessage="{doing}: {done, number} of {total, number}" values={{ doing: progress.doing, done: progress.done, total: progress.total }} />
      </span>
      <progress max={progress.total} value={progress.done} aria-hidden="true" />
      <button type="button" className="small" onClick={progress.cancel}>
        <FormattedMessage id="messageList.progress.stop" defaultMessage="Stop" />
      </button>
    </div>
  );
}
