import type * as FsPromises from 'node:fs/promises';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readJsonFile, writeFileDurable } from '../../../node-lib/durable-file';

/** What the helper asked of the file system, in order: `open`, `write`, `sync`, `rename`, by path. */
const steps: string[] = [];
let failRename = false;

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof FsPromises>();
  const open = async (...args: Parameters<typeof fs.open>) => {
    const handle = await fs.open(...args);
    const path = String(args[0]);
    const sync = handle.sync.bind(handle);
    const write = handle.writeFile.bind(handle);
    return Object.assign(handle, {
      sync: () => {
        steps.push(`sync ${path}`);
        return sync();
      },
      writeFile: (...writeArgs: Parameters<typeof handle.writeFile>) => {
        steps.push(`write ${path}`);
        return write(...writeArgs);
      },
    });
  };
  const rename = async (from: string, to: string) => {
    steps.push(`rename ${from} ${to}`);
    if (failRename) throw Object.assign(new Error('EXDEV: cross-device link not permitted'), { code: 'EXDEV' });
    return fs.rename(from, to);
  };
  return { ...fs, open, rename };
});

beforeEach(() => {
  steps.length = 0;
  failRename = false;
});

describe('writeFileDurable: how accounts.json, preferences, secrets and the sandbox store are written', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'porthole-durable-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes and fsyncs a temporary file, renames it over the file, then fsyncs the directory', async () => {
    const path = join(dir, 'accounts.json');
    await writeFile(path, 'old');
    await writeFileDurable(path, '{"accounts":[]}');

    expect(await readFile(path, 'utf8')).toBe('{"accounts":[]}');
    const temporary = /^write (.+)$/.exec(steps[0] ?? '')?.[1];
    expect(temporary).toMatch(new RegExp(`^${path.replace(/\./g, '\\.')}\\.[0-9a-f]{12}\\.tmp$`));
    expect(steps).toEqual([`write ${temporary}`, `sync ${temporary}`, `rename ${temporary} ${path}`, `sync ${dir}`]);
    expect(await readdir(dir)).toEqual(['accounts.json']);
  });

  it('creates the folder, and the file readable by its owner only unless told otherwise', async () => {
    const secrets = join(dir, 'profile', 'secrets.json');
    await writeFileDurable(secrets, '{}');
    expect((await stat(secrets)).mode & 0o777).toBe(0o600);

    const shared = join(dir, 'profile', 'shared.json');
    await writeFileDurable(shared, '{}', 0o644);
    expect((await stat(shared)).mode & 0o777).toBe(0o644);
  });

  it('gives writes of the same file in the same moment their own temporary files: the last one wins whole', async () => {
    const path = join(dir, 'preferences.json');
    const contents = Array.from({ length: 20 }, (_, i) => JSON.stringify({ write: i, padding: 'x'.repeat(10_000) }));
    await Promise.all(contents.map((content) => writeFileDurable(path, content)));

    expect(contents).toContain(await readFile(path, 'utf8'));
    expect(new Set(steps.filter((s) => s.startsWith('write ')))).toHaveProperty('size', 20);
    expect(await readdir(dir)).toEqual(['preferences.json']);
  });

  it('leaves the old file and no temporary file when the rename fails', async () => {
    const path = join(dir, 'accounts.json');
    await writeFile(path, 'old');
    failRename = true;
    await expect(writeFileDurable(path, 'new')).rejects.toThrow('EXDEV');

    expect(await readFile(path, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['accounts.json']);
  });
});

describe('readJsonFile', () => {
  it('reads what writeFileDurable wrote, and gives the fallback when there is no file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'porthole-durable-'));
    try {
      const path = join(dir, 'accounts.json');
      expect(await readJsonFile(path, { accounts: [] })).toEqual({ accounts: [] });
      await writeFileDurable(path, JSON.stringify({ accounts: [{ id: 'a' }] }));
      expect(await readJsonFile(path, { accounts: [] })).toEqual({ accounts: [{ id: 'a' }] });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
