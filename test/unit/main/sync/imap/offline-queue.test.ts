import { describe, expect, it } from 'vitest';
import { NOTHING_FOUND, type CacheOp } from '../../../../../common/cache-protocol';
import type { PendingChange, PendingOpRecord } from '../../../../../common/model/pending';
import type { BackendEvents, DeviceCacheAccess } from '../../../../../main/sync/backend';
import { ProtocolError } from '../../../../../main/protocols/protocol-error';
import { refusedChange, needsFolderCreated, nextSequence, OfflineQueue, onReplayFailure, type MoveChange } from '../../../../../main/sync/imap/offline-queue';
import type { ReplayOutcome } from '../../../../../main/sync/imap/replay-change';
import { TaskQueue } from '../../../../../main/sync/task-queue';
import { serverFolder } from '../../../../support/named-folder';
import { noticeEnglish } from '../../../../support/main-words';

const NOW = Date.UTC(2026, 11, 4);
const flags = (folderPath: string, uid: number): PendingChange => ({ kind: 'flags', folderPath, uids: [uid], add: ['\\Seen'], remove: [] });
const move = (uids: number[]): MoveChange => ({ kind: 'move', folderPath: 'INBOX', uids, toPath: 'Archive', placeholderIds: uids.map((u) => `pending:k:${u}`) });
const refusal = (): Error => Object.assign(new Error('the server did not move the messages to Archive.'), { responseStatus: 'NO' });
const connectionLost = (): ProtocolError => new ProtocolError({ code: 'CONNECTION_LOST', message: 'IMAP: the connection was lost.' });

/**
 * The queue with everything around it faked: the command connection's task queue is a real
 * TaskQueue (paused = offline), the server is `answer`, the cache records its batches.
 */
function harness(answer: (change: PendingChange) => Promise<ReplayOutcome> = () => Promise.resolve({ ops: [], resync: [] })) {
  const tasks = new TaskQueue();
  const batches: CacheOp[][] = [];
  const sent: PendingChange[] = [];
  const resynced: string[] = [];
  const restored: MoveChange[] = [];
  const notices: Array<Parameters<BackendEvents['notice']>[0]> = [];
  const backgroundFailures: unknown[] = [];
  let online = false;
  let restore = (change: MoveChange): Promise<void> => {
    restored.push(change);
    return Promise.resolve();
  };
  const cache: DeviceCacheAccess = {
    apply: (ops) => {
      batches.push(ops);
      return Promise.resolve(NOTHING_FOUND);
    },
    query: () => Promise.reject(new Error('the queue does not read the cache')),
  };
  const queue = new OfflineQueue({
    cache,
    now: () => NOW,
    send: (change) => {
      sent.push(change);
      return answer(change);
    },
    restoreRefusedMove: (change) => restore(change),
    folderOf: (path) => serverFolder(path),
    runTask: (priority, name, task, key) => tasks.run(priority, name, task, key),
    background: (work) => void work.catch((error: unknown) => backgroundFailures.push(error)),
    connected: () => online,
    changed: () => undefined,
    resync: (path) => resynced.push(path),
    notice: (notice) => notices.push(notice),
  });
  return {
    queue,
    tasks,
    batches,
    sent,
    resynced,
    restored,
    notices,
    backgroundFailures,
    goOnline: () => {
      online = true;
      tasks.resume();
    },
    failRestore: () => {
      restore = () => Promise.reject(connectionLost());
    },
  };
}

