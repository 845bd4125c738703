import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandName } from '../../../common/contract';
import type { WireError } from '../../../common/result';
import { messageActions, neighbourIn, type AfterLeaving, type MessageActionsDeps } from '../../../renderer/app/message-actions';
import type { SelectedBy } from '../../../renderer/app/mark-read';
import { message as messageRecord } from '../factories';

// Issue 13 item 5: the three panes and every device column act on messages through one hook
// (useDeviceView) over these actions, so "the user moved on meanwhile" is decided once.

type Answer = { ok: true; value: null } | { ok: false; error: WireError };

/** A view over a list, whose commands wait until the test answers them. */
function view(afterLeaving: AfterLeaving, ids = ['m1', 'm2', 'm3']) {
  const calls: Array<{ command: CommandName; params: unknown; answer(result: Answer): void }> = [];
  const selections: Array<[string | null, SelectedBy]> = [];
  const failures: WireError[] = [];
  const busy: boolean[] = [];
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
  };
  return {
    actions: messageActions(deps),
    calls,
    selections,
    failures,
    busy,
    /** What the user has selected now (a click while a command is on its way). */
    userSelects(messageId: string | null) {
      selected = messageId;
    },
  };
}

const ok: Answer = { ok: true, value: null };
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
