import type { DeviceRef } from '../../common/contract';
import { FLAG_FLAGGED, FLAG_SEEN, type MessageRecord } from '../../common/model/mail';
import type { UndoTicket } from '../../common/contract';
import type { WireError } from '../../common/result';
import type { UndoOffer } from '../features/undo/use-undo';
import { errorText } from '../i18n/error-words';
import { intl } from '../i18n/intl';
import type { SelectedBy } from './mark-read';
import type { invoke } from './use-command';

/** What a view can do to its selected message; the reader adds reply, forward and edit. */
export type MessageAction = 'toggleRead' | 'toggleFlag' | 'delete';

/** What can be done to many messages at once (a selection, a conversation). */
export type BulkAction = 'read' | 'unread' | 'flag' | 'unflag' | 'delete' | 'archive';

/**
 * How many ids go in one command: a selection of 100,000 is sent as 20 commands, so the user sees
 * it advance ("Marking read: 5,000 of 10,000") and can stop it between two. Each command costs a
 * round trip and a re-read of the lists watching the cache (a folder's list reads every id of the
 * folder again): marking 10,000 read took 6.1 s in chunks of 2,000 and 5.8 and 6.3 s in chunks of
 * 5,000 (bench scenario 10; close to the noise at 10,000, fewer re-reads of a larger folder count more).
 */
export const BULK_CHUNK = 5_000;

/** A bulk action under way in more than one chunk. */
export interface BulkProgress {
  /** "Marking read", "Moving to Archive". */
  doing: string;
  done: number;
  total: number;
  /** Stops before the next chunk; the chunks already sent stay done (and can be undone). */
  cancel: () => void;
}

/**
 * One undo for a change sent in several chunks: `undoIds` are every chunk's tickets (in order),
 * `undoId` the first. features/undo undoes them all together.
 */
export interface ChunkedUndoOffer extends UndoOffer {
  undoIds: readonly string[];
}

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
  /** A change main can undo was made: offered to the user (features/undo). */
  onUndoable?: (offer: UndoOffer) => void;
  /** A bulk action's progress while it takes more than one chunk; null when it ends. */
  onProgress?: (progress: BulkProgress | null) => void;
  /** The path of the account's folder with role `archive`, or null when it has none. */
  archivePath?: string | null;
}

