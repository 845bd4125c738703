import { readFileSync } from 'node:fs';
import type { Page } from 'playwright';

const DEXIE_UMD = readFileSync(require.resolve('dexie/dist/dexie.js'), 'utf8');

/**
 * A page at the harness's origin (so the same IndexedDB storage as the cache host) with Dexie and
 * nothing else: no app, no CSP, no live queries. Served by Playwright, not by the harness.
 */
export async function openRawPage(page: Page, origin: string): Promise<void> {
  await page.route(`${origin}/__bench/**`, (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/__bench/dexie.js') return route.fulfill({ contentType: 'text/javascript', body: DEXIE_UMD });
    return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bench</title><script src="/__bench/dexie.js"></script>' });
  });
  await page.goto(`${origin}/__bench/raw.html`);
  await page.waitForFunction(() => 'Dexie' in window);
}

/**
 * The write baseline: the messages of `sourceDb` (the product's cache after its sync) written
 * again with one Dexie bulkPut into a new database with the same schema and durability.
 * Returns records/s.
 */
export async function rawBulkPut(page: Page, sourceDb: string): Promise<{ perSecond: number; count: number; ms: number }> {
  return page.evaluate(async (name) => {
    type Table = { name: string; schema: { primKey: { src: string }; indexes: Array<{ src: string }> }; toArray(): Promise<unknown[]>; bulkPut(r: unknown[]): Promise<unknown> };
    type Db = { open(): Promise<Db>; tables: Table[]; table(n: string): Table; close(): void; delete(): Promise<void>; version(n: number): { stores(s: Record<string, string>): void } };
    const DexieCtor = (window as unknown as { Dexie: new (name: string, options?: object) => Db }).Dexie;
    const source = await new DexieCtor(name).open();
    const stores: Record<string, string> = {};
    for (const t of source.tables) stores[t.name] = [t.schema.primKey.src, ...t.schema.indexes.map((i) => i.src)].join(', ');
    const records = await source.table('messages').toArray();
    source.close();
    const target = new DexieCtor(`bench-raw-${Date.now()}`, { chromeTransactionDurability: 'strict' });
    target.version(1).stores(stores);
    await target.open();
    const started = performance.now();
    await target.table('messages').bulkPut(records);
    const ms = performance.now() - started;
    await target.delete();
    return { perSecond: (records.length / ms) * 1000, count: records.length, ms };
  }, sourceDb);
}
