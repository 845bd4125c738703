import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { DeviceRef } from '../../../common/contract';
import type { WireError } from '../../../common/result';
import { mostHave, type RowClick } from '../../app/use-device-view';
import { BULK_CHUNK, bulkDoing, bulkWhat, messageActions, type BulkAction, type BulkProgress } from '../../app/message-actions';
import { collapse, extend, follow, isSelected, selectAll, selectedCount, selectedIds, selectOne, selectRange, toggle, type SelectionState } from '../../app/selection';
import { invoke } from '../../app/use-command';
import { readDb } from '../../cache/read-db';
import type { UnifiedEntry, UnifiedSource } from '../../cache/unified';
import { bindingName } from '../../ui/keyboard-shortcuts';
import type { UndoOffer } from '../undo/use-undo';

/** The selected entries of one account, in list order. */
export interface AccountPart {
  source: UnifiedSource;
  messageIds: string[];
}

/** The entries chosen, by account (in the order each account first appears in the list). */
export function byAccount(entries: readonly UnifiedEntry[]): AccountPart[] {
  const parts = new Map<string, AccountPart>();
  for (const entry of entries) {
    const part = parts.get(entry.source.dbName) ?? { source: entry.source, messageIds: [] };
    part.messageIds.push(entry.message.id);
    parts.set(entry.source.dbName, part);
  }
  return [...parts.values()];
}

/** One undo for a change made in several accounts: the first account's offer carries the others. */
export function combinedOffer(offers: readonly UndoOffer[], what: string): UndoOffer | null {
  const [first, ...others] = offers;
  if (!first) return null;
  return others.length ? { ...first, what, alsoOn: others } : { ...first, what };
}

interface UnifiedSelectionOptions {
  /** The list as shown (a view over every account, or what an "All accounts" search found). */
  entries: readonly UnifiedEntry[];
  /** Which list it is: the selection follows changes of one list, not the switch to another. */
  listKey: string;
  onFailure: (error: WireError) => void;
  onUndoable: (offer: UndoOffer) => void;
}

/**
 * The selection of a list over every account and the actions on it: the same selection model
 * (app/selection.ts) and the same actions (app/message-actions.ts) as a folder's list, by entry
 * key; an action on a selection that spans accounts goes to each account's device in turn, with
 * one progress line and one undo for all of it.
 */
