import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { DeviceRef } from '../../common/contract';
import type { MessageRecord } from '../../common/model/mail';
import type { WireError } from '../../common/result';
import { readDb } from '../cache/read-db';
import { bindingName } from '../ui/keyboard-shortcuts';
import { useMessage } from '../cache/hooks';
import type { UndoOffer } from '../features/undo/use-undo';
import type { SelectedBy } from './mark-read';
import { messageActions, type AfterLeaving, type BulkAction, type BulkProgress, type MessageAction } from './message-actions';
import { collapse, extend, follow, isSelected, listKeyMove, selectAll, selectedCount, selectedIds, selectOne, selectRange, stepFrom, toggle, type SelectionState } from './selection';
import { invoke } from './use-command';
import { useMarkReadSetting } from './use-mark-read-setting';
import { useMessageOpener } from './use-message-opener';
import { errorText } from '../i18n/error-words';

export interface DeviceViewOptions {
  device: DeviceRef | null;
  dbName: string | null;
  /** The list as shown (a folder, or what a search found). */
  ids: readonly string[] | null | undefined;
  /**
   * Which list `ids` is (the folder's id, or the search typed): the selection follows changes of one
   * list (mail arriving and leaving), not the switch to another.
   */
  listKey: string;
  /** The focused message is kept by the caller: the three panes keep it with the folder shown, a column its own. */
  selectedId: string | null;
  onSelected: (messageId: string | null) => void;
  afterLeaving: AfterLeaving;
  /** Whether a reader shows the selected message now: not the three panes' while Devices side by side covers them. */
  readerShows: boolean;
  /** The path of the account's Archive folder (role `archive`), or null when it has none. */
  archivePath: string | null;
  /** A failed action or mark-read; a failed open is `openError`, shown in the reader. */
  onFailure: (error: WireError) => void;
  /** An action starts (a column clears its last error then). */
  onActionStart?: () => void;
  /** A change that can be undone was made (features/undo). */
  onUndoable?: (offer: UndoOffer) => void;
}

/** How a row was clicked: Shift ranges from the anchor, Ctrl/Cmd toggles one. */
export interface RowClick {
  range: boolean;
  toggle: boolean;
}

/** Whether most of `records` have the flag (seen, flagged): what `u` and `s` do on a selection is the opposite. */
export function mostHave(records: ReadonlyArray<MessageRecord | undefined>, has: (m: MessageRecord) => boolean): boolean {
  let yes = 0;
  let known = 0;
  for (const record of records) {
    if (!record) continue;
    known++;
    if (has(record)) yes++;
  }
  return yes * 2 > known;
}

/**
 * One device's view of its mail, as the three panes and each device column use it: which messages
 * are selected (selection.ts) and which one is focused and open (under the mark-read setting, and
 * only while it is the only one selected), stepping through the list, the actions on the focused
 * message and on the whole selection (in chunks, with progress), and what is selected after
 * messages leave the list.
 */
