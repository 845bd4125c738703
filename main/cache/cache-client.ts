import { messagePieces, splitLargeValues } from '../../common/cache-pieces';
import { NOTHING_FOUND, type CacheApplied, type CacheHostReply, type CacheHostRequest, type CacheOp, type CacheQuery, type CacheQueryResult, type CachePieceFrame } from '../../common/cache-protocol';
import { ERROR_MESSAGES } from '../../common/errors';
import type { PopStateRecord } from '../../common/model/mail';
import { ProtocolError } from '../protocols/protocol-error';
import { cacheReplyTimeoutMs } from './cache-reply-timeout';
import { PopStateMirror } from './pop-state-mirror';

/** The channel to whichever cache host is attached: a hidden window, a harness page, or a test. */
export interface CacheHostLink {
  send(request: CacheHostRequest): void;
  /**
   * On a channel that copies what it carries (the harness WebSocket, Electron IPC): a request with
   * large strings or byte arrays goes as frames of pieces instead of through `send`, one piece per
   * turn of the event loop, so that no single step of sending it stalls main. Absent: sent whole.
   */
  sendPiece?(frame: CachePieceFrame<CacheHostRequest>): void;
}

interface InFlight {
  request: CacheHostRequest;
  resolve(value: unknown): void;
  reject(error: Error): void;
  /** Runs while a host holds the request; none while it waits for a host. */
  timer: ReturnType<typeof setTimeout> | null;
  /** The sending of its pieces now under way; a newer one (a re-send) ends the older. */
  pieces: PiecesSending | null;
}

/** A request's pieces on their way to one host. */
interface PiecesSending {
  link: CacheHostLink;
  /** How many pieces of each value were sent. */
  sent: number[];
}

export interface CacheClientOptions {
  /** How long a host may hold a request before it fails with CACHE_TIMEOUT (ms). */
  replyTimeoutMs?: (request: CacheHostRequest) => number;
}

/**
 * Main's only way to touch the cache. Policy: requests wait while no host is attached; requests
 * in flight when a host goes away are sent again to the next one, which is safe because every
 * operation is idempotent (ids are chosen by main). A request resolves only on the host's
 * acknowledgement, which it sends after the IndexedDB transaction committed. A host that holds a
 * request past its timeout costs that request (CACHE_TIMEOUT), never the caller's wait forever;
 * the timeout counts only while a host holds it, so waiting for a host (the harness's page not yet
 * open, a crashed host being replaced) is not a failure.
 */
export class CacheClient {
  private link: CacheHostLink | null = null;
  private nextRequestId = 1;
  private readonly inFlight = new Map<number, InFlight>();
  private readonly hostListeners = new Set<(attached: boolean) => void>();
  private readonly timeoutListeners = new Set<(request: CacheHostRequest) => void>();
  private readonly popStates = new PopStateMirror();
  private readonly replyTimeoutMs: (request: CacheHostRequest) => number;

  constructor(options: CacheClientOptions = {}) {
    this.replyTimeoutMs = options.replyTimeoutMs ?? cacheReplyTimeoutMs;
  }

  get attached(): boolean {
    return this.link !== null;
  }

  attach(link: CacheHostLink): void {
    this.link = link;
    for (const entry of this.inFlight.values()) this.send(link, entry);
    this.hostListeners.forEach((listener) => listener(true));
  }

  /** Called when the host's channel closed; only detaches if it is the current one. */
  detach(link: CacheHostLink): void {
    if (this.link !== link) return;
    this.link = null;
    for (const entry of this.inFlight.values()) stopTimer(entry);
    this.hostListeners.forEach((listener) => listener(false));
  }

  onHostChange(listener: (attached: boolean) => void): () => void {
    this.hostListeners.add(listener);
    return () => this.hostListeners.delete(listener);
  }

  /** Called when the current host held a request past its timeout (it may have stopped working). */
  onRequestTimeout(listener: (request: CacheHostRequest) => void): () => void {
    this.timeoutListeners.add(listener);
    return () => this.timeoutListeners.delete(listener);
  }

  receive(reply: CacheHostReply): void {
    const entry = this.inFlight.get(reply.requestId);
    if (!entry) return;
    this.inFlight.delete(reply.requestId);
    stopTimer(entry);
    if (reply.kind === 'done') entry.resolve(reply.value);
    else entry.reject(new Error(`Cache host: ${reply.message}`));
  }

