import { execFile } from 'node:child_process';

/**
 * Runs a Python 3 script (a real client we did not write: imaplib, poplib) with JSON arguments
 * in PY_ARGS, and parses the JSON it prints.
 */
export function runPython<T>(script: string, args: unknown, timeoutMs = 30_000): Promise<T> {
  const env = { ...process.env, PY_ARGS: JSON.stringify(args) };
  return new Promise((resolve, reject) => {
    execFile('python3', ['-c', script], { env, timeout: timeoutMs }, (error, stdout, stderr) => {
      if (error) reject(new Error(`python failed: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout) as T);
    });
  });
}
