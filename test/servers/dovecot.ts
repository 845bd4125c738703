import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DovecotPorts } from './dovecot-config';
import type { InstanceLayout } from './layout';
import { waitForGreetings, type Listener } from './listener-probe';
import { findExecutable } from './run-command';

const START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 10_000;
const LOG_TAIL_LINES = 40;

/** Why a start failed; `addressInUse` tells the caller that other ports may succeed. */
export class DovecotStartError extends Error {
  constructor(
    message: string,
    readonly addressInUse: boolean,
  ) {
    super(message);
    this.name = 'DovecotStartError';
  }
}

async function tail(path: string, lines: number): Promise<string> {
  try {
    return (await readFile(path, 'utf8')).trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no file)';
  }
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** True while any process of the group `pgid` exists. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // the group is already gone
  }
}

async function waitForGroupExit(pgid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (groupAlive(pgid)) {
    if (Date.now() > deadline) return false;
    await sleep(20);
  }
  return true;
}

/**
 * One `dovecot -F -c <conf>` master process, started and stopped on fixed ports.
 * The master leads its own process group, and stopping signals the whole group: on SIGTERM alone
 * the master exits after ~1 s and leaves its children (logged-in imap processes, login proxies,
 * anvil, log) running for up to ~10 s, so clients would not notice the server going away.
 * Invariants: at most one master runs per instance; while it runs, a process 'exit' hook signals
 * the group so an aborted test run does not leave Dovecot behind.
 */
export class DovecotProcess {
  private child: ChildProcess | null = null;
  private readonly killOnExit = (): void => {
    if (this.child?.pid !== undefined) signalGroup(this.child.pid, 'SIGTERM');
  };

  constructor(
    private readonly layout: InstanceLayout,
    private readonly ports: DovecotPorts,
    private readonly certPem: string,
    /** Appears in every greeting (`login_greeting`), see {@link Listener.greetingToken}. */
    private readonly greetingToken: string,
  ) {}

  /** Starts the master and resolves once every listener greets; throws {@link DovecotStartError}. */
  async start(): Promise<void> {
    if (this.child) throw new Error('test servers: Dovecot is already running');
    const stderrFd = openSync(this.layout.stderrPath, 'a');
    const child = spawn(findExecutable('dovecot'), ['-F', '-c', this.layout.configPath], {
      stdio: ['ignore', stderrFd, stderrFd],
      detached: true,
    });
    closeSync(stderrFd);
    child.unref();
    let exited = false;
    child.once('exit', () => {
      exited = true;
    });
    this.child = child;
    process.on('exit', this.killOnExit);

    const notReady = await waitForGreetings(this.listeners(), Date.now() + START_TIMEOUT_MS, () => !exited);
    if (notReady.length === 0 && !exited) return;
    await this.stop();
    const [stderr, log] = await Promise.all([
      tail(this.layout.stderrPath, LOG_TAIL_LINES),
      tail(this.layout.logPath, LOG_TAIL_LINES),
    ]);
    const addressInUse = /address already in use/i.test(stderr + log);
    throw new DovecotStartError(
      `test servers: Dovecot did not start (${exited ? `exited with ${String(child.exitCode ?? child.signalCode)}` : 'timed out'}); ` +
        `not answering: ${notReady.join(', ') || '-'}\n--- stderr ---\n${stderr}\n--- ${this.layout.logPath} ---\n${log}`,
      addressInUse,
    );
  }

  /** Starts on the same ports, waiting a little if the previous master's sockets are still bound. */
  async restart(deadlineMs = 5_000): Promise<void> {
    const deadline = Date.now() + deadlineMs;
    for (;;) {
      try {
        await this.start();
        return;
      } catch (error) {
        if (!(error instanceof DovecotStartError && error.addressInUse) || Date.now() > deadline) throw error;
        await sleep(100);
      }
    }
  }

  /** SIGTERM to every Dovecot process of the instance (clients see their connections close), then SIGKILL if any lingers. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const pgid = child.pid;
    if (pgid !== undefined) {
      signalGroup(pgid, 'SIGTERM');
      if (!(await waitForGroupExit(pgid, STOP_TIMEOUT_MS))) {
        signalGroup(pgid, 'SIGKILL');
        await waitForGroupExit(pgid, STOP_TIMEOUT_MS);
      }
    }
    await waitForExit(child, STOP_TIMEOUT_MS);
    process.off('exit', this.killOnExit);
    this.child = null;
  }

  private listeners(): Listener[] {
    const { ports, certPem, greetingToken } = this;
    return [
      { name: 'IMAP', port: ports.imap, greetingToken },
      { name: 'IMAPS', port: ports.imaps, ca: certPem, greetingToken },
      { name: 'POP3', port: ports.pop3, greetingToken },
      { name: 'POP3S', port: ports.pop3s, ca: certPem, greetingToken },
      { name: 'LMTP', port: ports.lmtp, greetingToken },
    ];
  }
}
