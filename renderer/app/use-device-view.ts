import { useCallback, useEffect, useRef, useState } from 'react';
import type { DeviceRef } from '../../common/contract';
import type { WireError } from '../../common/result';
import { useMessage } from '../cache/hooks';
import type { SelectedBy } from './mark-read';
import { messageActions, type AfterLeaving, type MessageAction } from './message-actions';
import { invoke } from './use-command';
import { useMarkReadSetting } from './use-mark-read-setting';
import { useMessageOpener } from './use-message-opener';

export interface DeviceViewOptions {
  device: DeviceRef | null;
  dbName: string | null;
  /** The list as shown (a folder, or what a search found). */
  ids: readonly string[] | null | undefined;
  /** The selection is kept by the caller: the three panes keep it with the folder shown, a column its own. */
  selectedId: string | null;
  onSelected: (messageId: string | null) => void;
  afterLeaving: AfterLeaving;
  /** Whether a reader shows the selected message now: not the three panes' while Devices side by side covers them. */
  readerShows: boolean;
  /** A failed action or mark-read; a failed open is `openError`, shown in the reader. */
  onFailure: (error: WireError) => void;
  /** An action starts (a column clears its last error then). */
  onActionStart?: () => void;
}

/**
 * One device's view of its mail, as the three panes and each device column use it: which message
 * is selected and open (under the mark-read setting), stepping through the list, and the
 * actions on messages, with what is selected after a message leaves the list.
 */
export function useDeviceView({ device, dbName, ids, selectedId, onSelected, afterLeaving, readerShows, onFailure, onActionStart }: DeviceViewOptions) {
  const message = useMessage(dbName, selectedId) ?? null;
  const [openError, setOpenError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [markReadSetting] = useMarkReadSetting();
  const openMessage = useMessageOpener(markReadSetting, (error, during) => (during === 'open' ? setOpenError(error.message) : onFailure(error)));
  /** The selected message now, for work that finishes later: the user may have moved on meanwhile. */
  const selectedNow = useRef<string | null>(null);
  /** The message a reader shows now, for a mark-read timer that fires later. */
  const readerShowsNow = useRef<string | null>(null);
  useEffect(() => {
    selectedNow.current = selectedId;
    readerShowsNow.current = readerShows ? selectedId : null;
  });

  const select = useCallback(
    (messageId: string | null, selectedBy: SelectedBy = 'user'): void => {
      setOpenError(null);
      onSelected(messageId);
      if (device) openMessage(device, messageId, selectedBy, () => readerShowsNow.current);
    },
    [device, onSelected, openMessage],
  );

  const step = (delta: 1 | -1): void => {
    if (!ids || ids.length === 0) return;
    const index = selectedId ? ids.indexOf(selectedId) : -1;
    const next = ids[Math.min(ids.length - 1, Math.max(0, index + delta))];
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
    });

  return {
    message,
    openError,
    busy,
    select,
    step,
    /** On the selected message. */
    act: (action: MessageAction): void => {
      if (device && message) void actionsOn(device).act(message, action);
    },
    /** Any messages of the list (dragged to a folder, or the selected one). */
    move: (messageIds: readonly string[], toPath: string): void => {
      if (device) void actionsOn(device).move(messageIds, toPath);
    },
  };
}
