import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandName } from '../../../common/contract';
import type { WireError } from '../../../common/result';
import { BULK_CHUNK, messageActions, neighbourIn, type AfterLeaving, type BulkProgress, type MessageActionsDeps } from '../../../renderer/app/message-actions';
import type { UndoOffer } from '../../../renderer/features/undo/use-undo';
import type { SelectedBy } from '../../../renderer/app/mark-read';
import { message as messageRecord } from '../factories';

// Issue 13 item 5: the three panes and every device column act on messages through one hook
// (useDeviceView) over these actions, so "the user moved on meanwhile" is decided once.

type Answer = { ok: true; value: { undoId: string | null } } | { ok: false; error: WireError };

/** A view over a list, whose commands wait until the test answers them. */
function view(afterLeaving: AfterLeaving, ids = ['m1', 'm2', 'm3'], archivePath: string | null = null) {
  const calls: Array<{ command: CommandName; params: unknown; answer(result: Answer): void }> = [];
  const selections: Array<[string | null, SelectedBy]> = [];
  const failures: WireError[] = [];
  const busy: boolean[] = [];
  const progress: Array<BulkProgress | null> = [];
  const offers: UndoOffer[] = [];
  let selected: string | null = null;
  const deps: MessageActionsDeps = {
    device: { accountId: 'a', deviceId: 'd' },
    invoke: ((command: CommandName, params: unknown) =>
      new Promise<Answer>((resolve) => calls.push({ command, params, answer: resolve }))) as unknown as MessageActionsDeps['invoke'],
    ids,
    afterLeaving,
    selectedNow: () => selected,
    select: (messageId, by) => selections.push([messageId, by]),
    onBusy: (now) => busy.push(now),
    onFailure: (error) => failures.push(error),
    onProgress: (now) => progress.push(now),
    onUndoable: (offer) => offers.push(offer),
    archivePath,
  };
  return {
    actions: messageActions(deps),
    calls,
    selections,
    failures,
    busy,
    progress,
    offers,
    /** What the user has selected now (a click while a command is on its way). */
    userSelects(messageId: string | null) {
      selected = messageId;
    },
  };
}

const ok: Answer = { ok: true, value: { undoId: null } };
const message = (id: string) => messageRecord({ id });

describe('actions on the selected message, shared by the three panes and the device columns', () => {
  it('after a delete, the next message is selected by the app (three panes), or nothing (a column)', async () => {
    const panes = view('next');
    panes.userSelects('m2');
    const deleting = panes.actions.act(message('m2'), 'delete');
    expect(panes.calls[0]).toMatchObject({ command: 'messages:delete', params: { accountId: 'a', deviceId: 'd', messageIds: ['m2'] } });
    panes.calls[0]!.answer(ok);
    await deleting;
    expect(panes.selections).toEqual([['m3', 'app']]);
    expect(panes.busy).toEqual([true, false]);

    const column = view('nothing');
    column.userSelects('m2');
    const removing = column.actions.act(message('m2'), 'delete');
    column.calls[0]!.answer(ok);
    await removing;
    expect(column.selections).toEqual([[null, 'app']]);
  });

  it('the user moved on meanwhile: a delete or a move that ends later leaves their new choice alone', async () => {
    for (const afterLeaving of ['next', 'nothing'] as const) {
      const v = view(afterLeaving);
      v.userSelects('m1');
      const deleting = v.actions.act(message('m1'), 'delete');
      v.userSelects('m3');
      v.calls[0]!.answer(ok);
      await deleting;

      v.userSelects('m2');
      const moving = v.actions.move(['m2'], 'Archive');
      v.userSelects('m1');
      v.calls[1]!.answer(ok);
      await moving;
      expect(v.calls[1]).toMatchObject({ command: 'messages:move', params: { messageIds: ['m2'], toPath: 'Archive' } });
      expect(v.selections).toEqual([]);
    }
  });

  it('the last message leaving selects the one before it; a move of other messages keeps the selection', async () => {
    const v = view('next');
    v.userSelects('m3');
    const moving = v.actions.move(['m3'], 'Archive');
    v.calls[0]!.answer(ok);
    await moving;
    expect(v.selections).toEqual([['m2', 'app']]);

    v.userSelects('m2');
    const dragging = v.actions.move(['m1'], 'Archive');
    v.calls[1]!.answer(ok);
    await dragging;
    expect(v.selections).toEqual([['m2', 'app']]);
  });

  it('a refused action is reported and selects nothing; read and flag toggle the flag the message has', async () => {
    const v = view('next');
    v.userSelects('m1');
    const deleting = v.actions.act(message('m1'), 'delete');
    const refused: WireError = { code: 'SERVER_ERROR', message: 'No.' };
    v.calls[0]!.answer({ ok: false, error: refused });
    await deleting;
    expect(v.failures).toEqual([refused]);
    expect(v.selections).toEqual([]);

    const reading = v.actions.act({ ...message('m1'), seen: 1 }, 'toggleRead');
    v.calls[1]!.answer(ok);
    await reading;
    const flagging = v.actions.act({ ...message('m1'), flagged: 0 }, 'toggleFlag');
    v.calls[2]!.answer(ok);
    await flagging;
    expect(v.calls.slice(1).map((c) => c.params)).toEqual([
      { accountId: 'a', deviceId: 'd', messageIds: ['m1'], add: [], remove: ['\\Seen'] },
      { accountId: 'a', deviceId: 'd', messageIds: ['m1'], add: ['\\Flagged'], remove: [] },
    ]);
  });

  it('the neighbour of a message: the next, else the previous, else none', () => {
    expect(neighbourIn(['m1', 'm2'], 'm1')).toBe('m2');
    expect(neighbourIn(['m1', 'm2'], 'm2')).toBe('m1');
    expect(neighbourIn(['m1'], 'm1')).toBeNull();
    expect(neighbourIn(null, 'm1')).toBeNull();
  });

  it('the three panes and the device column both go through useDeviceView', () => {
    const root = join(__dirname, '..', '..', '..', 'renderer');
    for (const file of ['app/App.tsx', 'features/devices/DeviceColumn.tsx']) {
      const source = readFileSync(join(root, file), 'utf8');
      expect(source, file).toContain('useDeviceView({');
      expect(source, file).not.toContain("invoke('messages:delete'");
      expect(source, file).not.toContain("invoke('messages:move'");
    }
  });
});

