import type { UndoNote } from '../../common/model/main-words';
import type { Reversal, UndoOutcome } from './backend';

/**
 * One reversal for a change made of parts (messages from several folders, some kept only on this
 * computer): the parts are undone in order, and `notes` say what the change did that no undo can
 * take back (a message deleted for good). Null when no part can be undone.
 */
export function reversalOf(parts: ReadonlyArray<Reversal | null>, notes: readonly UndoNote[] = []): Reversal | null {
  const present = parts.filter((p): p is Reversal => p !== null);
  if (present.length === 0) return null;
  return {
    size: present.reduce((n, p) => n + p.size, 0),
    async undo(): Promise<UndoOutcome> {
      const said: UndoNote[] = [];
      for (const part of present) said.push(...(await part.undo()).notes);
      return { notes: [...said, ...notes] };
    },
    dispose(): void {
      for (const part of present) part.dispose?.();
    },
  };
}
