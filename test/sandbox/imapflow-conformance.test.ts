import type { ImapFlow } from 'imapflow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectImap } from '../../main/protocols/imap/imap-connection';
import { waitFor } from '../support/wait';
import { downloadPart, fetchOne, status } from './support/imap-helpers';
import { startSandbox, type SandboxFixture } from './support/sandbox-fixture';

let sandbox: SandboxFixture;
beforeEach(async () => {
  sandbox = await startSandbox();
});
afterEach(async () => {
  await sandbox.dispose();
});

/** UID of the INBOX message with this subject, as the server reports it. */
async function uidOf(client: ImapFlow, subject: string): Promise<number> {
  const found = await client.search({ header: { subject } }, { uid: true });
  if (!found || found.length === 0) throw new Error(`no message "${subject}"`);
  return found[0]!;
}

async function storeRaw(folder: string, uid: number): Promise<Buffer> {
  const { store } = sandbox.server;
  const record = store.folder('you', folder)!.messages.find((m) => m.uid === uid)!;
  return store.readRaw('you', record);
}

describe('imapflow (a client we did not write) against the sandbox IMAP server', () => {
  it('lists folders with SPECIAL-USE roles and LIST-STATUS counts', async () => {
    const client = await sandbox.imap('you');
    expect(client.capabilities.has('SPECIAL-USE')).toBe(true);
    const folders = await client.list({ statusQuery: { messages: true, unseen: true, uidNext: true, uidValidity: true, highestModseq: true } });
    const byPath = new Map(folders.map((f) => [f.path, f]));
    expect([...byPath.keys()]).toEqual(expect.arrayContaining(['INBOX', 'Sent', 'Drafts', 'Trash', 'Junk', 'Receipts']));
    expect(byPath.get('Sent')?.specialUse).toBe('\\Sent');
    expect(byPath.get('Drafts')?.specialUse).toBe('\\Drafts');
    expect(byPath.get('Trash')?.specialUse).toBe('\\Trash');
    expect(byPath.get('Junk')?.specialUse).toBe('\\Junk');
    const inbox = sandbox.server.store.folder('you', 'INBOX')!;
    expect(byPath.get('INBOX')?.status).toMatchObject({ messages: inbox.messages.length, unseen: 6, uidNext: inbox.uidNext });
    expect(byPath.get('INBOX')?.status?.uidValidity).toBe(BigInt(inbox.uidValidity));
    expect(byPath.get('INBOX')?.status?.highestModseq).toBe(BigInt(inbox.highestModseq));
    expect(byPath.get('Receipts')?.subscribed).toBe(true);
  });

  it('selects a mailbox and fetches envelopes, body structures and exact body sections', async () => {
    const client = await sandbox.imap('you');
    const mailbox = await client.mailboxOpen('INBOX');
    expect(mailbox.exists).toBe(10);
    const slides = await uidOf(client, 'Slides for Thursday');
    const message = await fetchOne(client, String(slides), { uid: true, envelope: true, bodyStructure: true, size: true, internalDate: true, source: true, flags: true }, { uid: true });
    expect(message.envelope?.subject).toBe('Slides for Thursday');
    expect(message.envelope?.from?.[0]).toMatchObject({ name: 'Ben Okafor', address: 'ben@sandbox.test' });
    expect(message.envelope?.cc?.[0]?.address).toBe('ana@sandbox.test');
    expect(message.flags).toEqual(new Set(['\\Answered', '\\Flagged', '\\Seen']));
    const raw = await storeRaw('INBOX', slides);
    expect(message.source?.equals(raw)).toBe(true);
    expect(message.size).toBe(raw.length);
    expect(message.internalDate).toEqual(new Date(Date.UTC(2026, 2, 3, 14, 40)));
    expect(message.bodyStructure?.type).toBe('multipart/mixed');
    expect(message.bodyStructure?.childNodes?.map((part) => [part.part, part.type, part.dispositionParameters?.filename])).toEqual([
      ['1', 'text/plain', undefined],
      ['2', 'text/csv', 'budget-2026.csv'],
      ['3', 'image/png', 'harbour.png'],
    ]);

    // BODY[2] is the part's body exactly as stored; download() decodes it.
    const parts = await fetchOne(client, String(slides), { uid: true, bodyParts: ['2', '2.mime', '1'], headers: ['subject', 'cc'] }, { uid: true });
    const csv = 'item,quarter,amount\nvenue,Q2,1200\ncatering,Q2,640\nferry tickets,Q2,180\n';
    expect(parts.bodyParts?.get('2')?.toString().replace(/\s+/g, '')).toBe(Buffer.from(csv).toString('base64'));
    expect(parts.bodyParts?.get('2.mime')?.toString()).toMatch(/^Content-Type: text\/csv; name=budget-2026\.csv\r\n[\s\S]*\r\n\r\n$/);
    // In the message's order, not the request's (RFC 3501 §6.4.5 HEADER.FIELDS).
    expect(parts.headers?.toString()).toBe('Cc: Ana Lima <ana@sandbox.test>\r\nSubject: Slides for Thursday\r\n\r\n');
    const part1 = parts.bodyParts?.get('1');
    expect(part1 && raw.includes(part1)).toBe(true);
    expect((await downloadPart(client, slides, '2')).toString()).toBe(csv);

    // A partial fetch, as the product fetches snippets: BODY.PEEK[1]<0.10>.
    const partial = await fetchOne(client, String(slides), { uid: true, bodyParts: [{ key: '1', start: 0, maxLength: 10 }] }, { uid: true });
    expect([...(partial.bodyParts?.values() ?? [])][0]?.equals(part1!.subarray(0, 10))).toBe(true);
  });

  it('numbers the parts of a forwarded message/rfc822 the way RFC 3501 does', async () => {
    const client = await sandbox.imap('you');
    await client.mailboxOpen('INBOX');
    const uid = await uidOf(client, 'Fwd: Your ferry tickets');
    const message = await fetchOne(client, String(uid), { uid: true, bodyStructure: true, bodyParts: ['2.header', '2.text', '2.1'] }, { uid: true });
    const forwarded = message.bodyStructure?.childNodes?.[1];
    expect(forwarded?.type).toBe('message/rfc822');
    expect(forwarded?.envelope?.subject).toBe('Your ferry tickets');
    expect(forwarded?.childNodes?.[0]?.type).toBe('text/plain');
    expect(message.bodyParts?.get('2.header')?.toString()).toMatch(/^From: Island Ferries <tickets@ferries\.test>\r\n[\s\S]*Subject: Your ferry tickets\r\n[\s\S]*\r\n\r\n$/);
    expect(message.bodyParts?.get('2.text')?.toString()).toMatch(/^Booking 8812/);
    expect(message.bodyParts?.get('2.1')?.toString()).toBe(message.bodyParts?.get('2.text')?.toString());
  });

  it('reads the non-English samples: German, Japanese and Arabic subjects and bodies', async () => {
    const client = await sandbox.imap('you');
    await client.mailboxOpen('INBOX');
    const subjects: string[] = [];
    for await (const message of client.fetch('1:*', { envelope: true })) subjects.push(message.envelope?.subject ?? '');
    expect(subjects).toEqual(expect.arrayContaining(['Grüße aus Köln – Termin nächste Woche', '来週の打ち合わせについて', 'دعوة إلى العشاء يوم الجمعة']));
    const uid = await uidOf(client, '来週の打ち合わせについて');
    expect((await downloadPart(client, uid, '1')).toString('utf8')).toContain('来週の打ち合わせですが');
  });

  it('stores flags (+FLAGS, -FLAGS, FLAGS) and leaves them alone on BODY.PEEK', async () => {
    const client = await sandbox.imap('you');
    await client.mailboxOpen('INBOX');
    const uid = await uidOf(client, 'Grüße aus Köln – Termin nächste Woche');
    expect(await client.messageFlagsAdd(String(uid), ['\\Flagged', '$Important'], { uid: true })).toBe(true);
    let flags = (await fetchOne(client, String(uid), { flags: true }, { uid: true }))?.flags;
    expect(flags).toEqual(new Set(['\\Flagged', '$Important']));
    await client.messageFlagsRemove(String(uid), ['\\Flagged'], { uid: true });
    await client.messageFlagsSet(String(uid), ['\\Answered'], { uid: true });
    flags = (await fetchOne(client, String(uid), { flags: true }, { uid: true }))?.flags;
    expect(flags).toEqual(new Set(['\\Answered']));
    // imapflow always fetches with BODY.PEEK: nothing is marked \Seen by reading.
    await fetchOne(client, String(uid), { bodyParts: ['text'], source: true }, { uid: true });
    expect(sandbox.server.store.folder('you', 'INBOX')!.messages.find((m) => m.uid === uid)?.flags).toEqual(['\\Answered']);
  });

  it('searches by flags, UIDs, headers, dates, text, MODSEQ, with ESEARCH', async () => {
    const client = await sandbox.imap('you');
    await client.mailboxOpen('INBOX');
    const inbox = sandbox.server.store.folder('you', 'INBOX')!;
    const unseenUids = inbox.messages.filter((m) => !m.flags.includes('\\Seen')).map((m) => m.uid);
    expect(await client.search({ seen: false }, { uid: true })).toEqual(unseenUids);
    expect(await client.search({ flagged: true }, { uid: true })).toEqual([await uidOf(client, 'Slides for Thursday')]);
    expect(await client.search({ uid: '2:4' }, { uid: true })).toEqual([2, 3, 4]);
    expect(await client.search({ subject: 'grüße' }, { uid: true })).toEqual([await uidOf(client, 'Grüße aus Köln – Termin nächste Woche')]);
    expect(await client.search({ subject: '打ち合わせ' }, { uid: true })).toHaveLength(1);
    expect((await client.search({ from: 'ana@sandbox.test' }, { uid: true })) || []).toHaveLength(3);
    expect(await client.search({ header: { 'message-id': '<sample-lunch@sandbox.test>' } }, { uid: true })).toEqual([await uidOf(client, 'Lunch on Friday?')]);
    expect(await client.search({ since: new Date(Date.UTC(2026, 2, 5)) }, { uid: true })).toEqual([8, 9, 10]);
    expect(await client.search({ before: new Date(Date.UTC(2026, 2, 3)) }, { uid: true })).toEqual([1, 2, 3]);
    expect(await client.search({ body: 'Domstraße' }, { uid: true })).toHaveLength(1);
    expect(await client.search({ or: [{ flagged: true }, { answered: true }] }, { uid: true })).toEqual([2, 4]);
    expect(await client.search({ not: { seen: true } })).toHaveLength(unseenUids.length);
    const esearch = await client.search({ all: true }, { uid: true, returnOptions: ['MIN', 'MAX', 'COUNT', 'ALL'] });
    expect(esearch).toMatchObject({ min: 1, max: 10, count: 10, all: '1:10' });
    await client.messageFlagsAdd('7', ['\\Flagged'], { uid: true });
    const modseq = BigInt(sandbox.server.store.folder('you', 'INBOX')!.highestModseq);
    expect(await client.search({ modseq }, { uid: true })).toEqual([7]);
  });

  it('appends with APPENDUID and keeps the exact bytes, flags and date', async () => {
    const client = await sandbox.imap('you');
    const raw = Buffer.from('From: you@sandbox.test\r\nTo: ben@sandbox.test\r\nSubject: Appended draft\r\nMessage-ID: <appended@sandbox.test>\r\n\r\nLine one\r\n.dot line\r\n\u00e9 8-bit\r\n', 'latin1');
    const date = new Date(Date.UTC(2026, 4, 1, 10, 0, 0));
    const appended = await client.append('Drafts', raw, ['\\Draft', '\\Seen'], date);
    const drafts = sandbox.server.store.folder('you', 'Drafts')!;
    expect(appended).toMatchObject({ destination: 'Drafts', uid: 2, uidValidity: BigInt(drafts.uidValidity) });
    await client.mailboxOpen('Drafts');
    const fetched = await fetchOne(client, '2', { source: true, flags: true, internalDate: true }, { uid: true });
    expect(fetched.source?.equals(raw)).toBe(true);
    expect(fetched.flags).toEqual(new Set(['\\Draft', '\\Seen']));
    expect(fetched.internalDate).toEqual(date);
    await expect(client.append('No such folder', raw)).rejects.toMatchObject({ serverResponseCode: 'TRYCREATE' });
  });

  it('copies and moves with COPYUID, and expunges', async () => {
    const client = await sandbox.imap('you');
    await client.mailboxOpen('INBOX');
    const trash = sandbox.server.store.folder('you', 'Trash')!;
    const copied = await client.messageCopy('2:3', 'Receipts', { uid: true });
    expect(copied).toMatchObject({ path: 'INBOX', destination: 'Receipts' });
    expect(copied && [...copied.uidMap!.entries()]).toEqual([
      [2, 2],
      [3, 3],
    ]);
    const moved = await client.messageMove('9', 'Trash', { uid: true });
    expect(moved && [...moved.uidMap!.entries()]).toEqual([[9, trash.uidNext - 1]]);
    expect(moved && moved.uidValidity).toBe(BigInt(trash.uidValidity));
    expect(client.mailbox && client.mailbox.exists).toBe(9);
    expect(await client.messageDelete('5', { uid: true })).toBe(true);
    expect(sandbox.server.store.folder('you', 'INBOX')!.messages.map((m) => m.uid)).toEqual([1, 2, 3, 4, 6, 7, 8, 10]);
    expect(client.mailbox && client.mailbox.exists).toBe(8);
    const counts = await status(client, 'Trash', { messages: true });
    expect(counts.messages).toBe(2);
  });

  it('creates (with parents), renames and deletes folders', async () => {
    const client = await sandbox.imap('you');
    await client.mailboxCreate('Projects/Garden');
    let paths = (await client.list()).map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['Projects', 'Projects/Garden']));
    await client.mailboxRename('Projects', 'Plans');
    paths = (await client.list()).map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['Plans', 'Plans/Garden']));
    expect(paths).not.toContain('Projects');
    await expect(client.mailboxDelete('Plans')).rejects.toThrow();
    await client.mailboxDelete('Plans/Garden');
    await client.mailboxDelete('Plans');
    paths = (await client.list()).map((f) => f.path);
    expect(paths.filter((p) => p.startsWith('Plans'))).toEqual([]);
    // A folder made again is a new folder: a larger UIDVALIDITY (RFC 3501 §2.3.1.1).
    const before = await status(client, 'Receipts', { uidValidity: true });
    await client.mailboxDelete('Receipts');
    await client.mailboxCreate('Receipts');
    const after = await status(client, 'Receipts', { uidValidity: true });
    expect(after.uidValidity! > before.uidValidity!).toBe(true);
  });

  it('pushes another session\'s changes to a client in IDLE: EXISTS, FETCH FLAGS and EXPUNGE', async () => {
    const watcher = await sandbox.imap('you');
    const other = await sandbox.imap('you');
    const seen: string[] = [];
    watcher.on('exists', (event: { count: number }) => seen.push(`exists ${event.count}`));
    watcher.on('flags', (event: { uid?: number; flags: Set<string> }) => seen.push(`flags ${event.uid} ${[...event.flags].join(' ')}`));
    watcher.on('expunge', (event: { seq?: number; uid?: number }) => seen.push(`expunge ${event.uid ?? event.seq}`));
    await watcher.mailboxOpen('INBOX');
    const idling = watcher.idle();
    await new Promise((resolve) => setTimeout(resolve, 100));

    await sandbox.server.sendSampleMail('ana', 'you');
    await waitFor(() => seen.includes('exists 11'), 'EXISTS while idling');
    await other.mailboxOpen('INBOX');
    await other.messageFlagsAdd('3', ['\\Seen'], { uid: true });
    await waitFor(() => seen.some((line) => line.startsWith('flags 3 ')), 'FETCH FLAGS while idling');
    await other.messageDelete('1', { uid: true });
    await waitFor(() => seen.some((line) => line.startsWith('expunge')), 'EXPUNGE while idling');
    await watcher.noop();
    await idling.catch(() => undefined);
    expect(watcher.mailbox && watcher.mailbox.exists).toBe(10);
  });

  it('resynchronizes with CONDSTORE/QRESYNC: VANISHED (EARLIER) and changed flags only', async () => {
    const first = await sandbox.imap('you', { qresync: true });
    expect(first.enabled.has('QRESYNC')).toBe(true);
    const opened = await first.mailboxOpen('INBOX');
    const { uidValidity, highestModseq } = opened;
    await first.logout();

    const other = await sandbox.imap('you');
    await other.mailboxOpen('INBOX');
    await other.messageFlagsAdd('2', ['\\Flagged'], { uid: true });
    await other.messageDelete('3,5', { uid: true });

    const second = await sandbox.imap('you', { qresync: true });
    const vanished: number[] = [];
    const flagged: Array<[number | undefined, string[]]> = [];
    second.on('expunge', (event: { uid?: number; vanished: boolean }) => {
      if (event.vanished && event.uid !== undefined) vanished.push(event.uid);
    });
    second.on('flags', (event: { uid?: number; flags: Set<string> }) => flagged.push([event.uid, [...event.flags]]));
    const reopened = await second.mailboxOpen('INBOX', { uidValidity, changedSince: highestModseq });
    expect(reopened.highestModseq! > highestModseq!).toBe(true);
    await waitFor(() => vanished.length === 2, 'VANISHED (EARLIER) at SELECT');
    expect(vanished.sort()).toEqual([3, 5]);
    expect(flagged.map(([uid]) => uid)).toEqual([2]);
    expect(flagged[0]?.[1]).toEqual(expect.arrayContaining(['\\Flagged', '\\Seen']));

    // The product's way: UID FETCH 1:* (FLAGS) (CHANGEDSINCE n VANISHED).
    vanished.length = 0;
    const changed: number[] = [];
    for await (const message of second.fetch('1:*', { uid: true, flags: true }, { uid: true, changedSince: highestModseq! })) changed.push(message.uid);
    expect(changed).toEqual([2]);
    expect(vanished.sort()).toEqual([3, 5]);
  });

  it('serves the product\'s own IMAP connection (imapflow with qresync: true, as imap-connection.ts sets it up)', async () => {
    const { user, password } = sandbox.login('you');
    const client = await connectImap({ endpoint: { host: '127.0.0.1', port: sandbox.server.info.imapPort, security: 'none', user }, password, trusted: [] }, { disableAutoIdle: true });
    try {
      expect(client.enabled.has('QRESYNC')).toBe(true);
      const folders = await client.list({ statusQuery: { messages: true, unseen: true, uidNext: true, uidValidity: true, highestModseq: true } });
      expect(folders.find((f) => f.path === 'INBOX')?.status?.messages).toBe(10);
    } finally {
      await client.logout();
    }
    const wrong = connectImap({ endpoint: { host: '127.0.0.1', port: sandbox.server.info.imapPort, security: 'none', user }, password: 'wrong', trusted: [] });
    await expect(wrong).rejects.toMatchObject({ wire: { code: 'AUTH_FAILED' } });
  });
});
