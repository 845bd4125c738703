import { randomUUID } from 'node:crypto';
import type { MessageFile } from '../../common/model/message-file';
import { parseMessage } from './parse-message';

/**
 * A message file (.eml) as the reader shows it. Parsed like any downloaded message (never throws:
 * a file that is no message is shown as its text, with a warning), under an id of its own so
 * that nothing of it can be taken for a cached message.
 */
export async function readMessageFile(fileName: string, bytes: Uint8Array): Promise<MessageFile> {
  const parsed = await parseMessage(`file:${randomUUID()}`, bytes);
  const { attachments, envelope } = parsed;
  // A picture or a document renamed .eml parses as a message with nothing in it: said, not shown blank.
  const noMessage = !envelope.from.length && !envelope.to.length && !envelope.subject && envelope.date === null && !envelope.messageId && !parsed.body.text.trim();
  const body = noMessage ? { ...parsed.body, parseWarnings: [...parsed.body.parseWarnings, `${fileName} does not look like a mail message: it has no sender, recipients, subject, date or text.`] } : parsed.body;
  return { fileName, subject: envelope.subject, from: envelope.from, to: envelope.to, cc: envelope.cc, date: envelope.date ?? 0, body, attachments };
}
