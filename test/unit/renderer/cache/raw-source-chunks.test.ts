// The host's writer and the reader's own handle (readDb) open the default IndexedDB: fake-indexeddb's, in this process.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { applyOps } from '../../../../renderer/cache-host/apply-ops';
import { runQuery } from '../../../../renderer/cache-host/queries';
import { DeviceCache } from '../../../../renderer/cache-host/schema';
import { closeDbsExcept } from '../../../../renderer/cache/read-db';
import { largeSourceBlob } from '../../../../renderer/features/reader/LargeMessageNotice';
import { message } from '../../factories';
import { uniqueDbName } from './fake-idb';

const opened: DeviceCache[] = [];
afterEach(async () => {
  closeDbsExcept(new Set());
  for (const db of opened.splice(0)) await db.delete();
});

/** A database the host writes (`db`) and the UI reads by `name`. */
function database() {
  const name = uniqueDbName('raw-source-chunks');
  const db = new DeviceCache(name);
  opened.push(db);
  return { name, db };
}

const piece = (text: string): Uint8Array => new TextEncoder().encode(text);
const chunks = (messageId: string, texts: string[]) => texts.map((text, index) => ({ messageId, index, bytes: piece(text) }));

describe('source pieces of large messages in the cache', () => {
  it('are found as orphans until their message record is written, then counted for it', async () => {
    const { db } = database();
    const id = 'local:big';
    await applyOps(db, [{ op: 'putRawSourceChunks', chunks: chunks(id, ['Subject: big\r\n\r\n', 'body ', 'end\r\n']) }]);
    expect(await runQuery(db, { query: 'orphanRawSourceChunks' })).toEqual([id]);
    await applyOps(db, [{ op: 'putMessages', messages: [message({ id, folderId: 'local:inbox', uid: null })] }]);
    expect(await runQuery(db, { query: 'orphanRawSourceChunks' })).toEqual([]);
    expect(await runQuery(db, { query: 'rawSourceChunkCount', messageId: id })).toBe(3);
  });

  it('go with their message when it is deleted or re-keyed, and can be cleared for a fresh start', async () => {
    const { db } = database();
    await applyOps(db, [
      { op: 'putMessages', messages: [message({ id: 'local:a', folderId: 'local:inbox', uid: null }), message({ id: 'local:b', folderId: 'local:inbox', uid: null })] },
      { op: 'putRawSourceChunks', chunks: [...chunks('local:a', ['a0', 'a1']), ...chunks('local:b', ['b0'])] },
    ]);
    await applyOps(db, [{ op: 'renameMessages', renames: [{ from: 'local:a', to: 'server:INBOX#7', folderId: 'server:INBOX', uid: 7 }] }]);
    expect((await db.rawSourceChunks.where('messageId').equals('server:INBOX#7').toArray()).map((c) => new TextDecoder().decode(c.bytes))).toEqual(['a0', 'a1']);
    await applyOps(db, [{ op: 'deleteMessages', ids: ['server:INBOX#7'] }]);
    expect(await db.rawSourceChunks.count()).toBe(1);
    await applyOps(db, [{ op: 'deleteRawSourceChunks', messageIds: ['local:b'] }]);
    expect(await db.rawSourceChunks.count()).toBe(0);
  });

  it('make one Blob of the whole source, in the order of their numbers', async () => {
    const { name, db } = database();
    const id = 'local:ordered';
    // Written out of order (index 10 sorts before 2 as text): the Blob follows the numbers.
    const texts = Array.from({ length: 12 }, (_, i) => `piece ${i}\r\n`);
    await applyOps(db, [{ op: 'putRawSourceChunks', chunks: chunks(id, texts).reverse() }]);
    const blob = await largeSourceBlob(name, id);
    expect(blob.type).toBe('message/rfc822');
    expect(await blob.text()).toBe(texts.join(''));
  });
});
