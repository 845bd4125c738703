import { once } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as FakeElectronModule from '../../../support/fake-electron';

// main/electron-main.ts runs as Electron would run it, against the stand-in electron module.
vi.mock('electron', () => import('../../../support/fake-electron'));

type FakeElectron = typeof FakeElectronModule;

let fake: FakeElectron | null = null;

/** Fresh modules, a fresh fake, then the entry point; `setup` runs before it starts. */
async function launch(setup?: (electron: FakeElectron) => void): Promise<FakeElectron> {
  vi.resetModules();
  // The instance the code under test gets (vitest keeps a mock's module across resetModules).
  fake = (await import('electron')) as unknown as FakeElectron;
  fake.resetFakeElectron();
  setup?.(fake);
  await import('../../../../main/electron-main');
  return fake;
}

/** Resolves once `count` windows exist (created now or before). */
function windowsCreated(electron: FakeElectron, count: number): Promise<void> {
  if (electron.fakeElectronState().windows.length >= count) return Promise.resolve();
  return new Promise((resolve) => {
    const check = (): void => {
      if (electron.fakeElectronState().windows.length < count) return;
      electron.app.off('browser-window-created', check);
      resolve();
    };
    electron.app.on('browser-window-created', check);
  });
}

/** Fails with `what` if `promise` has not settled within `ms` (a guard, not a measurement). */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const guard = new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(new Error(`Not within ${ms} ms: ${what}`)), ms)));
  try {
    return await Promise.race([promise, guard]);
  } finally {
    clearTimeout(timer);
  }
}

/** Lets every promise already settled run its callbacks (the entry point's start is all microtasks until it awaits I/O). */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

afterEach(async () => {
  const electron = fake;
  fake = null;
  if (!electron || electron.fakeElectronState().quit) return;
  const quit = once(electron.app, 'quit');
  electron.app.quit();
  await within(quit, 10_000, 'the app quits').catch(() => undefined);
});

describe('the Electron entry point (main/electron-main.ts) against a stand-in electron module', () => {
  it('a second instance quits at once and opens no window, no profile and no core', async () => {
    const electron = await launch((e) => e.grantSingleInstanceLock(false));
    await settle();
    await settle();

    const state = electron.fakeElectronState();
    expect(state.quitRequests).toBeGreaterThanOrEqual(1);
    expect(state.windows).toEqual([]);
    expect(state.exitCode).toBeNull();
  });

  it('closing the main window quits the app on Linux and Windows, although the hidden cache host is a window too', async () => {
    const electron = await launch();
    await within(windowsCreated(electron, 2), 5_000, 'the main and cache-host windows');
    const [mainWindow] = electron.windowsShowing('index.html');
    const [cacheHost] = electron.windowsShowing('cache-host.html');
    electron.finishLoad(cacheHost!.webContents);
    const quit = once(electron.app, 'quit');

    mainWindow!.close();

    await within(quit, 5_000, 'the app quits after its main window closed');
    expect(cacheHost!.isDestroyed()).toBe(true);
    expect(electron.fakeElectronState().exitCode).toBeNull();
  });

  it('a cache host whose renderer died is replaced by a new hidden window loading the cache-host page', async () => {
    const electron = await launch();
    await within(windowsCreated(electron, 2), 5_000, 'the main and cache-host windows');
    const [first] = electron.windowsShowing('cache-host.html');
    electron.finishLoad(first!.webContents);

    electron.crashRenderer(first!.webContents, 'oom');

    await within(windowsCreated(electron, 3), 5_000, 'a new cache-host window');
    const hosts = electron.windowsShowing('cache-host.html');
    expect(hosts).toHaveLength(1);
    expect(hosts[0]).not.toBe(first);
    expect(first!.isDestroyed()).toBe(true);
    expect(hosts[0]!.options).toEqual(first!.options);
    expect(electron.windowsShowing('index.html')).toHaveLength(1);
  });

  it('a mailto: link on the command line that cannot be decoded does not stop the start', async () => {
    const argv = process.argv;
    process.argv = [...argv, 'mailto:%E0%A4%A@evil.test'];
    try {
      const electron = await launch();
      await within(windowsCreated(electron, 2), 5_000, 'the main and cache-host windows');
      expect(electron.windowsShowing('index.html')).toHaveLength(1);
      expect(electron.fakeElectronState().exitCode).toBeNull();
    } finally {
      process.argv = argv;
    }
  });

  it('a failure while starting shows an error box and exits', async () => {
    const electron = await launch((e) => e.failReady(new Error('The GPU process could not start')));
    await settle();
    await settle();

    const state = electron.fakeElectronState();
    expect(state.errorBoxes).toEqual([{ title: 'Porthole could not start', content: expect.stringContaining('The GPU process could not start') as unknown }]);
    expect(state.exitCode).toBe(1);
    expect(state.windows).toEqual([]);
  });
});
