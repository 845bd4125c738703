import { EventEmitter } from 'node:events';
import * as fake from './fake-electron';

/**
 * What test/support/fake-electron.ts lacks for announcing new mail: Electron's `Notification`,
 * `nativeImage` and `app.setBadgeCount`, behaving as documented, recorded for the tests to read.
 * Use it in place of the plain stand-in: `vi.mock('electron', () => import('…/fake-electron-notifications'))`.
 */

export const shown: FakeNotification[] = [];
export const badgeCounts: number[] = [];
let supported = true;

export class FakeNotification extends EventEmitter {
  static isSupported(): boolean {
    return supported;
  }

  constructor(readonly options: { title: string; body: string }) {
    super();
  }

  show(): void {
    shown.push(this);
  }

  /** As a user clicking it in the notification centre. */
  click(): void {
    this.emit('click', { preventDefault() {} });
  }
}

export interface FakeNativeImage {
  png: Buffer;
  scaleFactor: number;
}

export const nativeImage = {
  createFromBuffer(png: Buffer, options: { scaleFactor: number }): FakeNativeImage {
    return { png, scaleFactor: options.scaleFactor };
  },
};

/** Whether the system has a notification server (`Notification.isSupported()`). */
export function supportNotifications(value: boolean): void {
  supported = value;
}

export function resetNotifications(): void {
  shown.length = 0;
  badgeCounts.length = 0;
  supported = true;
}

export const app = Object.assign(fake.app, {
  setBadgeCount(count = 0): boolean {
    badgeCounts.push(count);
    return true;
  },
});

export { BrowserWindow, ipcMain, ipcRenderer, contextBridge, session, shell, protocol, safeStorage, dialog, resetFakeElectron, finishLoad } from './fake-electron';
export { FakeNotification as Notification };
