import { readFolderIds, unpackIds, type FolderIdsRequest, type PackedIds } from './folder-ids';
import { workerClient } from './worker-client';

const folderIdsWorker = workerClient<FolderIdsRequest, PackedIds>(() => new Worker(new URL('./folder-ids.worker.ts', import.meta.url), { type: 'module', name: 'folder-ids' }));

/** Every id of a folder, newest first, read off the page's thread where there is a worker. */
export async function folderIdsOffPage(dbName: string, folderId: string): Promise<string[]> {
  const packed = folderIdsWorker.ask({ dbName, folderId });
  return packed ? unpackIds(await packed) : readFolderIds(dbName, folderId);
}
