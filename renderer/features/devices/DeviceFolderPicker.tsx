import { useMemo, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { DeviceRef } from '../../../common/contract';
import type { FolderRecord } from '../../../common/model/mail';
import { ErrorText } from '../../ui/ErrorText';
import { useCommand } from '../../app/use-command';
import { useUnreadCounts } from '../../cache/hooks';
import { depth, sortFolders } from '../folder-list/FolderList';
import { folderName } from '../../i18n/folder-names';

interface DeviceFolderPickerProps {
  device: DeviceRef & { dbName: string; name: string };
  folders: FolderRecord[];
  selected: FolderRecord | null;
  onSelect: (folder: FolderRecord) => void;
}

/**
 * A device's folders with unread counts, compact enough for a column, and "New folder". The count
 * is a bare number, "Inbox (11)", as mail programs write it: "(11 unread)" was cut off in a
 * 1024-pixel window, and the line under the picker says "11 unread" in words.
 */
export function DeviceFolderPicker({ device, folders, selected, onSelect }: DeviceFolderPickerProps) {
  const intl = useIntl();
  const sorted = useMemo(() => sortFolders(folders), [folders]);
  const unread = useUnreadCounts(device.dbName);
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const create = useCommand('folder:create');

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!(await create.attempt({ accountId: device.accountId, deviceId: device.deviceId, parentPath: null, name: name.trim() }))) return;
    setCreating(false);
    setName('');
  };

  return (
    <div className="folder-picker">
      <select
        aria-label={intl.formatMessage({ id: 'devices.folders.label', defaultMessage: 'Folder on {device}' }, { device: device.name })}
        value={selected?.id ?? ''}
        onChange={(e) => {
          const folder = sorted.find((f) => f.id === e.target.value);
          if (folder) onSelect(folder);
        }}
      >
        {sorted.length === 0 && <option value="">{intl.formatMessage({ id: 'devices.folders.none', defaultMessage: 'No folders yet' })}</option>}
        {sorted.map((f) => {
          const count = unread?.get(f.id) ?? 0;
          // No words: the indent, the folder's own name and the bare count.
          const line = `${'\u2003'.repeat(depth(f))}${folderName(f)}${count ? ` (${count})` : ''}`;
          return (
            <option key={f.id} value={f.id} disabled={f.noSelect}>
              {line}
            </option>
          );
        })}
      </select>
      <button type="button" className="small" onClick={() => setCreating(true)} aria-label={intl.formatMessage({ id: 'devices.folders.newLabel', defaultMessage: 'New folder on {device}' }, { device: device.name })}>
        <FormattedMessage id="devices.folders.new" defaultMessage="New folder" />
      </button>
      {creating && (
        <form className="inline-form" onSubmit={(e) => void submit(e)} aria-label={intl.formatMessage({ id: 'devices.folders.newLabel', defaultMessage: 'New folder on {device}' }, { device: device.name })}>
          <input aria-label={intl.formatMessage({ id: 'devices.folders.newName', defaultMessage: 'New folder name' })} required autoFocus value={name} onChange={(e) => setName(e.target.value)} />
          <button type="button" onClick={() => setCreating(false)} disabled={create.pending}>
            <FormattedMessage id="devices.common.cancel" defaultMessage="Cancel" />
          </button>
          <button type="submit" className="primary" disabled={create.pending}>
            <FormattedMessage id="devices.folders.create" defaultMessage="Create" />
          </button>
        </form>
      )}
      <ErrorText error={create.error} onDismiss={() => create.clearError()} />
    </div>
  );
}
