import Dexie from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import type { MessageRecord } from '../../../common/model/mail';
import { readDb } from '../../cache/read-db';

/** At most this many local messages are compared (the server views are capped too). */
const MAX_LOCAL = 2_000;

/**
 * A folder's cached messages from `fromUid` up (the oldest UID the server view lists), and the
 * placeholders of moves into it that the server has not confirmed yet.
 */
export function useFolderMessagesFromUid(dbName: string, folderId: string, fromUid: number): MessageRecord[] | undefined {
  return useLiveQuery(async () => {
    const db = readDb(dbName);
    const [withUid, placeholders] = await Promise.all([
      db.messages.where('[folderId+uid]').between([folderId, fromUid], [folderId, Dexie.maxKey]).limit(MAX_LOCAL).toArray(),
      db.messages.where(':id').startsWith('pending:').filter((m) => m.folderId === folderId).toArray(),
    ]);
    return [...placeholders, ...withUid];
  }, [dbName, folderId, fromUid]);
}

/** Every message of a (POP) device, in any folder, up to a limit. */
export function useAllMessages(dbName: string): MessageRecord[] | undefined {
  return useLiveQuery(async () => readDb(dbName).messages.limit(MAX_LOCAL).toArray(), [dbName]);
}
