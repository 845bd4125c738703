import { randomUUID } from 'node:crypto';
import { ProtocolError } from '../protocols/protocol-error';
import type { Reversal, UndoOutcome } from '../sync/backend';

/**
 * How long a change stays undoable: two minutes. The toast offers it for at least 10 s (longer
 * while the pointer or focus is on it), and Ctrl/Cmd+Z walks back through a short stack of
 * earlier changes; two minutes covers a user who undoes a few changes in a row after reading the
 * toast, while what is kept for a burst of changes is let go soon.
 */
export const UNDO_KEEP_MS = 120_000;
/**
 * The newest changes of a device that stay undoable; older ones go first. The UI sends a bulk
 * change in chunks of 2,000 ids, each its own change: all 100,000 messages of a folder are 50.
 */
export const UNDO_MAX_ENTRIES = 200;
/**
 * Messages all kept changes of a device may name together. A reversal keeps ids, UIDs and flag
 * lists only (about 100 bytes a message), so this bounds a device's journal to some tens of MB
 * even after several bulk changes of a 100,000-message folder; the newest change is always kept.
 */
export const UNDO_MAX_MESSAGES = 300_000;

interface Entry {
  undoId: string;
  at: number;
  /** The engine that made it: a device restarted or switched mode since cannot undo it. */
  owner: object;
  reversal: Reversal;
}

/**
 * What reverses each recent change to messages, per device, for `messages:undo`.
 *
 * Policy and invariants:
 * - An entry is kept UNDO_KEEP_MS, and within UNDO_MAX_ENTRIES and UNDO_MAX_MESSAGES per device
 *   (oldest dropped first); it is undone at most once, and dropped then.
 * - Undos of one device run one at a time, in the order asked.
 * - Kept in memory only: after a restart nothing is undoable (a change still queued offline is
 *   still replayed, as before).
 */
export class UndoJournal {
  private readonly byDevice = new Map<string, Entry[]>();
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Keeps what reverses a change just made; answers the id the UI undoes it by. */
  add(deviceKey: string, owner: object, reversal: Reversal): string {
    // Every device's old entries go now, not only this one's: nothing waits for a device never used again.
    for (const key of [...this.byDevice.keys()]) if (key !== deviceKey) this.pruned(key);
    const entries = this.pruned(deviceKey);
    const entry: Entry = { undoId: randomUUID(), at: this.now(), owner, reversal };
    entries.push(entry);
    let messages = entries.reduce((n, e) => n + e.reversal.size, 0);
    while (entries.length > 1 && (entries.length > UNDO_MAX_ENTRIES || messages > UNDO_MAX_MESSAGES)) {
      const dropped = entries.shift()!;
      messages -= dropped.reversal.size;
      dropped.reversal.dispose?.();
    }
    this.byDevice.set(deviceKey, entries);
    return entry.undoId;
  }

  /** How many changes of the device can be undone now (for tests and status). */
  count(deviceKey: string): number {
    return this.pruned(deviceKey).length;
  }

  /**
   * Undoes a change (after the device's undos asked before it). UNDO_EXPIRED when it is too old,
   * was undone already, or its device's engine was replaced since.
   */
  undo(deviceKey: string, undoId: string, owner: object): Promise<UndoOutcome> {
    const entries = this.pruned(deviceKey);
    const index = entries.findIndex((e) => e.undoId === undoId);
    const entry = index >= 0 ? entries.splice(index, 1)[0]! : null;
    if (!entry || entry.owner !== owner) {
      entry?.reversal.dispose?.();
      return Promise.reject(new ProtocolError({ code: 'UNDO_EXPIRED', message: entry ? 'That change can no longer be undone: the account was restarted since.' : `That change can no longer be undone: changes stay undoable for ${UNDO_KEEP_MS / 60_000} minutes, once.` }));
    }
    const previous = this.running.get(deviceKey) ?? Promise.resolve();
    const run = previous
      .catch(() => undefined)
      .then(() => entry.reversal.undo())
      .finally(() => {
        entry.reversal.dispose?.();
        if (this.running.get(deviceKey) === run) this.running.delete(deviceKey);
      });
    this.running.set(deviceKey, run);
    return run;
  }

  /** Drops every entry of a device (its engine stopped). */
  forget(deviceKey: string): void {
    for (const entry of this.byDevice.get(deviceKey) ?? []) entry.reversal.dispose?.();
    this.byDevice.delete(deviceKey);
  }

  private pruned(deviceKey: string): Entry[] {
    const entries = this.byDevice.get(deviceKey) ?? [];
    const oldest = this.now() - UNDO_KEEP_MS;
    const kept = entries.filter((e) => e.at >= oldest);
    for (const entry of entries) if (entry.at < oldest) entry.reversal.dispose?.();
    if (kept.length) this.byDevice.set(deviceKey, kept);
    else this.byDevice.delete(deviceKey);
    return kept;
  }
}
