import type { DexieOptions } from 'dexie';
import { PieceAssembler, isPieceFrame, messagePieces, requestPiecesMissing, splitLargeValues } from '../../common/cache-pieces';
import type { CacheHostFrame, CacheHostReply, CacheHostRequest, CachePieceFrame } from '../../common/cache-protocol';
import { applyOps, leavesIndexToBuild } from './apply-ops';
import { startIndexBuild, type IndexBuild, type IndexBuildOptions } from './index-build';
import { runQuery } from './queries';
import { DeviceCache } from './schema';

/** The way back to main on one channel. */
export interface CacheReplyLink {
  send(reply: CacheHostReply): void;
  /**
   * On a channel that copies what it carries (the harness WebSocket, Electron IPC): a reply with
   * large values (a body, a source, attachments main reads) goes in pieces, one per turn of the
   * event loop, so that main takes it piece by piece too. Absent: sent whole.
   */
  sendPiece?(frame: CachePieceFrame<CacheHostReply>): void;
}

/** One channel from main to a cache host (the harness WebSocket, Electron IPC): its frames in. */
export interface CacheHostChannel {
  receive(frame: CacheHostFrame): void;
  /** The channel closed: requests whose pieces had not all arrived are dropped (main sends them again). */
  close(): void;
}

/** How the host builds the search index of mail cached before it existed: off, or with these settings. */
export type IndexBuildSetting = false | Partial<Omit<IndexBuildOptions, 'idle'>>;

/** Gives the thread back for a turn of the event loop (a frame can be drawn in a page). */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * The cache host's whole job: apply main's batches and answer its queries, one database per
 * device, and, between main's requests, build the search index of what was cached before it
 * existed (index-build.ts). Used by the cache-host page (Electron hidden window, harness iframe)
 * and by Node tests.
 */
export class CacheHostHandler {
  private readonly databases = new Map<string, DeviceCache>();
  private readonly builds = new Map<string, IndexBuild>();
  private readonly buildsRunning = new Set<string>();
  /** Databases whose build must make one more pass once the running one ends. */
  private readonly buildAgain = new Set<string>();
  /** Requests are applied one at a time, in the order main sent them, whichever channel brought them. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Requests received and not answered yet: the index build waits while there are any. */
  private outstanding = 0;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly dexieOptions: DexieOptions = {},
    private readonly indexBuild: IndexBuildSetting = {},
    /** Where a build runs: on this thread, or (the cache-host page) in a worker. */
    private readonly runBuild: (db: DeviceCache, options: IndexBuildOptions) => IndexBuild = startIndexBuild,
  ) {}

  private open(dbName: string): DeviceCache {
    let db = this.databases.get(dbName);
    if (!db) {
      db = new DeviceCache(dbName, this.dexieOptions);
      this.databases.set(dbName, db);
    }
    return db;
  }

  /** The database, with its index build started the first time it is used. */
  private openForUse(dbName: string): DeviceCache {
    const db = this.open(dbName);
    if (!this.builds.has(dbName)) this.startBuild(dbName, db);
    return db;
  }

  private startBuild(dbName: string, db: DeviceCache): void {
    if (this.indexBuild === false) return;
    this.buildAgain.delete(dbName);
    const build = this.runBuild(db, { yieldThread: nextTask, ...this.indexBuild, idle: () => this.idle() });
    this.builds.set(dbName, build);
    this.buildsRunning.add(dbName);
    build.finished.then(
      () => {
        this.buildsRunning.delete(dbName);
        // Headers left to the build arrived while it finished its last pass: one more pass finds them.
        if (this.buildAgain.has(dbName) && this.builds.get(dbName) === build) this.startBuild(dbName, db);
      },
      (error: unknown) => {
        this.buildsRunning.delete(dbName);
        // A database dropped or closed under it ends it; anything else is said, and tried again at the next start.
        if (!(error instanceof Error && /DatabaseClosed/.test(error.name))) console.warn(`Search index build of ${dbName} stopped:`, error);
      },
    );
  }

  /** A batch left headers to the build (apply-ops.ts): it runs again, now or after the pass under way. */
  private buildLater(dbName: string): void {
    if (this.buildsRunning.has(dbName)) this.buildAgain.add(dbName);
    else this.startBuild(dbName, this.open(dbName));
  }

  /** Resolves once no request of main is waiting or being applied. */
  idle(): Promise<void> {
    if (this.outstanding === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** The index build of a database, if it was started (tests wait for its end). */
  indexBuildOf(dbName: string): IndexBuild | undefined {
    return this.builds.get(dbName);
  }

  private begin(): void {
    this.outstanding += 1;
  }

  private end(): void {
    this.outstanding -= 1;
    if (this.outstanding > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    waiters.forEach((resolve) => resolve());
  }

  /**
   * Serves one channel: requests sent whole, and requests sent in pieces once they are all in (see
   * common/cache-pieces.ts), each answered through `link`.
   */
  openChannel(link: CacheReplyLink): CacheHostChannel {
    const assembler = new PieceAssembler<CacheHostRequest>(requestPiecesMissing);
    let open = true;
    const reply = (answer: CacheHostReply): void => {
      const split = link.sendPiece && open ? splitLargeValues(answer) : null;
      if (!split) return link.send(answer);
      link.sendPiece!(split.head);
      const pieces = messagePieces(split);
      const next = (): void => {
        const piece = pieces.next();
        // Main drops what was half-sent on a closed channel, and asks the next host again.
        if (piece.done || !open) return;
        link.sendPiece!(piece.value);
        setTimeout(next, 0);
      };
      next();
    };
    return {
      receive: (frame) => {
        const request = isPieceFrame<CacheHostRequest>(frame) ? assembler.accept(frame) : Promise.resolve(frame);
        if (!request) return;
        const requestId = frame.requestId;
        this.begin();
        this.queue = this.queue
          .then(() => request)
          .then(
            (whole) => this.handle(whole),
            (error: unknown): CacheHostReply => ({ kind: 'failed', requestId, message: error instanceof Error ? error.message : String(error) }),
          )
          .then(reply)
          // A reply on a channel that just closed is lost; main re-sends the request to the next host.
          .catch(() => undefined)
          .finally(() => this.end());
      },
      close: () => {
        open = false;
        assembler.drop();
      },
    };
  }

  async handle(request: CacheHostRequest): Promise<CacheHostReply> {
    this.begin();
    try {
      switch (request.kind) {
        case 'apply': {
          const applied = await applyOps(this.openForUse(request.dbName), request.ops);
          if (leavesIndexToBuild(request.ops)) this.buildLater(request.dbName);
          return { kind: 'done', requestId: request.requestId, value: applied };
        }
        case 'query':
          return { kind: 'done', requestId: request.requestId, value: await runQuery(this.openForUse(request.dbName), request.query) };
        case 'dropDatabase': {
          const db = this.open(request.dbName);
          this.databases.delete(request.dbName);
          this.builds.get(request.dbName)?.stop();
          this.builds.delete(request.dbName);
          await db.delete();
          return { kind: 'done', requestId: request.requestId, value: null };
        }
        default: {
          const unknownRequest: never = request;
          throw new Error(`Unknown cache request ${JSON.stringify(unknownRequest)}`);
        }
      }
    } catch (error) {
      return { kind: 'failed', requestId: request.requestId, message: error instanceof Error ? error.message : String(error) };
    } finally {
      this.end();
    }
  }

  close(): void {
    for (const build of this.builds.values()) build.stop();
    this.builds.clear();
    for (const db of this.databases.values()) db.close();
    this.databases.clear();
  }
}
