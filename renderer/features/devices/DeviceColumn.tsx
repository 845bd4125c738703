import { useEffect, useRef, useState } from 'react';
import type { DeviceStatus, SyncProgress } from '../../../common/contract';
import type { AccountSummary, DeviceSummary } from '../../../common/model/account';
import { FLAG_FLAGGED, FLAG_SEEN, type FolderRecord } from '../../../common/model/mail';
import type { WireError } from '../../../common/result';
import { Dialog } from '../../ui/Dialog';
import { ErrorBoundary } from '../../ui/ErrorBoundary';
import { ErrorText } from '../../ui/ErrorText';
import { count, modeName } from '../../app/format';
import { invoke, useCommand } from '../../app/use-command';
import { useMarkReadSetting } from '../../app/use-mark-read-setting';
import { useMessageOpener } from '../../app/use-message-opener';
import { useFolderCounts, useFolders, useMessage, useMessageIds } from '../../cache/hooks';
import { MessageList } from '../message-list/MessageList';
import { DeviceActions, type DeviceAction } from './DeviceActions';
import { DeviceFolderPicker } from './DeviceFolderPicker';
import { DeviceStatusLine } from './DeviceStatusLine';
import { MiniReader } from './MiniReader';
import { ModeBadge } from '../../ui/ModeBadge';
import { SwitchModeDialog } from './SwitchModeDialog';
import { SwitchingNote } from './SwitchingNote';

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
  return (
    <ErrorBoundary what={`The device ${props.device.name}`} className="device-column" label={`Device ${props.device.name}`} resetKey={props.folderId}>
      <DeviceColumnContent {...props} />
    </ErrorBoundary>
  );
}

function DeviceColumnContent({ account, device, status, progress, folderId, onSelectFolder, onCompose }: DeviceColumnProps) {
  const ref = { accountId: account.id, deviceId: device.id };
  const folders = useFolders(device.dbName);
  const folder = folders?.find((f) => f.id === folderId) ?? folders?.find((f) => f.role === 'inbox') ?? null;
  const ids = useMessageIds(device.dbName, folder?.id ?? null);
  const counts = useFolderCounts(device.dbName, folder?.id ?? null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const message = useMessage(device.dbName, selectedId) ?? null;
  const [openError, setOpenError] = useState<string | null>(null);
  const [actionError, setActionError] = useState<WireError | null>(null);
  const [busy, setBusy] = useState(false);
  const [switching, setSwitching] = useState(false);
  const check = useCommand('device:sync');
  const other = device.mode === 'imap' ? 'pop3' : 'imap';
  const [markReadSetting] = useMarkReadSetting();
  const openMessage = useMessageOpener(markReadSetting, (error, during) => (during === 'open' ? setOpenError(error.message) : setActionError(error)));
  /** The message shown now, for a mark-read timer that fires later. */
  const shownNow = useRef<string | null>(null);
  useEffect(() => {
    shownNow.current = selectedId;
  });

  /** Only the user selects here (nothing is selected by itself), so the setting alone decides. */
  const open = (messageId: string | null): void => {
    setSelectedId(messageId);
    setOpenError(null);
    openMessage(ref, messageId, 'user', () => shownNow.current);
  };

  const selectFolder = (target: FolderRecord): void => {
    onSelectFolder(target);
    setSelectedId(null);
    void invoke('folder:select', { ...ref, folderPath: target.path }).then((r) => !r.ok && setActionError(r.error));
  };

  /**
   * Runs one action on the selected message; its error stays in this column. A message that
   * leaves the folder is not replaced by opening the next one: that would mark it read, and
   * here every read is an experiment the user makes on purpose.
   */
  const run = async (work: () => Promise<{ ok: true } | { ok: false; error: WireError }>, leaves: boolean): Promise<void> => {
    if (!message) return;
    const actedOn = message.id;
    setBusy(true);
    setActionError(null);
    const result = await work();
    setBusy(false);
    if (!result.ok) setActionError(result.error);
    // Only if it is still selected: the user may have clicked another message meanwhile.
    else if (leaves) setSelectedId((current) => (current === actedOn ? null : current));
  };

  const act = (action: DeviceAction): void => {
    if (!message) return;
    const target = { ...ref, messageIds: [message.id] };
    const toggle = (flag: string, on: boolean) => () => invoke('messages:flag', on ? { ...target, add: [], remove: [flag] } : { ...target, add: [flag], remove: [] });
    if (action === 'toggleRead') void run(toggle(FLAG_SEEN, message.seen === 1), false);
    if (action === 'toggleFlag') void run(toggle(FLAG_FLAGGED, message.flagged === 1), false);
    if (action === 'delete') void run(() => invoke('messages:delete', target), true);
  };

  return (
    <section className="device-column" aria-label={`Device ${device.name}`}>
      <header className="column-header">
        <h2>{device.name}</h2>
        <ModeBadge mode={device.mode} />
        <SwitchingNote device={device} />
        <span className="column-buttons">
          <button type="button" className="small" onClick={() => void check.run(ref)} disabled={check.pending} aria-label={`Check mail on ${device.name}`}>
            Check mail
          </button>
          <button type="button" className="small" onClick={onCompose} aria-label={`Compose on ${device.name}`}>
            Compose
          </button>
          <button type="button" className="small" onClick={() => setSwitching(true)} aria-label={`Switch ${device.name} to ${modeName(other)}`}>
            Switch to {modeName(other)}…
          </button>
        </span>
      </header>
      <ErrorText error={check.error} onDismiss={() => check.clearError()} />
      {folders && <DeviceFolderPicker device={{ ...ref, dbName: device.dbName, name: device.name }} folders={folders} selected={folder} onSelect={selectFolder} />}
      <p className="muted folder-counts" data-testid="folder-counts">
        {folder && counts ? `${folder.name}: ${count(counts.total, 'message')}, ${counts.unread.toLocaleString()} unread` : 'Loading…'}
      </p>
      <div className="column-list">
        <ErrorBoundary what="The message list" resetKey={folder?.id}>
          <MessageList dbName={device.dbName} folderName={folder?.name ?? 'this folder'} ids={ids} selectedId={selectedId} onSelect={open} onOpen={open} />
        </ErrorBoundary>
      </div>
      <DeviceActions
        deviceName={device.name}
        message={message}
        folders={folders ?? []}
        busy={busy}
        onAction={act}
        onMove={(path) => message && void run(() => invoke('messages:move', { ...ref, messageIds: [message.id], toPath: path }), true)}
      />
      <ErrorText error={actionError} onDismiss={() => setActionError(null)} />
      <ErrorBoundary what="This message" resetKey={selectedId}>
        <MiniReader dbName={device.dbName} message={message} openError={openError} />
      </ErrorBoundary>
      <DeviceStatusLine status={status} progress={progress} />
      {switching && (
        <Dialog label={`Switch the mode of ${device.name}`} onClose={() => setSwitching(false)}>
          <SwitchModeDialog account={account} device={device} onClose={() => setSwitching(false)} />
        </Dialog>
      )}
    </section>
  );
}
