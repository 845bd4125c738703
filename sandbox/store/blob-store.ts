import { createHash } from 'node:crypto';
import { access, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { TEMPORARY_SUFFIX, writeFileDurable } from '../../node-lib/durable-file';

const CACHE_BYTES = 64 * 1024 * 1024;
const BLOB_NAME = /^[0-9a-f]{64}\.eml$/;

/**
 * The exact bytes of messages, one file per distinct content, named by its SHA-256: a copy of a
 * message shares its file, and a file is written (durably) before any index refers to it.
 * Files nobody refers to are removed by `collect()` when the store loads, never while it runs,
 * so a message being appended can never lose its file. Recently read blobs stay in memory.
 */
export class BlobStore {
  private readonly cache = new Map<string, Buffer>();
  private cachedBytes = 0;

  constructor(private readonly dir: string) {}

  /** Stores the bytes (once per content) and returns their id. */
  async put(raw: Buffer): Promise<string> {
    const id = createHash('sha256').update(raw).digest('hex');
    const path = this.pathOf(id);
    const exists = await access(path).then(() => true, () => false);
    if (!exists) await writeFileDurable(path, raw);
    this.remember(id, raw);
    return id;
  }

  /** The exact bytes of a stored message. */
  async get(id: string): Promise<Buffer> {
    const cached = this.cache.get(id);
    if (cached) {
      // Map order is the LRU order: move to the end.
      this.cache.delete(id);
      this.cache.set(id, cached);
      return cached;
    }
    const raw = await readFile(this.pathOf(id));
    this.remember(id, raw);
    return raw;
  }

  /** Removes files no index refers to, and temporary files a crash left behind. */
  async collect(referenced: ReadonlySet<string>): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    for (const name of names) {
      const unreferenced = BLOB_NAME.test(name) && !referenced.has(name.slice(0, 64));
      if (unreferenced || name.endsWith(TEMPORARY_SUFFIX)) await rm(join(this.dir, name), { force: true });
    }
  }

  /** Throws when a referenced file is missing (a damaged data directory). */
  async verify(referenced: ReadonlySet<string>): Promise<void> {
    for (const id of referenced) await access(this.pathOf(id));
  }

  private pathOf(id: string): string {
    return join(this.dir, `${id}.eml`);
  }

  private remember(id: string, raw: Buffer): void {
    if (raw.length > CACHE_BYTES / 4 || this.cache.has(id)) return;
    this.cache.set(id, raw);
    this.cachedBytes += raw.length;
    for (const [oldId, oldRaw] of this.cache) {
      if (this.cachedBytes <= CACHE_BYTES) break;
      this.cache.delete(oldId);
      this.cachedBytes -= oldRaw.length;
    }
  }
}
