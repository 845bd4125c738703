// The host's writer and the reader's own handle (readDb) open the default IndexedDB: fake-indexeddb's, in this process.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { AttachmentMeta } from '../../../../common/model/mail';
import type { RawSourceChunkRecord } from '../../../../common/model/raw-source';
import { applyOps } from '../../../../renderer/cache-host/apply-ops';
import { attachmentBlob } from '../../../../renderer/cache/hooks';
import { runQuery } from '../../../../renderer/cache-host/queries';
import { DeviceCache } from '../../../../renderer/cache-host/schema';
import { closeDbsExcept } from '../../../../renderer/cache/read-db';
import { message } from '../../factories';
import { uniqueDbName } from './fake-idb';

const opened: DeviceCache[] = [];
afterEach(async () => {
  closeDbsExcept(new Set());
  for (const db of opened.splice(0)) await db.delete();
});

/** A database the host writes (`db`) and the UI reads by `name`. */
function database() {
  const name = uniqueDbName('attachment-chunks');
  const db = new DeviceCache(name);
  opened.push(db);
  return { name, db };
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const meta = (id: string, overrides: Partial<AttachmentMeta> = {}): AttachmentMeta => ({ id, filename: 'recording.mp4', contentType: 'video/mp4', size: 10, contentId: null, inline: false, ...overrides });
const pieces = (attachmentId: string, messageId: string, texts: string[]) => texts.map((text, index) => ({ attachmentId, messageId, index, bytes: bytes(text) }));

describe('attachments read out of a large message, in pieces', () => {
  it('make one Blob of the attachment, in the order of their numbers, with its type', async () => {
    const { name, db } = database();
    // Written out of order (index 10 sorts before 2 as text), beside another attachment's pieces.
    const texts = Array.from({ length: 12 }, (_, i) => `piece ${i};`);
    await applyOps(db, [
      { op: 'putAttachmentChunks', chunks: pieces('local:big/1', 'local:big', texts).reverse() },
      { op: 'putAttachmentChunks', chunks: pieces('local:big/0', 'local:big', ['other']) },
    ]);
    const blob = await attachmentBlob(name, meta('local:big/1'));
    expect(blob?.type).toBe('video/mp4');
    expect(await blob?.text()).toBe(texts.join(''));
    expect(await (await attachmentBlob(name, meta('local:big/0', { contentType: '' })))?.text()).toBe('other');
    expect((await attachmentBlob(name, meta('local:big/0', { contentType: '' })))?.type).toBe('application/octet-stream');
  });

  it('leave a whole attachment as it was, an empty one empty, and a missing one missing', async () => {
    const { name, db } = database();
    await applyOps(db, [{ op: 'putBody', body: { messageId: 'local:a', text: '', html: null, headers: [], references: [], attachments: [meta('local:a/0')], fetchedAt: 0, parseWarnings: [] }, attachments: [{ id: 'local:a/0', messageId: 'local:a', content: bytes('whole') }] }]);
    expect(await (await attachmentBlob(name, meta('local:a/0', { contentType: 'text/plain' })))?.text()).toBe('whole');
    expect((await attachmentBlob(name, meta('local:z/0', { size: 0 })))?.size).toBe(0);
    expect(await attachmentBlob(name, meta('local:z/1'))).toBeUndefined();
  });

  it('go with their message when it is deleted or re-keyed, and can be cleared for a fresh start', async () => {
    const { db } = database();
    await applyOps(db, [
      { op: 'putMessages', messages: [message({ id: 'local:a', folderId: 'local:inbox', uid: null }), message({ id: 'local:b', folderId: 'local:inbox', uid: null })] },
      { op: 'putAttachmentChunks', chunks: [...pieces('local:a/0', 'local:a', ['a0', 'a1']), ...pieces('local:b/0', 'local:b', ['b0'])] },
      { op: 'putRawSourceChunks', chunks: [{ messageId: 'local:a', index: 0, bytes: bytes('source 0') }] },
    ]);
    expect(await runQuery(db, { query: 'rawSourceChunk', messageId: 'local:a', index: 0 })).toMatchObject({ bytes: bytes('source 0') });
    expect(await runQuery(db, { query: 'rawSourceChunk', messageId: 'local:a', index: 1 })).toBeNull();
    await applyOps(db, [{ op: 'putRawSourceChunks', chunks: [1, 2, 10, 11].map((index) => ({ messageId: 'local:a', index, bytes: bytes(`source ${index}`) })) }]);
    const range = async (from: number, count: number) => ((await runQuery(db, { query: 'rawSourceChunkRange', messageId: 'local:a', from, count })) as RawSourceChunkRecord[]).map((c) => c.index);
    expect(await range(1, 10)).toEqual([1, 2, 10]);
    expect(await range(10, 4)).toEqual([10, 11]);

    await applyOps(db, [{ op: 'renameMessages', renames: [{ from: 'local:a', to: 'server:INBOX#7', folderId: 'server:INBOX', uid: 7 }] }]);
    const moved = await db.attachmentChunks.where('messageId').equals('server:INBOX#7').toArray();
    expect(moved.map((c) => [c.attachmentId, c.index, new TextDecoder().decode(c.bytes)])).toEqual([
      ['server:INBOX#7/0', 0, 'a0'],
      ['server:INBOX#7/0', 1, 'a1'],
    ]);
    await applyOps(db, [{ op: 'deleteMessages', ids: ['server:INBOX#7'] }]);
    expect((await db.attachmentChunks.toArray()).map((c) => c.attachmentId)).toEqual(['local:b/0']);
    await applyOps(db, [{ op: 'deleteAttachmentChunks', messageIds: ['local:b'] }]);
    expect(await db.attachmentChunks.count()).toBe(0);
  });
});