describe('OfflineQueue (RFC 4549 §4): the order and fate of queued changes', () => {
  it('commits the optimistic change and the pending change in one batch, and sends nothing while offline', async () => {
    const h = harness();
    h.tasks.pause();
    await h.queue.enqueue([{ op: 'changeFlags', ids: ['m1'], add: ['\\Seen'], remove: [] }], [flags('INBOX', 1)]);
    expect(h.batches).toHaveLength(1);
    expect(h.batches[0]!.map((op) => op.op)).toEqual(['changeFlags', 'addPendingOp']);
    expect(h.queue.size).toBe(1);
    expect(h.sent).toEqual([]);
  });

  it('replays changes in the order the user made them, each removed only after the server took it', async () => {
    const h = harness();
    h.tasks.pause();
    const changes = [flags('INBOX', 1), flags('Work', 2), flags('INBOX', 3)];
    for (const change of changes) await h.queue.enqueue([], [change]);
    h.goOnline();
    await h.queue.replaySoon('sync');
    expect(h.sent).toEqual(changes);
    const removals = h.batches.slice(3).map((ops) => ops.map((op) => (op.op === 'removePendingOp' ? op.id : op.op)));
    expect(removals).toEqual(h.batches.slice(0, 3).map((ops) => ops.map((op) => (op.op === 'addPendingOp' ? op.record.id : op.op))));
    expect(h.queue.size).toBe(0);
  });

  it('numbers changes after those loaded from the cache, increasing even within one millisecond', async () => {
    const h = harness();
    h.tasks.pause();
    const loaded: PendingOpRecord = { id: 'old', seq: NOW * 1000 + 7, change: flags('INBOX', 9), createdAt: NOW, attempts: 0, lastError: null };
    h.queue.load([loaded]);
    await h.queue.enqueue([], [flags('INBOX', 1), flags('INBOX', 2)]);
    expect(h.queue.records.map((r) => r.seq)).toEqual([NOW * 1000 + 7, NOW * 1000 + 8, NOW * 1000 + 9]);
  });

  it('coalesces: changes queued while a replay waits are sent by that one replay, each once', async () => {
    const h = harness();
    h.tasks.pause();
    const replays = [h.queue.replaySoon('user'), h.queue.replaySoon('user')];
    for (let uid = 1; uid <= 3; uid++) await h.queue.enqueue([], [flags('INBOX', uid)]);
    expect(replays[0]).toBe(replays[1]);
    expect(h.tasks.size).toBe(1);
    h.goOnline();
    await Promise.all(replays);
    expect(h.sent.map((c) => (c.kind === 'flags' ? c.uids[0] : null))).toEqual([1, 2, 3]);
  });

  it('keeps a change the connection lost first in line, and sends it again on the next replay', async () => {
    let lose = true;
    const h = harness((change) => (lose && change.kind === 'flags' && change.uids[0] === 2 ? Promise.reject(connectionLost()) : Promise.resolve({ ops: [], resync: [] })));
    h.tasks.pause();
    for (let uid = 1; uid <= 3; uid++) await h.queue.enqueue([], [flags('INBOX', uid)]);
    h.goOnline();
    await expect(h.queue.replaySoon('sync')).rejects.toMatchObject({ wire: { code: 'CONNECTION_LOST' } });
    expect(h.queue.records.map((r) => (r.change.kind === 'flags' ? r.change.uids[0] : null))).toEqual([2, 3]);
    expect(h.notices).toEqual([]);
    lose = false;
    await h.queue.replaySoon('sync');
    expect(h.sent.map((c) => (c.kind === 'flags' ? c.uids[0] : null))).toEqual([1, 2, 2, 3]);
    expect(h.queue.size).toBe(0);
  });

  it('drops a change the server refused, says so, syncs its folder back to the server, and goes on', async () => {
    const h = harness((change) => (change.kind === 'flags' && change.uids[0] === 1 ? Promise.reject(refusal()) : Promise.resolve({ ops: [], resync: [] })));
    h.tasks.pause();
    await h.queue.enqueue([], [flags('Work', 1)]);
    await h.queue.enqueue([], [flags('INBOX', 2)]);
    h.goOnline();
    await h.queue.replaySoon('sync');
    expect(h.queue.size).toBe(0);
    expect(h.sent).toHaveLength(2);
    expect(h.resynced).toEqual(['Work']);
    expect(h.notices).toHaveLength(1);
    expect(h.notices[0]).toMatchObject({ level: 'error', where: 'sync' });
    expect(h.notices[0]!.words).toMatchObject({ kind: 'changeRefused', change: { kind: 'flags', count: 1, folder: serverFolder('Work') } });
    expect(noticeEnglish(h.notices[0]!)).toMatch(/^Could not change flags on 1 message in Work: /);
  });

  it('puts the messages of a refused move back, and drops only the placeholders when that fails too', async () => {
    const h = harness(() => Promise.reject(refusal()));
    h.tasks.pause();
    await h.queue.enqueue([], [move([4, 5])]);
    h.goOnline();
    await h.queue.replaySoon('sync');
    expect(h.restored).toEqual([move([4, 5])]);
    expect(h.resynced).toEqual(['INBOX']);

    const g = harness(() => Promise.reject(refusal()));
    g.failRestore();
    g.tasks.pause();
    await g.queue.enqueue([], [move([6])]);
    g.goOnline();
    await g.queue.replaySoon('sync');
    expect(g.batches.at(-1)).toEqual([{ op: 'deleteMessages', ids: ['pending:k:6'] }]);
    expect(g.resynced).toEqual(['INBOX']);
  });

  it('writes the server’s answer (placeholders renamed to their COPYUID) in the batch that removes the change, then resyncs what it names', async () => {
    const renamed: ReplayOutcome = { ops: [{ op: 'renameMessages', renames: [{ from: 'pending:k:4', to: 'server:Archive#40', folderId: 'server:Archive', uid: 40 }] }], resync: ['Archive'] };
    const h = harness(() => Promise.resolve(renamed));
    h.tasks.pause();
    await h.queue.enqueue([], [move([4])]);
    h.goOnline();
    await h.queue.replaySoon('sync');
    const last = h.batches.at(-1)!;
    expect(last[0]).toEqual(renamed.ops[0]);
    expect(last[1]).toMatchObject({ op: 'removePendingOp' });
    expect(h.resynced).toEqual(['Archive']);
  });

  it('sends at once when connected (as the user’s task, its failure reported in the background)', async () => {
    const h = harness(() => Promise.reject(connectionLost()));
    h.goOnline();
    await h.queue.enqueue([], [flags('INBOX', 1)]);
    // A task of the lowest priority starts only once the replay (the user's) has ended.
    await h.tasks.run('background', 'after the replay', () => Promise.resolve());
    expect(h.sent).toHaveLength(1);
    expect(h.backgroundFailures).toHaveLength(1);
    expect(h.backgroundFailures[0]).toMatchObject({ wire: { code: 'CONNECTION_LOST' } });
    expect(h.queue.size).toBe(1);
  });
});

