import type { CacheOp } from '../../common/cache-protocol';
import type { PopStateRecord } from '../../common/model/mail';

const touchesPopStates = (op: CacheOp): boolean => op.op === 'putPopStates' || op.op === 'patchPopStates' || op.op === 'deletePopStates' || op.op === 'clearPopStates';

/**
 * A copy in main of each device's POP states, so a mail check with nothing new does not read
 * thousands of records back from the cache host. Correct because main is the cache's only writer:
 * the copy changes only when a write of POP states committed, the same way the host applied it.
 * While such a write is in flight the copy is not used (a read then goes to the host), and a read
 * fills the copy only if no write started while it was on its way.
 */
export class PopStateMirror {
  private readonly states = new Map<string, Map<string, PopStateRecord>>();
  private readonly writesInFlight = new Map<string, number>();
  /** Bumped when a write of POP states starts: a read answered across it is not kept. */
  private readonly generation = new Map<string, number>();

  /** The device's states, or null when only the host knows them now. */
  read(dbName: string): PopStateRecord[] | null {
    if (this.writesInFlight.get(dbName)) return null;
    const states = this.states.get(dbName);
    return states ? [...states.values()].map((s) => ({ ...s })) : null;
  }

  /** The token of a read sent to the host now, to hand back to `filled`. */
  readStarted(dbName: string): number {
    return this.generation.get(dbName) ?? 0;
  }

  filled(dbName: string, token: number, states: PopStateRecord[]): void {
    if (this.writesInFlight.get(dbName) || (this.generation.get(dbName) ?? 0) !== token) return;
    this.states.set(dbName, new Map(states.map((s) => [s.uidl, { ...s }])));
  }

  /** Call before sending `ops`; the returned function after the host answered. */
  writeStarted(dbName: string, ops: readonly CacheOp[]): (committed: boolean) => void {
    const relevant = ops.filter(touchesPopStates);
    if (relevant.length === 0) return () => undefined;
    this.writesInFlight.set(dbName, (this.writesInFlight.get(dbName) ?? 0) + 1);
    this.generation.set(dbName, (this.generation.get(dbName) ?? 0) + 1);
    return (committed) => {
      this.writesInFlight.set(dbName, this.writesInFlight.get(dbName)! - 1);
      const states = this.states.get(dbName);
      if (!states) return;
      // A failed transaction changed nothing, but the outcome of a failure is not always known
      // (the host may have gone mid-commit): the next read asks the host.
      if (!committed) this.states.delete(dbName);
      else for (const op of relevant) applyOp(states, op);
    };
  }

  forget(dbName: string): void {
    this.states.delete(dbName);
    this.generation.set(dbName, (this.generation.get(dbName) ?? 0) + 1);
  }
}

/** What the cache host does with the same op (renderer/cache-host/apply-ops.ts). */
function applyOp(states: Map<string, PopStateRecord>, op: CacheOp): void {
  switch (op.op) {
    case 'putPopStates':
      for (const s of op.states) states.set(s.uidl, { ...s });
      return;
    case 'patchPopStates':
      for (const uidl of op.uidls) {
        const s = states.get(uidl);
        if (s) states.set(uidl, { ...s, ...op.changes });
      }
      return;
    case 'deletePopStates':
      for (const uidl of op.uidls) states.delete(uidl);
      return;
    case 'clearPopStates':
      states.clear();
      return;
    default:
      return;
  }
}
