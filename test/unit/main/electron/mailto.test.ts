import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Events } from '../../../../common/contract';
import { FileSecretStore } from '../../../../main/accounts/secret-store';
import { CacheClient } from '../../../../main/cache/cache-client';
import { PortholeCore } from '../../../../main/core/porthole-core';
import { handleMailtoLinks } from '../../../../main/electron/mailto';
import * as electron from '../../../support/fake-electron';

vi.mock('electron', () => import('../../../support/fake-electron'));

let profileDir: string;
let core: PortholeCore;
let composed: Array<Events['compose:request']>;

beforeEach(async () => {
  electron.resetFakeElectron();
  profileDir = await mkdtemp(join(tmpdir(), 'porthole-mailto-'));
  core = new PortholeCore({ profileDir, secrets: new FileSecretStore(profileDir), cache: new CacheClient(), transport: 'electron', version: 'test' });
  composed = [];
  core.on('compose:request', (request) => composed.push(request));
});

afterEach(async () => {
  await rm(profileDir, { recursive: true, force: true });
});

describe('mailto: links handed to Porthole (main/electron/mailto.ts)', () => {
  it('opens the composer for a link a second launch hands over, with only the harmless fields', () => {
    const window = new electron.BrowserWindow();
    handleMailtoLinks(core, () => window as unknown as Electron.BrowserWindow, ['porthole']);

    electron.app.emit('second-instance', {}, ['porthole', 'mailto:ann@example.test?subject=Hi&attach=/etc/passwd&body=Hello'], '/');

    expect(composed).toEqual([{ to: 'ann@example.test', cc: '', bcc: '', subject: 'Hi', body: 'Hello' }]);
    expect(window.focused).toBe(1);
  });

  it('ignores a link it cannot decode, on the command line or from a second launch, and goes on', () => {
    const window = new electron.BrowserWindow();
    const start = (): void => handleMailtoLinks(core, () => window as unknown as Electron.BrowserWindow, ['porthole', 'mailto:%E0%A4%A@evil.test']);

    expect(start).not.toThrow();
    electron.app.emit('second-instance', {}, ['porthole', 'mailto:%E0%A4%A@evil.test', 'mailto:bob@example.test'], '/');

    expect(composed.map((c) => c.to)).toEqual(['bob@example.test']);
  });

  it('keeps a link that came before the window until the window has loaded', () => {
    let window: electron.BrowserWindow | null = null;
    handleMailtoLinks(core, () => window as unknown as Electron.BrowserWindow | null, ['porthole', 'mailto:carol@example.test']);
    expect(composed).toEqual([]);

    window = new electron.BrowserWindow();
    electron.finishLoad(window.webContents);

    expect(composed.map((c) => c.to)).toEqual(['carol@example.test']);
  });
});
