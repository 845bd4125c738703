import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { DeviceRef } from '../../../common/contract';
import type { WireError } from '../../../common/result';
import { mostHave, type RowClick } from '../../app/use-device-view';
import { BULK_CHUNK, bulkDoing, bulkWhat, messageActions, partly, type BulkAction, type MessageActionsDeps, type BulkProgress } from '../../app/message-actions';
import { collapse, extend, follow, isSelected, listKeyMove, selectAll, selectedCount, selectedIds, selectOne, selectRange, stepFrom, toggle, type SelectionState } from '../../app/selection';
import { invoke } from '../../app/use-command';
import { readDb } from '../../cache/read-db';
import { errorText } from '../../i18n/error-words';
import { intl } from '../../i18n/intl';
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

/** One account's part of a change: its undo, and how many of its messages that covers. */
export interface AccountUndo {
  offer: UndoOffer;
  count: number;
}

/**
 * One undo for a change made in several accounts: the first account's offer carries the others,
 * and the words count what each undo covers ("Deleted 3 messages in 2 accounts", "… (1,500 of
 * 3,000)" when stopped or refused part way). One account's undo keeps its own words.
 */
export function combinedOffer(parts: readonly AccountUndo[], action: BulkAction, total: number): UndoOffer | null {
  const [first, ...others] = parts;
  if (!first) return null;
  if (!others.length) return first.offer;
  const count = parts.reduce((n, p) => n + p.count, 0);
  const inAccounts = intl().formatMessage({ id: 'unified.undo.inAccounts', defaultMessage: '{what} in {accounts, plural, one {# account} other {# accounts}}' }, { what: bulkWhat(action, count), accounts: parts.length });
  const what = count < total ? partly(inAccounts, count, total) : inAccounts;
  return { ...first.offer, what, alsoOn: others.map((p) => p.offer) };
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
    const next = stepFrom(now.current.keys, now.current.selection.focus, delta);
    if (next !== null) apply(selectOne(next));
  };

  /** One account's actions: no list of its own to follow, progress and outcome told through `told`. */
  const actionsOf = (device: DeviceRef, told: Pick<MessageActionsDeps, 'onFailure' | 'onUndoable' | 'onProgress'> & { archivePath?: string | null }) =>
    messageActions({ device, invoke, ids: null, afterLeaving: 'nothing', selectedNow: () => null, select: () => undefined, onBusy: () => undefined, ...told });

  /** One action on the selected entries, account by account; one undo for every account's part. */
  const bulk = async (action: BulkAction, picked: readonly UnifiedEntry[] = chosen()): Promise<void> => {
    const parts = byAccount(picked);
    if (parts.length === 0) return;
    const total = picked.length;
    /** Each account's undo, with how many of its messages it covers. */
    const undone: AccountUndo[] = [];
    const failures: WireError[] = [];
    let done = 0;
    let cancelled = false;
    let chunkCancel: (() => void) | null = null;
    const cancel = (): void => {
      cancelled = true;
      chunkCancel?.();
    };
    // One line for the whole selection when it is long; a single account's chunks say their own progress.
    const shown = parts.length > 1 && total > BULK_CHUNK;
    setBusy(true);
    try {
      for (const { source, messageIds } of parts) {
        if (cancelled) break;
        if (shown) setProgress({ doing: bulkDoing(action), done, total, cancel });
        const before = done;
        // Chunks of this account sent so far (a selection of up to BULK_CHUNK is one, said by its undo).
        let sent: number | null = null;
        let offer: UndoOffer | null = null;
        try {
          const device: DeviceRef = { accountId: source.accountId, deviceId: source.deviceId };
          const archivePath = action === 'archive' ? ((await readDb(source.dbName).folders.toArray()).find((f) => f.role === 'archive')?.path ?? null) : null;
          await actionsOf(device, {
            // Said here, in the language shown, so the account's address can go before it.
            onFailure: (error) => failures.push(parts.length > 1 ? { code: error.code, message: `${source.address}: ${errorText(error)}` } : error),
            onUndoable: (made) => (offer = made),
            onProgress: (p) => {
              chunkCancel = p?.cancel ?? null;
              if (!p) return;
              sent = p.done;
              setProgress({ ...p, done: before + p.done, total, cancel });
            },
            archivePath,
          }).bulk(messageIds, action);
        } catch (error) {
          failures.push({ code: 'INTERNAL', message: `${source.address}: ${error instanceof Error ? error.message : String(error)}` });
        }
        chunkCancel = null;
        const count: number = sent ?? (offer ? messageIds.length : 0);
        done += count;
        if (offer) undone.push({ offer, count });
      }
    } finally {
      setBusy(false);
      setProgress(null);
      const [firstFailure] = failures;
      if (firstFailure) onFailure(failures.length === 1 ? firstFailure : { code: firstFailure.code, message: failures.map((f) => errorText(f)).join(' ') });
      const offer = combinedOffer(undone, action, total);
      if (offer) onUndoable(offer);
    }
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

  const moveIn = (device: DeviceRef, messageIds: readonly string[], toPath: string): void => {
    if (!messageIds.length) return;
    setBusy(true);
    void actionsOf(device, { onFailure, onUndoable, onProgress: setProgress })
      .move(messageIds, toPath)
      .finally(() => {
        setBusy(false);
        setProgress(null);
      });
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
      const move = listKeyMove(bindingName(event), now.current.selection, now.current.keys);
      if (!move) return false;
      if (move.kind === 'step') step(move.delta);
      else apply(move.state);
      return true;
    },
    /** The selected entries now, in list order. */
    chosen,
    bulk: (action: BulkAction): void => void bulk(action),
    toggleOnSelection,
    /** The whole selection to a folder of its one account (a selection over several accounts cannot be moved as one). */
    moveSelection: (toPath: string): void => {
      const parts = byAccount(chosen());
      const part = parts[0];
      if (parts.length === 1 && part) moveIn({ accountId: part.source.accountId, deviceId: part.source.deviceId }, part.messageIds, toPath);
    },
    /** Messages of one device to one of its folders (a drag onto a folder of the sidebar). */
    moveIn,
    /** The entry keys a drag of row `key` carries: the whole selection when the row is in it, else the row alone. */
    dragKeys: (key: string): string[] => (isSelected(now.current.selection, key) && selectedCount(now.current.selection, now.current.keys) > 1 ? selectedIds(now.current.selection, now.current.keys) : [key]),
  };
}

export type UnifiedSelection = ReturnType<typeof useUnifiedSelection>;
