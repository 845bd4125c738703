import { describe, expect, it } from 'vitest';
import { NOTHING_FOUND, type CacheOp, type CacheQuery } from '../../../../../common/cache-protocol';
import { messageKey, serverFolderId, type MessageRecord } from '../../../../../common/model/mail';
import type { PendingOpRecord } from '../../../../../common/model/pending';
import type { DeviceCacheAccess } from '../../../../../main/sync/backend';
import { moveReversal, type MovedGroup, type MoveReversalDeps } from '../../../../../main/sync/imap/move-reversal';
import { serverFolder } from '../../../../support/named-folder';
import type { ReplayOutcome } from '../../../../../main/sync/imap/replay-change';

const INBOX = serverFolderId('INBOX');
const TRASH = serverFolderId('Trash');

function record(id: string, folderId: string, uid: number | null, messageId: string): MessageRecord {
  return { id, folderId, uid, messageId, inReplyTo: '', subject: messageId, from: [], to: [], cc: [], replyTo: [], date: 0, size: 1, flags: [], seen: 0, flagged: 0, hasAttachments: false, snippet: '', popUidl: null };
}

/** Message records, with renames applied as the cache host applies them. */
function fakeCache(records: MessageRecord[]): DeviceCacheAccess & { all(): MessageRecord[]; put(r: MessageRecord): void; drop(id: string): void } {
  const map = new Map(records.map((r) => [r.id, r]));
  return {
    all: () => [...map.values()],
    put: (r) => void map.set(r.id, r),
    drop: (id) => void map.delete(id),
    apply: (ops: CacheOp[]) => {
      for (const op of ops) {
        if (op.op !== 'renameMessages') continue;
        for (const r of op.renames) {
          const found = map.get(r.from);
          if (!found) continue;
          map.delete(r.from);
          map.set(r.to, { ...found, id: r.to, folderId: r.folderId, uid: r.uid });
        }
      }
      return Promise.resolve(NOTHING_FOUND);
    },
    query: <Q extends CacheQuery>(query: Q) => {
      if (query.query === 'messagesByIds') return Promise.resolve(query.ids.flatMap((id) => map.get(id) ?? [])) as never;
      if (query.query === 'folderMessages') return Promise.resolve([...map.values()].filter((m) => m.folderId === query.folderId)) as never;
      throw new Error(`not faked: ${query.query}`);
    },
  };
}

/** The queue as undo sees it: which changes wait, and the server's answers told to listeners. */
function fakeQueue(waiting: string[]) {
  const listeners = new Set<(r: PendingOpRecord, o: ReplayOutcome) => void>();
  const cancelled: Array<{ id: string; ops: CacheOp[] }> = [];
  let cache: DeviceCacheAccess | null = null;
  const queue: MoveReversalDeps['queue'] = {
    has: (id) => waiting.includes(id),
    notInFlight: () => Promise.resolve(),
    cancel: async (id, ops) => {
      if (!waiting.includes(id)) return false;
      waiting.splice(waiting.indexOf(id), 1);
      cancelled.push({ id, ops });
      await cache!.apply(ops);
      return true;
    },
    onAccepted: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    queue,
    cancelled,
    listeners,
    useCache: (c: DeviceCacheAccess) => void (cache = c),
    accept: (id: string, outcome: ReplayOutcome) => {
      waiting.splice(waiting.indexOf(id), 1);
      for (const l of listeners) l({ id, seq: 1, change: { kind: 'flags', folderPath: 'INBOX', uids: [], add: [], remove: [] }, createdAt: 0, attempts: 0, lastError: null }, outcome);
    },
  };
}

const group: MovedGroup = { recordId: 'op1', fromPath: 'INBOX', toPath: 'Trash', uids: [4, 7], placeholderIds: ['pending:k:4', 'pending:k:7'], messageIdHeaders: ['<four@x>', '<seven@x>'] };

