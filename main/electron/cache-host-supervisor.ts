import { ipcMain, type BrowserWindow, type IpcMainEvent, type RenderProcessGoneDetails } from 'electron';
import { CACHE_HOST_REPLY, CACHE_HOST_REQUEST } from '../../common/cache-host-bridge';
import type { CacheReplyFrame } from '../../common/cache-protocol';
import { ERROR_MESSAGES } from '../../common/errors';
import type { CacheClient, CacheHostLink } from '../cache/cache-client';
import { ReplyReceiver } from '../cache/reply-receiver';
import { ProtocolError } from '../protocols/protocol-error';
import { fromWindow } from './ipc';

/** A replacement host that dies sooner than this after it was made is dying "again at once". */
export const STABLE_HOST_MS = 30_000;
const FIRST_RETRY_MS = 1_000;
export const MAX_RETRY_MS = 60_000;

export interface CacheHostSupervisorOptions {
  cache: CacheClient;
  /** Makes a new hidden cache-host window (loading the cache-host page). */
  createWindow: () => BrowserWindow;
  /** Tells the user the cache is not available (a notice with CACHE_UNAVAILABLE). */
  unavailable: (text: string) => void;
  now?: () => number;
}

interface Host {
  window: BrowserWindow;
  link: CacheHostLink;
  replies: ReplyReceiver;
  createdAt: number;
  replacement: boolean;
}

/**
 * Keeps one hidden cache-host window attached to the core's cache client. Policy: a host that goes
 * away (renderer crashed, killed, out of memory, window closed, or ended because it held a
 * request past its timeout) is replaced at once and the client
 * re-sends what it had not acknowledged — every operation is idempotent. A replacement that dies
 * again within STABLE_HOST_MS may have died on those very requests, so they are failed with
 * CACHE_UNAVAILABLE instead of re-sent, the user is told once per run of failures, and the next
 * host comes after a delay doubling from 1 s to MAX_RETRY_MS: never a spin.
 */
export class CacheHostSupervisor {
  private host: Host | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private quickDeaths = 0;
  private stopped = false;
  private stopWatchingTimeouts = (): void => undefined;
  private readonly now: () => number;
  private readonly onReply = (event: IpcMainEvent, frame: CacheReplyFrame): void => {
    if (this.host && fromWindow(event, this.host.window)) this.host.replies.receive(frame);
  };

  constructor(private readonly options: CacheHostSupervisorOptions) {
    this.now = options.now ?? Date.now;
  }

  start(): void {
    ipcMain.on(CACHE_HOST_REPLY, this.onReply);
    this.stopWatchingTimeouts = this.options.cache.onRequestTimeout(() => this.hung());
    this.open(false);
  }

  /** No more replacements (quitting); closes the current host. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    ipcMain.removeListener(CACHE_HOST_REPLY, this.onReply);
    this.stopWatchingTimeouts();
    const host = this.host;
    this.host = null;
    if (!host) return;
    this.options.cache.detach(host.link);
    if (!host.window.isDestroyed()) host.window.destroy();
  }

  private open(replacement: boolean): void {
    this.retryTimer = null;
    if (this.stopped) return;
    const window = this.options.createWindow();
    // Large values go in pieces, several IPC messages: one structured clone of a 30 MB body took 0.2–0.9 s.
    const link: CacheHostLink = {
      send: (request) => window.webContents.send(CACHE_HOST_REQUEST, request),
      sendPiece: (frame) => window.webContents.send(CACHE_HOST_REQUEST, frame),
    };
    const host: Host = { window, link, replies: new ReplyReceiver(this.options.cache), createdAt: this.now(), replacement };
    this.host = host;
    window.webContents.once('did-finish-load', () => {
      if (this.host === host) this.options.cache.attach(link);
    });
    window.webContents.on('render-process-gone', (_event, details: RenderProcessGoneDetails) => this.gone(host, `its page stopped (${details.reason})`));
    window.on('closed', () => this.gone(host, 'its window was closed'));
  }

  /**
   * A host that held a request past its (generous) timeout has stopped working — a hung page, a
   * blocked database: it is ended, and replaced like any host that died.
   */
  private hung(): void {
    const host = this.host;
    if (!host || host.window.isDestroyed()) return;
    console.warn('Porthole: the cache host did not answer in time; restarting it.');
    host.window.webContents.forcefullyCrashRenderer();
  }

  private gone(host: Host, why: string): void {
    if (this.host !== host || this.stopped) return;
    this.host = null;
    host.replies.drop();
    this.options.cache.detach(host.link);
    // A crashed renderer leaves its window behind; the replacement is a new window.
    if (!host.window.isDestroyed()) host.window.destroy();
    const diedAtOnce = host.replacement && this.now() - host.createdAt < STABLE_HOST_MS;
    this.quickDeaths = diedAtOnce ? this.quickDeaths + 1 : 0;
    console.warn(`Porthole: the cache host is gone: ${why}.`);
    if (this.quickDeaths === 0) {
      this.open(true);
      return;
    }
    this.options.cache.failWaiting(new ProtocolError({ code: 'CACHE_UNAVAILABLE', message: ERROR_MESSAGES.CACHE_UNAVAILABLE }));
    const delay = Math.min(FIRST_RETRY_MS * 2 ** (this.quickDeaths - 1), MAX_RETRY_MS);
    if (this.quickDeaths === 1) {
      this.options.unavailable(
        `${ERROR_MESSAGES.CACHE_UNAVAILABLE} It stopped again right after a restart (${why}); the changes it was saving were not saved. Porthole keeps restarting it, waiting longer each time.`,
      );
    }
    this.retryTimer = setTimeout(() => this.open(true), delay);
  }
}
