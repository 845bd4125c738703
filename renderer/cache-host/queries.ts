import Dexie from 'dexie';
import type { CacheQuery, CacheQueryResults } from '../../common/cache-protocol';
import { messagesInOrder } from './message-reads';
import type { DeviceCache } from './schema';

/** Answers main's reads of the cache (sync state and the offline queue). */
export async function runQuery(db: DeviceCache, query: CacheQuery): Promise<CacheQueryResults[CacheQuery['query']]> {
  switch (query.query) {
    case 'folders':
      return db.folders.toArray();
    case 'messageUids': {
      const keys = await db.messages
        .where('[folderId+uid]')
        .between([query.folderId, Dexie.minKey], [query.folderId, Dexie.maxKey])
        .keys();
      return keys.map((key) => (key as unknown as [string, number])[1]);
    }
    case 'message':
      return (await db.messages.get(query.id)) ?? null;
    case 'messagesByIds':
      return messagesInOrder(db, query.ids);
    case 'body':
      return (await db.bodies.get(query.messageId)) ?? null;
    case 'bodyIds': {
      if (!query.ids.length) return [];
      // Keys only, and one range read (getAllKeys) from the lowest id asked to the highest: anyOf
      // with thousands of keys steps a cursor key by key, far slower.
      const sorted = [...query.ids].sort();
      const present = new Set((await db.bodies.where(':id').between(sorted[0]!, sorted[sorted.length - 1]!, true, true).primaryKeys()).map(String));
      return query.ids.filter((id) => present.has(id));
    }
    case 'attachments':
      return db.attachments.where('messageId').equals(query.messageId).toArray();
    case 'pendingOps':
      return db.pendingOps.orderBy('seq').toArray();
    case 'pendingCount':
      return db.pendingOps.count();
    case 'popStates':
      return db.popState.toArray();
    case 'rawSource':
      return (await db.rawSources.get(query.messageId)) ?? null;
    case 'rawSourceChunkCount':
      return db.rawSourceChunks.where('messageId').equals(query.messageId).count();
    case 'rawSourceChunk':
      return (await db.rawSourceChunks.get([query.messageId, query.index])) ?? null;
    case 'rawSourceChunkRange':
      return db.rawSourceChunks
        .where('[messageId+index]')
        .between([query.messageId, query.from], [query.messageId, query.from + query.count], true, false)
        .toArray();
    case 'orphanRawSourceChunks': {
      const withChunks = (await db.rawSourceChunks.orderBy('messageId').uniqueKeys()).map(String);
      const messages = await db.messages.bulkGet(withChunks);
      return withChunks.filter((_, i) => messages[i] === undefined);
    }
    case 'folderMessages':
      return db.messages.where('[folderId+date]').between([query.folderId, Dexie.minKey], [query.folderId, Dexie.maxKey]).toArray();
    default: {
      const unknownQuery: never = query;
      throw new Error(`Unknown cache query ${JSON.stringify(unknownQuery)}`);
    }
  }
}
