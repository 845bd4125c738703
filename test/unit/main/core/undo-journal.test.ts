import { describe, expect, it } from 'vitest';
import type { CacheOp, CacheQuery, MessageFlagState } from '../../../../common/cache-protocol';
import { withFlagList, type MessageRecord } from '../../../../common/model/mail';
import { UNDO_KEEP_MS, UNDO_MAX_ENTRIES, UNDO_MAX_MESSAGES, UndoJournal } from '../../../../main/core/undo-journal';
import type { DeviceCacheAccess, Reversal } from '../../../../main/sync/backend';
import { afterChange, flagReversal, groupByFlags, reverseDelta } from '../../../../main/sync/flag-reversal';

const owner = {};

/** A reversal that records when it ran and whether it was let go. */
function probe(size = 1, log: string[] = [], name = 'r', wait?: Promise<void>) {
  const state = { disposed: false, undone: 0 };
  const reversal: Reversal = {
    size,
    async undo() {
      log.push(`start ${name}`);
      await wait;
      state.undone++;
      log.push(`end ${name}`);
      return { notes: [] };
    },
    dispose: () => void (state.disposed = true),
  };
  return { reversal, state };
}

describe('UndoJournal: what stays undoable, and for how long', () => {
  it('undoes a change once, by its id, and refuses it the second time with UNDO_EXPIRED', async () => {
    const journal = new UndoJournal(() => 0);
    const { reversal, state } = probe();
    const id = journal.add('a/d', owner, reversal);
    await journal.undo('a/d', id, owner);
    expect(state.undone).toBe(1);
    expect(state.disposed).toBe(true);
    await expect(journal.undo('a/d', id, owner)).rejects.toMatchObject({ wire: { code: 'UNDO_EXPIRED' } });
  });

  it(`keeps a change ${UNDO_KEEP_MS / 1000} s (well over the toast's 10 s), then lets it go`, async () => {
    let now = 0;
    const journal = new UndoJournal(() => now);
    const kept = probe();
    const old = probe();
    const oldId = journal.add('a/d', owner, old.reversal);
    now = UNDO_KEEP_MS;
    const keptId = journal.add('a/d', owner, kept.reversal);
    expect(journal.count('a/d')).toBe(2);
    now = UNDO_KEEP_MS + 1;
    await expect(journal.undo('a/d', oldId, owner)).rejects.toMatchObject({ wire: { code: 'UNDO_EXPIRED' } });
    expect(old.state.disposed).toBe(true);
    await journal.undo('a/d', keptId, owner);
    expect(kept.state.undone).toBe(1);
  });

  it('lets go of an old change of another device when any change is added (nothing waits for a device never used again)', () => {
    let now = 0;
    const journal = new UndoJournal(() => now);
    const idle = probe();
    journal.add('a/idle', owner, idle.reversal);
    now = UNDO_KEEP_MS + 1;
    journal.add('a/busy', owner, probe().reversal);
    expect(idle.state.disposed).toBe(true);
    expect(journal.count('a/idle')).toBe(0);
  });

  it(`keeps at most ${UNDO_MAX_ENTRIES} changes and ${UNDO_MAX_MESSAGES.toLocaleString('en')} messages a device, the oldest going first, the newest always kept`, () => {
    const journal = new UndoJournal(() => 0);
    const first = probe();
    journal.add('a/d', owner, first.reversal);
    for (let i = 1; i < UNDO_MAX_ENTRIES; i++) journal.add('a/d', owner, probe().reversal);
    expect(journal.count('a/d')).toBe(UNDO_MAX_ENTRIES);
    expect(first.state.disposed).toBe(false);
    journal.add('a/d', owner, probe().reversal);
    expect(first.state.disposed).toBe(true);
    const huge = probe(UNDO_MAX_MESSAGES + 1);
    journal.add('a/d', owner, huge.reversal);
    expect(journal.count('a/d')).toBe(1);
    expect(huge.state.disposed).toBe(false);
  });

  it('refuses a change made by an engine that was replaced since (device restarted or switched mode)', async () => {
    const journal = new UndoJournal(() => 0);
    const { reversal, state } = probe();
    const id = journal.add('a/d', owner, reversal);
    const refused = await journal.undo('a/d', id, {}).catch((error: unknown) => error);
    expect(refused).toMatchObject({ wire: { code: 'UNDO_EXPIRED' } });
    expect(String((refused as Error).message)).toContain('restarted');
    expect(state.undone).toBe(0);
  });

  it("runs a device's undos one at a time, in the order asked", async () => {
    const journal = new UndoJournal(() => 0);
    const log: string[] = [];
    let release = (): void => undefined;
    const first = probe(1, log, 'first', new Promise<void>((resolve) => (release = resolve)));
    const second = probe(1, log, 'second');
    const firstId = journal.add('a/d', owner, first.reversal);
    const secondId = journal.add('a/d', owner, second.reversal);
    const both = [journal.undo('a/d', firstId, owner), journal.undo('a/d', secondId, owner)];
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(['start first']);
    release();
    await Promise.all(both);
    expect(log).toEqual(['start first', 'end first', 'start second', 'end second']);
  });
});

function message(id: string, flags: string[]): MessageRecord {
  return withFlagList({ id, folderId: 'server:INBOX', uid: 1, messageId: `<${id}@x>`, inReplyTo: '', subject: id, from: [], to: [], cc: [], replyTo: [], date: 0, size: 1, flags: [], seen: 0, flagged: 0, hasAttachments: false, snippet: '', popUidl: null }, flags);
}

