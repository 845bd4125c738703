/**
 * The one batch that ends a POP ⇄ IMAP switch (issue 12 item 3), applied by the cache host's own
 * `applyOps` in headless Chromium's IndexedDB: what bench/switch-mode-harness.ts found to be the
 * whole of the switch's remaining time ("saving"). The cache is seeded as the switch leaves it
 * (6,046 small messages with bodies; POP also with sources and POP states), then the batch each
 * direction sends is applied once and timed in the page; the result is checked (every message
 * under its new key, with its body).
 *
 *   npx esbuild bench/lib/cache-migrate-page.ts --bundle --format=iife --outfile=/tmp/cache-migrate-page.js
 *   npx esbuild bench/cache-migrate.ts --bundle --platform=node --format=cjs --packages=external --outfile=/tmp/cache-migrate.cjs
 *   NODE_PATH=node_modules node /tmp/cache-migrate.cjs [--messages 6046] [--rounds 3] [--page /tmp/cache-migrate-page.js]
 *
 * Not part of `npm test`.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright';
import type { CacheOp } from '../common/cache-protocol';
import type { MessageRecord } from '../common/model/mail';
import { launchChromium } from '../test/support/browser';
import type { SeedShape } from './lib/cache-migrate-page';

interface PageBench {
  seed(name: string, shape: SeedShape): Promise<{ ids: string[] }>;
  records(): Promise<MessageRecord[]>;
  timed(ops: CacheOp[]): Promise<number>;
  counts(): Promise<Record<string, number>>;
}
declare const migrateBench: PageBench;

const { values } = parseArgs({ options: { messages: { type: 'string', default: '6046' }, rounds: { type: 'string', default: '3' }, page: { type: 'string', default: '/tmp/cache-migrate-page.js' } } });
const count = Number(values.messages);
const rounds = Number(values.rounds);

const INBOX = 'server:INBOX';
const LOCAL = 'local:inbox';

/** POP → IMAP: every local message becomes INBOX#uid, the POP states go. */
function popToImapBatch(ids: string[]): CacheOp[] {
  return [
    { op: 'renameMessages', renames: ids.map((from, i) => ({ from, to: `${INBOX}#${i + 1}`, folderId: INBOX, uid: i + 1 })) },
    { op: 'putFolders', folders: [] },
    { op: 'deleteFolder', id: 'local:sent' },
    { op: 'deleteFolder', id: 'local:drafts' },
    { op: 'deleteFolder', id: 'local:trash' },
    { op: 'clearPopStates' },
  ];
}

/** IMAP → POP: every cached INBOX message becomes local with its UIDL, states appear, server folders go. */
function imapToPopBatch(records: MessageRecord[]): CacheOp[] {
  const localId = (r: MessageRecord): string => `imap:INBOX:1:${r.uid}`;
  return [
    { op: 'putFolders', folders: [] },
    { op: 'renameMessages', renames: records.map((r) => ({ from: r.id, to: localId(r), folderId: LOCAL, uid: null, record: { ...r, id: localId(r), folderId: LOCAL, uid: null, popUidl: `uidl-${r.uid}` } })) },
    { op: 'putPopStates', states: records.map((r) => ({ uidl: `uidl-${r.uid}`, messageId: localId(r), size: 420, contentHash: '', messageIdHeader: r.messageId, firstSeenAt: 1, downloadedAt: 1, headersOnly: false, deleteRequested: false, serverDeletedAt: null, serverDeletedBy: null })) },
    { op: 'deleteFolder', id: INBOX },
    { op: 'deleteFolder', id: 'server:Sent' },
  ];
}

async function main(): Promise<void> {
  const script = readFileSync(values.page, 'utf8');
  const server = createServer((req, res) => {
    if (req.url === '/page.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    else res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><script src="/page.js"></script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await launchChromium();
  try {
    const page: Page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForFunction(() => typeof migrateBench === 'object');
    console.log(`${count} messages, ${rounds} rounds; ms in the page (applyOps to its commit)`);
    for (let round = 0; round < rounds; round++) {
      const popSeed: SeedShape = { count, folderId: LOCAL, prefix: 'pop:', withSources: true };
      const { ids } = await page.evaluate(([name, shape]) => migrateBench.seed(name, shape), [`p2i-${round}`, popSeed] as const);
      const popToImap = await page.evaluate((ops) => migrateBench.timed(ops), popToImapBatch(ids));
      const afterP2i = await page.evaluate(() => migrateBench.counts());

      const imapSeed: SeedShape = { count, folderId: INBOX, prefix: null, withSources: false };
      await page.evaluate(([name, shape]) => migrateBench.seed(name, shape), [`i2p-${round}`, imapSeed] as const);
      const records = await page.evaluate(() => migrateBench.records());
      const imapToPop = await page.evaluate((ops) => migrateBench.timed(ops), imapToPopBatch(records));
      const afterI2p = await page.evaluate(() => migrateBench.counts());
      console.log(`round ${round + 1}: POP → IMAP ${popToImap.toFixed(0)} ms ${JSON.stringify(afterP2i)}; IMAP → POP ${imapToPop.toFixed(0)} ms ${JSON.stringify(afterI2p)}`);
    }
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
