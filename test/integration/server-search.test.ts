import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { ServerSearchResult } from '../../common/contract';
import { serverFolderId } from '../../common/model/mail';
import { MAX_HITS_PER_FOLDER } from '../../main/sync/imap/server-search';
import { createUser, makeMessage, seedMessages, type MailUser } from '../servers';
import { CommandCutProxy } from '../support/command-cut-proxy';
import { otherImapClient } from '../support/other-client';
import { accountDraft, addAccount, startCore, type CoreFixture } from '../support/core-fixture';
import { waitFor } from '../support/wait';

const servers = inject('servers');
const cleanups: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

const at = (day: number, hour = 9) => new Date(Date.UTC(2026, 2, day, hour));

/** A plain-IMAP relay that rewrites what the client sends, to make the real server refuse a command. */
class RewritingProxy {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  port = 0;
  constructor(targetPort: number, rewrite: (text: string) => string) {
    this.server = createServer((client) => {
      const upstream = connect(targetPort, '127.0.0.1');
      this.sockets.add(client).add(upstream);
      const close = (): void => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', close).on('close', close);
      upstream.on('error', close).on('close', close);
      // Same length in, same length out: a literal's byte count stays right.
      client.on('data', (chunk: Buffer) => upstream.write(Buffer.from(rewrite(chunk.toString('latin1')), 'latin1')));
      upstream.pipe(client);
    });
  }
  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }
  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A core with one IMAP account for `user`, synced; `port` puts a relay between them (plain IMAP). */
async function started(user: MailUser, port?: number) {
  const fixture = await startCore();
  cleanups.push(() => fixture.dispose());
  const draft = port === undefined ? accountDraft(servers, user, 'tls') : accountDraft(servers, user, 'none');
  const { db, ref } = await addAccount(fixture, port === undefined ? draft : { ...draft, incoming: { ...draft.incoming, port } });
  return { fixture, db, ref };
}

