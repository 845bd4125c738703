import { afterEach, describe, expect, inject, it } from 'vitest';
import { serverFolderId } from '../../common/model/mail';
import { createUser, seedMessages } from '../servers';
import { accountDraft, addAccount, startCore } from '../support/core-fixture';
import { fixtureMail } from '../support/fixtures';
import { TcpProxy } from '../support/tcp-proxy';
import { waitFor } from '../support/wait';

const servers = inject('servers');
const cleanups: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

/** A message with a 30 MB attachment, built as a mail client would send it. */
function hugeMessage(): string {
  const payload = Buffer.alloc(30 * 1024 * 1024, 7).toString('base64').replace(/.{76}/g, '$&\r\n');
  return [
    'From: Big <big@example.test>',
    'To: you@example.test',
    'Subject: Thirty megabytes',
    'Date: Fri, 06 Nov 2026 08:00:00 +0000',
    'Message-ID: <huge-1@example.test>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'The file is attached.',
    '--b',
    'Content-Type: application/octet-stream; name="big.bin"',
    'Content-Disposition: attachment; filename="big.bin"',
    'Content-Transfer-Encoding: base64',
    '',
    payload,
    '--b--',
    '',
  ].join('\r\n');
}

describe('bad input is answered, never a crash', () => {
  it('syncs and opens malformed, charset-less, header-less and huge messages', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', [
      { raw: fixtureMail('malformed-multipart.eml') },
      { raw: fixtureMail('missing-headers.eml') },
      { raw: hugeMessage() },
      { raw: fixtureMail('latin1.eml') },
    ]);
    const fixture = await startCore();
    cleanups.push(() => fixture.dispose());
    const { db, ref } = await addAccount(fixture, accountDraft(servers, user, 'tls'));
    const messages = await waitFor(async () => {
      const all = await db.messages.toArray();
      return all.length === 4 ? all : undefined;
    }, 'all four headers');
    const bySubject = (s: string) => messages.find((m) => m.subject === s)!;
    expect(bySubject('No sender, no date, no message id')).toMatchObject({ from: [], messageId: '' });
    expect(bySubject('Thirty megabytes')).toMatchObject({ hasAttachments: true, snippet: 'The file is attached.' });
    expect(bySubject('Thirty megabytes').size).toBeGreaterThan(30 * 1024 * 1024);

    for (const message of messages) {
      const opened = await fixture.core.handle('message:open', { ...ref, messageId: message.id });
      expect(opened, message.subject).toEqual({ ok: true, value: null });
      expect(await db.bodies.get(message.id), message.subject).toBeDefined();
    }
    expect((await db.bodies.get(bySubject('Broken multipart').id))!.text).toContain('never closed');
    const huge = (await db.bodies.get(bySubject('Thirty megabytes').id))!;
    expect(huge.attachments).toMatchObject([{ filename: 'big.bin', size: 30 * 1024 * 1024 }]);
    expect((await db.attachments.get(huge.attachments[0]!.id))!.content.length).toBe(30 * 1024 * 1024);
    expect(fixture.events.notice.filter((n) => n.level === 'error')).toEqual([]);
  });

  it('reports a connection dropped while a body downloads, and opens it once the connection is back', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', [{ raw: hugeMessage() }]);
    const proxy = await new TcpProxy(servers.imap.tlsPort).start();
    cleanups.push(() => proxy.stop());
    const fixture = await startCore();
    cleanups.push(() => fixture.dispose());
    const draft = accountDraft(servers, user, 'tls');
    const { db, ref } = await addAccount(fixture, { ...draft, incoming: { ...draft.incoming, port: proxy.port } });
    const message = await waitFor(async () => (await db.messages.toArray())[0], 'the header');
    await waitFor(async () => (await db.folders.get(serverFolderId('INBOX')))?.backfillBelowUid === 0, 'the sync to finish');
    const linesBefore = fixture.events['transcript:lines'].length;
    const opening = fixture.core.handle('message:open', { ...ref, messageId: message.id });
    // Cut once the body has been asked for: its 30 MB are then on their way.
    await waitFor(() => fixture.events['transcript:lines'].slice(linesBefore).some((batch) => batch.entries.some((e) => e.direction === 'client' && /FETCH .*BODY(\.PEEK)?\[/.test(e.text))), 'the body download to start');
    proxy.cutAll();
    const failed = await opening;
    if (!failed.ok) expect(failed.error.code).toBe('CONNECTION_LOST');
    await waitFor(() => fixture.events['device:status'].at(-1)?.connection === 'online' || undefined, 'the reconnect', 30_000);
    expect(await fixture.core.handle('message:open', { ...ref, messageId: message.id })).toEqual({ ok: true, value: null });
    expect(await db.bodies.get(message.id)).toBeDefined();
    expect(await db.messages.count()).toBe(1);
  });
});
