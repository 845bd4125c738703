import WebSocket from 'ws';
import type { CommandName, CommandParams, CommandResult, EventName, Events } from '../../common/contract';
import type { Result } from '../../common/result';
import { decodeWire, encodeWire } from '../../common/wire';
import type { MainToApp } from '../../common/ws-protocol';

/**
 * The harness's contract from Node, as a page would speak it: for the benchmark to drive the
 * same core the UI drives, and to timestamp its events as they arrive.
 */
export class ContractClient {
  private nextId = 1;
  private readonly calls = new Map<number, (result: Result<unknown>) => void>();
  private readonly listeners = new Map<EventName, Set<(payload: unknown, at: number) => void>>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const at = performance.now();
      const frame = decodeWire(data.toString('utf8')) as MainToApp;
      if (frame.kind === 'result') {
        this.calls.get(frame.callId)?.(frame.result);
        this.calls.delete(frame.callId);
      } else this.listeners.get(frame.event)?.forEach((l) => l(frame.payload, at));
    });
  }

  static async connect(harnessUrl: string): Promise<ContractClient> {
    const url = new URL(harnessUrl);
    const token = decodeURIComponent(/token=([^&]+)/.exec(url.hash)![1]!);
    const socket = new WebSocket(`ws://${url.host}/ws?role=app&token=${encodeURIComponent(token)}`, { headers: { Origin: url.origin } });
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    return new ContractClient(socket);
  }

  async invoke<C extends CommandName>(command: C, params: CommandParams<C>): Promise<CommandResult<C>> {
    const callId = this.nextId++;
    const result = await new Promise<Result<unknown>>((resolve) => {
      this.calls.set(callId, resolve);
      this.socket.send(encodeWire({ kind: 'invoke', callId, command, params }));
    });
    if (!result.ok) throw new Error(`${command}: ${result.error.code} ${result.error.message}`);
    return result.value as CommandResult<C>;
  }

  on<E extends EventName>(event: E, listener: (payload: Events[E], at: number) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as (payload: unknown, at: number) => void);
    this.listeners.set(event, set);
    return () => set.delete(listener as (payload: unknown, at: number) => void);
  }

  /** Resolves with the first event that satisfies `match`, with its arrival time. */
  waitFor<E extends EventName>(event: E, match: (payload: Events[E]) => boolean, timeoutMs = 600_000): Promise<{ payload: Events[E]; at: number }> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`Timed out waiting for ${event}`));
      }, timeoutMs);
      const off = this.on(event, (payload, at) => {
        if (!match(payload)) return;
        clearTimeout(timer);
        off();
        resolve({ payload, at });
      });
    });
  }

  close(): void {
    this.socket.close();
  }
}