async function search(fixture: CoreFixture, ref: { accountId: string; deviceId: string }, query: string, folderPaths: string[] | null = null): Promise<ServerSearchResult> {
  const result = await fixture.core.handle('messages:searchServer', { ...ref, query, folderPaths });
  if (!result.ok) throw new Error(`messages:searchServer failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

describe('searching on the IMAP server (messages:searchServer)', () => {
  it('finds body words of messages whose bodies are not cached, header fields, German, Arabic and CJK words, in INBOX and other folders', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', [
      { raw: makeMessage({ subject: 'Quarterly numbers', date: at(2), body: 'The aubergine budget is attached below.\n' }), internalDate: at(2) },
      { raw: makeMessage({ subject: 'Grüße aus Köln', from: 'Anneliese Bauer <anneliese@example.test>', date: at(3), body: 'Viele Grüße und bis bald.\n' }), internalDate: at(3) },
      { raw: makeMessage({ subject: 'تحية', date: at(4), body: 'مرحبا بكم في الاجتماع\n' }), internalDate: at(4) },
      { raw: makeMessage({ subject: 'Meeting', date: at(5), body: '明日の会議は十時からです。\n' }), internalDate: at(5) },
      { raw: makeMessage({ subject: 'Unrelated', date: at(6), body: 'Nothing to see.\n' }), internalDate: at(6) },
    ]);
    await seedMessages(servers, user, 'Archive', [{ raw: makeMessage({ subject: 'Old plans', date: at(1), body: 'The aubergine was planted last year.\n' }), internalDate: at(1) }]);
    const { fixture, db, ref } = await started(user);
    await waitFor(async () => (await db.messages.count()) === 5 && (await db.folders.get(serverFolderId('Archive'))), 'the initial sync and the folder list');
    expect(await db.bodies.count()).toBe(0);
    const subjectOf = async (result: ServerSearchResult) => Promise.all(result.hits.map(async (hit) => (await db.messages.get(hit.messageId))?.subject));

    // A body word: the server finds what no cached body holds, in INBOX and in a folder never opened.
    const body = await search(fixture, ref, 'aubergine');
    expect(body.searchedFolders[0]).toBe('INBOX');
    expect(body.searchedFolders).toEqual(expect.arrayContaining(['INBOX', 'Archive', 'Sent', 'Trash']));
    expect(body.truncated).toBe(false);
    expect(body.hits.map((h) => [h.folderPath, h.bodyCached])).toEqual([
      ['INBOX', false],
      ['Archive', false],
    ]);
    expect(await subjectOf(body)).toEqual(['Quarterly numbers', 'Old plans']);

    // Header fields, also with non-ASCII text (RFC 2047 in the header), and excluded words.
    expect(await subjectOf(await search(fixture, ref, 'from:anneliese'))).toEqual(['Grüße aus Köln']);
    expect(await subjectOf(await search(fixture, ref, 'subject:grüße'))).toEqual(['Grüße aus Köln']);
    expect(await subjectOf(await search(fixture, ref, 'aubergine -subject:quarterly'))).toEqual(['Old plans']);
    // Body words in German, Arabic and Japanese (CHARSET UTF-8, RFC 3501 §6.4.4).
    expect(await subjectOf(await search(fixture, ref, 'bis Grüße'))).toEqual(['Grüße aus Köln']);
    expect(await subjectOf(await search(fixture, ref, 'الاجتماع'))).toEqual(['تحية']);
    expect(await subjectOf(await search(fixture, ref, '会議'))).toEqual(['Meeting']);
    expect(await subjectOf(await search(fixture, ref, '"budget is attached"'))).toEqual(['Quarterly numbers']);
    expect((await search(fixture, ref, '"attached budget"')).hits).toEqual([]);
    // Dates by the Date header, exactly, although the server compares whole days.
    expect(await subjectOf(await search(fixture, ref, 'after:2026-03-03 before:2026-03-05', ['INBOX']))).toEqual(['تحية', 'Grüße aus Köln']);
    // in: narrows the folders; the list given narrows them too.
    expect(await subjectOf(await search(fixture, ref, 'aubergine in:archive'))).toEqual(['Old plans']);
    expect((await search(fixture, ref, 'aubergine', ['Archive'])).searchedFolders).toEqual(['Archive']);
    // A folder deleted by another client since the last LIST is left out; the others are searched.
    const other = await otherImapClient(servers, user);
    cleanups.push(() => other.logout());
    await other.mailboxDelete('Archive');
    const withoutArchive = await search(fixture, ref, 'aubergine');
    expect(withoutArchive.searchedFolders).not.toContain('Archive');
    expect(withoutArchive.searchedFolders).toContain('INBOX');
    expect(withoutArchive.hits.map((h) => h.folderPath)).toEqual(['INBOX']);

    // Opened once, its body is cached: the hit says so.
    const quarterly = body.hits[0]!;
    expect(await fixture.core.handle('message:open', { ...ref, messageId: quarterly.messageId, markSeen: false })).toMatchObject({ ok: true });
    expect((await search(fixture, ref, 'aubergine', ['INBOX'])).hits).toEqual([{ ...quarterly, bodyCached: true }]);
    expect(fixture.events.notice.filter((n) => n.level === 'error')).toEqual([]);
  });

  it('puts the header of a hit below the backfill line in the cache, and lists the newest 500 of a folder', async () => {
    const user = await createUser(servers);
    const count = MAX_HITS_PER_FOLDER + 20;
    await seedMessages(
      servers,
      user,
      'Archive',
      Array.from({ length: count }, (_, i) => ({ raw: makeMessage({ subject: `Ledger ${i + 1}`, date: new Date(at(1).getTime() + i * 60_000), body: `Entry ${i + 1} of the walnut ledger.\n` }), internalDate: new Date(at(1).getTime() + i * 60_000) })),
    );
    await seedMessages(servers, user, 'Archive', [{ raw: makeMessage({ subject: 'Only one', date: at(20), body: 'A single quokka.\n' }), internalDate: at(20) }]);
    const { fixture, db, ref } = await started(user);
    const archive = serverFolderId('Archive');
    await waitFor(async () => (await db.folders.get(archive)) !== undefined, 'the folder list');
    // Archive is neither synced nor kept offline: none of its headers is here.
    expect(await db.messages.where('folderId').equals(archive).count()).toBe(0);

    const one = await search(fixture, ref, 'quokka');
    expect(one.hits).toHaveLength(1);
    const cached = await db.messages.get(one.hits[0]!.messageId);
    expect(cached).toMatchObject({ folderId: archive, subject: 'Only one', uid: one.hits[0]!.uid });

    const many = await search(fixture, ref, 'walnut', ['Archive']);
    expect(many.truncated).toBe(true);
    expect(many.hits).toHaveLength(MAX_HITS_PER_FOLDER);
    const uids = many.hits.map((h) => h.uid);
    // Newest first: the highest UIDs, which here are the latest messages.
    expect(uids).toEqual([...uids].sort((a, b) => b - a));
    expect(Math.min(...uids)).toBe(count - MAX_HITS_PER_FOLDER + 1);
    expect(await db.messages.where('folderId').equals(archive).count()).toBe(MAX_HITS_PER_FOLDER + 1);
  });

  it('says plainly when the server refuses the search (BADCHARSET), and searches again afterwards, the longest query included', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', [{ raw: makeMessage({ subject: 'Café', body: 'Ein schöner Tag.\n' }) }]);
    // The real server refuses a charset it does not know: the relay names one in place of UTF-8.
    let refuse = true;
    const proxy = await new RewritingProxy(servers.imap.starttlsPort, (text) => (refuse ? text.replace(/(UID SEARCH CHARSET )UTF-8/g, '$1X-NOP') : text)).start();
    cleanups.push(() => proxy.stop());
    const { fixture, db, ref } = await started(user, proxy.port);
    await waitFor(async () => (await db.messages.count()) === 1, 'the initial sync');

    const refused = await fixture.core.handle('messages:searchServer', { ...ref, query: 'schöner', folderPaths: ['INBOX'] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'SERVER_ERROR' } });
    expect(!refused.ok && refused.error.message).toMatch(/^The server cannot search Inbox|^The server cannot search INBOX/);
    expect(!refused.ok && refused.error.message).toContain('BADCHARSET');

    refuse = false;
    // The longest query the search box sends (32 words and every operator) nests 38 keys deep: accepted.
    const longest = `${Array.from({ length: 32 }, (_, i) => `w${i}`).join(' ')} is:unread is:flagged has:attachment after:2026-01-01 before:2026-12-31 larger:1k`;
    expect(await search(fixture, ref, longest, ['INBOX'])).toEqual({ hits: [], searchedFolders: ['INBOX'], truncated: false, notes: [{ kind: 'attachmentByType' }] });
    expect((await search(fixture, ref, 'schöner', ['INBOX'])).hits).toHaveLength(1);
    expect(fixture.events['device:status'].at(-1)?.connection).toBe('online');
  });

  it('ends with a clear error when the connection drops during the search, and the device reconnects and searches again', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', [{ raw: makeMessage({ subject: 'Zebra crossing', body: 'A zebra walked by.\n' }) }]);
    const proxy = await new CommandCutProxy(servers.imap.starttlsPort, /UID SEARCH TEXT zebra/).start();
    cleanups.push(() => proxy.stop());
    const { fixture, db, ref } = await started(user, proxy.port);
    await waitFor(async () => (await db.messages.count()) === 1, 'the initial sync');

    const statusesBefore = fixture.events['device:status'].length;
    const lost = await fixture.core.handle('messages:searchServer', { ...ref, query: 'zebra', folderPaths: null });
    expect(proxy.cut).toHaveLength(1);
    expect(lost).toMatchObject({ ok: false, error: { code: 'CONNECTION_LOST' } });
    expect(!lost.ok && lost.error.message).toMatch(/^The connection to the server was lost while searching/);

    await waitFor(() => fixture.events['device:status'].at(-1)?.connection === 'online' && fixture.events['device:status'].slice(statusesBefore).some((s) => s.connection !== 'online'), 'the device to notice the loss and reconnect', 30_000);
    const again = await search(fixture, ref, 'zebra');
    expect(again.hits).toHaveLength(1);
    expect(fixture.events.notice.filter((n) => n.level === 'error')).toEqual([]);
  });
});