/** Answers each command as it comes, with an undo ticket per command. */
async function answerAll(v: ReturnType<typeof view>, until: Promise<void>, stopAfter = Infinity): Promise<void> {
  let answered = 0;
  let finished = false;
  void until.then(() => (finished = true));
  while (!finished) {
    const next = v.calls[answered];
    if (next) {
      if (answered + 1 === stopAfter) v.progress.at(-1)?.cancel();
      next.answer({ ok: true, value: { undoId: `u${answered}` } });
      answered++;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('actions on a selection of many messages', () => {
  // Two whole chunks and a part of one.
  const N = 2 * BULK_CHUNK + 500;
  const many = Array.from({ length: N }, (_, i) => `m${i}`);
  const n = (x: number): string => x.toLocaleString();

  it(`sends ${BULK_CHUNK.toLocaleString()} ids a command, says how far it is, and offers one undo for all chunks`, async () => {
    const v = view('next', many);
    const marking = v.actions.bulk(many, 'read');
    await answerAll(v, marking);
    expect(v.calls.map((c) => (c.params as { messageIds: string[] }).messageIds.length)).toEqual([BULK_CHUNK, BULK_CHUNK, 500]);
    expect(v.calls.every((c) => c.command === 'messages:flag')).toBe(true);
    expect(v.progress.map((p) => p && `${p.doing}: ${p.done} of ${p.total}`)).toEqual([`Marking read: 0 of ${N}`, `Marking read: ${BULK_CHUNK} of ${N}`, `Marking read: ${2 * BULK_CHUNK} of ${N}`, `Marking read: ${N} of ${N}`, null]);
    expect(v.offers).toEqual([{ device: { accountId: 'a', deviceId: 'd' }, undoId: 'u0', undoIds: ['u0', 'u1', 'u2'], what: `Marked ${n(N)} messages read` }]);
    expect(v.busy).toEqual([true, false]);
  });

  it('a cancel stops before the next chunk; what was done stays done and can be undone', async () => {
    const v = view('next', many);
    const deleting = v.actions.bulk(many, 'delete');
    await answerAll(v, deleting, 1);
    expect(v.calls).toHaveLength(1);
    expect(v.offers).toMatchObject([{ undoId: 'u0', what: `Deleted ${n(N)} messages (${n(BULK_CHUNK)} of ${n(N)})` }]);
    expect(v.progress.at(-1)).toBeNull();
  });

  it('a small selection is one command and shows no progress line', async () => {
    const v = view('next');
    const flagging = v.actions.bulk(['m1', 'm3'], 'flag');
    await answerAll(v, flagging);
    expect(v.calls.map((c) => c.params)).toEqual([{ accountId: 'a', deviceId: 'd', messageIds: ['m1', 'm3'], add: ['\\Flagged'], remove: [] }]);
    expect(v.progress).toEqual([]);
    expect(v.offers).toEqual([{ device: { accountId: 'a', deviceId: 'd' }, undoId: 'u0', what: 'Flagged 2 messages' }]);
  });

  it('a delete of a selection with the focused message in it selects the next message not deleted', async () => {
    const v = view('next', ['m1', 'm2', 'm3', 'm4']);
    v.userSelects('m2');
    const deleting = v.actions.bulk(['m2', 'm3'], 'delete');
    await answerAll(v, deleting);
    expect(v.selections).toEqual([['m4', 'app']]);
  });

  it('archive moves to the folder with role archive, or says there is none and sends nothing', async () => {
    const v = view('next', ['m1', 'm2'], 'Archive');
    const archiving = v.actions.bulk(['m1', 'm2'], 'archive');
    await answerAll(v, archiving);
    expect(v.calls[0]).toMatchObject({ command: 'messages:move', params: { messageIds: ['m1', 'm2'], toPath: 'Archive' } });

    const none = view('next', ['m1', 'm2'], null);
    await none.actions.bulk(['m1'], 'archive');
    expect(none.calls).toEqual([]);
    expect(none.failures[0]?.message).toMatch(/no Archive folder/);
  });

  it('a chunk refused stops the rest and says how far it got', async () => {
    const v = view('next', many);
    const marking = v.actions.bulk(many, 'unread');
    while (v.calls.length < 1) await new Promise((resolve) => setImmediate(resolve));
    v.calls[0]!.answer({ ok: true, value: { undoId: 'u0' } });
    while (v.calls.length < 2) await new Promise((resolve) => setImmediate(resolve));
    v.calls[1]!.answer({ ok: false, error: { code: 'SERVER_ERROR', message: 'No.' } });
    await marking;
    expect(v.calls).toHaveLength(2);
    expect(v.failures).toEqual([{ code: 'SERVER_ERROR', message: `No. (stopped after ${n(BULK_CHUNK)} of ${n(N)})` }]);
    expect(v.offers).toMatchObject([{ undoId: 'u0' }]);
  });
});
