import type { DBCore } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { CacheOp } from '../../../../common/cache-protocol';
import { applyOps } from '../../../../renderer/cache-host/apply-ops';
import { runQuery } from '../../../../renderer/cache-host/queries';
import type { DeviceCache } from '../../../../renderer/cache-host/schema';
import { attachment, body, message } from '../../factories';
import { openDeviceCache } from './fake-idb';

const opened: DeviceCache[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

function database(): DeviceCache {
  const db = openDeviceCache('bulk-rename');
  opened.push(db);
  return db;
}

type Rename = Extract<CacheOp, { op: 'renameMessages' }>['renames'][number];

/**
 * The per-message rename as it was before the bulk one (commit 1a184bf), kept here as the
 * reference: the bulk rename must leave the cache exactly as this does.
 */
async function renameOneByOne(db: DeviceCache, renames: Rename[]): Promise<void> {
  await db.transaction('rw', [db.messages, db.bodies, db.attachments, db.rawSources, db.rawSourceChunks, db.attachmentChunks], async () => {
    for (const { from, to, folderId, uid } of renames) {
      const found = await db.messages.get(from);
      if (!found) continue;
      await db.messages.delete(from);
      await db.messages.put({ ...found, id: to, uid, folderId });
      const b = await db.bodies.get(from);
      if (b) {
        await db.bodies.delete(from);
        await db.bodies.put({ ...b, messageId: to });
      }
      const source = await db.rawSources.get(from);
      if (source) {
        await db.rawSources.delete(from);
        await db.rawSources.put({ ...source, messageId: to });
      }
      if (from !== to) {
        for (const key of await db.rawSourceChunks.where('messageId').equals(from).primaryKeys()) {
          const chunk = (await db.rawSourceChunks.get(key))!;
          await db.rawSourceChunks.delete(key);
          await db.rawSourceChunks.put({ ...chunk, messageId: to });
        }
        for (const key of await db.attachmentChunks.where('messageId').equals(from).primaryKeys()) {
          const chunk = (await db.attachmentChunks.get(key))!;
          await db.attachmentChunks.delete(key);
          await db.attachmentChunks.put({ ...chunk, attachmentId: chunk.attachmentId.replace(from, to), messageId: to });
        }
      }
      const attachments = await db.attachments.where('messageId').equals(from).toArray();
      if (attachments.length) {
        await db.attachments.bulkDelete(attachments.map((a) => a.id));
        await db.attachments.bulkPut(attachments.map((a) => ({ ...a, id: a.id.replace(from, to), messageId: to })));
      }
    }
  });
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A message `local:<name>` with whatever hangs on it. */
function seedOps(name: string, parts: { body?: boolean; source?: boolean; attachments?: number; chunks?: number; attachmentChunks?: number; subject?: string }): CacheOp[] {
  const id = `local:${name}`;
  const ops: CacheOp[] = [{ op: 'putMessages', messages: [{ ...message({ folderId: 'local:inbox', uid: null }), id, subject: parts.subject ?? name }] }];
  if (parts.body) {
    ops.push({ op: 'putBody', body: body({ messageId: id, text: `body of ${name}` }), attachments: Array.from({ length: parts.attachments ?? 0 }, (_, n) => attachment({ id: `${id}/${n}`, messageId: id, content: bytes(`${name} attachment ${n}`) })) });
  }
  if (parts.source) ops.push({ op: 'putRawSource', source: { messageId: id, raw: bytes(`source of ${name}`) } });
  if (parts.chunks) ops.push({ op: 'putRawSourceChunks', chunks: Array.from({ length: parts.chunks }, (_, index) => ({ messageId: id, index, bytes: bytes(`${name} piece ${index}`) })) });
  if (parts.attachmentChunks) {
    ops.push({ op: 'putAttachmentChunks', chunks: Array.from({ length: parts.attachmentChunks }, (_, index) => ({ attachmentId: `${id}/0`, messageId: id, index, bytes: bytes(`${name} attachment piece ${index}`) })) });
  }
  return ops;
}

/** A mixed cache: bodies, sources, attachments, source pieces, attachment pieces; some targets already here. */
function mixedSeed(): CacheOp[] {
  return [
    ...seedOps('plain', {}),
    ...seedOps('with-body', { body: true }),
    ...seedOps('with-source', { body: true, source: true }),
    ...seedOps('with-attachments', { body: true, source: true, attachments: 2 }),
    ...seedOps('large', { body: true, attachments: 1, chunks: 3, attachmentChunks: 2 }),
    ...seedOps('pieces-only', { chunks: 2, attachmentChunks: 1 }),
    ...seedOps('same-id', { body: true, source: true, attachments: 1 }),
    ...seedOps('chain-a', { body: true, attachments: 1 }),
    ...seedOps('chain-b', { body: true, source: true }),
    ...seedOps('swap-x', { body: true }),
    ...seedOps('twice', { body: true, source: true }),
    // Targets already here: replaced by what is renamed onto them (rows of the same key only).
    { op: 'putMessages', messages: [{ ...message({ folderId: 'server:INBOX', uid: 2 }), subject: 'was here' }, { ...message({ folderId: 'server:INBOX', uid: 3 }), subject: 'was here too' }] },
    { op: 'putBody', body: body({ messageId: 'server:INBOX#2', text: 'old body' }), attachments: [attachment({ id: 'server:INBOX#2/0', messageId: 'server:INBOX#2', content: bytes('old 0') }), attachment({ id: 'server:INBOX#2/5', messageId: 'server:INBOX#2', content: bytes('old 5') })] },
    { op: 'putRawSource', source: { messageId: 'server:INBOX#3', raw: bytes('old source') } },
    { op: 'putBody', body: body({ messageId: 'server:INBOX#3', text: 'old body 3' }), attachments: [] },
    { op: 'putRawSourceChunks', chunks: [{ messageId: 'server:INBOX#4', index: 1, bytes: bytes('old piece 1') }, { messageId: 'server:INBOX#4', index: 7, bytes: bytes('old piece 7') }] },
  ];
}

function mixedRenames(): Rename[] {
  return [
    { from: 'local:plain', to: 'server:INBOX#1', folderId: 'server:INBOX', uid: 1 },
    { from: 'local:with-body', to: 'server:INBOX#2', folderId: 'server:INBOX', uid: 2 },
    { from: 'local:with-source', to: 'server:INBOX#3', folderId: 'server:INBOX', uid: 3 },
    { from: 'local:with-attachments', to: 'server:INBOX#10', folderId: 'server:INBOX', uid: 10 },
    { from: 'local:large', to: 'server:INBOX#4', folderId: 'server:INBOX', uid: 4 },
    { from: 'local:pieces-only', to: 'server:INBOX#5', folderId: 'server:INBOX', uid: 5 },
    { from: 'local:missing', to: 'server:INBOX#6', folderId: 'server:INBOX', uid: 6 },
    { from: 'local:same-id', to: 'local:same-id', folderId: 'server:Archive', uid: 9 },
    // A chain: chain-b moves on first, then chain-a takes its old id, then moves on again.
    { from: 'local:chain-b', to: 'server:INBOX#20', folderId: 'server:INBOX', uid: 20 },
    { from: 'local:chain-a', to: 'local:chain-b', folderId: 'local:inbox', uid: null },
    { from: 'local:chain-b', to: 'server:INBOX#21', folderId: 'server:INBOX', uid: 21 },
    // Onto an id renamed earlier in the same list, and a rename repeated.
    { from: 'local:swap-x', to: 'server:INBOX#20', folderId: 'server:INBOX', uid: 20 },
    { from: 'local:twice', to: 'server:INBOX#30', folderId: 'server:INBOX', uid: 30 },
    { from: 'local:twice', to: 'server:INBOX#31', folderId: 'server:INBOX', uid: 31 },
  ];
}

/** Every table, every row, in key order: what a rename can have changed. */
async function dump(db: DeviceCache): Promise<Record<string, unknown[]>> {
  const decode = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Uint8Array ? new TextDecoder().decode(v) : v]));
  const out: Record<string, unknown[]> = {};
  for (const table of ['messages', 'bodies', 'rawSources', 'rawSourceChunks', 'attachmentChunks', 'attachments'] as const) {
    out[table] = (await db.table(table).toArray()).map(decode);
  }
  return out;
}

