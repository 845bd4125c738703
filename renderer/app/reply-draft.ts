import { draftFrom, type ComposeDraft } from '../../common/compose/reply';
import type { MessageRecord } from '../../common/model/mail';
import { readDb } from '../cache/read-db';

/**
 * The composer's draft for a reply, reply to all or forward of `message`, with its cached body
 * quoted; null for a message that could not be read (nothing to reply to or forward). The three
 * panes and the views over every account both write replies with it.
 */
export async function replyDraft(action: 'reply' | 'replyAll' | 'forward', message: MessageRecord, dbName: string, ownAddress: string): Promise<ComposeDraft | null> {
  if (message.problem) return null;
  return draftFrom(action, message, (await readDb(dbName).bodies.get(message.id)) ?? null, ownAddress);
}
