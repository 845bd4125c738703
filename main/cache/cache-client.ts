import type { CacheHostReply, CacheHostRequest, CacheOp, CacheQuery, CacheQueryResult } from '../../common/cache-protocol';
import type { PopStateRecord } from '../../common/model/mail';
import { PopStateMirror } from './pop-state-mirror';

/** The channel to whichever cache host is attached: a hidden window, a harness page, or a test. */
export interface CacheHostLink {
  send(request: CacheHostRequest): void;
}

interface InFlight {
  request: CacheHostRequest;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * Main's only way to touch the cache. Policy: requests wait while no host is attached; requests
 * in flight when a host goes away are sent again to the next one, which is safe because every
 * operation is idempotent (ids are chosen by main). A request resolves only on the host's
 * acknowledgement, which it sends after the IndexedDB transaction committed.
 */
export class CacheClient {
  private link: CacheHostLink | null = null;
  private nextRequestId = 1;
  private readonly inFlight = new Map<number, InFlight>();
  private readonly hostListeners = new Set<(attached: boolean) => void>();
  private readonly popStates = new PopStateMirror();

  get attached(): boolean {
    return this.link !== null;
  }

  attach(link: CacheHostLink): void {
    this.link = link;
    for (const entry of this.inFlight.values()) link.send(entry.request);
    this.hostListeners.forEach((listener) => listener(true));
  }

  /** Called when the host's channel closed; only detaches if it is the current one. */
  detach(link: CacheHostLink): void {
    if (this.link !== link) return;
    this.link = null;
    this.hostListeners.forEach((listener) => listener(false));
  }

  onHostChange(listener: (attached: boolean) => void): () => void {
    this.hostListeners.add(listener);
    return () => this.hostListeners.delete(listener);
  }

  receive(reply: CacheHostReply): void {
    const entry = this.inFlight.get(reply.requestId);
    if (!entry) return;
    this.inFlight.delete(reply.requestId);
    if (reply.kind === 'done') entry.resolve(reply.value);
    else entry.reject(new Error(`Cache host: ${reply.message}`));
  }

  apply(dbName: string, ops: CacheOp[]): Promise<void> {
    if (ops.length === 0) return Promise.resolve();
    const settled = this.popStates.writeStarted(dbName, ops);
    return this.request({ kind: 'apply', requestId: this.nextRequestId++, dbName, ops }).then(
      () => settled(true),
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

  /** Fails everything still waiting (shutdown). */
  close(): void {
    for (const entry of this.inFlight.values()) entry.reject(new Error('Cache client closed'));
    this.inFlight.clear();
  }

  private request(request: CacheHostRequest): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.inFlight.set(request.requestId, { request, resolve, reject });
      this.link?.send(request);
    });
  }
}