describe('the offline queue’s decisions', () => {
  it('drops only what the server refused (tagged NO or BAD); keeps anything that may pass', () => {
    expect(onReplayFailure(refusal())).toBe('drop');
    expect(onReplayFailure(Object.assign(new Error('bad'), { responseStatus: 'BAD' }))).toBe('drop');
    expect(onReplayFailure(connectionLost())).toBe('keep');
    expect(onReplayFailure(new ProtocolError({ code: 'CONNECTION_TIMEOUT', message: 'stalled' }))).toBe('keep');
    expect(onReplayFailure(new Error('socket hang up'))).toBe('keep');
  });

  it('numbers after the last change, near the clock', () => {
    expect(nextSequence(0, NOW)).toBe(NOW * 1000);
    expect(nextSequence(NOW * 1000, NOW)).toBe(NOW * 1000 + 1);
    expect(nextSequence(NOW * 1000 + 5, NOW + 1)).toBe((NOW + 1) * 1000);
  });

  it('creates the target of an upload the server has not listed, and only of an upload', () => {
    const append: PendingChange = { kind: 'append', folderPath: 'Sent', raw: new Uint8Array(), flags: [], replacesUid: null };
    expect(needsFolderCreated(append, () => false)).toBe(true);
    expect(needsFolderCreated(append, (path) => path === 'Sent')).toBe(false);
    expect(needsFolderCreated(flags('Nowhere', 1), () => false)).toBe(false);
  });

  it('names each kind of change for the refusal notice, and the window words it', () => {
    const said = (change: PendingChange): string => noticeEnglish({ words: { kind: 'changeRefused', change: refusedChange(change, (path) => serverFolder(path)), reason: 'NO' } });
    expect(refusedChange(flags('INBOX', 1), (path) => serverFolder(path))).toEqual({ kind: 'flags', count: 1, folder: serverFolder('INBOX') });
    expect(said(flags('INBOX', 1))).toBe('Could not change flags on 1 message in Inbox: NO');
    expect(said(move([1, 2]))).toBe('Could not move 2 messages from Inbox to Archive: NO');
    expect(said({ kind: 'expunge', folderPath: 'Trash', uids: [1, 2, 3] })).toBe('Could not delete 3 messages from Trash: NO');
    expect(said({ kind: 'append', folderPath: 'Drafts', raw: new Uint8Array(), flags: [], replacesUid: 4 })).toBe('Could not save a message to Drafts: NO');
  });
});

describe('OfflineQueue: what undo needs of it', () => {
  it('cancels a change not sent yet: it leaves the queue with the undo of its optimistic part in one batch, and is never sent', async () => {
    const h = harness();
    h.tasks.pause();
    const {
      records: [record],
    } = await h.queue.enqueue([], [move([4])]);
    const undoOps: CacheOp[] = [{ op: 'renameMessages', renames: [{ from: 'pending:k:4', to: 'server:INBOX#4', folderId: 'server:INBOX', uid: 4 }] }];
    expect(await h.queue.cancel(record!.id, undoOps)).toBe(true);
    expect(h.batches.at(-1)).toEqual([{ op: 'removePendingOp', id: record!.id }, ...undoOps]);
    expect(h.queue.has(record!.id)).toBe(false);
    h.goOnline();
    await h.queue.replaySoon('sync');
    expect(h.sent).toEqual([]);
  });

  it('does not cancel a change being sent; once its answer is in, listeners hear what it did', async () => {
    let answer = (_: ReplayOutcome): void => undefined;
    const h = harness(() => new Promise<ReplayOutcome>((resolve) => (answer = resolve)));
    h.tasks.pause();
    const {
      records: [record],
    } = await h.queue.enqueue([], [move([4])]);
    const heard: ReplayOutcome[] = [];
    h.queue.onAccepted((accepted, outcome) => accepted.id === record!.id && heard.push(outcome));
    h.goOnline();
    const replay = h.queue.replaySoon('sync');
    while (h.sent.length === 0) await new Promise((resolve) => setImmediate(resolve));
    expect(await h.queue.cancel(record!.id, [])).toBe(false);
    const settled = h.queue.notInFlight(record!.id);
    const outcome: ReplayOutcome = { ops: [{ op: 'renameMessages', renames: [{ from: 'pending:k:4', to: 'server:Archive#9', folderId: 'server:Archive', uid: 9 }] }], resync: [] };
    answer(outcome);
    await settled;
    await replay;
    expect(heard).toEqual([outcome]);
    expect(h.queue.has(record!.id)).toBe(false);
  });
});
