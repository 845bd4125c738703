import type { Mode } from '../../common/model/account';
import type { ServerView } from '../../common/model/server-view';
import type { ImapLogin } from '../protocols/imap/imap-connection';
import type { Pop3Login } from '../protocols/pop3/pop3-connection';
import { isProtocolError } from '../protocols/protocol-error';
import { ImapObserver } from './imap-observer';
import { popServerView } from './pop-observer';

/** Built when needed: an account without a server of a mode has no login for it. */
export interface ObserverLogins {
  imap: () => ImapLogin;
  pop3: () => Pop3Login;
}

interface Watched {
  mode: Mode;
  imap: ImapObserver | null;
  popRefresh: Promise<void> | null;
}

/**
 * "What the server sees", per account: an IMAP observer connection that follows the watched
 * folder live, or a POP maildrop listing refreshed on demand and after every check. Observers
 * run only while a panel watches the account.
 */
export class ServerViews {
  private readonly watched = new Map<string, Watched>();
  /** One watch or unwatch at a time per account: an observer is never left behind by a race. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly loginsFor: (accountId: string) => Promise<ObserverLogins>,
    private readonly publish: (accountId: string, view: ServerView) => void,
    private readonly now: () => number,
  ) {}

  watch(accountId: string, mode: Mode, folderPath: string | null): Promise<void> {
    return this.serially(accountId, () => this.watchNow(accountId, mode, folderPath));
  }

  private serially<T>(accountId: string, work: () => Promise<T>): Promise<T> {
    const next = (this.queues.get(accountId) ?? Promise.resolve()).then(work);
    this.queues.set(
      accountId,
      next.catch(() => undefined),
    );
    return next;
  }

  private async watchNow(accountId: string, mode: Mode, folderPath: string | null): Promise<void> {
    let watched = this.watched.get(accountId);
    if (watched && watched.mode !== mode) {
      this.unwatchNow(accountId);
      watched = undefined;
    }
    if (!watched) {
      watched = { mode, imap: null, popRefresh: null };
      this.watched.set(accountId, watched);
    }
    if (mode === 'imap') {
      if (!watched.imap) {
        let logins: ObserverLogins;
        try {
          logins = await this.loginsFor(accountId);
          logins.imap();
        } catch (error) {
          this.publishError(accountId, 'imap', error);
          return;
        }
        watched.imap = new ImapObserver(
          logins.imap(),
          (view) => this.publish(accountId, view),
          (message) => this.publish(accountId, { kind: 'error', at: this.now(), mode: 'imap', message }),
        );
      }
      await watched.imap.watch(folderPath ?? 'INBOX').catch((error: unknown) => this.publishError(accountId, 'imap', error));
      return;
    }
    await this.refreshPop(accountId);
  }

  /** After a POP check (or when asked): a new listing, if a panel watches this account. */
  refreshPop(accountId: string): Promise<void> {
    const watched = this.watched.get(accountId);
    if (!watched || watched.mode !== 'pop3') return Promise.resolve();
    watched.popRefresh ??= this.loginsFor(accountId)
      .then((logins) => popServerView(logins.pop3(), this.now))
      .then((view) => this.publish(accountId, view))
      .catch((error: unknown) => this.publishError(accountId, 'pop3', error))
      .finally(() => {
        watched.popRefresh = null;
      });
    return watched.popRefresh;
  }

  private publishError(accountId: string, mode: Mode, error: unknown): void {
    const message = isProtocolError(error) ? error.wire.message : error instanceof Error ? error.message : String(error);
    this.publish(accountId, { kind: 'error', at: this.now(), mode, message });
  }

  unwatch(accountId: string): Promise<void> {
    return this.serially(accountId, () => {
      this.unwatchNow(accountId);
      return Promise.resolve();
    });
  }

  private unwatchNow(accountId: string): void {
    this.watched.get(accountId)?.imap?.stop();
    this.watched.delete(accountId);
  }

  stopAll(): void {
    for (const accountId of [...this.watched.keys()]) this.unwatchNow(accountId);
  }
}
