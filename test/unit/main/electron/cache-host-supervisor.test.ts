import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CACHE_HOST_REPLY, CACHE_HOST_REQUEST } from '../../../../common/cache-host-bridge';
import type { CacheHostReply } from '../../../../common/cache-protocol';
import { ERROR_MESSAGES } from '../../../../common/errors';
import { CacheClient } from '../../../../main/cache/cache-client';
import { CacheHostSupervisor, MAX_RETRY_MS, STABLE_HOST_MS } from '../../../../main/electron/cache-host-supervisor';
import { ProtocolError } from '../../../../main/protocols/protocol-error';
import * as electron from '../../../support/fake-electron';

vi.mock('electron', () => import('../../../support/fake-electron'));

const DB = 'device-1';

interface Running {
  cache: CacheClient;
  supervisor: CacheHostSupervisor;
  notices: string[];
  /** The cache-host windows made so far, oldest first. */
  hosts: electron.BrowserWindow[];
}

function supervise(replyTimeoutMs = 600_000): Running {
  const cache = new CacheClient({ replyTimeoutMs: () => replyTimeoutMs });
  const hosts: electron.BrowserWindow[] = [];
  const notices: string[] = [];
  const supervisor = new CacheHostSupervisor({
    cache,
    createWindow: () => {
      const window = new electron.BrowserWindow({ show: false });
      void window.loadURL('app://porthole/cache-host.html');
      hosts.push(window);
      return window as unknown as Electron.BrowserWindow;
    },
    unavailable: (text) => notices.push(text),
  });
  supervisor.start();
  return { cache, supervisor, notices, hosts };
}

function requestsSentTo(window: electron.BrowserWindow): number[] {
  return window.webContents.sent.filter((s) => s.channel === CACHE_HOST_REQUEST).map((s) => (s.args[0] as { requestId: number }).requestId);
}

function reply(window: electron.BrowserWindow, answer: CacheHostReply): void {
  electron.ipcMain.emit(CACHE_HOST_REPLY, electron.ipcEventFrom(window, 'cache-host.html'), answer);
}

/** Settles into what the promise ended with, so a test can look without awaiting forever. */
function outcome(promise: Promise<unknown>): { settled: unknown } {
  const seen: { settled: unknown } = { settled: 'pending' };
  promise.then(
    (value) => (seen.settled = { value }),
    (error: unknown) => (seen.settled = error),
  );
  return seen;
}

