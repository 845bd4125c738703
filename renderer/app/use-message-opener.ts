import { useCallback, useEffect, useRef } from 'react';
import type { DeviceRef } from '../../common/contract';
import { FLAG_SEEN } from '../../common/model/mail';
import type { WireError } from '../../common/result';
import { markReadPlan, type MarkReadSetting, type SelectedBy } from './mark-read';
import { invoke } from './use-command';

/**
 * Opens messages in a reader under the user's mark-read setting: `message:open` marks the
 * message read only when the setting says so at once; "after N seconds" starts a timer that
 * marks it if the same message is still shown then, and that stops when another is opened.
 */
export function useMessageOpener(setting: MarkReadSetting, onFailure: (error: WireError, during: 'open' | 'mark') => void) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** Counts opens, so an open answered after the user moved on starts no timer. */
  const opens = useRef(0);
  const latest = useRef({ setting, onFailure });
  useEffect(() => {
    latest.current = { setting, onFailure };
  });
  const stopTimer = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  }, []);
  useEffect(() => stopTimer, [stopTimer]);

  /** `shownNow` answers which message the reader shows when the timer fires. */
  return useCallback(
    (device: DeviceRef, messageId: string | null, selectedBy: SelectedBy, shownNow: () => string | null): void => {
      stopTimer();
      const open = ++opens.current;
      if (!messageId) return;
      const plan = markReadPlan(latest.current.setting, selectedBy);
      const startTimer = (delay: number): void => {
        timer.current = setTimeout(() => {
          timer.current = null;
          if (shownNow() !== messageId) return;
          void invoke('messages:flag', { ...device, messageIds: [messageId], add: [FLAG_SEEN], remove: [] }).then((r) => !r.ok && latest.current.onFailure(r.error, 'mark'));
        }, delay);
      };
      void invoke('message:open', { ...device, messageId, markSeen: plan.markSeen }).then((r) => {
        if (!r.ok) return latest.current.onFailure(r.error, 'open');
        // Counted from when its body is here to be read (a large one takes a while), never for one that failed to open.
        if (plan.markAfterMs !== null && open === opens.current) startTimer(plan.markAfterMs);
      });
    },
    [stopTimer],
  );
}
