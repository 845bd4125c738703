import type { Page } from 'playwright';
import { openRawPage } from './raw-idb';

/**
 * A POP device's cache filled as a Porthole before the search index would have left it: message
 * records and bodies, no index record. Written straight into IndexedDB from a page of the
 * harness's origin (the app closed meanwhile), in batches, so 100,000 records take seconds, not a
 * 100,000-message download.
 *
 * Message n (1 … count) is dated n minutes after 2020-01-01, from "Sender n % 97", unread one in
 * three; the newest `bodies` messages have a body. Bodies are 80–250 words of everyday English,
 * one in 20 with German words, one in 20 with French ones (diacritics), one in 50 with a Chinese,
 * Japanese and Korean paragraph; "zeppelin" is in one body in 997.
 */
export interface SearchSeed {
  count: number;
  bodies: number;
}

/** The subject of seeded message n (the list shows it; searches look for it). */
export function searchBenchSubject(n: number): string {
  return `Search bench ${n}: notes on the quarterly plan`;
}

/** Which seeded bodies carry "zeppelin" (for checking the search's count). */
export function hasZeppelin(n: number): boolean {
  return n % 997 === 0;
}

const BATCH = 5_000;

export async function seedSearchCache(page: Page, origin: string, dbName: string, seed: SearchSeed): Promise<void> {
  await openRawPage(page, origin);
  for (let start = 1; start <= seed.count; start += BATCH) {
    const batchStarted = performance.now();
    await page.evaluate(
      async ({ dbName, start, end, count, bodies }) => {
        type Table = { bulkPut(records: unknown[]): Promise<unknown> };
        type Db = { open(): Promise<Db>; table(name: string): Table; close(): void };
        const DexieCtor = (window as unknown as { Dexie: new (name: string) => Db }).Dexie;
        const db = await new DexieCtor(dbName).open();
        const english =
          'the meeting report budget project deadline schedule review proposal contract customer delivery payment order account update request approval travel hotel flight conference agenda minutes summary draft final version attached document spreadsheet presentation slides feedback question answer support ticket issue problem solution release feature test server network database backup security password login access team manager office remote lunch dinner coffee weekend holiday birthday party family friend photo music book article news weather garden kitchen house rent insurance doctor appointment school course exam student teacher library museum concert theater restaurant menu recipe please thanks regards tomorrow today yesterday morning afternoon evening week month year quarterly numbers invoice shipment warehouse inventory marketing campaign launch website design mobile app users growth revenue costs margin forecast planning strategy'.split(
            ' ',
          );
        const german = 'Größe Müller Straße Übersicht Bestätigung Grüße für Änderung Prüfung Bürgermeister'.split(' ');
        const french = 'café réunion élève déjà reçu été à bientôt crème garçon façade'.split(' ');
        const cjk = ['会议纪要已经发送给大家', '東京に行きます。来週の会議について', '서울에서 만나요 회의 자료'];
        let state = 0;
        const random = (): number => {
          state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
          return state / 2_147_483_648;
        };
        const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;
        const bodyOf = (n: number): string => {
          state = n;
          const words: string[] = [];
          const length = 80 + Math.floor(random() * 170);
          for (let i = 0; i < length; i++) {
            if (n % 20 === 3 && random() < 0.1) words.push(pick(german));
            else if (n % 20 === 7 && random() < 0.1) words.push(pick(french));
            else words.push(pick(english) + (random() < 0.03 ? String(Math.floor(random() * 10_000)) : ''));
            if (random() < 0.08) words.push('.\n');
          }
          if (n % 50 === 11) words.push('\n', ...cjk);
          if (n % 997 === 0) words.push('zeppelin');
          return `Hello,\n\n${words.join(' ')}\n\nRegards`;
        };
        const messages = [];
        const bodyRecords = [];
        for (let n = start; n <= end; n++) {
          const sender = n % 97;
          const subject = `Search bench ${n}: notes on the quarterly plan`;
          const seen = n % 3 ? 1 : 0;
          const id = `local:bench-${n}`;
          const hasBody = n > count - bodies;
          const text = hasBody ? bodyOf(n) : '';
          messages.push({
            id,
            folderId: 'local:inbox',
            uid: null,
            messageId: `<bench-${n}@example.test>`,
            inReplyTo: '',
            subject,
            from: [{ name: `Sender ${sender}`, address: `sender${sender}@example.test` }],
            to: [{ name: 'Bench User', address: 'bench@example.test' }],
            cc: [],
            replyTo: [],
            date: Date.UTC(2020, 0, 1) + n * 60_000,
            size: 600 + text.length,
            flags: seen ? ['\\Seen'] : [],
            seen,
            flagged: 0,
            hasAttachments: false,
            snippet: text.slice(0, 120).replace(/\s+/g, ' '),
            popUidl: null,
            words: [...new Set(`${subject} Sender ${sender} sender${sender}@example.test`.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 2))],
          });
          if (hasBody) bodyRecords.push({ messageId: id, text, html: null, headers: [], references: [], attachments: [], fetchedAt: Date.now(), parseWarnings: [] });
        }
        await db.table('messages').bulkPut(messages);
        if (bodyRecords.length) await db.table('bodies').bulkPut(bodyRecords);
        db.close();
      },
      { dbName, start, end: Math.min(seed.count, start + BATCH - 1), count: seed.count, bodies: seed.bodies },
    );
    console.log(`  seeded ${Math.min(seed.count, start + BATCH - 1).toLocaleString('en-US')} of ${seed.count.toLocaleString('en-US')} (${((performance.now() - batchStarted) / 1000).toFixed(1)} s for this batch)`);
  }
}

/** Messages and index records of a cache, counted from the page (raw IndexedDB, no Dexie). */
export async function indexCounts(page: Page, dbName: string): Promise<{ indexed: number; total: number }> {
  return page.evaluate(
    (name) =>
      new Promise<{ indexed: number; total: number }>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onerror = () => reject(request.error ?? new Error(`cannot open ${name}`));
        request.onsuccess = () => {
          const db = request.result;
          const tx = db.transaction(['messages'], 'readonly');
          const indexed = tx.objectStore('messages').index('searchDoc').count();
          const total = tx.objectStore('messages').count();
          tx.oncomplete = () => {
            db.close();
            resolve({ indexed: indexed.result, total: total.result });
          };
          tx.onerror = () => reject(tx.error ?? new Error('count failed'));
        };
      }),
    dbName,
  );
}
