import Dexie from 'dexie';
import type { DeviceSummary } from '../../../common/model/account';
import type { MessageRecord } from '../../../common/model/mail';
import { readDb } from '../../cache/read-db';

/**
 * The message that reached this device's Inbox last: on IMAP the highest UID (RFC 3501 §2.3.1.1:
 * UIDs grow in arrival order), on POP the latest download. Not the latest Date header: the
 * sample mail is dated in its own week, whatever day it is.
 */
export async function latestArrival(device: DeviceSummary): Promise<MessageRecord | null> {
  const db = readDb(device.dbName);
  const inbox = (await db.folders.toArray()).find((f) => f.role === 'inbox');
  if (!inbox) return null;
  if (device.mode === 'imap') {
    return (await db.messages.where('[folderId+uid]').between([inbox.id, Dexie.minKey], [inbox.id, Dexie.maxKey]).last()) ?? null;
  }
  const downloads = (await db.popState.toArray()).filter((s) => s.downloadedAt !== null && s.messageId).sort((a, b) => b.downloadedAt! - a.downloadedAt!);
  for (const state of downloads) {
    const message = await db.messages.get(state.messageId);
    if (message?.folderId === inbox.id) return message;
  }
  return null;
}