export interface MessageActions {
  act(message: MessageRecord, action: MessageAction): Promise<void>;
  move(messageIds: readonly string[], toPath: string): Promise<void>;
  /** One action on many messages (a selection, a conversation). */
  bulk(messageIds: readonly string[], action: BulkAction): Promise<void>;
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
 * when the server has answered. Many messages go in chunks of BULK_CHUNK ids, one undo for all.
 */
export function messageActions(deps: MessageActionsDeps): MessageActions {
  const { device } = deps;
  type Answer = { ok: true; value: UndoTicket } | { ok: false; error: WireError };
  /** `leaving`: the selected message, when this work takes it out of the list; `next`: what is selected then. */
  const finish = (undoIds: readonly string[], what: string, leaving: string | null, next: string | null): void => {
    const [first] = undoIds;
    if (first !== undefined) {
      const offer: ChunkedUndoOffer = { device, undoId: first, undoIds, what };
      deps.onUndoable?.(undoIds.length === 1 ? { device, undoId: first, what } : offer);
    }
    // Only if it is still selected: the user may have clicked another message meanwhile.
    if (leaving !== null && deps.selectedNow() === leaving) deps.select(next, 'app');
  };
  const run = async (work: () => Promise<Answer>, leaving: string | null, what: string): Promise<void> => {
    const next = leaving !== null && deps.afterLeaving === 'next' ? neighbourIn(deps.ids, leaving) : null;
    deps.onBusy(true);
    const result = await work();
    deps.onBusy(false);
    if (!result.ok) return deps.onFailure(result.error);
    finish(result.value.undoId ? [result.value.undoId] : [], what, leaving, next);
  };
  /** One command per chunk of ids, with progress between chunks and a stop the user can ask for. */
  /** `removes`: the messages leave the list (move, delete), so a selected one among them hands on the selection. */
  const runChunked = async (ids: readonly string[], send: (chunk: string[]) => Promise<Answer>, words: { doing: string; what: string; removes: boolean }): Promise<void> => {
    const { doing, what } = words;
    const selected = deps.selectedNow();
    const leaving = words.removes && selected !== null && ids.includes(selected) ? selected : null;
    const next = leaving !== null && deps.afterLeaving === 'next' ? nextOutside(deps.ids, leaving, new Set(ids)) : null;
    let cancelled = false;
    const undoIds: string[] = [];
    const chunked = ids.length > BULK_CHUNK;
    const progress = (done: number): void => deps.onProgress?.({ doing, done, total: ids.length, cancel: () => (cancelled = true) });
    deps.onBusy(true);
    if (chunked) progress(0);
    let failure: WireError | null = null;
    let done = 0;
    while (done < ids.length && !cancelled) {
      const chunk = ids.slice(done, done + BULK_CHUNK);
      const result = await send(chunk);
      if (!result.ok) {
        failure = result.error;
        break;
      }
      if (result.value.undoId) undoIds.push(result.value.undoId);
      done += chunk.length;
      if (chunked) progress(done);
    }
    deps.onBusy(false);
    if (chunked) deps.onProgress?.(null);
    if (failure && done > 0) {
      const stopped = intl().formatMessage({ id: 'app.actions.stoppedAfter', defaultMessage: '{error} (stopped after {done, number} of {total, number})' }, { error: errorText(failure), done, total: ids.length });
      // Said whole here: the refusal's own words are inside `stopped`.
      deps.onFailure({ ...failure, refusal: undefined, message: stopped });
    } else if (failure) deps.onFailure(failure);
    finish(undoIds, done === ids.length ? what : partly(what, done, ids.length), done === ids.length ? leaving : null, next);
  };
  const toggle = (message: MessageRecord, flag: string, on: boolean): Promise<void> => {
    const target = { ...device, messageIds: [message.id] };
    return run(() => deps.invoke('messages:flag', on ? { ...target, add: [], remove: [flag] } : { ...target, add: [flag], remove: [] }), null, describeFlag(flag, !on, 1));
  };
  const setFlag = (ids: readonly string[], flag: string, on: boolean): Promise<void> =>
    runChunked(ids, (chunk) => deps.invoke('messages:flag', { ...device, messageIds: chunk, add: on ? [flag] : [], remove: on ? [] : [flag] }), { doing: doingFlag(flag, on), what: describeFlag(flag, on, ids.length), removes: false });
  const moveTo = (ids: readonly string[], toPath: string, doing: string, what: string): Promise<void> =>
    runChunked(ids, (chunk) => deps.invoke('messages:move', { ...device, messageIds: chunk, toPath }), { doing, what, removes: true });
  return {
    act(message, action) {
      switch (action) {
        case 'toggleRead':
          return toggle(message, FLAG_SEEN, message.seen === 1);
        case 'toggleFlag':
          return toggle(message, FLAG_FLAGGED, message.flagged === 1);
        case 'delete':
          return run(() => deps.invoke('messages:delete', { ...device, messageIds: [message.id] }), message.id, bulkWhat('delete', 1));
        default: {
          const unknownAction: never = action;
          throw new Error(`Unknown action ${String(unknownAction)}`);
        }
      }
    },
    move(messageIds, toPath) {
      const words = intl();
      return moveTo(
        messageIds,
        toPath,
        words.formatMessage({ id: 'app.actions.doing.move', defaultMessage: 'Moving to {folder}' }, { folder: toPath }),
        words.formatMessage({ id: 'app.actions.moved', defaultMessage: 'Moved {count, plural, one {# message} other {# messages}} to {folder}' }, { count: messageIds.length, folder: toPath }),
      );
    },
    bulk(messageIds, action) {
      switch (action) {
        case 'read':
        case 'unread':
          return setFlag(messageIds, FLAG_SEEN, action === 'read');
        case 'flag':
        case 'unflag':
          return setFlag(messageIds, FLAG_FLAGGED, action === 'flag');
        case 'delete':
          return runChunked(messageIds, (chunk) => deps.invoke('messages:delete', { ...device, messageIds: chunk }), { doing: bulkDoing('delete'), what: bulkWhat('delete', messageIds.length), removes: true });
        case 'archive':
          if (!deps.archivePath) {
            deps.onFailure({
              code: 'NOT_FOUND',
              message: intl().formatMessage({ id: 'app.actions.noArchive', defaultMessage: 'This account has no Archive folder, so nothing was archived. Move the messages to a folder instead (drag them onto it).' }),
            });
            return Promise.resolve();
          }
          return moveTo(messageIds, deps.archivePath, bulkDoing('archive'), bulkWhat('archive', messageIds.length));
        default: {
          const unknownAction: never = action;
          throw new Error(`Unknown action ${String(unknownAction)}`);
        }
      }
    },
  };
}

/** The first message after `leaving` in the list that is not leaving too, else the nearest before it. */
function nextOutside(ids: readonly string[] | null | undefined, leaving: string, alsoLeaving: ReadonlySet<string>): string | null {
  if (!ids) return null;
  const index = ids.indexOf(leaving);
  if (index === -1) return null;
  for (let i = index + 1; i < ids.length; i++) if (!alsoLeaving.has(ids[i]!)) return ids[i]!;
  for (let i = index - 1; i >= 0; i--) if (!alsoLeaving.has(ids[i]!)) return ids[i]!;
  return null;
}

/** What a change did when it was stopped part way: "Deleted 10,000 messages (5,000 of 10,000)". */
export function partly(what: string, done: number, total: number): string {
  return intl().formatMessage({ id: 'app.actions.partly', defaultMessage: '{what} ({done, number} of {total, number})' }, { what, done, total });
}

/** "Marked 3 messages read", "Unflagged 1 message". */
function describeFlag(flag: string, on: boolean, n: number): string {
  const words = intl();
  const count = { count: n };
  if (flag === FLAG_SEEN) {
    return on
      ? words.formatMessage({ id: 'app.actions.markedRead', defaultMessage: 'Marked {count, plural, one {# message} other {# messages}} read' }, count)
      : words.formatMessage({ id: 'app.actions.markedUnread', defaultMessage: 'Marked {count, plural, one {# message} other {# messages}} unread' }, count);
  }
  return on
    ? words.formatMessage({ id: 'app.actions.flagged', defaultMessage: 'Flagged {count, plural, one {# message} other {# messages}}' }, count)
    : words.formatMessage({ id: 'app.actions.unflagged', defaultMessage: 'Unflagged {count, plural, one {# message} other {# messages}}' }, count);
}

/** What a bulk action did, for its undo: "Marked 3 messages read", "Archived 1 message". */
export function bulkWhat(action: BulkAction, n: number): string {
  switch (action) {
    case 'read':
    case 'unread':
      return describeFlag(FLAG_SEEN, action === 'read', n);
    case 'flag':
    case 'unflag':
      return describeFlag(FLAG_FLAGGED, action === 'flag', n);
    case 'delete':
      return intl().formatMessage({ id: 'app.actions.deleted', defaultMessage: 'Deleted {count, plural, one {# message} other {# messages}}' }, { count: n });
    case 'archive':
      return intl().formatMessage({ id: 'app.actions.archived', defaultMessage: 'Archived {count, plural, one {# message} other {# messages}}' }, { count: n });
    default: {
      const unknownAction: never = action;
      throw new Error(`Unknown action ${String(unknownAction)}`);
    }
  }
}

/** What a bulk action is doing, for its progress line: "Marking read", "Archiving". */
export function bulkDoing(action: BulkAction): string {
  if (action === 'read' || action === 'unread') return doingFlag(FLAG_SEEN, action === 'read');
  if (action === 'flag' || action === 'unflag') return doingFlag(FLAG_FLAGGED, action === 'flag');
  return action === 'delete'
    ? intl().formatMessage({ id: 'app.actions.doing.delete', defaultMessage: 'Deleting' })
    : intl().formatMessage({ id: 'app.actions.doing.archive', defaultMessage: 'Archiving' });
}

/** "Marking read", "Unflagging": what a progress line says is under way. */
function doingFlag(flag: string, on: boolean): string {
  const words = intl();
  if (flag === FLAG_SEEN) {
    return on ? words.formatMessage({ id: 'app.actions.doing.read', defaultMessage: 'Marking read' }) : words.formatMessage({ id: 'app.actions.doing.unread', defaultMessage: 'Marking unread' });
  }
  return on ? words.formatMessage({ id: 'app.actions.doing.flag', defaultMessage: 'Flagging' }) : words.formatMessage({ id: 'app.actions.doing.unflag', defaultMessage: 'Unflagging' });
}
