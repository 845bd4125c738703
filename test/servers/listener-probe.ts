import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { setTimeout as sleep } from 'node:timers/promises';
import { HOST } from './ports';

/** One listening port and how to talk to it; `ca` set means implicit TLS verified against it. */
export interface Listener {
  name: string;
  port: number;
  ca?: string;
  /** Text the greeting must contain: proves that our server answered, not whoever held the port. */
  greetingToken: string;
}

const ATTEMPT_TIMEOUT_MS = 2_000;
const RETRY_DELAY_MS = 25;

/** Connects once and resolves with the server's first line (its greeting). */
function readGreeting(listener: Listener): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket: Socket =
      listener.ca === undefined
        ? connectTcp({ host: HOST, port: listener.port })
        : connectTls({ host: HOST, port: listener.port, ca: [listener.ca] });
    let received = '';
    const finish = (error: Error | null): void => {
      socket.destroy();
      if (error) reject(error);
      else resolve(received.split('\r\n')[0] ?? '');
    };
    socket.setTimeout(ATTEMPT_TIMEOUT_MS, () => finish(new Error('no greeting before timeout')));
    socket.on('error', finish);
    socket.on('close', () => finish(new Error('closed before greeting')));
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (received.includes('\r\n')) finish(null);
    });
  });
}

/**
 * Waits until every listener sends a greeting, or until `deadline` (ms since epoch).
 * `stillRunning` lets the caller stop waiting once the server process is gone.
 * Resolves with the names of listeners that never answered (empty on success).
 */
export async function waitForGreetings(
  listeners: readonly Listener[],
  deadline: number,
  stillRunning: () => boolean,
): Promise<string[]> {
  const pending = new Set(listeners);
  while (pending.size > 0 && Date.now() < deadline && stillRunning()) {
    await Promise.all(
      [...pending].map(async (listener) => {
        try {
          if ((await readGreeting(listener)).includes(listener.greetingToken)) pending.delete(listener);
        } catch {
          // not ready yet
        }
      }),
    );
    if (pending.size > 0) await sleep(RETRY_DELAY_MS);
  }
  return [...pending].map((listener) => `${listener.name} (port ${listener.port})`);
}
