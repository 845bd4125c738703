import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Output of a finished command; `run` rejects when the exit code is not 0. */
export interface CommandOutput {
  stdout: string;
  stderr: string;
}

const SYSTEM_DIRS = ['/usr/sbin', '/usr/bin', '/sbin', '/bin', '/usr/local/sbin', '/usr/local/bin'];

/** Finds an executable on PATH or in the system dirs (a non-root PATH often lacks /usr/sbin). */
export function findExecutable(name: string): string {
  const pathDirs = (process.env.PATH ?? '').split(delimiter).filter((dir) => dir !== '');
  for (const dir of [...pathDirs, ...SYSTEM_DIRS]) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; try the next dir
    }
  }
  throw new Error(`test servers: executable "${name}" not found (install the Debian package that provides it)`);
}

/** Runs a command to completion and returns its output; the error message carries stderr. */
export function run(file: string, args: readonly string[], timeoutMs = 30_000): Promise<CommandOutput> {
  return new Promise((resolve, reject) => {
    execFile(file, [...args], { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`${file} ${args.join(' ')} failed: ${error.message.trim()}\n${stderr.trim()}`, { cause: error }));
        return;
      }
      resolve({ stdout, stderr });
    });
  });
}
