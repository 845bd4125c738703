import type { NewMail, NotifySettings } from '../../common/contract';
import { folderAnnounces, NAMED_IN_ANNOUNCEMENT, senderName } from '../../common/model/announcements';
import type { FolderRole, MessageRecord } from '../../common/model/mail';

/**
 * What a device's sync found newly arrived in one folder, before the announcement rules: an IMAP
 * sync's messages above the folder's UIDNEXT of before (never a folder's first sync, a backfill
 * or the refetch after a UIDVALIDITY change, which have no "before"; never a message this device
 * already had, such as one it moved there itself), or what a POP check downloaded (never its first
 * check, which takes the whole maildrop).
 */
export interface Arrival {
  folder: { path: string; role: FolderRole | null };
  messages: MessageRecord[];
}

/**
 * The messages of a sync that are new to this folder: above the UIDNEXT it had before this sync
 * (RFC 3501 §2.3.1.1: UIDs only grow), and not already in the cache under the same id (a message
 * this device moved or copied in itself has been renamed to its new UID from COPYUID, RFC 4315).
 */
export function newToFolder(fetched: readonly MessageRecord[], uidNextBefore: number, cachedIds: ReadonlySet<string>): MessageRecord[] {
  return fetched.filter((m) => m.uid !== null && m.uid >= uidNextBefore && !cachedIds.has(m.id));
}

/**
 * Which arrived messages are announced: unread (seen nowhere: \Seen set means read on another
 * device or client), readable (a message the parser refused has no sender or subject to say), in
 * a folder whose announcements are on. Null when nothing is left. Newest first; at most
 * NAMED_IN_ANNOUNCEMENT are named, `total` counts them all: one announcement per sync batch.
 */
export function announcementOf(arrival: Arrival, ref: { accountId: string; deviceId: string }, settings: NotifySettings): NewMail | null {
  if (!folderAnnounces(settings.accounts[ref.accountId], arrival.folder)) return null;
  const unread = arrival.messages.filter((m) => m.seen === 0 && !m.problem).sort((a, b) => b.date - a.date);
  if (!unread.length) return null;
  return {
    ...ref,
    folderPath: arrival.folder.path,
    total: unread.length,
    messages: unread.slice(0, NAMED_IN_ANNOUNCEMENT).map((m) => ({ messageId: m.id, subject: m.subject, from: senderName(m.from), date: m.date })),
  };
}