beforeEach(() => {
  electron.resetFakeElectron();
  vi.useFakeTimers();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('CacheHostSupervisor: one hidden cache host, replaced when it dies, never in a spin', () => {
  it('attaches the host once its page has loaded, and takes replies only from that window', async () => {
    const { cache, hosts } = supervise();
    const count = outcome(cache.query(DB, { query: 'pendingCount' }));
    expect(cache.attached).toBe(false);

    electron.finishLoad(hosts[0]!.webContents);
    expect(requestsSentTo(hosts[0]!)).toEqual([1]);
    const stranger = new electron.BrowserWindow();
    reply(stranger, { kind: 'done', requestId: 1, value: 666 });
    electron.ipcMain.emit(CACHE_HOST_REPLY, { sender: hosts[0]!.webContents, senderFrame: { url: 'https://evil.test/' } }, { kind: 'done', requestId: 1, value: 667 });
    await vi.advanceTimersByTimeAsync(0);
    expect(count.settled).toBe('pending');

    reply(hosts[0]!, { kind: 'done', requestId: 1, value: 3 });
    await vi.advanceTimersByTimeAsync(0);
    expect(count.settled).toEqual({ value: 3 });
  });

  it('replaces a host whose renderer died at once, and sends the new one what the old one had not acknowledged', async () => {
    const { cache, hosts, notices } = supervise();
    electron.finishLoad(hosts[0]!.webContents);
    const applied = outcome(cache.apply(DB, [{ op: 'removePendingOp', id: 'op-1' }]));
    const answered = outcome(cache.query(DB, { query: 'pendingCount' }));
    reply(hosts[0]!, { kind: 'done', requestId: 2, value: 0 });

    electron.crashRenderer(hosts[0]!.webContents, 'oom');

    expect(hosts).toHaveLength(2);
    expect(hosts[0]!.isDestroyed()).toBe(true);
    expect(cache.attached).toBe(false);
    electron.finishLoad(hosts[1]!.webContents);
    expect(requestsSentTo(hosts[1]!)).toEqual([1]);
    reply(hosts[1]!, { kind: 'done', requestId: 1, value: { flagsBefore: [] } });
    await vi.advanceTimersByTimeAsync(0);
    expect(applied.settled).toEqual({ value: { flagsBefore: [] } });
    expect(answered.settled).toEqual({ value: 0 });
    expect(notices).toEqual([]);
  });

  it('replaces a host whose window was closed by something other than quitting', () => {
    const { hosts } = supervise();
    electron.finishLoad(hosts[0]!.webContents);

    hosts[0]!.close();

    expect(hosts).toHaveLength(2);
    expect(hosts[1]!.isDestroyed()).toBe(false);
  });

  it('a replacement that dies again at once costs the requests it died on (CACHE_UNAVAILABLE), tells the user once, and backs off 1 s, 2 s, 4 s … up to a minute', async () => {
    const { cache, hosts, notices } = supervise();
    electron.finishLoad(hosts[0]!.webContents);
    const poison = outcome(cache.apply(DB, [{ op: 'removePendingOp', id: 'poison' }]));
    electron.crashRenderer(hosts[0]!.webContents);
    electron.finishLoad(hosts[1]!.webContents);
    expect(requestsSentTo(hosts[1]!)).toEqual([1]);

    electron.crashRenderer(hosts[1]!.webContents);

    await vi.advanceTimersByTimeAsync(0);
    expect(poison.settled).toBeInstanceOf(ProtocolError);
    expect((poison.settled as ProtocolError).wire.code).toBe('CACHE_UNAVAILABLE');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(ERROR_MESSAGES.CACHE_UNAVAILABLE);
    expect(hosts).toHaveLength(2);

    const delays: number[] = [];
    for (let death = 0; death < 9; death++) {
      let waited = 0;
      while (hosts.length === 2 + death) {
        await vi.advanceTimersByTimeAsync(250);
        waited += 250;
      }
      delays.push(waited);
      electron.crashRenderer(hosts.at(-1)!.webContents, 'launch-failed');
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, MAX_RETRY_MS, MAX_RETRY_MS, MAX_RETRY_MS]);
    expect(notices).toHaveLength(1);
  });

  it('a replacement that worked for a while and then died is not a crash loop: replaced at once, its requests re-sent', async () => {
    const { cache, hosts, notices } = supervise();
    electron.finishLoad(hosts[0]!.webContents);
    electron.crashRenderer(hosts[0]!.webContents);
    electron.finishLoad(hosts[1]!.webContents);
    await vi.advanceTimersByTimeAsync(STABLE_HOST_MS);
    const waiting = outcome(cache.query(DB, { query: 'folders' }));

    electron.crashRenderer(hosts[1]!.webContents);

    expect(hosts).toHaveLength(3);
    electron.finishLoad(hosts[2]!.webContents);
    expect(requestsSentTo(hosts[2]!)).toEqual([1]);
    await vi.advanceTimersByTimeAsync(0);
    expect(waiting.settled).toBe('pending');
    expect(notices).toEqual([]);
  });

  it('ends a host that held a request past its timeout and replaces it; the other waiting requests go to the new one', async () => {
    const { cache, hosts } = supervise(90_000);
    electron.finishLoad(hosts[0]!.webContents);
    const stuck = outcome(cache.apply(DB, [{ op: 'removePendingOp', id: 'op-1' }]));
    await vi.advanceTimersByTimeAsync(45_000);
    const later = outcome(cache.query(DB, { query: 'pendingCount' }));

    await vi.advanceTimersByTimeAsync(45_000);

    expect((stuck.settled as ProtocolError).wire.code).toBe('CACHE_TIMEOUT');
    expect(hosts[0]!.isDestroyed()).toBe(true);
    expect(hosts).toHaveLength(2);
    electron.finishLoad(hosts[1]!.webContents);
    expect(requestsSentTo(hosts[1]!)).toEqual([2]);
    expect(later.settled).toBe('pending');
  });

  it('after stop() (quitting) a host that goes is not replaced, also during a back-off', async () => {
    const { supervisor, hosts } = supervise();
    electron.finishLoad(hosts[0]!.webContents);
    electron.crashRenderer(hosts[0]!.webContents);
    electron.crashRenderer(hosts[1]!.webContents);

    supervisor.stop();
    await vi.advanceTimersByTimeAsync(MAX_RETRY_MS * 2);

    expect(hosts).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0);
  });
});