/** Counts the requests Dexie makes of IndexedDB (reads, cursors, writes); set up before the database opens. */
function countRequests(db: DeviceCache): { total: () => number; reset: () => void } {
  let total = 0;
  db.use({
    stack: 'dbcore',
    name: 'count-requests',
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          get: (req) => (total++, table.get(req)),
          getMany: (req) => (total++, table.getMany(req)),
          query: (req) => (total++, table.query(req)),
          openCursor: (req) => (total++, table.openCursor(req)),
          count: (req) => (total++, table.count(req)),
          mutate: (req) => (total++, table.mutate(req)),
        };
      },
    }),
  });
  return { total: () => total, reset: () => void (total = 0) };
}

describe('renameMessages in bulk', () => {
  it('leaves the cache as renaming one message at a time did, on a mixed set', async () => {
    const bulk = database();
    const reference = database();
    await applyOps(bulk, mixedSeed());
    await applyOps(reference, mixedSeed());

    await applyOps(bulk, [{ op: 'renameMessages', renames: mixedRenames() }]);
    await renameOneByOne(reference, mixedRenames());

    const after = await dump(bulk);
    expect(after).toEqual(await dump(reference));
    // And the reference did what the cases are about (a check on the test itself).
    expect((after.messages as Array<{ id: string }>).map((m) => m.id).sort()).toEqual(
      ['local:same-id', 'server:INBOX#1', 'server:INBOX#10', 'server:INBOX#2', 'server:INBOX#20', 'server:INBOX#21', 'server:INBOX#3', 'server:INBOX#30', 'server:INBOX#4', 'server:INBOX#5'].sort(),
    );
    expect(after.attachments).toContainEqual({ id: 'server:INBOX#2/5', messageId: 'server:INBOX#2', content: 'old 5' });
    expect(after.rawSourceChunks).toContainEqual({ messageId: 'server:INBOX#4', index: 7, bytes: 'old piece 7' });
    expect(after.rawSourceChunks).toContainEqual({ messageId: 'server:INBOX#4', index: 1, bytes: 'large piece 1' });
    expect(after.attachmentChunks).toContainEqual({ attachmentId: 'server:INBOX#4/0', messageId: 'server:INBOX#4', index: 1, bytes: 'large attachment piece 1' });
  });

  it('leaves the same cache on a large list (several waves), and costs a few requests per table, not some per message', async () => {
    const names = Array.from({ length: 450 }, (_, i) => `m${i}`);
    const seed = names.flatMap((name, i) => seedOps(name, { body: i % 2 === 0, source: i % 3 === 0, attachments: i % 2 === 0 ? i % 4 : 0 }));
    const renames = names.map((name, i) => ({ from: `local:${name}`, to: `server:INBOX#${i + 1}`, folderId: 'server:INBOX', uid: i + 1 }));
    const bulk = database();
    const reference = database();
    const requests = countRequests(bulk);
    await applyOps(bulk, seed);
    await applyOps(reference, seed);

    requests.reset();
    await applyOps(bulk, [{ op: 'renameMessages', renames }]);
    await renameOneByOne(reference, renames);

    expect(await dump(bulk)).toEqual(await dump(reference));
    // One message at a time this was 5 to 10 requests per message (over 3,000 here).
    expect(requests.total()).toBeGreaterThan(0);
    expect(requests.total()).toBeLessThan(200);
  });
});

