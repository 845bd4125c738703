import { freshTestProfile } from './test-profile';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';

const HARNESS = join(__dirname, '..', '..', 'dist', 'web', 'harness.cjs');
/** Inside vitest's testTimeout (60 s, vitest.config.ts), so the failure names the harness. */
const HARNESS_START_BACKSTOP_MS = 50_000;

export interface HarnessProcess {
  url: string;
  /** The core's process (for the benchmark's memory and CPU figures). */
  pid: number;
  profileDir: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Runs the built web harness exactly as `npm run web` does, on a free port with a fresh profile.
 * `env` adds to this process's environment: the tests' settings the harness reads (PORTHOLE_TEST_DNS,
 * PORTHOLE_OAUTH_CLIENTS …). A `port` of its own keeps the page's origin, and so its cache, across a restart.
 */
export async function startHarnessProcess(profileDir?: string, nodeArgs: string[] = [], env: Record<string, string> = {}, port = 0): Promise<HarnessProcess> {
  if (!existsSync(HARNESS)) throw new Error(`${HARNESS} is missing: run "npm run build" first (npm test does).`);
  const dir = profileDir ?? (await freshTestProfile('porthole-web-'));
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, HARNESS, '--port', String(port), '--profile', dir], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    // Waits for the URL line or the exit, not for a set time: on a loaded machine starting took
    // over 15 s. The backstop only stops a harness that hangs before the test's hook times out.
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`The harness did not print its URL within ${HARNESS_START_BACKSTOP_MS / 1000} s:\n${output}`));
    }, HARNESS_START_BACKSTOP_MS);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The harness exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    pid: child.pid!,
    profileDir: dir,
    output: () => output,
    async stop() {
      // A harness killed by a signal (a test's crash) has no exit code but has exited.
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
      if (!profileDir) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A port free on 127.0.0.1 right now: for a harness that must keep its address (and so its page's cache) across a restart. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}
