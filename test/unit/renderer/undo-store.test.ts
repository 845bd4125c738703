import { describe, expect, it } from 'vitest';
import { UNDO_OFFER_MS, UNDO_STACK_SIZE, undoEveryPart, undoOnEveryDevice, UndoStore, type UndoAnswer, type UndoOffer } from '../../../renderer/features/undo/undo-store';

const device = { accountId: 'a', deviceId: 'd' };
const offer = (n: number): UndoOffer => ({ device, undoId: `u${n}`, what: `Deleted ${n} messages` });

function harness(answer: (offer: UndoOffer) => Promise<UndoAnswer> = () => Promise.resolve({ ok: true })) {
  let now = 0;
  const sent: string[] = [];
  const store = new UndoStore((o) => {
    sent.push(o.undoId);
    return answer(o);
  }, () => now);
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { store, sent, settle, advance: (ms: number) => void (now += ms) };
}

describe('UndoStore: one stack for the window, the toast where the change was made', () => {
  it('shows the newest change in its view, and Ctrl/Cmd+Z undoes the newest first, then the one before', async () => {
    const h = harness();
    h.store.offer(offer(1), 'column');
    h.store.offer(offer(2), 'panes');
    expect(h.store.snapshot.toast).toMatchObject({ kind: 'offer', owner: 'panes', offer: { undoId: 'u2' } });
    expect(h.store.undo()).toBe(true);
    expect(h.store.snapshot.toast).toMatchObject({ kind: 'working', owner: 'panes' });
    await h.settle();
    expect(h.store.snapshot.toast).toMatchObject({ kind: 'done', text: 'Undone: deleted 2 messages', owner: 'panes' });
    expect(h.store.undo()).toBe(true);
    await h.settle();
    expect(h.store.snapshot.toast).toMatchObject({ kind: 'done', owner: 'column' });
    expect(h.sent).toEqual(['u2', 'u1']);
    expect(h.store.undo()).toBe(false);
  });

  it("says a failure in the error's words, and the change leaves the stack", async () => {
    const h = harness(() => Promise.resolve({ ok: false, message: 'That change can no longer be undone.' }));
    h.store.offer(offer(1), 'panes');
    h.store.undo('u1');
    await h.settle();
    expect(h.store.snapshot.toast).toMatchObject({ kind: 'failed', text: 'Could not undo: That change can no longer be undone.' });
    expect(h.store.snapshot.stack).toEqual([]);
  });

  it('keeps a dismissed change undoable by the keys, a short stack, and lets go of changes main no longer keeps', () => {
    const h = harness();
    h.store.offer(offer(1), 'panes');
    h.store.dismiss(h.store.snapshot.toast!.key);
    expect(h.store.snapshot.toast).toBeNull();
    expect(h.store.snapshot.stack).toHaveLength(1);
    for (let n = 2; n <= UNDO_STACK_SIZE + 5; n++) h.store.offer(offer(n), 'panes');
    expect(h.store.snapshot.stack.map((e) => e.offer.undoId)[0]).toBe('u6');
    h.advance(UNDO_OFFER_MS + 1);
    expect(h.store.undo()).toBe(false);
    expect(h.sent).toEqual([]);
  });

  it('runs one undo at a time: a second Ctrl/Cmd+Z while one runs does nothing', async () => {
    let finish = (_: UndoAnswer): void => undefined;
    const h = harness(() => new Promise<UndoAnswer>((resolve) => (finish = resolve)));
    h.store.offer(offer(1), 'panes');
    h.store.offer(offer(2), 'panes');
    h.store.undo();
    h.store.undo();
    expect(h.sent).toEqual(['u2']);
    finish({ ok: true });
    await h.settle();
    expect(h.store.snapshot.stack.map((e) => e.offer.undoId)).toEqual(['u1']);
  });
});

describe('undoEveryPart: a change sent in chunks is undone as one', () => {
  it('undoes every chunk, the newest first', async () => {
    const asked: string[] = [];
    const answer = await undoEveryPart({ ...offer(1), undoIds: ['c1', 'c2', 'c3'] }, (id) => {
      asked.push(id);
      return Promise.resolve({ ok: true });
    });
    expect(answer).toEqual({ ok: true });
    expect(asked).toEqual(['c3', 'c2', 'c1']);
  });

  it('stops at the first refusal and says how far it got', async () => {
    const answer = await undoEveryPart({ ...offer(1), undoIds: ['c1', 'c2', 'c3'] }, (id) => Promise.resolve(id === 'c2' ? { ok: false, message: 'Too old.' } : { ok: true }));
    expect(answer).toEqual({ ok: false, message: 'Too old. (1 of 3 parts were undone)' });
  });
});

describe('undoOnEveryDevice: a change made in several accounts is undone as one', () => {
  const work = { accountId: 'work', deviceId: 'd1' };
  const home = { accountId: 'home', deviceId: 'd2' };
  const change: UndoOffer = { device: work, undoId: 'w1', undoIds: ['w1', 'w2'], what: 'Deleted 3 messages in 2 accounts', alsoOn: [{ device: home, undoId: 'h1', what: 'Deleted 1 message' }] };

  it('undoes the newest account first, each account on its own device, every chunk', async () => {
    const asked: string[] = [];
    const answer = await undoOnEveryDevice(change, (device, id) => {
      asked.push(`${device.accountId}:${id}`);
      return Promise.resolve({ ok: true });
    });
    expect(answer).toEqual({ ok: true });
    expect(asked).toEqual(['home:h1', 'work:w2', 'work:w1']);
  });

  it('stops at the first refusal and says in how many accounts it was undone', async () => {
    const answer = await undoOnEveryDevice(change, (device) => Promise.resolve(device.accountId === 'work' ? { ok: false, message: 'Too old.' } : { ok: true }));
    expect(answer).toEqual({ ok: false, message: 'Too old. (the change was undone in 1 of 2 accounts)' });
    // An offer of one device is undone as before.
    expect(await undoOnEveryDevice(offer(1), () => Promise.resolve({ ok: true }))).toEqual({ ok: true });
  });
});
