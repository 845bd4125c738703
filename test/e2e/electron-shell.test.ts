import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron } from 'playwright';
import { describe, expect, it } from 'vitest';
import { installedElectronBinary } from '../support/electron-binary';

const binary = installedElectronBinary();
const SKIP_REASON =
  'No Electron binary is installed (electron downloads it on first use, which cannot reach its host here): the Electron end-to-end test runs where `npx electron --version` works.';

if (!binary) console.warn(`[electron-shell] SKIPPED: ${SKIP_REASON}`);

describe.skipIf(!binary)('the Electron shell (needs an Electron binary)', () => {
  it('opens a sandboxed, context-isolated window that shows the first-run account form', async () => {
    const userData = await mkdtemp(join(tmpdir(), 'porthole-electron-'));
    const app = await electron.launch({ executablePath: binary!, args: [join(__dirname, '..', '..'), `--user-data-dir=${userData}`], env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' } });
    try {
      const page = await app.firstWindow();
      await page.getByRole('form', { name: 'Add a mail account' }).waitFor({ timeout: 20_000 });
      // The page has the contract and nothing of Node: no require, no process.
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
      expect(await page.evaluate(() => typeof window.porthole?.commands['app:info'])).toBe('function');
      expect(await page.evaluate(() => window.location.protocol)).toBe('app:');
      const info = await page.evaluate(() => window.porthole!.commands['app:info'](null));
      expect(info).toMatchObject({ ok: true, value: { transport: 'electron', secretStorage: 'keychain' } });
      // Two windows: the UI and the hidden cache host.
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(2);
    } finally {
      await app.close();
      await rm(userData, { recursive: true, force: true });
    }
  });

  it('replaces a crashed cache host, and quits when its main window closes (Windows and Linux)', async () => {
    const userData = await mkdtemp(join(tmpdir(), 'porthole-electron-'));
    const app = await electron.launch({ executablePath: binary!, args: [join(__dirname, '..', '..'), `--user-data-dir=${userData}`], env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' } });
    const exited = new Promise<void>((resolve) => app.process().once('exit', () => resolve()));
    try {
      const page = await app.firstWindow();
      await page.getByRole('form', { name: 'Add a mail account' }).waitFor({ timeout: 20_000 });
      const liveCacheHosts = (): Promise<number[]> =>
        app.evaluate(({ webContents }) =>
          webContents
            .getAllWebContents()
            .filter((c) => c.getURL().endsWith('/cache-host.html') && !c.isCrashed() && !c.isDestroyed())
            .map((c) => c.id),
        );
      const [first] = await liveCacheHosts();
      expect(first).toBeDefined();

      await app.evaluate(({ webContents }, id) => webContents.fromId(id)?.forcefullyCrashRenderer(), first!);

      // One live cache host again, a new one.
      await expect.poll(async () => (await liveCacheHosts()).filter((id) => id !== first).length, { timeout: 20_000 }).toBe(1);
      expect(await liveCacheHosts()).not.toContain(first);
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(2);

      if (process.platform !== 'darwin') {
        await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().find((w) => w.webContents.getURL().endsWith('/index.html'))?.close());
        await exited;
      }
    } finally {
      await app.close().catch(() => undefined);
      await rm(userData, { recursive: true, force: true });
    }
  });
});

describe.skipIf(Boolean(binary))('the Electron shell', () => {
  it.skip(`is not run here: ${SKIP_REASON}`, () => undefined);
});
