import type { DexieOptions } from 'dexie';
import { PieceAssembler, isPieceFrame, messagePieces, requestPiecesMissing, splitLargeValues } from '../../common/cache-pieces';
import type { CacheHostFrame, CacheHostReply, CacheHostRequest, CachePieceFrame } from '../../common/cache-protocol';
import { applyOps } from './apply-ops';
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

/**
 * The cache host's whole job: apply main's batches and answer its queries, one database per
 * device. Used by the cache-host page (Electron hidden window, harness iframe) and by Node tests.
 */
export class CacheHostHandler {
  private readonly databases = new Map<string, DeviceCache>();
  /** Requests are applied one at a time, in the order main sent them, whichever channel brought them. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly dexieOptions: DexieOptions = {}) {}

  private open(dbName: string): DeviceCache {
    let db = this.databases.get(dbName);
    if (!db) {
      db = new DeviceCache(dbName, this.dexieOptions);
      this.databases.set(dbName, db);
    }
    return db;
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
        this.queue = this.queue
          .then(() => request)
          .then(
            (whole) => this.handle(whole),
            (error: unknown): CacheHostReply => ({ kind: 'failed', requestId, message: error instanceof Error ? error.message : String(error) }),
          )
          .then(reply)
          // A reply on a channel that just closed is lost; main re-sends the request to the next host.
          .catch(() => undefined);
      },
      close: () => {
        open = false;
        assembler.drop();
      },
    };
  }

  async handle(request: CacheHostRequest): Promise<CacheHostReply> {
    try {
      switch (request.kind) {
        case 'apply':
          await applyOps(this.open(request.dbName), request.ops);
          return { kind: 'done', requestId: request.requestId, value: null };
        case 'query':
          return { kind: 'done', requestId: request.requestId, value: await runQuery(this.open(request.dbName), request.query) };
        case 'dropDatabase': {
          const db = this.open(request.dbName);
          this.databases.delete(request.dbName);
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
    }
  }

  close(): void {
    for (const db of this.databases.values()) db.close();
    this.databases.clear();
  }
}
