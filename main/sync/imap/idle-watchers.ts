import type { TranscriptRole } from '../../../common/model/transcript';
import type { ImapLogin } from '../../protocols/imap/imap-connection';
import { MAX_RECONNECT_MS, MIN_RECONNECT_MS, STABLE_CONNECTION_MS } from './connection-supervisor';
import { FolderWatcher } from './folder-watcher';

export interface IdleWatchersDeps {
  login(role: TranscriptRole, folder: string): ImapLogin;
  /** Watchers run only beside a command connection, and never after stop. */
  mayWatch(): boolean;
  /** Something changed in the folder (new mail, expunge, flags): sync it. */
  changed(path: string): void;
  /** A watcher could not start for another reason than a lost connection (too many connections, no such folder). */
  failed(path: string, error: unknown): void;
}

/**
 * The IDLE connections of one device (RFC 2177), one per watched folder (the folders the
 * settings name and the selected one): they only signal that a folder changed. A lone watcher
 * that drops retries with its own back-off; the command connection's reconnect restarts them all.
 */
export class IdleWatchers {
  private readonly watchers = new Map<string, FolderWatcher>();
  /** Per folder: how long its IDLE watcher waits before its next reconnect. */
  private readonly retryMs = new Map<string, number>();
  /** The folders to watch whenever a command connection is up. */
  private wanted = new Set<string>();

  constructor(private readonly deps: IdleWatchersDeps) {}

  /** From now on exactly these folders are watched: others' connections close, new ones open if connected. */
  watchOnly(paths: Iterable<string>): void {
    this.wanted = new Set(paths);
    for (const path of [...this.watchers.keys()]) if (!this.wanted.has(path)) this.unwatch(path);
    for (const path of this.wanted) this.watch(path);
  }

  private watch(path: string): void {
    if (this.watchers.has(path) || !this.wanted.has(path) || !this.deps.mayWatch()) return;
    const watcher = new FolderWatcher(
      path,
      this.deps.login('idle', path),
      (changedPath) => this.deps.changed(changedPath),
      (lost) => {
        if (this.watchers.get(lost.path) !== lost) return;
        this.watchers.delete(lost.path);
        // The command connection's reconnect restarts watchers; a lone watcher drop retries,
        // backing off like the command connection unless the watcher had been up a while.
        const upMs = Date.now() - startedAt;
        const delayMs = upMs >= STABLE_CONNECTION_MS ? MIN_RECONNECT_MS : Math.min((this.retryMs.get(lost.path) ?? MIN_RECONNECT_MS / 2) * 2, MAX_RECONNECT_MS);
        this.retryMs.set(lost.path, delayMs);
        setTimeout(() => this.watch(lost.path), delayMs);
      },
    );
    const startedAt = Date.now();
    this.watchers.set(path, watcher);
    watcher.start().catch((error: unknown) => {
      if (this.watchers.get(path) !== watcher) return;
      this.watchers.delete(path);
      if (this.deps.mayWatch()) this.deps.failed(path, error);
    });
  }

  private unwatch(path: string): void {
    this.watchers.get(path)?.stop();
    this.watchers.delete(path);
  }

  stopAll(): void {
    for (const watcher of this.watchers.values()) watcher.stop();
    this.watchers.clear();
  }
}
