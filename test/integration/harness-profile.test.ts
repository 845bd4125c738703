import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createUser } from '../servers';
import { ContractClient } from '../support/contract-client';
import { accountDraft } from '../support/core-fixture';
import { waitFor } from '../support/wait';
import { connectWsCacheHost } from '../support/ws-cache-host';

const servers = inject('servers');
const HARNESS = join(__dirname, '..', '..', 'dist', 'web', 'harness.cjs');
/** A harness that never prints its URL fails after this long, named, inside the tests' 150 s. */
const HARNESS_START_BACKSTOP_MS = 60_000;
const HARNESS_TEST_TIMEOUT_MS = 150_000;
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
});

async function tempProfile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'porthole-harness-profile-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

interface Harness {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * `node dist/web/harness.cjs --port 0 --profile DIR`, as `npm run web` runs it. Unlike
 * test/support/harness-process.ts, the process is stopped also when it never prints its URL.
 */
async function spawnHarness(profileDir: string): Promise<Harness> {
  const child = spawn(process.execPath, [HARNESS, '--port', '0', '--profile', profileDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  cleanups.push(stop);
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    // The URL line or the exit, not a set time: on a loaded machine starting took over 10 s. The
    // backstop stays under the test's timeout so the failure names the harness (stop() cleans up).
    const timer = setTimeout(() => reject(new Error(`The harness did not print its URL within ${HARNESS_START_BACKSTOP_MS / 1000} s:\n${output}`)), HARNESS_START_BACKSTOP_MS);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve(match[1]!);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The harness exited with ${code}:\n${output}`));
    });
  });
  return { url, output: () => output, stop };
}

/** The harness with a page's two sockets: the app and the cache host. */
async function openHarness(profileDir: string): Promise<{ harness: Harness; app: ContractClient }> {
  const harness = await spawnHarness(profileDir);
  const cacheHost = await connectWsCacheHost(harness.url);
  cleanups.push(() => cacheHost.close());
  const app = await ContractClient.connect(harness.url);
  cleanups.push(() => app.close());
  return { harness, app };
}

/** Runs the harness CLI to its exit. */
function runCli(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HARNESS, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('the web harness keeps its passwords in the profile', () => {
  it('stores them in a file only the user can read, and says on app:info that this is not a keychain', async () => {
    const profileDir = await tempProfile();
    const { app } = await openHarness(profileDir);
    const info = await app.invoke('app:info', null);
    expect(info).toMatchObject({ transport: 'web', secretStorage: 'file', secretStorageNeedsConsent: false });
    expect(info.secretStorageWarning).toBe('harnessFile');

    const user = await createUser(servers);
    const account = await app.invoke('account:add', accountDraft(servers, user, 'tls'));
    const secretsPath = join(profileDir, 'secrets.json');
    expect((await stat(secretsPath)).mode & 0o777).toBe(0o600);
    expect((await stat(profileDir)).mode & 0o077).toBe(0);
    // FileSecretStore promises file permissions, not encryption (its warning says so): the
    // password is in secrets.json under the account's key, and in no other file of the profile.
    expect(JSON.parse(await readFile(secretsPath, 'utf8'))).toEqual({ [`${account.id}/incoming`]: user.password });
    for (const name of await readdir(profileDir, { recursive: true })) {
      if (name === 'secrets.json') continue;
      const path = join(profileDir, name);
      if (!(await stat(path)).isFile()) continue;
      expect(await readFile(path, 'utf8'), name).not.toContain(user.password);
    }
  }, HARNESS_TEST_TIMEOUT_MS);

  it('keeps an account in a --profile across a restart of the harness', async () => {
    const profileDir = await tempProfile();
    const user = await createUser(servers);
    const first = await openHarness(profileDir);
    const account = await first.app.invoke('account:add', accountDraft(servers, user, 'tls'));
    await first.harness.stop();

    const second = await openHarness(profileDir);
    expect(second.harness.output()).toContain(`profile ${profileDir}`);
    const accounts = await second.app.invoke('accounts:list', null);
    expect(accounts.map((a) => [a.id, a.address])).toEqual([[account.id, user.address]]);
    // The password came back from the profile too: the device logs in again.
    await waitFor(async () => (await second.app.invoke('device:statuses', null)).some((s) => s.accountId === account.id && s.connection === 'online'), 'the restored account to log in');
  }, HARNESS_TEST_TIMEOUT_MS);
});

describe('the harness command line', () => {
  it.each([['not-a-port'], ['70000'], ['-1'], ['1.5']])('refuses --port %s with exit code 2 and says why', async (port) => {
    const { code, output } = await runCli([`--port=${port}`, '--profile', await tempProfile()]);
    expect(code).toBe(2);
    expect(output).toContain(`--port must be a port number, not "${port}"`);
  });
});
