import { useMemo, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { DeviceStatus, SyncProgress } from '../../../common/contract';
import type { AccountSummary, DeviceSummary } from '../../../common/model/account';
import type { FolderRecord } from '../../../common/model/mail';
import type { WireError } from '../../../common/result';
import { Dialog } from '../../ui/Dialog';
import { ErrorBoundary } from '../../ui/ErrorBoundary';
import { ErrorText } from '../../ui/ErrorText';
import { modeName } from '../../app/format';
import { invoke, useCommand } from '../../app/use-command';
import { useDeviceView } from '../../app/use-device-view';
import { useUndo } from '../undo/use-undo';
import { useFolderCounts, useFolders, useMessageIds } from '../../cache/hooks';
import { BulkPanel, BulkProgressLine } from '../message-list/BulkPanel';
import { MessageList } from '../message-list/MessageList';
import { DeviceActions } from './DeviceActions';
import { DeviceFolderPicker } from './DeviceFolderPicker';
import { DeviceStatusLine } from './DeviceStatusLine';
import { MiniReader } from './MiniReader';
import { ModeBadge } from '../../ui/ModeBadge';
import { SwitchModeDialog } from './SwitchModeDialog';
import { SwitchingNote } from './SwitchingNote';
import { folderName } from '../../i18n/folder-names';

interface DeviceColumnProps {
  account: AccountSummary;
  device: DeviceSummary;
  status: DeviceStatus | null;
  progress: SyncProgress | null;
  /** The folder shown (null: the device's inbox); kept by the layout so the server panel can follow it. */
  folderId: string | null;
  onSelectFolder: (folder: FolderRecord) => void;
  onCompose: () => void;
}

/**
 * One device as a column: its folders, its own message list and reader, actions on the selected
 * message and its status, all read live from the device's own cache.
 */
export function DeviceColumn(props: DeviceColumnProps) {
  const intl = useIntl();
  return (
    <ErrorBoundary
      what={intl.formatMessage({ id: 'devices.column.paneName', defaultMessage: 'The device {device}' }, { device: props.device.name })}
      className="device-column"
      label={intl.formatMessage({ id: 'devices.common.deviceLabel', defaultMessage: 'Device {device}' }, { device: props.device.name })}
      resetKey={props.folderId}
    >
      <DeviceColumnContent {...props} />
    </ErrorBoundary>
  );
}

function DeviceColumnContent({ account, device, status, progress, folderId, onSelectFolder, onCompose }: DeviceColumnProps) {
  const intl = useIntl();
  const ref = useMemo(() => ({ accountId: account.id, deviceId: device.id }), [account.id, device.id]);
  const folders = useFolders(device.dbName);
  const folder = folders?.find((f) => f.id === folderId) ?? folders?.find((f) => f.role === 'inbox') ?? null;
  const ids = useMessageIds(device.dbName, folder?.id ?? null);
  const counts = useFolderCounts(device.dbName, folder?.id ?? null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [actionError, setActionError] = useState<WireError | null>(null);
  const [switching, setSwitching] = useState(false);
  const check = useCommand('device:sync');
  const other = device.mode === 'imap' ? 'pop3' : 'imap';
  // Only the user selects here: a message that leaves the folder is not replaced by the next one,
  // which opening would mark read; here every read is an experiment the user makes on purpose.
  const undo = useUndo();
  const view = useDeviceView({
    device: ref,
    dbName: device.dbName,
    ids,
    listKey: folder?.id ?? '',
    archivePath: folders?.find((f) => f.role === 'archive')?.path ?? null,
    selectedId,
    onSelected: setSelectedId,
    afterLeaving: 'nothing',
    readerShows: true,
    onFailure: setActionError,
    onActionStart: () => setActionError(null),
    onUndoable: undo.offer,
  });
  const { message, openError, busy, select, act, move } = view;
  const manySelected = view.selection.count > 1;
  const open = (messageId: string | null): void => select(messageId);

  const selectFolder = (target: FolderRecord): void => {
    onSelectFolder(target);
    setSelectedId(null);
    void invoke('folder:select', { ...ref, folderPath: target.path }).then((r) => !r.ok && setActionError(r.error));
  };

  return (
    <section className="device-column" aria-label={intl.formatMessage({ id: 'devices.common.deviceLabel', defaultMessage: 'Device {device}' }, { device: device.name })}>
      {undo.toast}
      <header className="column-header">
        <h2>{device.name}</h2>
        <ModeBadge mode={device.mode} />
        <SwitchingNote device={device} />
        <span className="column-buttons">
          <button type="button" className="small" onClick={() => void check.run(ref)} disabled={check.pending} aria-label={intl.formatMessage({ id: 'devices.column.checkMailLabel', defaultMessage: 'Check mail on {device}' }, { device: device.name })}>
            <FormattedMessage id="devices.column.checkMail" defaultMessage="Check mail" />
          </button>
          <button type="button" className="small" onClick={onCompose} aria-label={intl.formatMessage({ id: 'devices.column.composeLabel', defaultMessage: 'Compose on {device}' }, { device: device.name })}>
            <FormattedMessage id="devices.column.compose" defaultMessage="Compose" />
          </button>
          <button type="button" className="small" onClick={() => setSwitching(true)} aria-label={intl.formatMessage({ id: 'devices.switch.label', defaultMessage: 'Switch {device} to {mode}' }, { device: device.name, mode: modeName(other) })}>
            <FormattedMessage id="devices.switch.open" defaultMessage="Switch to {mode}…" values={{ mode: modeName(other) }} />
          </button>
        </span>
      </header>
      <ErrorText error={check.error} onDismiss={() => check.clearError()} />
      {folders && <DeviceFolderPicker device={{ ...ref, dbName: device.dbName, name: device.name }} folders={folders} selected={folder} onSelect={selectFolder} />}
      <p className="muted folder-counts" data-testid="folder-counts">
        {folder && counts ? (
          <FormattedMessage
            id="devices.column.folderCounts"
            defaultMessage="{folder}: {total, plural, one {# message} other {# messages}}, {unread, number} unread"
            values={{ folder: folderName(folder), total: counts.total, unread: counts.unread }}
          />
        ) : (
          <FormattedMessage id="devices.column.loading" defaultMessage="Loading…" />
        )}
      </p>
      <div className="column-list">
        <ErrorBoundary what={intl.formatMessage({ id: 'devices.column.listPaneName', defaultMessage: 'The message list' })} resetKey={folder?.id}>
          <MessageList
            dbName={device.dbName}
            folderName={(folder ? folderName(folder) : null) ?? intl.formatMessage({ id: 'devices.column.thisFolder', defaultMessage: 'this folder' })}
            ids={ids}
            selectedId={selectedId}
            onSelect={open}
            onOpen={open}
            selection={view.selection}
            onClickRow={view.clickRow}
            dragIds={view.dragIds}
            onListKey={view.onListKey}
          />
        </ErrorBoundary>
      </div>
      <BulkProgressLine progress={view.progress} />
      {manySelected ? (
        <>
          <ErrorText error={actionError} onDismiss={() => setActionError(null)} />
          <BulkPanel
            count={view.selection.count}
            folders={folders ?? []}
            folderId={folder?.id ?? null}
            busy={busy}
            onBulk={view.bulkOnSelection}
            onMove={view.moveSelection}
            onClear={view.collapse}
            withKeys={false}
          />
        </>
      ) : (
        <>
          <DeviceActions
            deviceName={device.name}
            message={message}
            folders={folders ?? []}
            busy={busy}
            onAction={act}
            onMove={(path) => message && move([message.id], path)}
          />
          <ErrorText error={actionError} onDismiss={() => setActionError(null)} />
          <ErrorBoundary what={intl.formatMessage({ id: 'devices.column.messagePaneName', defaultMessage: 'This message' })} resetKey={selectedId}>
            <MiniReader dbName={device.dbName} message={message && view.selection.isSelected(message.id) ? message : null} openError={openError} />
          </ErrorBoundary>
        </>
      )}
      <DeviceStatusLine status={status} progress={progress} />
      {switching && (
        <Dialog label={intl.formatMessage({ id: 'devices.column.switchDialog', defaultMessage: 'Switch the mode of {device}' }, { device: device.name })} onClose={() => setSwitching(false)}>
          <SwitchModeDialog account={account} device={device} onClose={() => setSwitching(false)} />
        </Dialog>
      )}
    </section>
  );
}