export function useUnifiedSelection({ entries, listKey, onFailure, onUndoable }: UnifiedSelectionOptions) {
  const keys = useMemo(() => entries.map((e) => e.key), [entries]);
  const [kept, setKept] = useState<{ state: SelectionState; listKey: string }>({ state: selectOne(null), listKey });
  const selection = kept.listKey === listKey ? kept.state : selectOne(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<BulkProgress | null>(null);
  const now = useRef({ selection, keys, listKey, entries });
  useEffect(() => {
    now.current = { selection, keys, listKey, entries };
  });
  const apply = (next: SelectionState): void => {
    now.current = { ...now.current, selection: next };
    setKept({ state: next, listKey: now.current.listKey });
  };

  // Mail leaves the list (deleted, read in Unread): the selection drops it; nothing is opened by itself.
  const previous = useRef<{ listKey: string; keys: readonly string[] } | null>(null);
  useEffect(() => {
    const before = previous.current;
    previous.current = { listKey, keys };
    if (!before || before.listKey !== listKey || before.keys === keys) return;
    const next = follow(now.current.selection, before.keys, keys, 'nothing');
    if (next !== now.current.selection) apply(next);
  }, [keys, listKey]);

  const count = selectedCount(selection, keys);
  const chosen = (): UnifiedEntry[] => {
    const wanted = new Set(selectedIds(now.current.selection, now.current.keys));
    return now.current.entries.filter((e) => wanted.has(e.key));
  };
  const step = (delta: 1 | -1): void => {
    const list = now.current.keys;
    if (list.length === 0) return;
    const index = now.current.selection.focus === null ? -1 : list.indexOf(now.current.selection.focus);
    apply(selectOne(list[Math.min(list.length - 1, Math.max(0, index + delta))] ?? null));
  };

  /** One action on the selected entries, account by account; one undo for every account's part. */
  const bulk = async (action: BulkAction, picked: readonly UnifiedEntry[] = chosen()): Promise<void> => {
    const parts = byAccount(picked);
    if (parts.length === 0) return;
    const total = picked.length;
    const offers: UndoOffer[] = [];
    const failures: WireError[] = [];
    let done = 0;
    let cancelled = false;
    const cancel = (): void => {
      cancelled = true;
      chunkCancel?.();
    };
    let chunkCancel: (() => void) | null = null;
    // One line for the whole selection when it is long; a single account's chunks say their own progress.
    const shown = parts.length > 1 && total > BULK_CHUNK;
    setBusy(true);
    for (const { source, messageIds } of parts) {
      if (cancelled) break;
      if (shown) setProgress({ doing: bulkDoing(action), done, total, cancel });
      const device: DeviceRef = { accountId: source.accountId, deviceId: source.deviceId };
      const archivePath = action === 'archive' ? ((await readDb(source.dbName).folders.toArray()).find((f) => f.role === 'archive')?.path ?? null) : null;
      const before = done;
      let failed = false;
      await messageActions({
        device,
        invoke,
        ids: null,
        afterLeaving: 'nothing',
        selectedNow: () => null,
        select: () => undefined,
        onBusy: () => undefined,
        onFailure: (error) => {
          failed = true;
          failures.push(parts.length > 1 ? { ...error, message: `${source.address}: ${error.message}` } : error);
        },
        onUndoable: (offer) => offers.push(offer),
        onProgress: (p) => {
          chunkCancel = p?.cancel ?? null;
          if (p) setProgress({ ...p, done: before + p.done, total, cancel });
        },
        archivePath,
      }).bulk(messageIds, action);
      chunkCancel = null;
      if (!failed) done += messageIds.length;
    }
    setBusy(false);
    setProgress(null);
    const [firstFailure] = failures;
    if (firstFailure) onFailure({ ...firstFailure, message: failures.map((f) => f.message).join(' ') });
    const accounts = parts.length > 1 ? ` in ${parts.length} accounts` : '';
    const offer = combinedOffer(offers, `${bulkWhat(action, done)}${accounts}`);
    if (offer) onUndoable(offer);
  };

  /** `u` and `s` on a selection: all read (flagged) unless most already are, then the opposite. */
  const toggleOnSelection = (flag: 'read' | 'flag'): void => {
    const picked = chosen();
    const most = mostHave(
      picked.map((e) => e.message),
      flag === 'read' ? (m) => m.seen === 1 : (m) => m.flagged === 1,
    );
    void bulk(flag === 'read' ? (most ? 'unread' : 'read') : most ? 'unflag' : 'flag', picked);
  };

  const many = count > 1;
  const focusKey = selection.focus;
  return {
    count,
    many,
    busy,
    progress,
    focusKey,
    /** The entry the reader shows: the focused one while it is the only one selected. */
    readerKey: !many && focusKey !== null && isSelected(selection, focusKey) ? focusKey : null,
    isSelected: (key: string): boolean => isSelected(selection, key),
    select: (key: string | null): void => apply(selectOne(key)),
    step,
    clickRow: (key: string, how: RowClick): void => {
      const state = now.current.selection;
      if (how.range) apply(selectRange(state, now.current.keys, key));
      else if (how.toggle) apply(toggle(state, key));
      else apply(selectOne(key));
    },
    selectAll: (): void => apply(selectAll(now.current.selection, now.current.keys)),
    extend: (delta: 1 | -1): void => apply(extend(now.current.selection, now.current.keys, delta)),
    /** Escape: back to the focused entry alone; answers whether there was more to clear. */
    collapse: (): boolean => {
      if (selectedCount(now.current.selection, now.current.keys) <= 1) return false;
      apply(collapse(now.current.selection));
      return true;
    },
    onListKey: (event: KeyboardEvent): boolean => {
      switch (bindingName(event)) {
        case 'ArrowDown':
          step(1);
          return true;
        case 'ArrowUp':
          step(-1);
          return true;
        case 'Shift+ArrowDown':
          apply(extend(now.current.selection, now.current.keys, 1));
          return true;
        case 'Shift+ArrowUp':
          apply(extend(now.current.selection, now.current.keys, -1));
          return true;
        case 'Mod+a':
          apply(selectAll(now.current.selection, now.current.keys));
          return true;
        case 'Escape':
          if (selectedCount(now.current.selection, now.current.keys) <= 1) return false;
          apply(collapse(now.current.selection));
          return true;
        default:
          return false;
      }
    },
    /** The selected entries now, in list order. */
    chosen,
    bulk: (action: BulkAction): void => void bulk(action),
    toggleOnSelection,
    /** The whole selection to a folder of its one account (a selection over several accounts cannot be moved as one). */
    moveSelection: (toPath: string): void => {
      const parts = byAccount(chosen());
      const part = parts[0];
      if (parts.length !== 1 || !part) return;
      const device: DeviceRef = { accountId: part.source.accountId, deviceId: part.source.deviceId };
      setBusy(true);
      void messageActions({ device, invoke, ids: null, afterLeaving: 'nothing', selectedNow: () => null, select: () => undefined, onBusy: () => undefined, onFailure, onUndoable, onProgress: setProgress })
        .move(part.messageIds, toPath)
        .finally(() => setBusy(false));
    },
  };
}

export type UnifiedSelection = ReturnType<typeof useUnifiedSelection>;
