import { join } from 'node:path';
import { app, dialog, nativeTheme, session, shell, type BrowserWindow } from 'electron';
import type { AnnouncementWords } from '../../common/commands/notify-commands';
import { CacheClient } from '../cache/cache-client';
import { PortholeCore } from '../core/porthole-core';
import { serveAppScheme } from './app-protocol';
import { CacheHostSupervisor } from './cache-host-supervisor';
import { forwardEvents, registerCommands } from './ipc';
import { handleMailtoLinks } from './mailto';
import { handleMessageFiles } from './message-files';
import { showNewMailNotifications } from './new-mail-notifications';
import { SafeStorageSecretStore } from './safe-storage-secrets';
import { keepRunningOnStrayErrors } from './stray-errors';
import { unreadBadge } from './unread-badge';
import { createCacheHostWindow, createMainWindow } from './windows';

export interface AppOptions {
  /** The built renderer (index.html, cache-host.html) and the preload bundles. */
  rendererDir: string;
  preloadDir: string;
  platform: NodeJS.Platform;
  argv: readonly string[];
  /** Where stray errors are caught once the app runs: `process`. */
  processEvents: NodeJS.EventEmitter;
}

/** A core that will not stop (a server that never answers its LOGOUT) does not hold the quit up. */
const STOP_BUDGET_MS = 5_000;

/**
 * The Electron app's life: one instance per profile, the main window and the hidden cache host,
 * and quitting. Closing the main window quits on Windows and Linux — the hidden cache-host window
 * keeps 'window-all-closed' from ever firing — while on macOS the app stays in the dock and
 * 'activate' opens the main window again. Quitting stops the core (its last cache writes land)
 * before the cache host goes.
 */
export async function runPortholeApp(options: AppOptions): Promise<void> {
  // A second launch hands its arguments (a mailto: link) to the running Porthole and ends here,
  // before it opens a window or a second core on the same profile.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  try {
    await start(options);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.error('Porthole failed to start:', reason);
    dialog.showErrorBox('Porthole could not start', reason);
    app.exit(1);
  }
}

async function start(options: AppOptions): Promise<void> {
  await app.whenReady();
  // Mail needs no camera, microphone, notifications, geolocation or anything else a page may ask for.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  serveAppScheme(options.rendererDir);
  const profileDir = app.getPath('userData');
  let mainWindow: BrowserWindow | null = null;
  const badge = unreadBadge(options.platform, () => mainWindow);
  /** The window's words for announcements, as it last sent them (English until then). */
  let announcementWords: AnnouncementWords | null = null;
  const core = new PortholeCore({
    profileDir,
    secrets: new SafeStorageSecretStore(profileDir),
    cache: new CacheClient(),
    transport: 'electron',
    version: app.getVersion(),
    openExternal: (url) => shell.openExternal(url),
    setUnreadBadge: (count) => badge.set(count),
    setAnnouncementWords: (words) => {
      announcementWords = words;
    },
    // The title bar, menus and native dialogs follow the user's choice, as the page does.
    setTheme: (theme) => {
      nativeTheme.themeSource = theme;
    },
  });
  const openMainWindow = (): void => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
      return;
    }
    const window = createMainWindow(join(options.preloadDir, 'app-preload.cjs'));
    mainWindow = window;
    badge.windowOpened();
    reloadAfterCrash(window);
    window.on('closed', () => {
      mainWindow = null;
      if (options.platform !== 'darwin') app.quit();
    });
  };
  registerCommands(core, () => mainWindow);
  forwardEvents(core, () => mainWindow);
  // Before the 'second-instance' below: a link for a closed window waits for the new one.
  handleMailtoLinks(core, () => mainWindow, options.argv);
  handleMessageFiles(core, () => mainWindow, options.argv);
  showNewMailNotifications(core, () => mainWindow, openMainWindow, options.platform, () => announcementWords);
  const cacheHost = new CacheHostSupervisor({
    cache: core.cache,
    createWindow: () => createCacheHostWindow(join(options.preloadDir, 'cache-host-preload.cjs')),
    unavailable: (text) => core.notice({ level: 'error', where: 'cache', accountId: null, deviceId: null, code: 'CACHE_UNAVAILABLE', words: { kind: 'error', error: { code: 'CACHE_UNAVAILABLE', message: text } } }),
  });

  let stopped = false;
  let stopping = false;
  let uninstallStrayErrors = (): void => undefined;
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    void stopWithin(core, STOP_BUDGET_MS).finally(() => {
      stopped = true;
      cacheHost.stop();
      core.cache.close();
      uninstallStrayErrors();
      app.quit();
    });
  });
  // Quitting is decided by the main window's 'closed' above; without a listener here Electron
  // would also quit a macOS app whose windows are all gone (the cache host between two lives).
  app.on('window-all-closed', () => undefined);
  app.on('activate', openMainWindow);
  app.on('second-instance', openMainWindow);

  cacheHost.start();
  openMainWindow();
  await core.start();
  if (stopping) return;
  uninstallStrayErrors = keepRunningOnStrayErrors(options.processEvents, {
    log: (text) => console.error(text),
    notify: (text) => core.notice({ level: 'error', where: 'app', accountId: null, deviceId: null, code: 'INTERNAL', words: { kind: 'error', error: { code: 'INTERNAL', message: text } } }),
  });
}

/** A main window whose page died twice within this long is left as it is (and said so in the log). */
const MAIN_WINDOW_RELOAD_GAP_MS = 10_000;

/**
 * A crashed main-window renderer (a message that exhausted its memory, a Chromium bug) costs the
 * page, not the app: it is loaded again, and shows the cache as it was. A page that crashes again
 * at once is not reloaded in a loop.
 */
function reloadAfterCrash(window: BrowserWindow): void {
  let lastReloadAt = -Infinity;
  window.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit' || window.isDestroyed()) return;
    const now = Date.now();
    if (now - lastReloadAt < MAIN_WINDOW_RELOAD_GAP_MS) {
      console.error(`Porthole: the main window's page stopped again (${details.reason}); not reloading it in a loop.`);
      return;
    }
    lastReloadAt = now;
    console.warn(`Porthole: the main window's page stopped (${details.reason}); loading it again.`);
    window.webContents.reload();
  });
}

async function stopWithin(core: PortholeCore, budgetMs: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const budget = new Promise<void>((resolve) => (timer = setTimeout(resolve, budgetMs)));
  try {
    await Promise.race([core.stop().catch((error: unknown) => console.error('Porthole: stopping the accounts failed:', error instanceof Error ? error.message : error)), budget]);
  } finally {
    clearTimeout(timer);
  }
}
