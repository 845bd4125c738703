/**
 * The browser side of bench/cache-migrate.ts: the cache host's own schema and `applyOps` in the
 * page, with a seeding helper and a timer around one batch. Bundled by that bench with esbuild.
 */
import type { CacheOp } from '../../common/cache-protocol';
import type { BodyRecord, MessageRecord, PopStateRecord, RawSourceRecord } from '../../common/model/mail';
import { messageSearchWords } from '../../common/model/search';
import { applyOps } from '../../renderer/cache-host/apply-ops';
import { DeviceCache } from '../../renderer/cache-host/schema';

export interface SeedShape {
  count: number;
  folderId: string;
  /** Message ids: `${prefix}${i}` (POP) or `${folderId}#${i + 1}` (IMAP) when prefix is null. */
  prefix: string | null;
  withSources: boolean;
}

function record(i: number, shape: SeedShape): MessageRecord {
  const id = shape.prefix === null ? `${shape.folderId}#${i + 1}` : `${shape.prefix}${i}`;
  const base: MessageRecord = {
    id,
    folderId: shape.folderId,
    uid: shape.prefix === null ? i + 1 : null,
    messageId: `<m${i}@bench.example>`,
    inReplyTo: '',
    subject: `Message ${i + 1}`,
    from: [{ name: 'Sender Person', address: 'sender@example.com' }],
    to: [{ name: '', address: 'reader@example.com' }],
    cc: [],
    replyTo: [],
    date: Date.UTC(2026, 0, 1) + i * 60_000,
    size: 420,
    flags: i % 3 === 0 ? ['\\Seen'] : [],
    seen: i % 3 === 0 ? 1 : 0,
    flagged: 0,
    hasAttachments: false,
    snippet: `Body of message ${i + 1}.`,
    popUidl: shape.prefix === null ? null : `uidl-${i}`,
  };
  return { ...base, words: messageSearchWords(base) };
}

let db: DeviceCache | null = null;

async function seed(name: string, shape: SeedShape): Promise<{ ids: string[] }> {
  // One database at a time: the origin shares one store, and what earlier rounds left would slow this one.
  await db?.delete();
  db = new DeviceCache(name);
  await db.open();
  const messages = Array.from({ length: shape.count }, (_, i) => record(i, shape));
  const bodies: BodyRecord[] = messages.map((m) => ({ messageId: m.id, text: m.snippet + '\n', html: null, headers: [['Subject', m.subject]], references: [], attachments: [], fetchedAt: 1, parseWarnings: [] }));
  const sources: RawSourceRecord[] = shape.withSources ? messages.map((m) => ({ messageId: m.id, raw: new TextEncoder().encode(`Subject: ${m.subject}\r\n\r\n${m.snippet}\r\n`.padEnd(420, ' ')) })) : [];
  const states: PopStateRecord[] = shape.prefix === null ? [] : messages.map((m) => ({ uidl: m.popUidl!, messageId: m.id, size: 420, contentHash: 'h', messageIdHeader: m.messageId, firstSeenAt: 1, downloadedAt: 1, headersOnly: false, deleteRequested: false, serverDeletedAt: null, serverDeletedBy: null }));
  await applyOps(db, [{ op: 'putFolders', folders: [] }]);
  for (let i = 0; i < messages.length; i += 1000) {
    await applyOps(db, [
      { op: 'putMessages', messages: messages.slice(i, i + 1000) },
      ...bodies.slice(i, i + 1000).map((body): CacheOp => ({ op: 'putBody', body, attachments: [] })),
      ...sources.slice(i, i + 1000).map((source): CacheOp => ({ op: 'putRawSource', source })),
    ]);
  }
  if (states.length) await applyOps(db, [{ op: 'putPopStates', states }]);
  return { ids: messages.map((m) => m.id) };
}

async function records(): Promise<MessageRecord[]> {
  return db!.messages.toArray();
}

async function timed(ops: CacheOp[]): Promise<number> {
  const start = performance.now();
  await applyOps(db!, ops);
  return performance.now() - start;
}

async function counts(): Promise<Record<string, number>> {
  return { messages: await db!.messages.count(), bodies: await db!.bodies.count(), rawSources: await db!.rawSources.count(), popState: await db!.popState.count() };
}

Object.assign(globalThis, { migrateBench: { seed, records, timed, counts } });
