import type { CacheHostReply, CacheHostRequest } from './cache-protocol';

/** What the Electron cache-host preload exposes to the hidden cache-host page. */
export interface CacheHostBridge {
  onRequest(listener: (request: CacheHostRequest) => void): void;
  reply(reply: CacheHostReply): void;
}

/** IPC channels between main and the Electron cache-host window. */
export const CACHE_HOST_REQUEST = 'cache-host:request';
export const CACHE_HOST_REPLY = 'cache-host:reply';
