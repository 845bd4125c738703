import { EventEmitter, once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runPortholeApp } from '../../main/electron/app-lifecycle';
import { startOAuthServer, TEST_PROVIDER, type RunningOAuthServer } from '../servers/oauth-server';
import * as electron from '../support/fake-electron';
import { waitFor } from '../support/wait';

vi.mock('electron', () => import('../support/fake-electron'));

/**
 * Issue 14, "Authorization code with PKCE through the system browser and a loopback redirect (RFC
 * 8252)", in the Electron app (main/electron/app-lifecycle.ts against the stand-in electron module):
 * the sign-in page opens in the system browser through shell.openExternal, never in the app's
 * window, and the browser's redirect to 127.0.0.1 finishes it; the authorization server is real
 * (oidc-provider), the test plays the browser.
 */

const root = join(__dirname, '..', '..');
let server: RunningOAuthServer;
let opened: string[];

beforeEach(async () => {
  electron.resetFakeElectron();
  server = await startOAuthServer();
  // Whoever builds the app fills in the client file; in a profile it wins over the app's own.
  await writeFile(join(electron.fakeElectronState().userData, 'oauth-clients.json'), server.clientsFileJson());
  opened = [];
  vi.spyOn(electron.shell, 'openExternal').mockImplementation((url: string) => {
    opened.push(url);
    return Promise.resolve();
  });
});

afterEach(async () => {
  if (!electron.fakeElectronState().quit) {
    const quit = once(electron.app, 'quit');
    electron.app.quit();
    await quit;
  }
  vi.restoreAllMocks();
  await server.stop();
});

async function startApp(): Promise<{ call: (command: string, params: unknown) => Promise<unknown>; window: electron.BrowserWindow }> {
  await runPortholeApp({ rendererDir: join(root, 'renderer'), preloadDir: join(root, 'preload'), platform: 'linux', argv: ['porthole'], processEvents: new EventEmitter() });
  const [window] = electron.windowsShowing('index.html');
  const fromPage = electron.ipcEventFrom(window!, 'index.html');
  return { call: (command, params) => Promise.resolve(electron.ipcMain.handlers.get(command)!(fromPage, params)), window: window! };
}

describe('OAuth2 sign-in in the Electron app', () => {
  it('opens the provider’s page in the system browser, not in a window, and the loopback redirect completes it', async () => {
    const app = await startApp();
    const signIn = app.call('oauth:signIn', { flowId: 'flow-1', provider: TEST_PROVIDER, address: 'alice@example.test' });

    const url = new URL(await waitFor(() => opened[0], 'the system browser to be asked to open the sign-in page'));
    expect(url.origin).toBe(new URL(server.issuer).origin);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    const redirect = new URL(await server.authorize(url.toString(), 'alice'));
    expect(redirect.hostname).toBe('127.0.0.1');
    expect(await (await fetch(redirect)).text()).toContain('Signed in');

    expect(await signIn).toMatchObject({ ok: true, value: { provider: TEST_PROVIDER, signedInAs: 'alice@example.test' } });
    expect(opened).toHaveLength(1);
    // The window is never told to open the page itself (that is the web harness's way).
    expect(app.window.webContents.sent.filter((s) => s.channel === 'oauth:openUrl')).toEqual([]);
  });

  it('a browser that never comes back: Cancel ends the sign-in and its loopback listener', async () => {
    const app = await startApp();
    const signIn = app.call('oauth:signIn', { flowId: 'flow-2', provider: TEST_PROVIDER, address: 'alice@example.test' });
    const url = new URL(await waitFor(() => opened[0], 'the system browser to be asked to open the sign-in page'));
    const redirectUri = new URL(url.searchParams.get('redirect_uri')!);

    expect(await app.call('oauth:cancel', { flowId: 'flow-2' })).toEqual({ ok: true, value: null });
    expect(await signIn).toMatchObject({ ok: false });
    await expect(fetch(redirectUri)).rejects.toThrow();
  });
});
