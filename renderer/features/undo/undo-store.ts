import type { DeviceRef } from '../../../common/contract';
import { intl, uiLanguage } from '../../i18n/intl';

/** A change that main can undo (its UndoTicket), and what it was in words ("Deleted 3 messages"). */
export interface UndoOffer {
  device: DeviceRef;
  undoId: string;
  /** A change sent in chunks: every chunk's undo id, in the order sent (`undoId` is the first); undone newest first. */
  undoIds?: readonly string[];
  what: string;
  /**
   * One change made through several devices (a selection in a view over every account): the
   * other devices' parts, made after this one. Undone with it, newest first, as one change.
   */
  alsoOn?: readonly UndoOffer[];
}

/** How many changes Ctrl/Cmd+Z can walk back through. */
export const UNDO_STACK_SIZE = 20;
/** Main keeps a change undoable for 2 minutes (main/core/undo-journal.ts); the UI lets go a little sooner. */
export const UNDO_OFFER_MS = 115_000;

/** What the toast says: a change with its Undo button, the undo running, or how it ended. */
export type ToastState =
  | { kind: 'offer'; offer: UndoOffer; owner: string; key: number }
  | { kind: 'working'; what: string; owner: string; key: number }
  | { kind: 'done'; text: string; owner: string; key: number }
  | { kind: 'failed'; text: string; owner: string; key: number };

interface Entry {
  offer: UndoOffer;
  /** The view that made the change: its toast shows it and the outcome. */
  owner: string;
  at: number;
}

export interface UndoState {
  toast: ToastState | null;
  /** Undoable changes, oldest first. */
  stack: readonly Entry[];
}

/** The outcome of `messages:undo`, as the store needs it. */
export type UndoAnswer = { ok: true } | { ok: false; message: string };

/**
 * The undo offers of the whole window, one stack for the three panes and every device column, so
 * one Ctrl/Cmd+Z undoes the newest change wherever it was made. The toast belongs to the view of
 * the newest change. Kept outside React so it is one, and testable without a DOM.
 */
export class UndoStore {
  private state: UndoState = { toast: null, stack: [] };
  private readonly listeners = new Set<() => void>();
  private nextKey = 1;
  private running = false;

  constructor(
    private readonly send: (offer: UndoOffer) => Promise<UndoAnswer>,
    private readonly now: () => number = Date.now,
  ) {}

  get snapshot(): UndoState {
    return this.state;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(state: UndoState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }

  private fresh(): Entry[] {
    const oldest = this.now() - UNDO_OFFER_MS;
    return this.state.stack.filter((e) => e.at >= oldest);
  }

  /** A new change: on top of the stack, and in the toast (replacing what it said). */
  offer(offer: UndoOffer, owner: string): void {
    const stack = [...this.fresh(), { offer, owner, at: this.now() }].slice(-UNDO_STACK_SIZE);
    this.set({ stack, toast: { kind: 'offer', offer, owner, key: this.nextKey++ } });
  }

  /** The toast goes (its time is up, or the user closed it); the change stays undoable by Ctrl/Cmd+Z. */
  dismiss(key: number): void {
    if (this.state.toast?.key === key) this.set({ ...this.state, toast: null });
  }

  /** Undoes this change, or the newest when none is named; false when there is nothing to undo. */
  undo(undoId?: string): boolean {
    if (this.running) return true;
    const stack = this.fresh();
    const index = undoId === undefined ? stack.length - 1 : stack.findIndex((e) => e.offer.undoId === undoId);
    const entry = stack[index];
    if (!entry) {
      this.set({ ...this.state, stack });
      return false;
    }
    stack.splice(index, 1);
    this.running = true;
    const key = this.nextKey++;
    this.set({ stack, toast: { kind: 'working', what: entry.offer.what, owner: entry.owner, key } });
    void this.send(entry.offer)
      .catch((error: unknown): UndoAnswer => ({ ok: false, message: error instanceof Error ? error.message : String(error) }))
      .then((answer) => {
        this.running = false;
        const text = answer.ok
          ? intl().formatMessage({ id: 'undo.undone', defaultMessage: 'Undone: {what}' }, { what: inSentence(entry.offer.what) })
          : intl().formatMessage({ id: 'undo.failed', defaultMessage: 'Could not undo: {reason}' }, { reason: answer.message });
        this.set({ ...this.state, toast: { kind: answer.ok ? 'done' : 'failed', text, owner: entry.owner, key: this.nextKey++ } });
      });
    return true;
  }
}

/**
 * Undoes a change on every device it was made on (`alsoOn`), the newest part first, each part's
 * chunks too; the first refusal stops it and says how far it got.
 */
export async function undoOnEveryDevice(offer: UndoOffer, undoOne: (device: DeviceRef, undoId: string) => Promise<UndoAnswer>): Promise<UndoAnswer> {
  const parts = [offer, ...(offer.alsoOn ?? [])].reverse();
  for (const [done, part] of parts.entries()) {
    const answer = await undoEveryPart(part, (undoId) => undoOne(part.device, undoId));
    if (!answer.ok) {
      if (!done) return answer;
      return { ok: false, message: intl().formatMessage({ id: 'undo.partlyInAccounts', defaultMessage: '{reason} (the change was undone in {done} of {total} accounts)' }, { reason: answer.message, done, total: parts.length }) };
    }
  }
  return { ok: true };
}

/** Undoes every part of a change sent in chunks, the newest first; the first refusal stops and says how far it got. */
export async function undoEveryPart(offer: UndoOffer, undoOne: (undoId: string) => Promise<UndoAnswer>): Promise<UndoAnswer> {
  const ids = offer.undoIds?.length ? [...offer.undoIds].reverse() : [offer.undoId];
  for (const [done, id] of ids.entries()) {
    const answer = await undoOne(id);
    if (!answer.ok) {
      if (!done) return answer;
      return { ok: false, message: intl().formatMessage({ id: 'undo.partlyInParts', defaultMessage: '{reason} ({done} of {total} parts were undone)' }, { reason: answer.message, done, total: ids.length }) };
    }
  }
  return { ok: true };
}

/**
 * A change's words inside a sentence ("Undone: deleted 3 messages"): English lowers the first
 * letter; German keeps it (its nouns keep their capitals, and its texts lead with the count).
 */
export function inSentence(text: string): string {
  return uiLanguage() === 'en' ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}
