import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { app, type BrowserWindow } from 'electron';
import { isMessageFile } from '../../common/model/message-file';
import { LARGE_MESSAGE_BYTES } from '../../common/model/raw-source';
import type { PortholeCore } from '../core/porthole-core';
import { readMessageFile } from '../mime/message-file';

/**
 * Porthole as the system's viewer of .eml files (electron-builder's fileAssociations): a file
 * opened with it — on the command line on Windows and Linux, by 'open-file' on macOS, or in a
 * second launch — is read, parsed and shown read-only in the window. Only files named .eml, and
 * only up to the size Porthole parses whole; a file that cannot be read is said in a notice.
 */
export function handleMessageFiles(core: PortholeCore, window: () => BrowserWindow | null, argv: readonly string[]): void {
  const pending: string[] = [];
  const show = async (path: string): Promise<void> => {
    const target = window();
    if (!target) {
      pending.push(path);
      return;
    }
    try {
      const size = (await stat(path)).size;
      if (size > LARGE_MESSAGE_BYTES) throw new Error(`it is larger than the ${LARGE_MESSAGE_BYTES / 1024 / 1024} MB Porthole opens`);
      const file = await readMessageFile(basename(path), new Uint8Array(await readFile(path)));
      if (target.isMinimized()) target.restore();
      target.focus();
      core.emit('file:openMessage', file);
    } catch (error) {
      core.notice({ level: 'error', where: 'file', accountId: null, deviceId: null, words: { kind: 'fileNotOpened', file: basename(path), reason: error instanceof Error ? error.message : String(error) }, code: null });
    }
  };
  const fromArgs = (args: readonly string[]): void => {
    // argv[0] is the program; a flag or a mailto: link is not a file to show.
    for (const arg of args.slice(1)) if (!arg.startsWith('-') && isMessageFile(arg, '')) void show(arg);
  };
  app.on('open-file', (event, path) => {
    event.preventDefault();
    void show(path);
  });
  app.on('second-instance', (_event, args) => fromArgs(args));
  fromArgs(argv);
  app.on('browser-window-created', (_event, created) => {
    created.webContents.once('did-finish-load', () => pending.splice(0).forEach((path) => void show(path)));
  });
}
