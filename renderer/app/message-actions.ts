import type { DeviceRef } from '../../common/contract';
import { FLAG_FLAGGED, FLAG_SEEN, type MessageRecord } from '../../common/model/mail';
import type { WireError } from '../../common/result';
import type { SelectedBy } from './mark-read';
import type { invoke } from './use-command';

/** What a view can do to its selected message; the reader adds reply, forward and edit. */
export type MessageAction = 'toggleRead' | 'toggleFlag' | 'delete';

/**
 * What is selected once the selected message leaves the list (deleted, moved): the next one (the
 * previous at the end), or nothing — in a device column every read is an experiment the user
 * makes on purpose, so nothing is opened (and perhaps marked read) by itself there.
 */
export type AfterLeaving = 'next' | 'nothing';

export interface MessageActionsDeps {
  device: DeviceRef;
  invoke: typeof invoke;
  /** The list as shown, for the message after one that leaves it. */
  ids: readonly string[] | null | undefined;
  afterLeaving: AfterLeaving;
  /** The selected message now, for work that finishes later: the user may have moved on meanwhile. */
  selectedNow: () => string | null;
  /** Called with 'app': a message selected after another left, which nobody chose to read yet. */
  select: (messageId: string | null, selectedBy: SelectedBy) => void;
  onBusy: (busy: boolean) => void;
  onFailure: (error: WireError) => void;
}

export interface MessageActions {
  act(message: MessageRecord, action: MessageAction): Promise<void>;
  move(messageIds: readonly string[], toPath: string): Promise<void>;
}

/** The message after `messageId` in the list, or the one before it at the end. */
export function neighbourIn(ids: readonly string[] | null | undefined, messageId: string): string | null {
  if (!ids) return null;
  const index = ids.indexOf(messageId);
  return ids[index + 1] ?? ids[index - 1] ?? null;
}

/**
 * The actions on messages of one device's view (the three panes, a device column), with the one
 * rule for what is selected after a message leaves: that happens only if it is still selected
 * when the server has answered.
 */
export function messageActions(deps: MessageActionsDeps): MessageActions {
  const { device } = deps;
  /** `leaving`: the selected message, when this work takes it out of the list. */
  const run = async (work: () => Promise<{ ok: true } | { ok: false; error: WireError }>, leaving: string | null): Promise<void> => {
    const next = leaving !== null && deps.afterLeaving === 'next' ? neighbourIn(deps.ids, leaving) : null;
    deps.onBusy(true);
    const result = await work();
    deps.onBusy(false);
    if (!result.ok) deps.onFailure(result.error);
    // Only if it is still selected: the user may have clicked another message meanwhile.
    else if (leaving !== null && deps.selectedNow() === leaving) deps.select(next, 'app');
  };
  const toggle = (message: MessageRecord, flag: string, on: boolean): Promise<void> => {
    const target = { ...device, messageIds: [message.id] };
    return run(() => deps.invoke('messages:flag', on ? { ...target, add: [], remove: [flag] } : { ...target, add: [flag], remove: [] }), null);
  };
  return {
    act(message, action) {
      switch (action) {
        case 'toggleRead':
          return toggle(message, FLAG_SEEN, message.seen === 1);
        case 'toggleFlag':
          return toggle(message, FLAG_FLAGGED, message.flagged === 1);
        case 'delete':
          return run(() => deps.invoke('messages:delete', { ...device, messageIds: [message.id] }), message.id);
        default: {
          const unknownAction: never = action;
          throw new Error(`Unknown action ${String(unknownAction)}`);
        }
      }
    },
    move(messageIds, toPath) {
      const selected = deps.selectedNow();
      const leaving = selected !== null && messageIds.includes(selected) ? selected : null;
      return run(() => deps.invoke('messages:move', { ...device, messageIds: [...messageIds], toPath }), leaving);
    },
  };
}
