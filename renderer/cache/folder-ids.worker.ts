/** The folder-ids worker: a folder's 100,000 ids read and deserialised off the page's thread. */
import { packIds, readFolderIds, type FolderIdsRequest, type PackedIds } from './folder-ids';
import { serveRequests } from './worker-serve';

serveRequests<FolderIdsRequest, PackedIds>(async ({ dbName, folderId }) => {
  const packed = packIds(await readFolderIds(dbName, folderId));
  return { answer: packed, transfer: [packed.lengths.buffer] };
});