function setUp() {
  const cache = fakeCache([record('pending:k:4', TRASH, null, '<four@x>'), record('pending:k:7', TRASH, null, '<seven@x>')]);
  const q = fakeQueue(['op1']);
  q.useCache(cache);
  const moves: Array<{ ids: string[]; toPath: string }> = [];
  const refreshed: string[][] = [];
  const refresh = (paths: string[]): Promise<void> => {
    refreshed.push(paths);
    return Promise.resolve();
  };
  const move = (ids: string[], toPath: string): Promise<void> => {
    moves.push({ ids, toPath });
    return Promise.resolve();
  };
  const reversal = moveReversal({ cache, queue: q.queue, refresh, move, folderOf: (path) => serverFolder(path, path === 'Trash' ? 'trash' : null) }, [group])!;
  return { cache, q, moves, refreshed, reversal };
}

describe('moving messages back (undo of a move or a delete to Trash over IMAP)', () => {
  it('takes a move the server was not sent out of the queue, the placeholders back under their old ids', async () => {
    const { cache, q, moves, reversal } = setUp();
    cache.drop('pending:k:7'); // deleted for good meanwhile
    const outcome = await reversal.undo();
    expect(q.cancelled.map((c) => c.id)).toEqual(['op1']);
    expect(cache.all().map((m) => [m.id, m.folderId, m.uid])).toEqual([[messageKey(INBOX, 4), INBOX, 4]]);
    expect(moves).toEqual([]);
    expect(outcome.notes).toEqual([{ kind: 'movedSince', count: 1 }]);
  });

  it('moves back, under the UIDs the server named (COPYUID), a move the server has', async () => {
    const { cache, q, moves, reversal } = setUp();
    q.accept('op1', { ops: [{ op: 'renameMessages', renames: [{ from: 'pending:k:4', to: messageKey(TRASH, 40), folderId: TRASH, uid: 40 }, { from: 'pending:k:7', to: messageKey(TRASH, 41), folderId: TRASH, uid: 41 }] }], resync: [] });
    await cache.apply([{ op: 'renameMessages', renames: [{ from: 'pending:k:4', to: messageKey(TRASH, 40), folderId: TRASH, uid: 40 }, { from: 'pending:k:7', to: messageKey(TRASH, 41), folderId: TRASH, uid: 41 }] }]);
    expect((await reversal.undo()).notes).toEqual([]);
    expect(moves).toEqual([{ ids: [messageKey(TRASH, 40), messageKey(TRASH, 41)], toPath: 'INBOX' }]);
    expect(q.listeners.size).toBe(1);
    reversal.dispose?.();
    expect(q.listeners.size).toBe(0);
  });

  it('finds them by Message-ID in the target when the server named no UIDs (no UIDPLUS), after syncing it; one not found is said', async () => {
    const { cache, q, moves, refreshed, reversal } = setUp();
    q.accept('op1', { ops: [{ op: 'deleteMessages', ids: group.placeholderIds }], resync: ['Trash'] });
    cache.drop('pending:k:4');
    cache.drop('pending:k:7');
    cache.put(record(messageKey(TRASH, 90), TRASH, 90, '<four@x>'));
    const outcome = await reversal.undo();
    expect(refreshed).toEqual([['Trash']]);
    expect(moves).toEqual([{ ids: [messageKey(TRASH, 90)], toPath: 'INBOX' }]);
    expect(outcome.notes).toEqual([{ kind: 'notFoundToMoveBack', count: 1, folder: serverFolder('Trash', 'trash') }]);
  });

  it('does nothing for messages the server refused to move (they are back in their folder already)', async () => {
    const { cache, q, moves, reversal } = setUp();
    q.accept('op1', { ops: [], resync: [] });
    cache.drop('pending:k:4');
    cache.drop('pending:k:7');
    cache.put(record(messageKey(INBOX, 4), INBOX, 4, '<four@x>'));
    cache.put(record(messageKey(INBOX, 7), INBOX, 7, '<seven@x>'));
    expect((await reversal.undo()).notes).toEqual([]);
    expect(moves).toEqual([]);
  });
});
