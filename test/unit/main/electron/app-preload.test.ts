import { beforeAll, describe, expect, it, vi } from 'vitest';
import { COMMAND_NAMES, EVENT_NAMES, type PortholeApi } from '../../../../common/contract';
import * as electron from '../../../support/fake-electron';

vi.mock('electron', () => import('../../../support/fake-electron'));

// The preload runs in Chromium, outside the test project's files: imported by a path tsc does not follow.
const APP_PRELOAD: string = '../../../../preload/app-preload';

let api: PortholeApi;

beforeAll(async () => {
  electron.resetFakeElectron();
  await import(APP_PRELOAD);
  api = electron.fakeElectronState().exposed.get('porthole') as PortholeApi;
});

describe('the app preload (preload/app-preload.ts): the contract and nothing else crosses', () => {
  it('exposes one function per command of the contract, and on()', () => {
    expect(Object.keys(api).sort()).toEqual(['commands', 'on']);
    expect(Object.keys(api.commands).sort()).toEqual([...COMMAND_NAMES].sort());
  });

  it('subscribes to the contract’s events and hands the listener only the payload', () => {
    const payloads: unknown[] = [];
    const unsubscribe = api.on('notice', (payload) => payloads.push(payload));

    electron.ipcRenderer.emit('notice', { sender: 'the IPC event object' }, { text: 'hello' });
    unsubscribe();
    electron.ipcRenderer.emit('notice', { sender: 'the IPC event object' }, { text: 'after unsubscribing' });

    expect(payloads).toEqual([{ text: 'hello' }]);
    for (const event of EVENT_NAMES) api.on(event, () => undefined)();
  });

  it('refuses to subscribe a page to any channel that is not one of the contract’s events', () => {
    const heard: unknown[] = [];
    for (const channel of ['cache-host:request', 'app:info', 'ELECTRON_BROWSER_WINDOW_ALERT', '__proto__', 'constructor']) {
      const subscribe = (): unknown => (api.on as (event: string, listener: (payload: unknown) => void) => () => void)(channel, (payload) => heard.push(payload));
      expect(subscribe, channel).toThrow(/not an event/);
      expect(electron.ipcRenderer.listenerCount(channel), channel).toBe(0);
    }
    electron.ipcRenderer.emit('cache-host:request', {}, { kind: 'query' });
    expect(heard).toEqual([]);
  });
});
