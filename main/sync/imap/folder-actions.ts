import type { CacheOp } from '../../../common/cache-protocol';
import type { DeviceCacheAccess } from '../backend';
import type { ConnectionSupervisor } from './connection-supervisor';
import { listServerFolders } from './folder-list';
import type { FolderStates } from './folder-states';

/**
 * The server's folder list (LIST with SPECIAL-USE and STATUS, refreshed on connect and
 * periodically) and the user's folder commands. Creating, renaming and deleting need the
 * server now: they are not queued offline.
 */
export class FolderActions {
  constructor(
    private readonly cache: DeviceCacheAccess,
    private readonly connection: ConnectionSupervisor,
    private readonly folders: FolderStates,
  ) {}

  refreshList(): Promise<void> {
    return this.connection.runTask(
      'sync',
      'list folders',
      async () => {
        const { folders, removedIds } = await listServerFolders(this.connection.requireClient(), this.folders.all());
        const ops: CacheOp[] = [{ op: 'putFolders', folders }, ...removedIds.map((id): CacheOp => ({ op: 'deleteFolder', id }))];
        await this.cache.apply(ops);
        this.folders.replaceAll(folders);
      },
      'folder-list',
    );
  }

  async create(parentPath: string | null, name: string): Promise<void> {
    const path = parentPath ? `${parentPath}${this.folders.delimiter()}${name}` : name;
    this.connection.requireOnline('createFolder');
    await this.connection.runTask('user', `create ${path}`, async () => {
      await this.connection.requireClient().mailboxCreate(path);
    });
    await this.refreshList();
  }

  async rename(path: string, newName: string): Promise<void> {
    const folder = this.folders.state(path);
    const newPath = folder.parentPath ? `${folder.parentPath}${folder.delimiter}${newName}` : newName;
    this.connection.requireOnline('renameFolder');
    await this.connection.runTask('user', `rename ${path}`, async () => {
      await this.connection.requireClient().mailboxRename(path, newPath);
      await this.cache.apply([{ op: 'deleteFolder', id: folder.id }]);
      this.folders.delete(path);
    });
    if (this.folders.selectedPath === path) this.folders.selectedPath = newPath;
    await this.refreshList();
  }

  async delete(path: string): Promise<void> {
    const folder = this.folders.state(path);
    this.connection.requireOnline('deleteFolder');
    await this.connection.runTask('user', `delete ${path}`, async () => {
      await this.connection.requireClient().mailboxDelete(path);
      await this.cache.apply([{ op: 'deleteFolder', id: folder.id }]);
      this.folders.delete(path);
    });
    if (this.folders.selectedPath === path) this.folders.selectedPath = 'INBOX';
    await this.refreshList();
  }
}
