import type { UndoNote } from '../../common/model/main-words';
import type { DeviceCacheAccess, Reversal, UndoOutcome } from './backend';

/** Messages that had the same flags before a change: one shared copy of the list, and their ids. */
export interface FlagGroup {
  flags: readonly string[];
  ids: string[];
}

/**
 * IMAP flags are case-insensitive (RFC 3501 §2.3.2): compared and keyed in lower case. \Recent is
 * left out: it belongs to the session that first saw the message (RFC 3501 §2.3.2), so the next
 * sync drops it though nobody changed the message.
 */
function flagKey(flags: readonly string[]): string {
  return [...new Set(flags.map((f) => f.toLowerCase()).filter((f) => f !== '\\recent'))].sort().join(' ');
}

/** The messages by their flags before a change: as many groups as there are distinct flag lists. */
export function groupByFlags(messages: ReadonlyArray<{ id: string; flags: readonly string[] }>): FlagGroup[] {
  const groups = new Map<string, FlagGroup>();
  for (const message of messages) {
    const key = flagKey(message.flags);
    const group = groups.get(key);
    if (group) group.ids.push(message.id);
    else groups.set(key, { flags: message.flags, ids: [message.id] });
  }
  return [...groups.values()];
}

function has(flags: readonly string[], flag: string): boolean {
  return flags.some((f) => f.toLowerCase() === flag.toLowerCase());
}

/** The flags after adding and removing (removal wins, as the cache applies it). */
export function afterChange(flags: readonly string[], add: readonly string[], remove: readonly string[]): string[] {
  return [...flags, ...add.filter((f) => !has(flags, f))].filter((f) => !has(remove, f));
}

/** What brings `before` back after the change: put back what it removed, take away what it added. */
export function reverseDelta(before: readonly string[], add: readonly string[], remove: readonly string[]): { add: string[]; remove: string[] } {
  return { add: remove.filter((f) => has(before, f)), remove: add.filter((f) => !has(before, f) && !has(remove, f)) };
}

export function sameFlags(a: readonly string[], b: readonly string[]): boolean {
  return flagKey(a) === flagKey(b);
}

export interface FlagReversalDeps {
  cache: DeviceCacheAccess;
  /** The device's own flag change (queued for the server over IMAP). */
  changeFlags(ids: string[], add: string[], remove: string[]): Promise<unknown>;
  /** Brings the server's current flags of these messages into the cache first, where there is a server. */
  refresh?(ids: string[]): Promise<void>;
}

/**
 * What reverses a flag change: each message gets back exactly the flags it had, unless it changed
 * again since (here or on another device: its flags are no longer what the change left), then it
 * is left alone and the outcome says so. One `changeFlags` per distinct reversal, at most as many
 * as there were distinct flag lists before. Null when the change changed nothing.
 */
export function flagReversal(deps: FlagReversalDeps, groups: FlagGroup[], add: readonly string[], remove: readonly string[]): Reversal | null {
  const changing = groups.filter((g) => {
    const delta = reverseDelta(g.flags, add, remove);
    return delta.add.length + delta.remove.length > 0;
  });
  if (changing.length === 0) return null;
  return {
    size: changing.reduce((n, g) => n + g.ids.length, 0),
    async undo(): Promise<UndoOutcome> {
      const ids = changing.flatMap((g) => g.ids);
      await deps.refresh?.(ids);
      const now = new Map((await deps.cache.query({ query: 'messagesByIds', ids })).map((m) => [m.id, m.flags]));
      const calls = new Map<string, { add: string[]; remove: string[]; ids: string[] }>();
      let changedSince = 0;
      let gone = 0;
      for (const group of changing) {
        const left = afterChange(group.flags, add, remove);
        const delta = reverseDelta(group.flags, add, remove);
        const key = `${flagKey(delta.add)}|${flagKey(delta.remove)}`;
        const call = calls.get(key) ?? { ...delta, ids: [] };
        for (const id of group.ids) {
          const flags = now.get(id);
          if (!flags) gone++;
          else if (!sameFlags(flags, left)) changedSince++;
          else call.ids.push(id);
        }
        if (call.ids.length) calls.set(key, call);
      }
      for (const call of calls.values()) await deps.changeFlags(call.ids, call.add, call.remove);
      const notes: UndoNote[] = [];
      if (changedSince) notes.push({ kind: 'flagsChangedSince', count: changedSince });
      if (gone) notes.push({ kind: 'flagsNotInFolder', count: gone });
      return { notes };
    },
  };
}
