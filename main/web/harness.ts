import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { FileSecretStore } from '../accounts/secret-store';
import { CacheClient } from '../cache/cache-client';
import { PortholeCore } from '../core/porthole-core';
import { discoveryOptionsFromEnv } from '../discovery/options';
import { oauthOptionsFromEnv } from '../oauth/options';
import { contentSecurityPolicy, requestedPath, serveStatic } from './static-files';
import { WsGateway } from './ws-gateway';
import { WS_PATH } from '../../common/ws-protocol';

export interface HarnessOptions {
  port: number;
  profileDir: string;
  rendererDir: string;
  version: string;
}

export interface RunningHarness {
  url: string;
  core: PortholeCore;
  close(): Promise<void>;
}

/**
 * The web harness: the same main-process core, in Node, serving the same renderer bundle to a
 * browser on 127.0.0.1. The cache host is a page of that browser (an iframe the app opens).
 */
export async function startHarness(options: HarnessOptions): Promise<RunningHarness> {
  const profileDir = resolve(options.profileDir);
  const rendererDir = resolve(options.rendererDir);
  await mkdir(profileDir, { recursive: true, mode: 0o700 });
  const token = randomBytes(24).toString('base64url');
  const core = new PortholeCore({
    profileDir,
    secrets: new FileSecretStore(profileDir),
    cache: new CacheClient(),
    transport: 'web',
    version: options.version,
    discovery: discoveryOptionsFromEnv(process.env),
    oauth: oauthOptionsFromEnv(process.env),
  });
  let origin = '';
  const gateway = new WsGateway(core, token, () => origin);
  const server = createServer((request, response) => {
    serveStatic(rendererDir, request, response, contentSecurityPolicy(origin.replace(/^http/, 'ws'))).catch((error: unknown) => {
      // One request that failed in a way nobody foresaw costs that request, not the harness.
      console.error('Porthole: a request to the harness failed:', error instanceof Error ? error.message : error);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  server.on('upgrade', (request, socket, head) => {
    if (requestedPath(request.url) !== WS_PATH) {
      socket.destroy();
      return;
    }
    try {
      gateway.handleUpgrade(request, socket, head);
    } catch (error) {
      console.error('Porthole: a WebSocket upgrade failed:', error instanceof Error ? error.message : error);
      socket.destroy();
    }
  });
  await new Promise<void>((ready, failed) => {
    server.once('error', failed);
    server.listen(options.port, '127.0.0.1', () => ready());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  // Not awaited: the accounts' devices wait for the cache host, a page the browser opens from the
  // address printed once this returns. Commands wait for the start by themselves.
  const started = core.start().catch((error: unknown) => {
    console.error('Porthole: the accounts did not start:', error instanceof Error ? error.message : error);
  });
  return {
    url: `${origin}/#token=${token}`,
    core,
    async close() {
      gateway.close();
      // A start still waiting for a cache host that never came ends now, failed.
      core.cache.close();
      await started;
      await core.stop();
      core.cache.close();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
