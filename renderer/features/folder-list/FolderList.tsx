import { useMemo, useState, type DragEvent, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { DeviceRef } from '../../../common/contract';
import type { FolderRecord, FolderRole } from '../../../common/model/mail';
import { ErrorText } from '../../ui/ErrorText';
import { useCommand } from '../../app/use-command';
import { useFolders, useUnreadCounts } from '../../cache/hooks';
import { folderName } from '../../i18n/folder-names';

export const MESSAGE_DRAG_TYPE = 'application/x-porthole-messages';

const ROLE_ORDER: Array<FolderRole | null> = ['inbox', 'drafts', 'sent', 'archive', 'junk', 'trash'];

/** Standard folders first (Inbox, Drafts, Sent …), then the rest by path. */
export function sortFolders(folders: FolderRecord[]): FolderRecord[] {
  const rank = (f: FolderRecord): number => {
    const index = ROLE_ORDER.indexOf(f.role);
    return index === -1 ? ROLE_ORDER.length : index;
  };
  return [...folders].sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
}

/** The ids a message drag carries (a JSON list of strings), or null for anything else dropped here. */
export function draggedIds(data: string): string[] | null {
  if (!data) return null;
  try {
    const value: unknown = JSON.parse(data);
    return Array.isArray(value) && value.length > 0 && value.every((id) => typeof id === 'string') ? value : null;
  } catch {
    return null;
  }
}

/**
 * What a drag of messages carries: entry keys (renderer/cache/unified.ts `entryKey`: the cache's
 * name and the message's id), since message ids repeat across accounts. Those of this cache are
 * its messages (`own`); the others (`foreign`) belong to another account or device and are never
 * moved here.
 */
export function ownDraggedIds(keys: readonly string[], dbName: string): { own: string[]; foreign: number } {
  const prefix = `${dbName}\n`;
  const own = keys.filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
  return { own, foreign: keys.length - own.length };
}

/** How deep a folder sits in the tree (0 for top-level folders). */
export function depth(folder: FolderRecord): number {
  return folder.parentPath ? folder.parentPath.split(folder.delimiter).length : 0;
}

interface FolderListProps {
  device: DeviceRef & { dbName: string };
  selectedFolderId: string | null;
  onSelect: (folder: FolderRecord) => void;
  onDropMessages: (messageIds: string[], folder: FolderRecord) => void;
}

/** One device's folders with unread counts, and the folder actions (create, rename, delete). */
export function FolderList({ device, selectedFolderId, onSelect, onDropMessages }: FolderListProps) {
  const intl = useIntl();
  const folders = useFolders(device.dbName);
  const sorted = useMemo(() => sortFolders(folders ?? []), [folders]);
  const unread = useUnreadCounts(device.dbName);
  const selected = sorted.find((f) => f.id === selectedFolderId) ?? null;
  const [editing, setEditing] = useState<'create' | 'rename' | 'delete' | null>(null);
  const [name, setName] = useState('');
  const create = useCommand('folder:create');
  const rename = useCommand('folder:rename');
  const remove = useCommand('folder:delete');
  const error = create.error ?? rename.error ?? remove.error;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    // These commands answer null when they succeed: `attempt` says whether they did.
    let done = false;
    if (editing === 'create') done = await create.attempt({ ...device, parentPath: null, name: name.trim() });
    if (editing === 'rename' && selected) done = await rename.attempt({ ...device, path: selected.path, newName: name.trim() });
    if (editing === 'delete' && selected) done = await remove.attempt({ ...device, path: selected.path });
    if (done) setEditing(null);
  };

  const [dropTarget, setDropTarget] = useState<string | null>(null);
  /** How many dropped messages of another account stayed where they are (said until dismissed). */
  const [dropNote, setDropNote] = useState<number | null>(null);
  const onDrop = (event: DragEvent, folder: FolderRecord): void => {
    setDropTarget(null);
    const keys = draggedIds(event.dataTransfer.getData(MESSAGE_DRAG_TYPE));
    if (!keys) return;
    event.preventDefault();
    const { own, foreign } = ownDraggedIds(keys, device.dbName);
    setDropNote(foreign || null);
    if (own.length) onDropMessages(own, folder);
  };

  if (folders === undefined)
    return (
      <p className="muted">
        <FormattedMessage id="folders.loading" defaultMessage="Loading folders…" />
      </p>
    );
  return (
    <nav aria-label={intl.formatMessage({ id: 'folders.label', defaultMessage: 'Folders' })}>
      {sorted.length === 0 && (
        <p className="muted">
          <FormattedMessage id="folders.connecting" defaultMessage="No folders yet: connecting…" />
        </p>
      )}
      <ul className="folder-list">
        {sorted.map((folder) => {
          const count = unread?.get(folder.id) ?? 0;
          return (
            <li key={folder.id} style={{ paddingLeft: `${depth(folder) * 0.9}rem` }}>
              <button
                type="button"
                className={`folder${folder.id === selectedFolderId ? ' selected' : ''}${count > 0 ? ' has-unread' : ''}${folder.id === dropTarget ? ' drop-target' : ''}`}
                aria-current={folder.id === selectedFolderId ? 'true' : undefined}
                aria-label={count ? intl.formatMessage({ id: 'folders.folder.unread', defaultMessage: '{folder}, {count} unread' }, { folder: folderName(folder), count }) : folderName(folder)}
                disabled={folder.noSelect}
                onClick={() => onSelect(folder)}
                onDragOver={(e) => {
                  if (!e.dataTransfer.types.includes(MESSAGE_DRAG_TYPE) || folder.noSelect) return;
                  e.preventDefault();
                  e.dataTransfer.dropEffect = 'move';
                  setDropTarget(folder.id);
                }}
                onDragLeave={() => setDropTarget((now) => (now === folder.id ? null : now))}
                onDrop={(e) => onDrop(e, folder)}
                data-folder-path={folder.path}
              >
                <span className="folder-name">{folderName(folder)}</span>
                {count > 0 && <span className="count">{count}</span>}
              </button>
            </li>
          );
        })}
      </ul>
      <div className="folder-actions">
        <button type="button" onClick={() => (setEditing('create'), setName(''))}>
          <FormattedMessage id="folders.new" defaultMessage="New folder" />
        </button>
        {selected && !selected.role && (
          <>
            <button type="button" onClick={() => (setEditing('rename'), setName(selected.name))}>
              <FormattedMessage id="folders.rename" defaultMessage="Rename" />
            </button>
            <button type="button" className="destructive" onClick={() => setEditing('delete')}>
              <FormattedMessage id="folders.delete" defaultMessage="Delete" />
            </button>
          </>
        )}
      </div>
      {editing && (
        <form
          className="folder-edit"
          onSubmit={(e) => void submit(e)}
          aria-label={
            editing === 'create'
              ? intl.formatMessage({ id: 'folders.new', defaultMessage: 'New folder' })
              : editing === 'rename'
                ? intl.formatMessage({ id: 'folders.edit.renameLabel', defaultMessage: 'Rename folder' })
                : intl.formatMessage({ id: 'folders.edit.deleteLabel', defaultMessage: 'Delete folder' })
          }
        >
          {editing === 'delete' ? (
            <p>
              <FormattedMessage id="folders.edit.deleteQuestion" defaultMessage="Delete “{folder}” and every message in it, on the server?" values={{ folder: selected ? folderName(selected) : '' }} />
            </p>
          ) : (
            <>
              <label htmlFor="folder-name">
                {editing === 'create' ? (
                  <FormattedMessage id="folders.edit.newName" defaultMessage="New folder name" />
                ) : (
                  <FormattedMessage id="folders.edit.rename" defaultMessage="New name" />
                )}
              </label>
              <input id="folder-name" autoFocus required value={name} onChange={(e) => setName(e.target.value)} />
            </>
          )}
          <div className="form-actions">
            <button type="button" onClick={() => setEditing(null)}>
              <FormattedMessage id="folders.edit.cancel" defaultMessage="Cancel" />
            </button>
            {/* Deleting destroys mail: a red, secondary button, never the blue one that invites a click. */}
            <button type="submit" className={editing === 'delete' ? 'destructive' : 'primary'} disabled={create.pending || rename.pending || remove.pending}>
              {editing === 'create' ? (
                <FormattedMessage id="folders.edit.create" defaultMessage="Create" />
              ) : editing === 'rename' ? (
                <FormattedMessage id="folders.rename" defaultMessage="Rename" />
              ) : (
                <FormattedMessage id="folders.edit.deleteLabel" defaultMessage="Delete folder" />
              )}
            </button>
          </div>
        </form>
      )}
      <ErrorText error={error} onDismiss={() => (create.clearError(), rename.clearError(), remove.clearError())} />
      {dropNote !== null && (
        <p className="muted drop-note" role="status">
          <FormattedMessage
            id="folders.drop.foreign"
            defaultMessage="{count, plural, one {# message of another account stayed where it is: a message moves only to a folder of its own account.} other {# messages of another account stayed where they are: a message moves only to a folder of its own account.}}"
            values={{ count: dropNote }}
          /> <button type="button" className="link-button" onClick={() => setDropNote(null)}>
            <FormattedMessage id="folders.drop.ok" defaultMessage="OK" />
          </button>
        </p>
      )}
    </nav>
  );
}
