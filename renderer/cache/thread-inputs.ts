import type { MessageRecord } from '../../common/model/mail';
import type { ThreadingInput } from '../../common/threading/jwz';
import { readDb } from './read-db';

const CHUNK = 2_000;

function inputOf(record: MessageRecord): ThreadingInput {
  return { id: record.id, messageId: record.messageId, inReplyTo: record.inReplyTo, references: record.references, subject: record.subject, date: record.date };
}

/**
 * Every record's threading facts, in primary-key order, CHUNK records a read (one read of
 * every record would hold them all in memory at once); `between` runs after each read.
 */
export async function readThreadingInputs(dbName: string, between: () => Promise<void> = async () => {}): Promise<ThreadingInput[]> {
  const db = readDb(dbName);
  const inputs: ThreadingInput[] = [];
  let last: string | null = null;
  for (;;) {
    const chunk: MessageRecord[] = await (last === null ? db.messages.orderBy(':id') : db.messages.where(':id').above(last)).limit(CHUNK).toArray();
    for (const record of chunk) if (!record.problem) inputs.push(inputOf(record));
    if (chunk.length < CHUNK) return inputs;
    last = chunk.at(-1)!.id;
    await between();
  }
}
