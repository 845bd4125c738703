import { simpleParser } from 'mailparser';
import type { ImapFlow } from 'imapflow';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { OutgoingMessage } from '../../common/contract';
import type { Mode } from '../../common/model/account';
import { LOCAL_FOLDER_IDS, serverFolderId } from '../../common/model/mail';
import { createUser } from '../servers';
import { accountDraft, addAccount, popAccountDraft, startCore } from '../support/core-fixture';
import { otherImapClient } from '../support/other-client';
import { TcpProxy } from '../support/tcp-proxy';
import { waitFor } from '../support/wait';
import { outgoingMessage } from '../support/outgoing';

/**
 * Issue 16, drafts that save themselves, in main against Dovecot: every version of one composer's
 * draft carries its draft key as Message-ID; a save replaces every earlier version (IMAP: APPEND,
 * then UID SEARCH HEADER Message-ID and UID EXPUNGE of the others, also of versions saved while
 * offline and uploaded later; POP: the local Drafts); a send or a discard removes them all.
 */

const servers = inject('servers');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

const KEY = '<draft-0b7d6c1e@example.test>';

async function serverDrafts(client: ImapFlow): Promise<Array<{ messageId: string; text: string }>> {
  const lock = await client.getMailboxLock('Drafts');
  try {
    if ((await client.mailboxOpen('Drafts')).exists === 0) return [];
    const out: Array<{ messageId: string; text: string }> = [];
    for await (const m of client.fetch('1:*', { source: true })) {
      const parsed = await simpleParser(m.source!);
      out.push({ messageId: parsed.messageId ?? '', text: parsed.text ?? '' });
    }
    return out;
  } finally {
    lock.release();
  }
}

async function writer(mode: Mode) {
  const user = await createUser(servers);
  const recipient = await createUser(servers);
  const imapRelay = await new TcpProxy(servers.imap.tlsPort).start();
  cleanups.push(() => imapRelay.stop());
  const fixture = await startCore();
  cleanups.push(() => fixture.dispose());
  const draft = mode === 'pop3' ? popAccountDraft(servers, user, 'tls', { retention: { kind: 'keep' } }) : accountDraft(servers, user, 'tls');
  const added = await addAccount(fixture, { ...draft, ...(mode === 'imap' ? { incoming: { ...draft.incoming, port: imapRelay.port } } : {}) });
  await waitFor(() => fixture.events['device:status'].some((s) => s.connection === 'online') || undefined, 'the device online');
  const message = (text: string): OutgoingMessage => outgoingMessage(added.ref, recipient.address, { subject: 'Plan', text, draftKey: KEY });
  const server = await otherImapClient(servers, user);
  cleanups.push(() => server.logout());
  return { fixture, message, server, imapRelay, ...added };
}

describe('a composer’s draft versions over IMAP', () => {
  it('a save replaces the earlier versions on the server, also ones uploaded after being offline; a send removes them', async () => {
    const { fixture, message, server, imapRelay, ref, db } = await writer('imap');
    expect(await fixture.core.handle('draft:save', message('one'))).toMatchObject({ ok: true, value: { messageId: KEY } });
    await waitFor(async () => (await serverDrafts(server)).length === 1 || undefined, 'the first version on the server');
    expect(await fixture.core.handle('draft:save', message('two'))).toMatchObject({ ok: true });
    await waitFor(async () => (await serverDrafts(server))[0]?.text === 'two\n' || undefined, 'the second version on the server');
    expect(await serverDrafts(server)).toEqual([{ messageId: KEY, text: 'two\n' }]);

    // Offline, two more versions are queued; back online they are uploaded and only the last stays.
    imapRelay.refuse(true);
    imapRelay.cutAll();
    await waitFor(() => fixture.events['device:status'].at(-1)?.connection !== 'online' || undefined, 'the device offline');
    expect(await fixture.core.handle('draft:save', message('three'))).toMatchObject({ ok: true });
    expect(await fixture.core.handle('draft:save', message('four'))).toMatchObject({ ok: true });
    imapRelay.refuse(false);
    await fixture.core.handle('device:sync', ref);
    await waitFor(async () => (await db.pendingOps.count()) === 0 || undefined, 'the queue replayed', 30_000);
    expect(await serverDrafts(server)).toEqual([{ messageId: KEY, text: 'four\n' }]);

    expect(await fixture.core.handle('message:send', message('sent'))).toMatchObject({ ok: true });
    await waitFor(async () => (await serverDrafts(server)).length === 0 || undefined, 'no draft left on the server');
    await waitFor(async () => (await db.messages.where('folderId').equals(serverFolderId('Drafts')).count()) === 0 || undefined, 'no draft left in the cache');
  });

  it('a discard removes every version', async () => {
    const { fixture, message, server, ref } = await writer('imap');
    await fixture.core.handle('draft:save', message('one'));
    await fixture.core.handle('draft:save', message('two'));
    await waitFor(async () => (await serverDrafts(server))[0]?.text === 'two\n' || undefined, 'the second version on the server');
    expect(await fixture.core.handle('draft:discard', { ...ref, draftKey: KEY })).toEqual({ ok: true, value: null });
    await waitFor(async () => (await serverDrafts(server)).length === 0 || undefined, 'no draft left on the server');
  });
});

describe('a composer’s draft versions over POP', () => {
  it('one local version at a time, gone when sent or discarded', async () => {
    const { fixture, message, db, ref } = await writer('pop3');
    const drafts = async (): Promise<string[]> => (await db.messages.where('folderId').equals(LOCAL_FOLDER_IDS.drafts).toArray()).map((m) => m.messageId);
    await fixture.core.handle('draft:save', message('one'));
    await fixture.core.handle('draft:save', message('two'));
    expect(await drafts()).toEqual([KEY]);
    const kept = (await db.messages.where('folderId').equals(LOCAL_FOLDER_IDS.drafts).first())!;
    expect((await db.bodies.get(kept.id))!.text).toBe('two\n');
    expect(await fixture.core.handle('draft:discard', { ...ref, draftKey: KEY })).toEqual({ ok: true, value: null });
    expect(await drafts()).toEqual([]);
    await fixture.core.handle('draft:save', message('three'));
    expect(await fixture.core.handle('message:send', message('sent'))).toMatchObject({ ok: true });
    expect(await drafts()).toEqual([]);
  });
});
