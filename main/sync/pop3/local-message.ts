import { createHash, randomUUID } from 'node:crypto';
import type { CacheOp } from '../../../common/cache-protocol';
import { withFlagList, type MessageRecord } from '../../../common/model/mail';
import { messageSearchWords } from '../../../common/model/search';
import { parseMessage } from '../../mime/parse-message';

export function contentHash(raw: Uint8Array): string {
  return createHash('sha256').update(raw).digest('hex');
}

export interface StoredLocally {
  message: MessageRecord;
  ops: CacheOp[];
}

/**
 * A whole message (as downloaded, sent or saved) turned into the cache operations that store
 * it in a local folder: header record, parsed body, attachments and the raw source as received.
 */
export async function storeWhole(raw: Uint8Array, folderId: string, flags: string[], options: { popUidl?: string; size?: number; now: number; id?: string }): Promise<StoredLocally> {
  const id = options.id ?? `local:${randomUUID()}`;
  const parsed = await parseMessage(id, raw, options.now);
  const message = withFlagList(
    {
      id,
      folderId,
      uid: null,
      ...parsed.envelope,
      date: parsed.envelope.date ?? options.now,
      size: options.size ?? raw.length,
      flags: [],
      seen: 0,
      flagged: 0,
      hasAttachments: parsed.body.attachments.some((a) => !(a.inline && a.contentId)),
      snippet: parsed.snippet,
      popUidl: options.popUidl ?? null,
    },
    flags,
  );
  message.words = messageSearchWords(message);
  const ops: CacheOp[] = [
    { op: 'putMessages', messages: [message] },
    { op: 'putBody', body: parsed.body, attachments: parsed.attachments },
    { op: 'putRawSource', source: { messageId: id, raw } },
  ];
  return { message, ops };
}

/** Only the header (POP TOP n 0, for messages over the size limit): the body comes when opened. */
export async function storeHeaderOnly(header: Uint8Array, folderId: string, options: { popUidl: string; size: number; now: number }): Promise<StoredLocally> {
  const id = `local:${randomUUID()}`;
  const parsed = await parseMessage(id, header, options.now);
  const message: MessageRecord = {
    id,
    folderId,
    uid: null,
    ...parsed.envelope,
    date: parsed.envelope.date ?? options.now,
    size: options.size,
    flags: [],
    seen: 0,
    flagged: 0,
    hasAttachments: /multipart\/(mixed|related)/i.test(Buffer.from(header).toString('latin1')),
    snippet: '',
    popUidl: options.popUidl,
  };
  message.words = messageSearchWords(message);
  return { message, ops: [{ op: 'putMessages', messages: [message] }] };
}
