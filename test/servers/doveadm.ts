import { findExecutable, run } from './run-command';
import type { TestServerInfo } from './types';

/**
 * Runs `doveadm -c <instance conf> ...args` and resolves with its stdout; rejects with stderr.
 * Example: `['mailbox', 'update', '--uid-validity', '123', '-u', user, 'INBOX']`.
 */
export async function doveadm(info: TestServerInfo, args: string[]): Promise<string> {
  const { stdout } = await run(findExecutable('doveadm'), ['-c', info.configPath, ...args]);
  return stdout;
}
