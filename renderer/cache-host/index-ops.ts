import type { BodyRecord, MessageRecord } from '../../common/model/mail';
import type { SearchIndexRecord } from '../../common/search/index-record';
import type { DeviceCache } from './schema';
import { indexRecordOf, withNewHeaders } from './search-index';

/**
 * The search index's part of the cache operations (apply-ops.ts): each runs inside the operation's
 * transaction, so the index commits with the mail it describes or not at all. Deletes need nothing
 * here but a bulkDelete (apply-ops.ts does it with the message); flags need nothing (is:unread reads
 * the message record).
 */

/** Headers stored (new mail, a resync): their terms, keeping the body terms a record already had. */
export async function indexHeaders(db: DeviceCache, messages: MessageRecord[]): Promise<void> {
  if (!messages.length) return;
  const previous = await db.searchIndex.bulkGet(messages.map((m) => m.id));
  await db.searchIndex.bulkPut(messages.map((message, i) => withNewHeaders(message, previous[i])));
}

/**
 * A body stored: its message is now found by its words and attachment names too. A body whose
 * message is not here (yet) gets nothing: the message's own put makes its record, and the build at
 * the next start adds the body's terms (it looks for records without body terms whose body is here).
 */
export async function indexBody(db: DeviceCache, body: BodyRecord): Promise<void> {
  const message = await db.messages.get(body.messageId);
  if (message) await db.searchIndex.put(indexRecordOf(message, body));
}

/**
 * Messages re-keyed (a move, a server's COPYUID, a switch's thousands): their records follow them
 * without being tokenized again; a message that had none gets its headers' terms now.
 */
export async function renameIndexRecords(db: DeviceCache, moving: Array<{ from: string; to: string; message: MessageRecord }>): Promise<void> {
  const previous = await db.searchIndex.bulkGet(moving.map((r) => r.from));
  const leaving = moving.filter((r, i) => r.from !== r.to && previous[i]).map((r) => r.from);
  if (leaving.length) await db.searchIndex.bulkDelete(leaving);
  await db.searchIndex.bulkPut(
    moving.map(({ to, message }, i): SearchIndexRecord => {
      const record = previous[i];
      return record ? { ...record, messageId: to, folderId: message.folderId } : indexRecordOf(message);
    }),
  );
}
