import { COMMAND_NAMES, type CommandFunctions, type CommandName, type EventName, type Events, type PortholeApi } from '../../common/contract';
import type { Result } from '../../common/result';
import { decodeWire, encodeWire } from '../../common/wire';
import type { AppToMain, MainToApp } from '../../common/ws-protocol';
import { harnessSocketUrl } from './harness-token';

const RECONNECT_MS = 1_000;

/**
 * The contract over the harness WebSocket. Calls made while the socket is down wait for it;
 * calls in flight when it drops fail with CONNECTION_LOST (main may or may not have run them).
 */
export function createWsApi(token: string): PortholeApi {
  let socket: WebSocket | null = null;
  let open = false;
  let nextCallId = 1;
  const waiting: string[] = [];
  const calls = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<EventName, Set<(payload: never) => void>>();

  const connect = (): void => {
    socket = new WebSocket(harnessSocketUrl('app', token));
    socket.onopen = () => {
      open = true;
      for (const frame of waiting.splice(0)) socket?.send(frame);
    };
    socket.onmessage = (message: MessageEvent<string>) => {
      const frame = decodeWire(message.data) as MainToApp;
      if (frame.kind === 'result') {
        calls.get(frame.callId)?.(frame.result);
        calls.delete(frame.callId);
      } else {
        listeners.get(frame.event)?.forEach((listener) => listener(frame.payload as never));
      }
    };
    socket.onclose = () => {
      open = false;
      for (const [callId, resolve] of calls) {
        resolve({ ok: false, error: { code: 'CONNECTION_LOST', message: 'Lost the connection to Porthole’s core; the action may not have happened.' } });
        calls.delete(callId);
      }
      setTimeout(connect, RECONNECT_MS);
    };
  };
  connect();

  const invoke = (command: CommandName, params: unknown): Promise<Result<unknown>> =>
    new Promise((resolve) => {
      const callId = nextCallId++;
      calls.set(callId, resolve);
      const frame = encodeWire({ kind: 'invoke', callId, command, params } satisfies AppToMain);
      if (open && socket) socket.send(frame);
      else waiting.push(frame);
    });

  const commands = Object.fromEntries(COMMAND_NAMES.map((name) => [name, (params: unknown) => invoke(name, params)])) as CommandFunctions;

  return {
    commands,
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
}
