import { contextBridge, ipcRenderer } from 'electron';
import { COMMAND_NAMES, type CommandFunctions, type PortholeApi } from '../common/contract';

// One function per command of the contract, and `on` for events; nothing else crosses.
const commands = Object.fromEntries(COMMAND_NAMES.map((name) => [name, (params: unknown) => ipcRenderer.invoke(name, params)])) as CommandFunctions;

const api: PortholeApi = {
  commands,
  on(event, listener) {
    // The IPC event object never reaches the page: only the payload does.
    const wrapped = (_event: Electron.IpcRendererEvent, payload: unknown): void => listener(payload as Parameters<typeof listener>[0]);
    ipcRenderer.on(event, wrapped);
    return () => {
      ipcRenderer.removeListener(event, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('porthole', api);