export function useDeviceView({ device, dbName, ids, listKey, selectedId, onSelected, afterLeaving, readerShows, archivePath, onFailure, onActionStart, onUndoable }: DeviceViewOptions) {
  const message = useMessage(dbName, selectedId) ?? null;
  const [openError, setOpenError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<BulkProgress | null>(null);
  const [markReadSetting] = useMarkReadSetting();
  const openMessage = useMessageOpener(markReadSetting, (error, during) => (during === 'open' ? setOpenError(errorText(error)) : onFailure(error)));
  // The caller's focus wins: a focus it set itself (a notification opened, a folder chosen) is one message selected.
  // A selection belongs to one list: back in a folder after another, only the focused message is.
  const [kept, setKept] = useState<{ state: SelectionState; listKey: string }>(() => ({ state: selectOne(selectedId), listKey }));
  const selection = kept.state.focus === selectedId && kept.listKey === listKey ? kept.state : selectOne(selectedId);
  const list = ids ?? [];
  const count = selectedCount(selection, list);
  const single = count <= 1;
  /** The selection now, for work that finishes later and for handlers made before the last render. */
  const selectionNow = useRef(selection);
  const listNow = useRef(list);
  const listKeyNow = useRef(listKey);
  /** The selected message now, for work that finishes later: the user may have moved on meanwhile. */
  const selectedNow = useRef<string | null>(null);
  /** The message a reader shows now, for a mark-read timer that fires later. */
  const readerShowsNow = useRef<string | null>(null);
  useEffect(() => {
    selectionNow.current = selection;
    listNow.current = list;
    listKeyNow.current = listKey;
    selectedNow.current = selectedId;
    readerShowsNow.current = readerShows && single ? selectedId : null;
  });

  /**
   * The selection becomes `next`. A focused message alone in it opens (and is marked read as the
   * setting says); a selection of many opens nothing, so selecting never marks a whole selection read.
   */
  const apply = useCallback(
    (next: SelectionState, selectedBy: SelectedBy): void => {
      const before = selectionNow.current;
      const nextList = listNow.current;
      selectionNow.current = next;
      setKept({ state: next, listKey: listKeyNow.current });
      const opens = selectedCount(next, nextList) <= 1 && next.focus !== null && isSelected(next, next.focus);
      const opened = selectedCount(before, nextList) <= 1 && before.focus !== null && isSelected(before, before.focus);
      if (next.focus !== before.focus) {
        setOpenError(null);
        onSelected(next.focus);
      }
      if (opens && (!opened || next.focus !== before.focus)) {
        if (device) openMessage(device, next.focus, selectedBy, () => readerShowsNow.current);
      } else if (!opens && device) openMessage(device, null, selectedBy, () => null); // stops a mark-read timer
    },
    [device, onSelected, openMessage],
  );

  const select = useCallback(
    (messageId: string | null, selectedBy: SelectedBy = 'user'): void => {
      const before = selectionNow.current;
      // The same message again (clicked after Escape, say) opens again as before.
      if (messageId === before.focus && before.mode === 'some' && before.ids.size === 1) {
        setOpenError(null);
        onSelected(messageId);
        if (device) openMessage(device, messageId, selectedBy, () => readerShowsNow.current);
        return;
      }
      apply(selectOne(messageId), selectedBy);
    },
    [apply, device, onSelected, openMessage],
  );

  // Mail arrives and leaves: the selection drops what left, and a focus that left hands on to the next.
  const previous = useRef<{ key: string; ids: readonly string[] } | null>(null);
  useEffect(() => {
    if (!ids) return;
    const before = previous.current;
    previous.current = { key: listKey, ids };
    if (!before || before.key !== listKey || before.ids === ids) return;
    listNow.current = ids;
    listKeyNow.current = listKey;
    const next = follow(selectionNow.current, before.ids, ids, afterLeaving);
    if (next !== selectionNow.current) apply(next, 'app');
  }, [ids, listKey, afterLeaving, apply]);

  const step = (delta: 1 | -1): void => {
    const next = stepFrom(list, selectedId, delta);
    if (next) select(next);
  };

  // Made when an action starts (reading the refs then, never while rendering).
  const actionsOn = (target: DeviceRef) =>
    messageActions({
      device: target,
      invoke,
      ids,
      afterLeaving,
      selectedNow: () => selectedNow.current,
      select,
      onBusy: (now) => {
        setBusy(now);
        if (now) onActionStart?.();
      },
      onFailure,
      onUndoable,
      onProgress: setProgress,
      archivePath,
    });

  const bulk = (messageIds: readonly string[], action: BulkAction): void => {
    if (device && messageIds.length) void actionsOn(device).bulk(messageIds, action);
  };
  /** The selected ids now, in list order. */
  const chosen = (): string[] => selectedIds(selectionNow.current, list);

  /** `u` and `s` on a selection: mark all read (flagged) unless most already are, then the opposite. */
  const toggleOnSelection = async (flag: 'read' | 'flag'): Promise<void> => {
    const messageIds = chosen();
    if (!dbName || messageIds.length === 0) return;
    const records: Array<MessageRecord | undefined> = [];
    for (let i = 0; i < messageIds.length; i += 5_000) records.push(...(await readDb(dbName).messages.bulkGet(messageIds.slice(i, i + 5_000))));
    const most = mostHave(records, flag === 'read' ? (m) => m.seen === 1 : (m) => m.flagged === 1);
    bulk(messageIds, flag === 'read' ? (most ? 'unread' : 'read') : most ? 'unflag' : 'flag');
  };

  return {
    message,
    openError,
    busy,
    /** A bulk action under way in chunks ("Marking read: 4,000 of 10,000"), or null. */
    progress,
    select,
    step,
    /** The selection: how many, which, the focus. */
    selection: {
      count,
      focusId: selection.focus,
      isSelected: (id: string): boolean => isSelected(selection, id),
    },
    /** A click on a row: one, a range from the anchor (Shift), or one in or out (Ctrl/Cmd). */
    clickRow: (id: string, how: RowClick): void => {
      const now = selectionNow.current;
      if (how.range) apply(selectRange(now, list, id), 'user');
      else if (how.toggle) apply(toggle(now, id), 'user');
      else select(id);
    },
    /** Ctrl/Cmd+A: all of the list shown, rows never rendered included. */
    selectAll: (): void => apply(selectAll(selectionNow.current, list), 'user'),
    /** Shift+J/K, Shift+ArrowDown/Up. */
    extend: (delta: 1 | -1): void => apply(extend(selectionNow.current, list, delta), 'user'),
    /** Escape: back to the focused message alone. Answers whether there was more to clear. */
    collapse: (): boolean => {
      if (selectedCount(selectionNow.current, list) <= 1) return false;
      apply(collapse(selectionNow.current), 'user');
      return true;
    },
    /** The list's own keys, the same in every view: arrows move, Shift+arrows extend, Ctrl/Cmd+A, Escape. */
    onListKey: (event: KeyboardEvent): boolean => {
      const move = listKeyMove(bindingName(event), selectionNow.current, list);
      if (!move) return false;
      if (move.kind === 'step') step(move.delta);
      else apply(move.state, 'user');
      return true;
    },
    /** The ids a drag of row `id` carries: the whole selection when the row is in it, else the row alone. */
    dragIds: (id: string): string[] => (isSelected(selectionNow.current, id) && selectedCount(selectionNow.current, list) > 1 ? chosen() : [id]),
    /** On the focused message. */
    act: (action: MessageAction): void => {
      if (device && message) void actionsOn(device).act(message, action);
    },
    /** On the whole selection when more than one is selected, else on the focused message (the keys #, u, s). */
    actOnSelection: (action: MessageAction | 'archive'): void => {
      if (!single) {
        if (action === 'toggleRead') void toggleOnSelection('read');
        else if (action === 'toggleFlag') void toggleOnSelection('flag');
        else bulk(chosen(), action);
        return;
      }
      if (!device || !message) return;
      if (action === 'archive') bulk([message.id], 'archive');
      else void actionsOn(device).act(message, action);
    },
    /** Any messages of the list (dragged to a folder, or the selected one). */
    move: (messageIds: readonly string[], toPath: string): void => {
      if (device && messageIds.length) void actionsOn(device).move(messageIds, toPath);
    },
    /** One action on many messages (a selection, a conversation). */
    bulk,
    /** One action on the whole selection. */
    bulkOnSelection: (action: BulkAction): void => bulk(chosen(), action),
    /** The whole selection to a folder. */
    moveSelection: (toPath: string): void => {
      const messageIds = chosen();
      if (device && messageIds.length) void actionsOn(device).move(messageIds, toPath);
    },
  };
}