describe('renameMessages with the record to store', () => {
  /** As a switch did before: rename, then put the final records over the renamed ones. */
  async function renameThenPut(db: DeviceCache, renames: Rename[]): Promise<void> {
    await applyOps(db, [
      { op: 'renameMessages', renames: renames.map(({ from, to, folderId, uid }) => ({ from, to, folderId, uid })) },
      { op: 'putMessages', messages: renames.map((r) => r.record!) },
    ]);
  }

  it('leaves the cache as renaming and then putting the records did, writing each record once', async () => {
    const names = Array.from({ length: 260 }, (_, i) => `m${i}`);
    const seed = names.flatMap((name, i) => seedOps(name, { body: i % 2 === 0, source: i % 3 === 0, attachments: i % 5 === 0 ? 2 : 0 }));
    const record = (i: number) => ({ ...message({ folderId: 'local:inbox', uid: null }), id: `imap:INBOX:1:${i}`, subject: `final ${i}`, popUidl: `uidl-${i}` });
    // One whose message is gone: its record is stored all the same, as the put after it did.
    const renames: Rename[] = [...names, 'missing'].map((name, i) => ({ from: `local:${name}`, to: `imap:INBOX:1:${i}`, folderId: 'local:inbox', uid: null, record: record(i) }));
    const single = database();
    const reference = database();
    const requests = countRequests(single);
    await applyOps(single, seed);
    await applyOps(reference, seed);

    requests.reset();
    let puts = 0;
    single.messages.hook('creating', () => void puts++);
    await applyOps(single, [{ op: 'renameMessages', renames }]);
    await renameThenPut(reference, renames);

    const after = await dump(single);
    expect(after).toEqual(await dump(reference));
    expect(after.messages).toHaveLength(261);
    expect(after.messages).toContainEqual(expect.objectContaining({ id: 'imap:INBOX:1:0', subject: 'final 0', popUidl: 'uidl-0', folderId: 'local:inbox' }));
    expect(after.bodies).toContainEqual(expect.objectContaining({ messageId: 'imap:INBOX:1:0', text: 'body of m0' }));
    // No message read back, each record created once.
    expect(puts).toBe(261);
    expect(requests.total()).toBeLessThan(120);
  });

  it('keeps a message renamed onto its own id with its body, source and attachments', async () => {
    const db = database();
    await applyOps(db, seedOps('here', { body: true, source: true, attachments: 2 }));
    await applyOps(db, [{ op: 'renameMessages', renames: [{ from: 'local:here', to: 'local:here', folderId: 'local:archive', uid: null }] }]);
    const after = await dump(db);
    expect(after.messages).toEqual([expect.objectContaining({ id: 'local:here', folderId: 'local:archive' })]);
    expect(after.bodies).toEqual([expect.objectContaining({ messageId: 'local:here', text: 'body of here' })]);
    expect(after.rawSources).toEqual([{ messageId: 'local:here', raw: 'source of here' }]);
    expect((after.attachments ?? []).map((a) => (a as { id: string }).id)).toEqual(['local:here/0', 'local:here/1']);
  });
});

describe('the bodyIds query', () => {
  it('answers which of the ids have a body here, in the order asked, without reading a body', async () => {
    const db = database();
    const requests = countRequests(db);
    await applyOps(db, [
      { op: 'putMessages', messages: [message({ uid: 1 }), message({ uid: 2 }), message({ uid: 3 })] },
      { op: 'putBody', body: body({ messageId: 'server:INBOX#3' }), attachments: [] },
      { op: 'putBody', body: body({ messageId: 'server:INBOX#1' }), attachments: [] },
      { op: 'putBody', body: body({ messageId: 'server:INBOX#9' }), attachments: [] },
    ]);
    requests.reset();
    expect(await runQuery(db, { query: 'bodyIds', ids: ['server:INBOX#3', 'server:INBOX#2', 'server:INBOX#1', 'server:INBOX#404'] })).toEqual(['server:INBOX#3', 'server:INBOX#1']);
    expect(requests.total()).toBe(1);
    expect(await runQuery(db, { query: 'bodyIds', ids: [] })).toEqual([]);
  });
});
