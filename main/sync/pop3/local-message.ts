import { createHash, randomUUID } from 'node:crypto';
import type { CacheOp } from '../../../common/cache-protocol';
import { isListedAttachment, problemRecord, withFlagList, type MessageProblemWords, type MessageRecord } from '../../../common/model/mail';
import { messageSearchWords } from '../../../common/model/search';
import { headerSuggestsAttachments } from '../../mime/attachment-rule';
import { describeLargeMessage } from '../../mime/large-message';
import { parseMessage } from '../../mime/parse-message';
import type { DownloadedMessage } from './message-download';

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
      hasAttachments: parsed.body.attachments.some(isListedAttachment),
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
    hasAttachments: headerSuggestsAttachments(Buffer.from(header).toString('latin1')),
    snippet: '',
    popUidl: options.popUidl,
  };
  message.words = messageSearchWords(message);
  return { message, ops: [{ op: 'putMessages', messages: [message] }] };
}

/**
 * A message RETR brought, stored as it came: parsed whole, or (over the limit, its source pieces
 * already committed under `id`) from its header alone. `listedSize` is the size LIST gave.
 */
export function storeDownloaded(downloaded: Exclude<DownloadedMessage, { kind: 'refused' }>, folderId: string, flags: string[], options: { id: string; popUidl: string; listedSize: number; limit: number; now: number }): Promise<StoredLocally> {
  const { id, popUidl, limit, now } = options;
  return downloaded.kind === 'whole'
    ? storeWhole(downloaded.raw, folderId, flags, { popUidl, size: options.listedSize, now, id })
    : storeLarge(downloaded.header, folderId, flags, { id, popUidl, size: downloaded.length, limit, now });
}

/**
 * A message over the size limit whose source pieces are already committed under `id`: its record
 * from the header alone, and a body that says why there is no more. No `putRawSource`: the
 * source is the pieces.
 */
async function storeLarge(header: Uint8Array, folderId: string, flags: string[], options: { id: string; popUidl: string; size: number; limit: number; now: number }): Promise<StoredLocally> {
  const view = await describeLargeMessage(options.id, header, options.size, options.limit, options.now);
  const message = withFlagList(
    {
      id: options.id,
      folderId,
      uid: null,
      ...view.envelope,
      date: view.envelope.date ?? options.now,
      size: options.size,
      flags: [],
      seen: 0,
      flagged: 0,
      hasAttachments: view.likelyAttachments,
      snippet: view.body.text.slice(0, 200),
      popUidl: options.popUidl,
    },
    flags,
  );
  message.words = messageSearchWords(message);
  return { message, ops: [{ op: 'putMessages', messages: [message] }, { op: 'putBody', body: view.body, attachments: [] }] };
}

/**
 * A message that could not be stored, shown in the list by what went wrong (`problem`) so the
 * user knows it exists; its POP state (written with it) keeps the next checks from retrying it.
 */
export function storeFailed(folderId: string, options: { popUidl: string; number: number; size: number; reason: string; words: MessageProblemWords; now: number }): StoredLocally {
  const message = problemRecord({ id: `local:${randomUUID()}`, folderId, uid: null, popUidl: options.popUidl, date: options.now, size: options.size, problem: options.reason, problemWords: options.words });
  return { message, ops: [{ op: 'putMessages', messages: [message] }] };
}
