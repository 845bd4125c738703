import { messageKey, problemRecord, type MessageRecord } from '../../../common/model/mail';

/**
 * The list row of a message whose FETCH answer could not be read: its UID and why, so the good
 * messages around it show and this one says what is wrong instead of blocking the folder. Its
 * flags come from the next flag sync (a FLAGS-only fetch, which does not carry the broken data).
 */
export function unreadableRecord(folderId: string, uid: number, reason: string): MessageRecord {
  return problemRecord({ id: messageKey(folderId, uid), folderId, uid, popUidl: null, date: 0, size: 0, problem: `The server's answer for this message could not be read: ${reason} (UID ${uid}).` });
}
