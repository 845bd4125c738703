import type { DexieOptions } from 'dexie';
import type { CacheHostReply, CacheHostRequest } from '../../common/cache-protocol';
import { applyOps } from './apply-ops';
import { runQuery } from './queries';
import { DeviceCache } from './schema';

/**
 * The cache host's whole job: apply main's batches and answer its queries, one database per
 * device. Used by the cache-host page (Electron hidden window, harness iframe) and by Node tests.
 */
export class CacheHostHandler {
  private readonly databases = new Map<string, DeviceCache>();

  constructor(private readonly dexieOptions: DexieOptions = {}) {}

  private open(dbName: string): DeviceCache {
    let db = this.databases.get(dbName);
    if (!db) {
      db = new DeviceCache(dbName, this.dexieOptions);
      this.databases.set(dbName, db);
    }
    return db;
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
