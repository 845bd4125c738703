import { COMMAND_NAMES, type CommandFunctions, type CommandName, type EventName, type Events, type PortholeApi } from '../../common/contract';
import type { Result } from '../../common/result';
import { decodeWire, encodeWire } from '../../common/wire';
import { WS_CLOSE_TOKEN_REFUSED, type AppToMain, type MainToApp } from '../../common/ws-protocol';
import { intl } from '../i18n/intl';
import { harnessSocketUrl } from './harness-token';

const RECONNECT_MS = 1_000;

/** Every call's answer once the harness refused the token (worded when said, in the language shown then). */
const refusedAnswer = () =>
  ({ ok: false, error: { code: 'CONNECTION_LOST', message: intl().formatMessage({ id: 'app.bridge.restarted', defaultMessage: 'Porthole was restarted: open the new address it printed.' }) } }) as const;

/**
 * The contract over the harness WebSocket. Calls made while the socket is down wait for it;
 * calls in flight when it drops fail with CONNECTION_LOST (main may or may not have run them).
 * When the harness refuses the token (it was restarted with a new one), there is no retrying:
 * `onTokenRefused` is told, and every call fails at once.
 */
export function createWsApi(token: string, onTokenRefused: () => void): PortholeApi {
  let refused = false;
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
    socket.onclose = (event: CloseEvent) => {
      open = false;
      refused = event.code === WS_CLOSE_TOKEN_REFUSED;
      for (const [callId, resolve] of calls) {
        resolve(
          refused
            ? refusedAnswer()
            : { ok: false, error: { code: 'CONNECTION_LOST', message: intl().formatMessage({ id: 'app.bridge.connectionLost', defaultMessage: 'Lost the connection to Porthole’s core; the action may not have happened.' }) } },
        );
        calls.delete(callId);
      }
      if (!refused) {
        setTimeout(connect, RECONNECT_MS);
        return;
      }
      waiting.length = 0;
      onTokenRefused();
    };
  };
  connect();

  const invoke = (command: CommandName, params: unknown): Promise<Result<unknown>> =>
    new Promise((resolve) => {
      if (refused) return resolve(refusedAnswer());
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
