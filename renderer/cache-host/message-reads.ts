import { messageKeyParts, type MessageRecord } from '../../common/model/mail';
import { getByKeys, readFromRange } from './key-runs';
import type { DeviceCache } from './schema';

/**
 * The message records of `ids` that exist, by id, in few IndexedDB requests. Server messages are
 * read per folder as one `[folderId+uid]` range (a selection is mostly a run of one folder's
 * UIDs; the ids' string order, "#10001" before "#9", would make a range of ids hold most of the
 * folder: key-runs.ts); the rest by key. Dexie's bulkGet makes
 * a request per id: two of them over 10,000 selected ids were 0.9 s of the cache host's 6.4 s in a
 * bulk mark-read (bench scenario 10).
 */
export async function messagesById(db: DeviceCache, ids: readonly string[]): Promise<Map<string, MessageRecord>> {
  const byFolder = new Map<string, { ids: Set<string>; lowest: number; highest: number }>();
  const others: string[] = [];
  for (const id of ids) {
    const key = messageKeyParts(id);
    if (!key) {
      others.push(id);
      continue;
    }
    const group = byFolder.get(key.folderId);
    if (!group) byFolder.set(key.folderId, { ids: new Set([id]), lowest: key.uid, highest: key.uid });
    else {
      group.ids.add(id);
      if (key.uid < group.lowest) group.lowest = key.uid;
      if (key.uid > group.highest) group.highest = key.uid;
    }
  }
  const found = new Map<string, MessageRecord>();
  for (const [folderId, group] of byFolder) {
    const range = db.messages.where('[folderId+uid]').between([folderId, group.lowest], [folderId, group.highest], true, true);
    const read = await readFromRange(range, group.ids, (m) => m.id, () => db.messages.bulkGet([...group.ids]));
    for (const [id, record] of read.found) found.set(id, record);
    // A server message's id is its folder and UID (messageKey): one its range did not hold is not
    // stored (new mail, every batch of a sync). Anything else shaped so is looked up by key below.
    if (!folderId.startsWith('server:')) for (const id of group.ids) if (!read.found.has(id)) others.push(id);
  }
  for (const [id, record] of await getByKeys(db.messages, others, (m) => m.id)) found.set(id, record);
  return found;
}

/** The records of `ids` that exist, in the order of `ids`. */
export async function messagesInOrder(db: DeviceCache, ids: readonly string[]): Promise<MessageRecord[]> {
  const found = await messagesById(db, ids);
  return ids.flatMap((id) => {
    const record = found.get(id);
    return record ? [record] : [];
  });
}
