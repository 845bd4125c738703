import { join } from 'node:path';
import { app, session, shell, type BrowserWindow } from 'electron';
import { CacheClient } from './cache/cache-client';
import { PortholeCore } from './core/porthole-core';
import { registerAppScheme, serveAppScheme } from './electron/app-protocol';
import { forwardEvents, linkCacheHost, registerCommands } from './electron/ipc';
import { handleMailtoLinks } from './electron/mailto';
import { SafeStorageSecretStore } from './electron/safe-storage-secrets';
import { createCacheHostWindow, createMainWindow } from './electron/windows';

// Wiring only: the core is the same one the web harness runs.
registerAppScheme();

let mainWindow: BrowserWindow | null = null;

async function main(): Promise<void> {
  await app.whenReady();
  // Mail needs no camera, microphone, notifications, geolocation or anything else a page may ask for.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  serveAppScheme(join(__dirname, '..', 'renderer'));
  const profileDir = app.getPath('userData');
  const core = new PortholeCore({
    profileDir,
    secrets: new SafeStorageSecretStore(profileDir),
    cache: new CacheClient(),
    transport: 'electron',
    version: app.getVersion(),
    openExternal: (url) => shell.openExternal(url),
  });
  registerCommands(core, () => mainWindow);
  forwardEvents(core, () => mainWindow);
  handleMailtoLinks(core, () => mainWindow);
  linkCacheHost(core, createCacheHostWindow(join(__dirname, '..', 'preload', 'cache-host-preload.cjs')));
  const preload = join(__dirname, '..', 'preload', 'app-preload.cjs');
  mainWindow = createMainWindow(preload);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  await core.start();
  app.on('window-all-closed', () => {
    void core.stop().finally(() => app.quit());
  });
  app.on('activate', () => {
    if (!mainWindow) mainWindow = createMainWindow(preload);
  });
}

main().catch((error: unknown) => {
  console.error('Porthole failed to start:', error instanceof Error ? error.message : error);
  app.exit(1);
});
