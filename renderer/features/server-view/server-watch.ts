import type { CommandParams } from '../../../common/contract';
import type { WireError } from '../../../common/result';
import { invoke } from '../../app/use-command';

/** How long an observer stays after its last panel went, so a panel re-mounting keeps it. */
const UNWATCH_DELAY_MS = 1_500;

const chains = new Map<string, Promise<unknown>>();
const unwatchTimers = new Map<string, ReturnType<typeof setTimeout>>();

/** Runs one account's watch/unwatch calls one after the other, in the order they were asked. */
function queue<T>(accountId: string, work: () => Promise<T>): Promise<T> {
  const previous = chains.get(accountId) ?? Promise.resolve();
  const next = previous.then(work, work);
  chains.set(accountId, next.catch(() => undefined));
  return next;
}

/**
 * Points the account's server observer at a mode and folder. Calls are serialised per account
 * (main opens the observer asynchronously, and two overlapping starts could open two), and a
 * pending release of the same account is cancelled.
 */
export function watchServer(params: CommandParams<'serverView:watch'>): Promise<WireError | null> {
  const timer = unwatchTimers.get(params.accountId);
  if (timer) clearTimeout(timer);
  unwatchTimers.delete(params.accountId);
  return queue(params.accountId, async () => {
    const result = await invoke('serverView:watch', params);
    return result.ok ? null : result.error;
  });
}

/** The panel is gone: close the observer a moment later, unless a panel watches again. */
export function releaseServer(accountId: string): void {
  const existing = unwatchTimers.get(accountId);
  if (existing) clearTimeout(existing);
  unwatchTimers.set(
    accountId,
    setTimeout(() => {
      unwatchTimers.delete(accountId);
      void queue(accountId, () => invoke('serverView:unwatch', { accountId }));
    }, UNWATCH_DELAY_MS),
  );
}
