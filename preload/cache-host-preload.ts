import { contextBridge, ipcRenderer } from 'electron';
import type { CacheHostFrame, CacheReplyFrame } from '../common/cache-protocol';
import { CACHE_HOST_REPLY, CACHE_HOST_REQUEST, type CacheHostBridge } from '../common/cache-host-bridge';

const bridge: CacheHostBridge = {
  onRequest(listener: (frame: CacheHostFrame) => void) {
    ipcRenderer.on(CACHE_HOST_REQUEST, (_event, frame: CacheHostFrame) => listener(frame));
  },
  reply(frame: CacheReplyFrame) {
    ipcRenderer.send(CACHE_HOST_REPLY, frame);
  },
};

contextBridge.exposeInMainWorld('portholeCacheHost', bridge);
