import type { ImapFlow } from 'imapflow';
import type { ConnectionState, StatusDetail } from '../../../common/contract';
import { notConnectedMessage, type OnlineTask } from '../../../common/errors';
import type { TranscriptRole } from '../../../common/model/transcript';
import type { WireError } from '../../../common/result';
import { classifyBrokenConnection, isTransientError } from '../../protocols/connection-errors';
import { connectImap, connectionFailure, STALLED_AFTER_MS, type ImapLogin } from '../../protocols/imap/imap-connection';
import { ProtocolError, isProtocolError, refusedError, errorWords } from '../../protocols/protocol-error';
import type { BackendContext } from '../backend';
import { TaskQueue, type TaskPriority } from '../task-queue';
import type { BreakVerdict, ResponseIsolation } from './response-isolation';
import { toWire } from './wire-error';

export const MIN_RECONNECT_MS = 1_000;
export const MAX_RECONNECT_MS = 60_000;
/**
 * A connection that stayed up this long was healthy: the next loss reconnects after
 * MIN_RECONNECT_MS again. Resetting at every successful login instead made a server that
 * accepts the login and then breaks every sync a reconnect loop about once a second.
 */
export const STABLE_CONNECTION_MS = 5 * 60_000;

/** The status line after a server broke the connection: what it did, and during which answer (a FETCH). */
function describeBreak(wire: WireError, verdict: BreakVerdict): StatusDetail {
  // The status line is the device's own: "IMAP: " is left off.
  const error = { code: wire.code, message: wire.message.replace(/^IMAP: /, '') };
  if (verdict.kind === 'none') return { kind: 'error', error };
  return { kind: 'brokenFetch', error, fetch: { uids: verdict.fetch.uids, range: verdict.fetch.range }, outcome: verdict.kind === 'unreadable' ? 'unreadable' : 'isolating' };
}

export interface SupervisorHooks {
  /** How the command connection is opened (literal limit, stall timeout). */
  connectOptions(): { maxLiteralSize: number; socketTimeout?: number };
  /** The command connection is up: replay, sync, watch. */
  online(): void;
  /** The command connection is gone (lost or stopped): stop what depends on it. */
  offline(): void;
  /** What the status line says besides the connection (pending changes, last sync). */
  statusExtras(): { pendingChanges: number; lastSyncAt: number | null };
}

/**
 * The command connection of one IMAP device: connects, reconnects with exponential back-off,
 * runs every piece of server work through one priority queue (the user's first), and reports
 * the connection state. A lost connection pauses the queue; what is queued waits for the next one.
 */
export class ConnectionSupervisor {
  private client: ImapFlow | null = null;
  private connection: ConnectionState = 'offline';
  private connectionDetail: StatusDetail = { kind: 'notConnected' };
  private readonly tasks = new TaskQueue();
  private reconnectTimer: NodeJS.Timeout | null = null;
  private reconnectDelayMs = MIN_RECONNECT_MS;
  private stableTimer: NodeJS.Timeout | null = null;
  private stoppedFlag = false;
  /** Called once the command connection is up again (a download in ranges waits to resume). */
  private readonly onlineWaiters = new Set<() => void>();

  constructor(
    private readonly ctx: BackendContext,
    private readonly isolation: ResponseIsolation,
    private readonly hooks: SupervisorHooks,
  ) {}

  get stopped(): boolean {
    return this.stoppedFlag;
  }

  /** True while a command connection exists (it may be about to report its loss). */
  get connected(): boolean {
    return this.client !== null;
  }

  /** A login for a connection of this device; `folder`: the one an IDLE connection watches. */
  login(role: TranscriptRole, folder?: string): ImapLogin {
    return { endpoint: this.ctx.incoming, ...this.ctx.incomingCredential, trusted: this.ctx.account.trustedCertificates, transcript: this.ctx.transcript(role, folder) };
  }

  /** Nothing runs before the first connection (the backend loads the cache state meanwhile). */
  holdTasks(): void {
    this.tasks.pause();
  }

  start(): void {
    void this.connect();
  }

