import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NoticeWords, OutboxItem, OutgoingMessage } from '../../../../common/contract';
import { decodeWire, encodeWire } from '../../../../common/wire';
import { Outbox } from '../../../../main/core/outbox';
import { noticeEnglish } from '../../../support/main-words';

/**
 * Undo send's outbox (main/core/outbox.ts) with stand-ins for sending and for keeping a draft:
 * a message waits, can be taken back whole, goes once when its time comes, and is kept across a
 * restart; one whose upload had begun is never sent again.
 */

const dirs: string[] = [];
const outboxes: Outbox[] = [];
afterEach(async () => {
  for (const box of outboxes.splice(0)) await box.stop();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

function message(subject: string): OutgoingMessage {
  return { accountId: 'a1', deviceId: 'd1', to: 'ann@example.test', cc: '', bcc: '', subject, text: 'Hello', inReplyTo: null, references: [], attachments: [{ filename: 'plan.txt', contentType: 'text/plain', content: new Uint8Array([1, 2, 3]) }], forwardAttachmentsOf: null, replacesDraftId: null, draftKey: '<k1@example.test>' };
}

interface Recorded {
  sent: Array<{ subject: string; messageId: string }>;
  kept: string[];
  /** Level and the English the window shows. */
  told: Array<[string, string]>;
  /** What main sent: codes with values. */
  words: NoticeWords[];
  changes: OutboxItem[][];
}

function outbox(dir: string, options: { failWith?: string; now?: () => number } = {}): { box: Outbox; seen: Recorded; next: (what: 'sent' | 'kept' | 'told') => Promise<void> } {
  const seen: Recorded = { sent: [], kept: [], told: [], words: [], changes: [] };
  const waiters: Array<{ what: 'sent' | 'kept' | 'told'; count: number; resolve: () => void }> = [];
  const check = (): void => {
    for (const w of [...waiters]) {
      if (seen[w.what].length < w.count) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  const box = new Outbox({
    profileDir: dir,
    now: options.now ?? Date.now,
    send: (m, messageId) => {
      if (options.failWith) return Promise.reject(new Error(options.failWith));
      seen.sent.push({ subject: m.subject, messageId });
      check();
      return Promise.resolve();
    },
    keepAsDraft: (m) => {
      seen.kept.push(m.subject);
      check();
      return Promise.resolve();
    },
    changed: (items) => seen.changes.push(items),
    told: (_m, level, words) => {
      seen.words.push(words);
      seen.told.push([level, noticeEnglish({ words })]);
      check();
    },
  });
  outboxes.push(box);
  // Resolves once one more of `what` has happened than now.
  const next = (what: 'sent' | 'kept' | 'told'): Promise<void> => new Promise((resolve) => waiters.push({ what, count: seen[what].length + 1, resolve }));
  return { box, seen, next };
}

async function profile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'porthole-outbox-'));
  dirs.push(dir);
  return dir;
}

describe('the outbox', () => {
  it('holds a message for its wait, gives it back whole, and sends nothing then', async () => {
    const dir = await profile();
    const { box, seen } = outbox(dir);
    const item = await box.add(message('Ferry plan'), '<m1@example.test>', 60_000);
    expect(item).toMatchObject({ accountId: 'a1', deviceId: 'd1', subject: 'Ferry plan', to: 'ann@example.test', state: 'waiting' });
    expect(box.items()).toHaveLength(1);
    expect(decodeWire(await readFile(join(dir, 'outbox.json'), 'utf8'))).toHaveLength(1);

    const back = await box.takeBack(item.id);
    expect(back).toEqual(message('Ferry plan'));
    expect(box.items()).toEqual([]);
    expect(seen.changes.at(-1)).toEqual([]);
    expect(decodeWire(await readFile(join(dir, 'outbox.json'), 'utf8'))).toEqual([]);
    await expect(box.takeBack(item.id)).rejects.toThrow('Too late to undo');
    expect(seen.sent).toEqual([]);
  });

  it('sends it once when its time comes, with the Message-ID it was given, and says so', async () => {
    const { box, seen, next } = outbox(await profile());
    const told = next('told');
    const item = await box.add(message('Ferry plan'), '<m1@example.test>', 5);
    await told;
    expect(seen.sent).toEqual([{ subject: 'Ferry plan', messageId: '<m1@example.test>' }]);
    expect(seen.words).toEqual([{ kind: 'sent', subject: 'Ferry plan' }]);
    expect(seen.told).toEqual([['info', 'Sent “Ferry plan”.']]);
    expect(seen.changes.map((items) => items.map((i) => i.state))).toEqual([['waiting'], ['uploading'], []]);
    await expect(box.takeBack(item.id)).rejects.toThrow('Too late to undo');
  });

  it('keeps a message the server would not take as a draft, and says why', async () => {
    const { box, seen, next } = outbox(await profile(), { failWith: 'The server refused every recipient.' });
    const told = next('told');
    await box.add(message('Ferry plan'), '<m1@example.test>', 1);
    await told;
    expect(seen.kept).toEqual(['Ferry plan']);
    expect(seen.words).toEqual([{ kind: 'notSent', subject: 'Ferry plan', reason: 'The server refused every recipient.' }]);
    expect(seen.told).toEqual([['error', '“Ferry plan” was not sent: The server refused every recipient. It is in Drafts.']]);
    expect(box.items()).toEqual([]);
  });

  it('after a restart: a waiting message goes when its time has come; one whose upload had begun is kept as a draft, never sent twice', async () => {
    const dir = await profile();
    const first = outbox(dir);
    await first.box.add(message('Waiting'), '<m1@example.test>', 60_000);
    await first.box.stop();
    // As a crash during an upload leaves it: written as uploading before the message went out.
    const stored = decodeWire(await readFile(join(dir, 'outbox.json'), 'utf8')) as unknown[];
    const uploading = { id: 'u1', message: message('Half sent'), messageId: '<m2@example.test>', sendAt: 0, state: 'uploading' };
    await writeFile(join(dir, 'outbox.json'), encodeWire([...stored, uploading]));

    // A minute later: the waiting one's time has passed.
    const second = outbox(dir, { now: () => Date.now() + 61_000 });
    const sent = second.next('sent');
    await second.box.resume();
    await sent;
    expect(second.seen.kept).toEqual(['Half sent']);
    expect(second.seen.told[0]).toEqual(['warning', 'Porthole stopped while sending “Half sent”: it may have been sent. It is in Drafts; look in Sent before sending it again.']);
    expect(second.seen.sent).toEqual([{ subject: 'Waiting', messageId: '<m1@example.test>' }]);
  });

  it('starts empty without a file, and with a damaged one', async () => {
    const dir = await profile();
    const { box } = outbox(dir);
    await box.resume();
    expect(box.items()).toEqual([]);
    await writeFile(join(dir, 'outbox.json'), '{"not a list');
    const again = outbox(dir);
    await again.box.resume();
    expect(again.box.items()).toEqual([]);
    // Set aside, not overwritten: someone can still read what it held.
    expect((await readdir(dir)).filter((f) => f.startsWith('outbox.json.unreadable-'))).toHaveLength(1);
  });
});
