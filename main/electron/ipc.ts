import { ipcMain, type BrowserWindow, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import { COMMAND_NAMES, EVENT_NAMES } from '../../common/contract';
import type { PortholeCore } from '../core/porthole-core';
import { APP_ORIGIN } from './app-protocol';

/** Only our own pages, loaded from app://porthole in a window we made, may call main. */
export function fromWindow(event: IpcMainEvent | IpcMainInvokeEvent, window: BrowserWindow | null): boolean {
  const frameUrl = event.senderFrame?.url ?? '';
  return window !== null && !window.isDestroyed() && event.sender === window.webContents && frameUrl.startsWith(`${APP_ORIGIN}/`);
}

export function registerCommands(core: PortholeCore, uiWindow: () => BrowserWindow | null): void {
  for (const command of COMMAND_NAMES) {
    ipcMain.handle(command, (event, params: unknown) => {
      if (!fromWindow(event, uiWindow())) return { ok: false, error: { code: 'INVALID_ARGUMENT', message: 'Sender not allowed' } };
      return core.handle(command, params);
    });
  }
}

export function forwardEvents(core: PortholeCore, uiWindow: () => BrowserWindow | null): void {
  for (const event of EVENT_NAMES) {
    core.on(event, (payload) => {
      const window = uiWindow();
      if (window && !window.isDestroyed()) window.webContents.send(event, payload);
    });
  }
}
