import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Events, Notice } from '../../../../common/contract';
import { LARGE_MESSAGE_BYTES } from '../../../../common/model/raw-source';
import { FileSecretStore } from '../../../../main/accounts/secret-store';
import { CacheClient } from '../../../../main/cache/cache-client';
import { PortholeCore } from '../../../../main/core/porthole-core';
import { handleMessageFiles } from '../../../../main/electron/message-files';
import * as electron from '../../../support/fake-electron';
import { waitFor } from '../../../support/wait';
import { noticeEnglish } from '../../../support/main-words';

vi.mock('electron', () => import('../../../support/fake-electron'));

let dir: string;
let core: PortholeCore;
let opened: Array<Events['file:openMessage']>;
let notices: Notice[];

const MESSAGE = 'From: Ann <ann@example.test>\r\nTo: bob@example.test\r\nSubject: Ferry times\r\nDate: Thu, 03 Dec 2026 09:00:00 +0000\r\n\r\nThe 9:40 ferry.\r\n';

beforeEach(async () => {
  electron.resetFakeElectron();
  dir = await mkdtemp(join(tmpdir(), 'porthole-eml-'));
  core = new PortholeCore({ profileDir: dir, secrets: new FileSecretStore(dir), cache: new CacheClient(), transport: 'electron', version: 'test' });
  opened = [];
  notices = [];
  core.on('file:openMessage', (file) => opened.push(file));
  core.on('notice', (notice) => notices.push(notice));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function emlFile(name: string, content = MESSAGE): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

describe('.eml files opened with Porthole (main/electron/message-files.ts)', () => {
  it('shows a file from the command line, once the window has loaded, and focuses the window', async () => {
    const path = await emlFile('Ferry times.eml');
    let window: electron.BrowserWindow | null = null;
    handleMessageFiles(core, () => window as unknown as Electron.BrowserWindow | null, ['porthole', '--flag', 'mailto:x@y.z', path]);
    expect(opened).toEqual([]);

    window = new electron.BrowserWindow();
    electron.finishLoad(window.webContents);
    await waitFor(() => opened.length === 1 || undefined, 'the file shown');
    expect(opened[0]).toMatchObject({ fileName: 'Ferry times.eml', subject: 'Ferry times', from: [{ name: 'Ann', address: 'ann@example.test' }], date: Date.UTC(2026, 11, 3, 9) });
    expect(opened[0]!.body.text).toBe('The 9:40 ferry.\n');
    expect(window.focused).toBe(1);
  });

  it('shows files handed over by a second launch and by macOS open-file; ignores other arguments', async () => {
    const window = new electron.BrowserWindow();
    handleMessageFiles(core, () => window as unknown as Electron.BrowserWindow, ['porthole']);
    electron.app.emit('second-instance', {}, ['porthole', await emlFile('a.EML'), join(dir, 'notes.txt')], '/');
    let prevented = false;
    electron.app.emit('open-file', { preventDefault: () => (prevented = true) }, await emlFile('b.eml'));
    await waitFor(() => opened.length === 2 || undefined, 'both files shown');
    expect(opened.map((f) => f.fileName).sort()).toEqual(['a.EML', 'b.eml']);
    expect(prevented).toBe(true);
  });

  it('says in a notice why a file cannot be opened: missing, or larger than Porthole parses whole', async () => {
    const window = new electron.BrowserWindow();
    const large = await emlFile('large.eml');
    await truncate(large, LARGE_MESSAGE_BYTES + 1);
    handleMessageFiles(core, () => window as unknown as Electron.BrowserWindow, ['porthole', join(dir, 'gone.eml'), large]);
    await waitFor(() => notices.length === 2 || undefined, 'two notices');
    expect(notices.every((n) => n.words.kind === 'fileNotOpened')).toBe(true);
    expect(notices.map((n) => noticeEnglish(n)).sort()).toEqual([expect.stringMatching(/^gone\.eml could not be opened: ENOENT/), 'large.eml could not be opened: it is larger than the 64 MB Porthole opens']);
    expect(opened).toEqual([]);
  });
});
