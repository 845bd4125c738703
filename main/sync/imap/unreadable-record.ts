import { messageKey, problemRecord, unreadableReasonEnglish, type MessageRecord, type UnreadableReason } from '../../../common/model/mail';

/**
 * The list row of a message whose FETCH answer could not be read: its UID and why, so the good
 * messages around it show and this one says what is wrong instead of blocking the folder. Its
 * flags come from the next flag sync (a FLAGS-only fetch, which does not carry the broken data).
 *
 * Its date is when it was found unreadable (its own date could not be read): it sorts among the
 * mail of that day instead of below all mail at 1/1/1970. The UID leads the text, so a row cut
 * short still says which message it is.
 */
export function unreadableRecord(folderId: string, uid: number, reason: UnreadableReason, foundAt: number): MessageRecord {
  return problemRecord({
    id: messageKey(folderId, uid),
    folderId,
    uid,
    popUidl: null,
    date: foundAt,
    size: 0,
    problem: `UID ${uid}: the server's answer for this message could not be read: ${unreadableReasonEnglish(reason)}.`,
    problemWords: { kind: 'unreadable', uid, reason },
  });
}