/** A cache of message records that applies changeFlags as the cache host does. */
function flagCache(records: MessageRecord[]): DeviceCacheAccess & { records: Map<string, MessageRecord> } {
  const map = new Map(records.map((r) => [r.id, r]));
  return {
    records: map,
    apply: (ops: CacheOp[]) => {
      const flagsBefore: MessageFlagState[] = [];
      for (const op of ops) {
        if (op.op !== 'changeFlags') continue;
        for (const id of op.ids) {
          const { folderId, uid, flags } = map.get(id)!;
          flagsBefore.push({ id, folderId, uid, flags });
          map.set(id, withFlagList(map.get(id)!, afterChange(flags, op.add, op.remove)));
        }
      }
      return Promise.resolve({ flagsBefore });
    },
    query: <Q extends CacheQuery>(query: Q) => {
      if (query.query !== 'messagesByIds') throw new Error(`not faked: ${query.query}`);
      return Promise.resolve(query.ids.flatMap((id) => map.get(id) ?? [])) as never;
    },
  };
}

describe('flag reversal: exactly the flags before, for messages not changed since', () => {
  it('groups messages by their flags before the change, one shared list per group', () => {
    const groups = groupByFlags([message('a', ['\\Seen']), message('b', []), message('c', ['\\seen']), message('d', ['\\Flagged', '\\Seen'])]);
    expect(groups.map((g) => g.ids)).toEqual([['a', 'c'], ['b'], ['d']]);
  });

  it('puts back what the change removed and takes away only what it added', () => {
    expect(reverseDelta(['\\Seen', '$Work'], ['\\Flagged', '$Work'], ['\\Seen'])).toEqual({ add: ['\\Seen'], remove: ['\\Flagged'] });
    expect(reverseDelta([], ['\\Seen'], [])).toEqual({ add: [], remove: ['\\Seen'] });
  });

  it('undoes "mark read" of 3 messages with one changeFlags call, and leaves alone one whose flags changed since', async () => {
    const cache = flagCache([message('a', []), message('b', []), message('c', ['\\Seen']), message('d', ['\\Flagged'])]);
    const calls: Array<{ ids: string[]; add: string[]; remove: string[] }> = [];
    const changeFlags = async (ids: string[], add: string[], remove: string[]) => {
      calls.push({ ids, add, remove });
      await cache.apply([{ op: 'changeFlags', ids, add, remove }]);
    };
    const before = await cache.query({ query: 'messagesByIds', ids: ['a', 'b', 'c', 'd'] });
    await cache.apply([{ op: 'changeFlags', ids: ['a', 'b', 'c', 'd'], add: ['\\Seen'], remove: [] }]);
    const reversal = flagReversal({ cache, changeFlags }, groupByFlags(before), ['\\Seen'], []);
    expect(reversal?.size).toBe(3);
    // Another device flags d after the change.
    await cache.apply([{ op: 'changeFlags', ids: ['d'], add: ['$Later'], remove: [] }]);
    const outcome = await reversal!.undo();
    expect(calls).toEqual([{ ids: ['a', 'b'], add: [], remove: ['\\Seen'] }]);
    expect([...cache.records.values()].map((m) => [m.id, m.flags])).toEqual([['a', []], ['b', []], ['c', ['\\Seen']], ['d', ['\\Flagged', '\\Seen', '$Later']]]);
    expect(outcome.notes).toEqual([{ kind: 'flagsChangedSince', count: 1 }]);
  });

  it('does not take a lost \\Recent for a change (it belongs to the session that first saw the message)', async () => {
    const cache = flagCache([message('a', ['\\Recent'])]);
    const before = await cache.query({ query: 'messagesByIds', ids: ['a'] });
    await cache.apply([{ op: 'changeFlags', ids: ['a'], add: ['\\Seen'], remove: ['\\Recent'] }]);
    const reversal = flagReversal({ cache, changeFlags: (ids, add, remove) => cache.apply([{ op: 'changeFlags', ids, add, remove }]) }, groupByFlags(before), ['\\Seen'], []);
    expect((await reversal!.undo()).notes).toEqual([]);
    expect(cache.records.get('a')!.seen).toBe(0);
  });

  it('is null when the change changed nothing (marking read what was read)', async () => {
    const cache = flagCache([message('a', ['\\Seen'])]);
    expect(flagReversal({ cache, changeFlags: () => Promise.resolve() }, groupByFlags(await cache.query({ query: 'messagesByIds', ids: ['a'] })), ['\\Seen'], [])).toBeNull();
  });

  it('says how many messages are gone from where they were (moved or deleted since)', async () => {
    const cache = flagCache([message('a', []), message('b', [])]);
    const before = await cache.query({ query: 'messagesByIds', ids: ['a', 'b'] });
    await cache.apply([{ op: 'changeFlags', ids: ['a', 'b'], add: ['\\Flagged'], remove: [] }]);
    const reversal = flagReversal({ cache, changeFlags: (ids, add, remove) => cache.apply([{ op: 'changeFlags', ids, add, remove }]) }, groupByFlags(before), ['\\Flagged'], []);
    cache.records.delete('b');
    const outcome = await reversal!.undo();
    expect(cache.records.get('a')!.flagged).toBe(0);
    expect(outcome.notes).toEqual([{ kind: 'flagsNotInFolder', count: 1 }]);
  });
});
