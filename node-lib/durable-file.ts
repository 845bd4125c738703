import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** The suffix of files being written; a crash can leave them behind, and loading removes them. */
export const TEMPORARY_SUFFIX = '.tmp';

async function syncDirectory(dir: string): Promise<void> {
  // Makes the rename itself durable. Not every platform can open a directory (Windows): best effort.
  const handle = await open(dir, 'r').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}

/**
 * Writes `content` to `path` so that after a crash or a power cut the file holds either the old or
 * the new content, never a part and never nothing: a temporary file is written and fsynced, renamed
 * over the old one, then the directory is fsynced. Used for the core's accounts, preferences and
 * secrets and for the sandbox server's mail store alike.
 */
export async function writeFileDurable(path: string, content: string | Buffer, mode = 0o600): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  // Random, not pid + time: two writes of the same file in one millisecond must not share it.
  const temporary = `${path}.${randomBytes(6).toString('hex')}${TEMPORARY_SUFFIX}`;
  const handle = await open(temporary, 'w', mode);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncDirectory(dirname(path));
}

/** The parsed JSON of `path`, or `fallback` when there is no such file. */
export async function readJsonFile<T>(path: string, fallback: T): Promise<T> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
    throw error;
  }
}

/** The parsed JSON of `path`, or undefined when there is no such file. */
export async function readJsonIfExists(path: string): Promise<unknown> {
  return readJsonFile<unknown>(path, undefined);
}

/** Removes the temporary files a crash in writeFileDurable left in `dir`. */
export async function removeTemporaryFiles(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) if (name.endsWith(TEMPORARY_SUFFIX)) await rm(join(dir, name), { force: true });
}
