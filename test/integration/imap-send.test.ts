import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { OutgoingMessage } from '../../common/contract';
import { draftFrom } from '../../common/compose/reply';
import { FLAG_DRAFT, FLAG_SEEN, serverFolderId } from '../../common/model/mail';
import { createUser, seedMessages, type MailUser } from '../servers';
import { accountDraft, addAccount, startCore } from '../support/core-fixture';
import { fixtureMail } from '../support/fixtures';
import { otherImapClient } from '../support/other-client';
import { waitFor } from '../support/wait';
import type { ImapFlow } from 'imapflow';
import { outgoingMessage } from '../support/outgoing';

const servers = inject('servers');
const cleanups: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

async function sources(client: ImapFlow, path: string): Promise<Array<{ flags: string[]; raw: Buffer }>> {
  const lock = await client.getMailboxLock(path);
  try {
    if ((await client.mailboxOpen(path)).exists === 0) return [];
    const out: Array<{ flags: string[]; raw: Buffer }> = [];
    for await (const m of client.fetch('1:*', { source: true, flags: true })) out.push({ flags: [...(m.flags ?? [])], raw: m.source! });
    return out;
  } finally {
    lock.release();
  }
}

async function setup(seed?: (user: MailUser) => Promise<void>) {
  const alice = await createUser(servers);
  const bob = await createUser(servers);
  await seed?.(alice);
  const fixture = await startCore();
  cleanups.push(() => fixture.dispose());
  const added = await addAccount(fixture, accountDraft(servers, alice, 'starttls'));
  const aliceServer = await otherImapClient(servers, alice);
  const bobServer = await otherImapClient(servers, bob);
  cleanups.push(() => aliceServer.logout(), () => bobServer.logout());
  const message = (overrides: Partial<OutgoingMessage>): OutgoingMessage => outgoingMessage(added.ref, bob.address, { subject: 'Hello Bob', text: 'Hi Bob,\nsee attached.\n', ...overrides });
  return { alice, bob, fixture, aliceServer, bobServer, message, ...added };
}

describe('sending mail over SMTP, with the copy in the server’s Sent', () => {
  it('sends with an attachment, the recipient gets it, and Sent holds it as read', async () => {
    const { fixture, bobServer, aliceServer, message, db } = await setup();
    const carol = await createUser(servers);
    const content = new TextEncoder().encode('col1,col2\n1,2\n');
    const sent = await fixture.core.handle('message:send', message({ attachments: [{ filename: 'data.csv', contentType: 'text/csv', content }], bcc: carol.address }));
    expect(sent).toMatchObject({ ok: true });
    const received = await waitFor(async () => (await sources(bobServer, 'INBOX'))[0], 'the message in Bob’s INBOX');
    const parsed = await simpleParser(received.raw);
    expect(parsed.subject).toBe('Hello Bob');
    expect(parsed.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([['data.csv', 'col1,col2\n1,2\n']]);
    expect(parsed.headers.get('bcc')).toBeUndefined();
    const inSent = await waitFor(async () => (await sources(aliceServer, 'Sent'))[0], 'the copy in Sent');
    expect(inSent.flags).toContain(FLAG_SEEN);
    const sentCopy = await simpleParser(inSent.raw);
    expect(sentCopy.messageId).toBe(parsed.messageId);
    expect(sentCopy.bcc).toBeDefined();
    await waitFor(async () => (await db.messages.toArray()).find((m) => m.folderId === serverFolderId('Sent') && m.subject === 'Hello Bob'), 'the Sent copy in the cache');
  });

  it('replies (threaded) and forwards with the original attachments', async () => {
    const { fixture, bobServer, message, db, ref, alice } = await setup((user) => seedMessages(servers, user, 'INBOX', [{ raw: fixtureMail('attachment.eml') }]));
    const original = await waitFor(async () => (await db.messages.toArray())[0], 'the seeded message');
    await fixture.core.handle('message:open', { ...ref, messageId: original.id });
    const body = (await db.bodies.get(original.id))!;

    const reply = draftFrom('reply', original, body, alice.address);
    expect(reply.subject).toBe('Re: Quarterly report attached');
    expect(reply.text).toContain('> Hi Bob, the report is attached.');
    expect(await fixture.core.handle('message:send', message({ ...reply, to: bobAddress(bobServer) }))).toMatchObject({ ok: true });

    const forward = draftFrom('forward', original, body, alice.address);
    expect(await fixture.core.handle('message:send', message({ ...forward, to: bobAddress(bobServer) }))).toMatchObject({ ok: true });
    const received = await waitFor(async () => {
      const all = await sources(bobServer, 'INBOX');
      return all.length === 2 ? Promise.all(all.map((m) => simpleParser(m.raw))) : undefined;
    }, 'the reply and the forward at Bob');
    const replied = received.find((m) => m.subject?.startsWith('Re:'))!;
    expect(replied.inReplyTo).toBe('<attach-1@example.test>');
    expect(replied.references).toContain('<attach-1@example.test>');
    const forwarded = received.find((m) => m.subject?.startsWith('Fwd:'))!;
    expect(forwarded.text).toContain('---------- Forwarded message ----------');
    expect(forwarded.attachments.map((a) => a.filename)).toEqual(['report.pdf']);
  });

  it('saves drafts to the server’s Drafts, replacing the previous one, and removes it once sent', async () => {
    const { fixture, aliceServer, message, db } = await setup();
    expect(await fixture.core.handle('draft:save', message({ subject: 'Draft v1' }))).toMatchObject({ ok: true });
    await waitFor(async () => (await sources(aliceServer, 'Drafts')).length === 1, 'the first draft on the server');
    const first = await waitFor(async () => (await db.messages.toArray()).find((m) => m.folderId === serverFolderId('Drafts') && m.uid !== null), 'the draft in the cache');
    expect(first.flags).toContain(FLAG_DRAFT);
    expect(await fixture.core.handle('draft:save', message({ subject: 'Draft v2', replacesDraftId: first.id }))).toMatchObject({ ok: true });
    await waitFor(async () => {
      const drafts = await sources(aliceServer, 'Drafts');
      return drafts.length === 1 && drafts[0]!.raw.toString().includes('Draft v2');
    }, 'exactly one draft, the new one');
    const second = await waitFor(async () => (await db.messages.toArray()).find((m) => m.folderId === serverFolderId('Drafts') && m.subject === 'Draft v2' && m.uid !== null), 'the new draft in the cache');
    expect(await fixture.core.handle('message:send', message({ subject: 'Draft v2', replacesDraftId: second.id }))).toMatchObject({ ok: true });
    await waitFor(async () => (await sources(aliceServer, 'Drafts')).length === 0, 'Drafts to be empty after sending');
  });

  it('reports a refused recipient and keeps nothing in Sent', async () => {
    const { fixture, aliceServer, message } = await setup();
    const result = await fixture.core.handle('message:send', message({ to: 'someone@outside.example' }));
    expect(result).toMatchObject({ ok: false, error: { details: { service: 'smtp' } } });
    const noRecipient = await fixture.core.handle('message:send', message({ to: '' }));
    expect(noRecipient).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await sources(aliceServer, 'Sent')).toEqual([]);
  });
});

function bobAddress(bobServer: ImapFlow): string {
  return `${String(bobServer.options.auth?.user)}@example.test`;
}
