import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A stand-in for the `electron` module, for running `main/electron*` and `preload/*` in Node where
 * no Electron binary can be installed. It has just what our code uses, behaving as Electron
 * documents it: `app.quit()` emits a preventable 'before-quit', closes every window, then 'will-quit'
 * and 'quit'; a window's `destroy()` emits 'closed'; a crashed renderer keeps its window and drops
 * what is sent to it. Tests use it with `vi.mock('electron', () => import('…/support/fake-electron'))`
 * and drive it with the helpers at the bottom (crash a renderer, finish a load, refuse the lock).
 */

type Listener = (...args: never[]) => unknown;

interface ControllableEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

function controllableEvent(): ControllableEvent {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

interface State {
  windows: BrowserWindow[];
  lockGranted: boolean;
  readyError: Error | null;
  userData: string;
  quitRequests: number;
  quit: boolean;
  exitCode: number | null;
  errorBoxes: Array<{ title: string; content: string }>;
  exposed: Map<string, unknown>;
  invoked: Array<{ channel: string; args: unknown[] }>;
  /** The window whose page `ipcRenderer` is (runPageIpc); null: what the preload sends goes nowhere. */
  pageWindow: BrowserWindow | null;
}

function freshState(): State {
  return {
    windows: [],
    lockGranted: true,
    readyError: null,
    userData: mkdtempSync(join(tmpdir(), 'porthole-fake-electron-')),
    quitRequests: 0,
    quit: false,
    exitCode: null,
    errorBoxes: [],
    exposed: new Map(),
    invoked: [],
    pageWindow: null,
  };
}

let state = freshState();

export class WebContents extends EventEmitter {
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  /** The renderer process is gone; the window and this object stay until destroyed. */
  gone = false;
  destroyed = false;
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | null = null;

  /** Set by `runPageIpc`: the page's ipcRenderer hears what is sent to this webContents. */
  page: string | null = null;

  send(channel: string, ...args: unknown[]): void {
    // Electron throws on a destroyed webContents and drops what is sent to a dead renderer.
    if (this.destroyed) throw new Error('Object has been destroyed');
    if (this.gone) return;
    this.sent.push({ channel, args });
    // Electron copies IPC messages with the structured clone algorithm.
    if (this.page) ipcRenderer.emit(channel, { sender: ipcRenderer }, ...structuredClone(args));
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.windowOpenHandler = handler;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  reloads = 0;

  /** Loads the page again in a new renderer process. */
  reload(): void {
    this.reloads++;
    this.gone = false;
  }

  forcefullyCrashRenderer(): void {
    crashRenderer(this, 'killed');
  }
}

export class BrowserWindow extends EventEmitter {
  readonly webContents = new WebContents();
  loadedUrl: string | null = null;
  shown = false;
  focused = 0;
  private destroyed = false;

  constructor(readonly options: Record<string, unknown> = {}) {
    super();
    state.windows.push(this);
    app.emit('browser-window-created', controllableEvent(), this);
  }

  static getAllWindows(): BrowserWindow[] {
    return state.windows.filter((w) => !w.isDestroyed());
  }

  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }

  show(): void {
    this.shown = true;
  }

  focus(): void {
    this.focused++;
  }

  isMinimized(): boolean {
    return false;
  }

  restore(): void {}

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** As a user closing it: 'close' (preventable), then gone. */
  close(): void {
    if (this.destroyed) return;
    const event = controllableEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

class App extends EventEmitter {
  whenReady(): Promise<void> {
    return state.readyError ? Promise.reject(state.readyError) : Promise.resolve();
  }

  requestSingleInstanceLock(): boolean {
    return state.lockGranted;
  }

  setAsDefaultProtocolClient(_protocol: string): boolean {
    return true;
  }

  getPath(_name: string): string {
    return state.userData;
  }

  getVersion(): string {
    return '0.0.0-test';
  }

  /** Electron's order: 'before-quit' (preventable), every window closed, 'will-quit', 'quit'. */
  quit(): void {
    state.quitRequests++;
    if (state.quit) return;
    const event = controllableEvent();
    this.emit('before-quit', event);
    if (event.defaultPrevented) return;
    for (const window of BrowserWindow.getAllWindows()) window.destroy();
    this.emit('will-quit', controllableEvent());
    state.quit = true;
    this.emit('quit', controllableEvent(), 0);
  }

  exit(code = 0): void {
    state.exitCode = code;
  }
}

export const app = new App();

class IpcMain extends EventEmitter {
  readonly handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();

  handle(channel: string, handler: (event: unknown, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

export const ipcMain = new IpcMain();

class IpcRenderer extends EventEmitter {
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    state.invoked.push({ channel, args });
    return Promise.resolve(undefined);
  }

  send(channel: string, ...args: unknown[]): void {
    state.invoked.push({ channel, args });
    const window = state.pageWindow;
    if (window && !window.isDestroyed() && !window.webContents.gone) ipcMain.emit(channel, ipcEventFrom(window, window.webContents.page!), ...structuredClone(args));
  }
}

export const ipcRenderer = new IpcRenderer();

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    state.exposed.set(key, api);
  },
};

/** What main told the window system about light and dark. */
export const nativeTheme: { themeSource: 'system' | 'light' | 'dark' } = { themeSource: 'system' };

export const session = {
  defaultSession: {
    setPermissionRequestHandler(_handler: Listener): void {},
    setPermissionCheckHandler(_handler: Listener): void {},
  },
};

export const shell = {
  openExternal: (_url: string): Promise<void> => Promise.resolve(),
};

export const protocol = {
  /** What `protocol.handle` registered, by scheme: call it with a Request as Electron would. */
  handlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
  registerSchemesAsPrivileged(_schemes: unknown[]): void {},
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    protocol.handlers.set(scheme, handler);
  },
};

/** A keychain that "encrypts" by prefixing: enough for code that stores and reads secrets. */
export const safeStorage = {
  getSelectedStorageBackend: (): string => 'gnome_libsecret',
  isEncryptionAvailable: (): boolean => true,
  encryptStringAsync: (value: string): Promise<Buffer> => Promise.resolve(Buffer.from(`enc:${value}`)),
  decryptStringAsync: (data: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }> => Promise.resolve({ result: data.toString().slice(4), shouldReEncrypt: false }),
};

export const dialog = {
  showErrorBox(title: string, content: string): void {
    state.errorBoxes.push({ title, content });
  },
};

export default { app, BrowserWindow, ipcMain, ipcRenderer, contextBridge, nativeTheme, session, shell, protocol, safeStorage, dialog };

// ---- test controls -------------------------------------------------------------------------

/** Forgets every window, listener and recorded call; a new, empty profile folder (the last one is removed). */
export function resetFakeElectron(): void {
  for (const emitter of [app, ipcMain, ipcRenderer]) emitter.removeAllListeners();
  ipcMain.handlers.clear();
  protocol.handlers.clear();
  nativeTheme.themeSource = 'system';
  rmSync(state.userData, { recursive: true, force: true });
  state = freshState();
}

/** What the fake recorded: windows, quit and exit, error boxes, what preloads exposed and sent. */
export function fakeElectronState(): Readonly<State> {
  return state;
}

/** The next `requestSingleInstanceLock()` answers this (false: another Porthole holds it). */
export function grantSingleInstanceLock(granted: boolean): void {
  state.lockGranted = granted;
}

/** `app.whenReady()` rejects with this (start-up fails). */
export function failReady(error: Error): void {
  state.readyError = error;
}

/** The page finished loading, as Electron says with 'did-finish-load'. */
export function finishLoad(contents: WebContents): void {
  contents.emit('did-finish-load', controllableEvent());
}

/** The renderer process died ('crashed', 'oom', 'killed', …): 'render-process-gone' on its webContents. */
export function crashRenderer(contents: WebContents, reason = 'crashed'): void {
  contents.gone = true;
  contents.emit('render-process-gone', controllableEvent(), { reason, exitCode: reason === 'killed' ? 9 : 1 });
}

/**
 * Makes `ipcRenderer` the IPC of the page `page` in `window`, as its preload would have it: what main
 * sends that webContents reaches ipcRenderer's listeners, and what the page sends reaches ipcMain as
 * from that window; both copied by structured clone, as Electron's IPC does.
 */
export function runPageIpc(window: BrowserWindow, page: string): void {
  window.webContents.page = page;
  state.pageWindow = window;
}

/** The windows (not destroyed) that load this page of app://porthole, in creation order. */
export function windowsShowing(page: string): BrowserWindow[] {
  return BrowserWindow.getAllWindows().filter((w) => w.loadedUrl?.endsWith(`/${page}`));
}

/** An IPC message as it reaches main from a page of ours in `window`. */
export function ipcEventFrom(window: BrowserWindow, page: string): { sender: WebContents; senderFrame: { url: string } } {
  return { sender: window.webContents, senderFrame: { url: `app://porthole/${page}` } };
}
