import { contextBridge, ipcRenderer } from 'electron';
import { COMMAND_NAMES, EVENT_NAMES, type CommandFunctions, type EventName, type PortholeApi } from '../common/contract';

// One function per command of the contract, and `on` for events; nothing else crosses.
const commands = Object.fromEntries(COMMAND_NAMES.map((name) => [name, (params: unknown) => ipcRenderer.invoke(name, params)])) as CommandFunctions;

function isEventName(name: unknown): name is EventName {
  return (EVENT_NAMES as readonly unknown[]).includes(name);
}

const api: PortholeApi = {
  commands,
  on(event, listener) {
    // A page (or script injected into it) must not listen on other IPC channels through this door.
    if (!isEventName(event)) throw new TypeError(`${String(event)} is not an event of Porthole's contract`);
    // The IPC event object never reaches the page: only the payload does.
    const wrapped = (_event: Electron.IpcRendererEvent, payload: unknown): void => listener(payload as Parameters<typeof listener>[0]);
    ipcRenderer.on(event, wrapped);
    return () => {
      ipcRenderer.removeListener(event, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('porthole', api);