  /** First half of stopping: no reconnect, no new connection from now on. */
  halt(): void {
    this.stoppedFlag = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.stableTimer) clearTimeout(this.stableTimer);
  }

  /** Second half: fails what waits, wakes a download waiting to resume, logs out. */
  async close(): Promise<void> {
    this.tasks.rejectAll(refusedError('CONNECTION_LOST', { kind: 'accountClosed' }));
    // A download waiting to resume gives up now (waitUntilOnline resolves false once stopped).
    for (const waiter of [...this.onlineWaiters]) waiter();
    const client = this.client;
    this.client = null;
    if (client) await client.logout().catch(() => client.close());
    this.setConnection('offline', { kind: 'stopped' });
  }

  /** "Check mail" while offline: reconnect now instead of waiting for the back-off; false when connected. */
  reconnectNow(): boolean {
    if (this.client) return false;
    if (this.reconnectTimer) {
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = null;
      this.reconnectDelayMs = MIN_RECONNECT_MS;
      void this.connect();
    }
    return true;
  }

  private async connect(): Promise<void> {
    if (this.stoppedFlag) return;
    this.reconnectTimer = null;
    this.setConnection('connecting', { kind: 'connecting' });
    let client: ImapFlow;
    try {
      const { maxLiteralSize, socketTimeout } = this.hooks.connectOptions();
      client = await connectImap(this.login('sync'), { maxLiteralSize, socketTimeout: socketTimeout ?? STALLED_AFTER_MS });
    } catch (error) {
      const wire = toWire(error);
      if (this.stoppedFlag) return;
      this.setConnection(isTransientError(wire) ? 'offline' : 'error', { kind: 'error', error: errorWords(wire) });
      if (!isTransientError(wire)) this.ctx.events.notice({ level: 'error', where: 'account', words: { kind: 'error', error: errorWords(wire) }, code: wire.code });
      this.scheduleReconnect(isTransientError(wire) ? this.reconnectDelayMs : MAX_RECONNECT_MS);
      return;
    }
    if (this.stoppedFlag) {
      client.close();
      return;
    }
    this.client = client;
    client.on('close', () => this.onConnectionLost(client));
    this.stableTimer = setTimeout(() => {
      this.stableTimer = null;
      this.reconnectDelayMs = MIN_RECONNECT_MS;
    }, STABLE_CONNECTION_MS);
    this.setConnection('online', { kind: 'connected' });
    this.tasks.resume();
    for (const waiter of [...this.onlineWaiters]) waiter();
    this.hooks.online();
  }

  private onConnectionLost(client: ImapFlow): void {
    if (this.client !== client) return;
    this.client = null;
    this.tasks.pause();
    this.hooks.offline();
    if (this.stableTimer) clearTimeout(this.stableTimer);
    this.stableTimer = null;
    if (this.stoppedFlag) return;
    const failure = classifyBrokenConnection(connectionFailure(client), 'imap');
    const verdict = this.isolation.connectionBroke(failure);
    if (verdict.kind === 'none' && failure.code === 'CONNECTION_LOST') {
      this.setConnection('offline', { kind: 'reconnecting' });
      this.scheduleReconnect(this.reconnectDelayMs);
      return;
    }
    this.setConnection('error', describeBreak(failure, verdict));
    // Narrowing down the message that breaks a FETCH halves the suspects at each try (at most
    // about 13 tries for a batch of 5,000), so it goes on at once; anything else backs off.
    this.scheduleReconnect(verdict.kind === 'none' ? this.reconnectDelayMs : MIN_RECONNECT_MS, verdict.kind === 'none');
  }

  private scheduleReconnect(delayMs: number, backOff = true): void {
    if (this.stoppedFlag || this.reconnectTimer) return;
    if (backOff) this.reconnectDelayMs = Math.min(delayMs * 2, MAX_RECONNECT_MS);
    this.connectionDetail = { ...this.connectionDetail, retry: { inSeconds: Math.round(delayMs / 1000), words: 'retrying' } };
    this.emitStatus();
    this.reconnectTimer = setTimeout(() => void this.connect(), delayMs);
  }

  requireClient(): ImapFlow {
    if (!this.client || !this.client.usable) {
      throw refusedError('CONNECTION_LOST', { kind: 'notConnectedNow' });
    }
    return this.client;
  }

  /** For what needs the server now (opening an undownloaded body, folder changes): fail at once. */
  requireOnline(task: OnlineTask): void {
    if (this.client) return;
    // Why, when the connection failed: the error's words (the status line says the rest), without a second "IMAP: ".
    const why = 'error' in this.connectionDetail ? this.connectionDetail.error.message.replace(/^IMAP: /, '') : null;
    throw new ProtocolError({ code: 'CONNECTION_LOST', message: `IMAP: ${notConnectedMessage(task, why)}` });
  }

  /** Every piece of server work runs here; whatever it throws leaves as a classified ProtocolError. */
  runTask<T>(priority: TaskPriority, name: string, task: () => Promise<T>, key?: string): Promise<T> {
    return this.tasks.run(priority, name, task, key).catch((error: unknown) => {
      throw isProtocolError(error) ? error : new ProtocolError(toWire(error));
    });
  }

  /** Background work reports its failures as notices; a lost connection is shown by the status. */
  background(work: Promise<unknown>): void {
    work.catch((error: unknown) => {
      const wire = toWire(error);
      if (isTransientError(wire) || this.stoppedFlag) return;
      this.ctx.events.notice({ level: 'error', where: 'sync', words: { kind: 'error', error: errorWords(wire) }, code: wire.code });
    });
  }

  /** Resolves true once the command connection is up (at once if it is), false after `timeoutMs` or on stop. */
  waitUntilOnline(timeoutMs: number): Promise<boolean> {
    if (this.client?.usable) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (online: boolean): void => {
        clearTimeout(timer);
        this.onlineWaiters.delete(onOnline);
        resolve(online && !this.stoppedFlag);
      };
      const onOnline = (): void => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.onlineWaiters.add(onOnline);
    });
  }

  /** A server's answer that broke the connection during `client`'s command, as the error to throw. */
  brokenAnswer(client: ImapFlow, error: unknown): unknown {
    const failure = connectionFailure(client);
    return failure === undefined ? error : new ProtocolError(classifyBrokenConnection(failure, 'imap'));
  }

  private setConnection(connection: ConnectionState, detail: StatusDetail): void {
    this.connection = connection;
    this.connectionDetail = detail;
    this.emitStatus();
  }

  emitStatus(): void {
    this.ctx.events.status({ connection: this.connection, detail: this.connectionDetail, ...this.hooks.statusExtras() });
  }
}
