import type { CacheHostFrame, CacheReplyFrame } from './cache-protocol';

/** What the Electron cache-host preload exposes to the hidden cache-host page. */
export interface CacheHostBridge {
  /** Every frame main sends: whole requests, and the heads, pieces and ends of pieced ones. */
  onRequest(listener: (frame: CacheHostFrame) => void): void;
  /** Replies whole, and the heads, pieces and ends of large ones. */
  reply(frame: CacheReplyFrame): void;
}

/** IPC channels between main and the Electron cache-host window. */
export const CACHE_HOST_REQUEST = 'cache-host:request';
export const CACHE_HOST_REPLY = 'cache-host:reply';