  apply(dbName: string, ops: CacheOp[]): Promise<CacheApplied> {
    if (ops.length === 0) return Promise.resolve(NOTHING_FOUND);
    const settled = this.popStates.writeStarted(dbName, ops);
    return this.request({ kind: 'apply', requestId: this.nextRequestId++, dbName, ops }).then(
      (applied) => {
        settled(true);
        return applied as CacheApplied;
      },
      (error: unknown) => {
        settled(false);
        throw error;
      },
    );
  }

  query<Q extends CacheQuery>(dbName: string, query: Q): Promise<CacheQueryResult<Q>> {
    if (query.query === 'popStates') return this.queryPopStates(dbName) as Promise<CacheQueryResult<Q>>;
    return this.request({ kind: 'query', requestId: this.nextRequestId++, dbName, query }) as Promise<CacheQueryResult<Q>>;
  }

  private async queryPopStates(dbName: string): Promise<PopStateRecord[]> {
    const mirrored = this.popStates.read(dbName);
    if (mirrored) return mirrored;
    const token = this.popStates.readStarted(dbName);
    const states = (await this.request({ kind: 'query', requestId: this.nextRequestId++, dbName, query: { query: 'popStates' } })) as PopStateRecord[];
    this.popStates.filled(dbName, token, states);
    return states;
  }

  dropDatabase(dbName: string): Promise<void> {
    this.popStates.forget(dbName);
    return this.request({ kind: 'dropDatabase', requestId: this.nextRequestId++, dbName }).then(() => {
      this.popStates.forget(dbName);
    });
  }

  /**
   * Fails every request still waiting, sent or not, with `error`: the host died on them more than
   * once, so sending them to the next one could kill it again.
   */
  failWaiting(error: Error): void {
    const entries = [...this.inFlight.values()];
    this.inFlight.clear();
    for (const entry of entries) {
      stopTimer(entry);
      entry.reject(error);
    }
  }

  /** Fails everything still waiting (shutdown). */
  close(): void {
    this.failWaiting(new Error('Cache client closed'));
  }

  private request(request: CacheHostRequest): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const entry: InFlight = { request, resolve, reject, timer: null, pieces: null };
      this.inFlight.set(request.requestId, entry);
      if (this.link) this.send(this.link, entry);
    });
  }

  private send(link: CacheHostLink, entry: InFlight): void {
    stopTimer(entry);
    entry.timer = setTimeout(() => this.timedOut(entry), this.replyTimeoutMs(entry.request));
    // A request must not keep a quitting process alive; it is failed by close() anyway.
    entry.timer.unref?.();
    const split = link.sendPiece ? splitLargeValues(entry.request) : null;
    if (!split) {
      entry.pieces = null;
      link.send(entry.request);
      return;
    }
    link.sendPiece!(split.head);
    this.sendPieces(link, entry, split.head.values.length, messagePieces(split));
  }

  /**
   * One piece per macrotask. Stops when the request settled, its host went away or it was sent
   * again: a host that lost pieces drops the request, and the next one gets it whole, from the start.
   * The reply timeout runs meanwhile; it grows with the request's size, which covers this.
   */
  private sendPieces(link: CacheHostLink, entry: InFlight, values: number, pieces: Iterator<CachePieceFrame<CacheHostRequest>>): void {
    const sending: PiecesSending = { link, sent: new Array<number>(values).fill(0) };
    entry.pieces = sending;
    const next = (): void => {
      if (entry.pieces !== sending || this.link !== link || this.inFlight.get(entry.request.requestId) !== entry) return;
      const piece = pieces.next();
      if (piece.done) {
        entry.pieces = null;
        return;
      }
      if (piece.value.kind === 'piece') sending.sent[piece.value.value] = piece.value.index + 1;
      link.sendPiece!(piece.value);
      setImmediate(next);
    };
    setImmediate(next);
  }

  private timedOut(entry: InFlight): void {
    if (this.inFlight.get(entry.request.requestId) !== entry) return;
    this.inFlight.delete(entry.request.requestId);
    entry.timer = null;
    // Pieces still on their way: an end that counts one piece more than were sent makes the host
    // fail the request at once, instead of holding it, and every request behind it, until it closes.
    const sending = entry.pieces;
    entry.pieces = null;
    if (sending && sending.link === this.link) sending.link.sendPiece?.({ kind: 'piecesEnd', requestId: entry.request.requestId, pieces: sending.sent.map((n) => n + 1) });
    entry.reject(new ProtocolError({ code: 'CACHE_TIMEOUT', message: ERROR_MESSAGES.CACHE_TIMEOUT }));
    this.timeoutListeners.forEach((listener) => listener(entry.request));
  }
}

function stopTimer(entry: InFlight): void {
  if (entry.timer) clearTimeout(entry.timer);
  entry.timer = null;
}
