import type { CacheHostBridge } from '../../common/cache-host-bridge';
import type { PortholeApi } from '../../common/contract';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the web harness. */
    porthole?: PortholeApi;
    /** Set by the Electron cache-host preload; absent in the web harness. */
    portholeCacheHost?: CacheHostBridge;
  }
}
