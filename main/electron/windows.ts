import { BrowserWindow, type WebPreferences } from 'electron';
import { APP_ORIGIN } from './app-protocol';

function securePreferences(preload: string): WebPreferences {
  return { preload, contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, spellcheck: true };
}

/** Every window: no navigation away from the app, no new windows; web links go to the browser. */
function lockDown(window: BrowserWindow): void {
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && event.url.startsWith('about:')) return;
    event.preventDefault();
  });
  // New windows never open; web links reach the browser only through link:open (checked in main).
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function createMainWindow(preload: string): BrowserWindow {
  const window = new BrowserWindow({ width: 1280, height: 800, title: 'Porthole', show: false, webPreferences: securePreferences(preload) });
  lockDown(window);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

/** The cache host: a hidden window, same origin as the UI, the only writer of the cache. */
export function createCacheHostWindow(preload: string): BrowserWindow {
  const window = new BrowserWindow({ show: false, webPreferences: { ...securePreferences(preload), backgroundThrottling: false } });
  lockDown(window);
  void window.loadURL(`${APP_ORIGIN}/cache-host.html`);
  return window;
}
