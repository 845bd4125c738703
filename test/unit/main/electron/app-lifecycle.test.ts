import { EventEmitter, once } from 'node:events';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Notice } from '../../../../common/contract';
import { runPortholeApp, type AppOptions } from '../../../../main/electron/app-lifecycle';
import * as electron from '../../../support/fake-electron';

vi.mock('electron', () => import('../../../support/fake-electron'));

const root = join(__dirname, '..', '..', '..', '..');

function options(overrides: Partial<AppOptions> = {}): AppOptions {
  return { rendererDir: join(root, 'renderer'), preloadDir: join(root, 'preload'), platform: 'linux', argv: ['porthole'], processEvents: new EventEmitter(), ...overrides };
}

function noticesShownIn(window: electron.BrowserWindow): Notice[] {
  return window.webContents.sent.filter((s) => s.channel === 'notice').map((s) => s.args[0] as Notice);
}

async function quitApp(): Promise<void> {
  if (electron.fakeElectronState().quit) return;
  const quit = once(electron.app, 'quit');
  electron.app.quit();
  await quit;
}

beforeEach(() => {
  electron.resetFakeElectron();
});

afterEach(async () => {
  await quitApp();
  vi.restoreAllMocks();
});

describe('the Electron app lifecycle (runPortholeApp) against a stand-in electron module', () => {
  it('on macOS closing the main window keeps the app (and its cache host) running; activate opens it again; Quit quits', async () => {
    await runPortholeApp(options({ platform: 'darwin' }));
    const [firstMain] = electron.windowsShowing('index.html');
    const [cacheHost] = electron.windowsShowing('cache-host.html');

    firstMain!.close();

    expect(electron.fakeElectronState().quitRequests).toBe(0);
    expect(cacheHost!.isDestroyed()).toBe(false);
    electron.app.emit('activate');
    const reopened = electron.windowsShowing('index.html');
    expect(reopened).toHaveLength(1);
    expect(reopened[0]).not.toBe(firstMain);
    expect(electron.windowsShowing('cache-host.html')).toEqual([cacheHost]);

    await quitApp();
    expect(cacheHost!.isDestroyed()).toBe(true);
    expect(electron.BrowserWindow.getAllWindows()).toEqual([]);
  });

  it('a second launch brings the running main window forward instead of opening another', async () => {
    await runPortholeApp(options());
    const [mainWindow] = electron.windowsShowing('index.html');

    electron.app.emit('second-instance', {}, ['porthole'], '/');

    expect(electron.windowsShowing('index.html')).toEqual([mainWindow]);
    expect(mainWindow!.focused).toBe(1);
  });

  it('once running, an error nothing caught is logged and shown, and the app keeps running; quitting removes the handler', async () => {
    const processEvents = new EventEmitter();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await runPortholeApp(options({ processEvents }));
    const [mainWindow] = electron.windowsShowing('index.html');

    processEvents.emit('uncaughtException', new Error('a handler threw'));
    processEvents.emit('unhandledRejection', new Error('nobody awaited this'));

    expect(logged.mock.calls.map((call) => String(call[0]))).toEqual([expect.stringContaining('a handler threw'), expect.stringContaining('nobody awaited this')]);
    expect(noticesShownIn(mainWindow!)).toEqual([expect.objectContaining({ level: 'error', code: 'INTERNAL', words: { kind: 'error', error: { code: 'INTERNAL', message: expect.stringContaining('Porthole keeps running') as unknown } } })]);
    expect(electron.fakeElectronState().exitCode).toBeNull();
    expect(electron.fakeElectronState().quitRequests).toBe(0);

    await quitApp();
    expect(processEvents.listenerCount('uncaughtException')).toBe(0);
    expect(processEvents.listenerCount('unhandledRejection')).toBe(0);
  });

  it('a main window whose page crashed is loaded again, but not in a loop', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await runPortholeApp(options());
    const [mainWindow] = electron.windowsShowing('index.html');

    electron.crashRenderer(mainWindow!.webContents, 'oom');
    expect(mainWindow!.webContents.reloads).toBe(1);
    electron.crashRenderer(mainWindow!.webContents, 'oom');

    expect(mainWindow!.webContents.reloads).toBe(1);
    expect(logged.mock.calls.map((call) => String(call[0]))).toEqual([expect.stringContaining('not reloading it in a loop')]);
    expect(electron.fakeElectronState().quitRequests).toBe(0);
  });

  it('a cache host that keeps dying is shown in the main window as CACHE_UNAVAILABLE', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await runPortholeApp(options());
    const [mainWindow] = electron.windowsShowing('index.html');

    electron.crashRenderer(electron.windowsShowing('cache-host.html')[0]!.webContents);
    electron.crashRenderer(electron.windowsShowing('cache-host.html')[0]!.webContents);

    expect(noticesShownIn(mainWindow!)).toEqual([expect.objectContaining({ level: 'error', where: 'cache', code: 'CACHE_UNAVAILABLE' })]);
  });

  it('the theme chosen in the page reaches the window system (nativeTheme.themeSource); a bad value changes nothing', async () => {
    await runPortholeApp(options());
    const [mainWindow] = electron.windowsShowing('index.html');
    const setTheme = electron.ipcMain.handlers.get('app:setTheme')!;
    const fromPage = electron.ipcEventFrom(mainWindow!, 'index.html');

    expect(await setTheme(fromPage, { theme: 'dark' })).toEqual({ ok: true, value: null });
    expect(electron.nativeTheme.themeSource).toBe('dark');
    expect(await setTheme(fromPage, { theme: 'purple' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(electron.nativeTheme.themeSource).toBe('dark');
    await setTheme(fromPage, { theme: 'system' });
    expect(electron.nativeTheme.themeSource).toBe('system');
  });
});
