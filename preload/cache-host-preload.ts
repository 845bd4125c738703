import { contextBridge, ipcRenderer } from 'electron';
import type { CacheHostReply, CacheHostRequest } from '../common/cache-protocol';
import { CACHE_HOST_REPLY, CACHE_HOST_REQUEST, type CacheHostBridge } from '../common/cache-host-bridge';

const bridge: CacheHostBridge = {
  onRequest(listener: (request: CacheHostRequest) => void) {
    ipcRenderer.on(CACHE_HOST_REQUEST, (_event, request: CacheHostRequest) => listener(request));
  },
  reply(reply: CacheHostReply) {
    ipcRenderer.send(CACHE_HOST_REPLY, reply);
  },
};

contextBridge.exposeInMainWorld('portholeCacheHost', bridge);
