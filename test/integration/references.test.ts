import { afterEach, describe, expect, inject, it } from 'vitest';
import { serverFolderId, type MessageRecord } from '../../common/model/mail';
import { threadMessages } from '../../common/threading/jwz';
import type { DeviceCache } from '../../renderer/cache-host/schema';
import { createUser, makeMessage, seedMessages, type MailUser } from '../servers';
import { MAIL_DOMAIN } from '../servers/layout';
import { accountDraft, addAccount, popAccountDraft, startCore } from '../support/core-fixture';
import { otherImapClient } from '../support/other-client';
import { waitFor } from '../support/wait';

/**
 * Issue 15, threading: a reply's cached record carries its References header, read with the
 * headers from Dovecot over IMAP and from the downloaded message over POP, so the reply and its
 * original thread together (common/threading/jwz.ts).
 */

const servers = inject('servers');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

const id = (name: string): string => `<${name}@${MAIL_DOMAIN}>`;

/** An original, a reply with a folded References header naming a message not here, and an unrelated message. */
async function seedThread(user: MailUser): Promise<void> {
  const date = (n: number): Date => new Date(Date.UTC(2026, 10, n));
  await seedMessages(servers, user, 'INBOX', [
    { raw: makeMessage({ subject: 'Plans', messageId: id('plans-1'), date: date(1) }), internalDate: date(1) },
    {
      raw: makeMessage({ subject: 'Re: Plans', messageId: id('plans-3'), date: date(3), headers: { 'In-Reply-To': id('plans-2'), References: `${id('plans-1')} (the first)\r\n\t${id('plans-2')}` } }),
      internalDate: date(3),
    },
    { raw: makeMessage({ subject: 'Other', messageId: id('other'), date: date(2) }), internalDate: date(2) },
  ]);
}

function bySubject(records: MessageRecord[], subject: string): MessageRecord {
  const found = records.find((r) => r.subject === subject);
  if (!found) throw new Error(`no record "${subject}"`);
  return found;
}

async function expectThreaded(db: DeviceCache): Promise<void> {
  const records = await waitFor(async () => {
    const all = await db.messages.toArray();
    return all.length === 3 ? all : undefined;
  }, 'three records');
  const reply = bySubject(records, 'Re: Plans');
  expect(reply.references).toEqual([id('plans-1'), id('plans-2')]);
  expect(reply.inReplyTo).toBe(id('plans-2'));
  expect(bySubject(records, 'Plans').references ?? []).toEqual([]);
  const { threadOf } = threadMessages(records);
  expect(threadOf.get(reply.id)).toBe(threadOf.get(bySubject(records, 'Plans').id));
  expect(threadOf.get(bySubject(records, 'Other').id)).not.toBe(threadOf.get(reply.id));
}

describe('References on cached records', () => {
  it('IMAP: fetched with the headers from Dovecot', async () => {
    const user = await createUser(servers);
    await seedThread(user);
    const fixture = await startCore();
    cleanups.push(() => fixture.dispose());
    const { db } = await addAccount(fixture, accountDraft(servers, user, 'tls'));
    await expectThreaded(db);
    expect((await db.messages.toArray()).every((r) => r.folderId === serverFolderId('INBOX'))).toBe(true);
  });

  it('POP: read from the downloaded message', async () => {
    const user = await createUser(servers);
    await seedThread(user);
    const fixture = await startCore();
    cleanups.push(() => fixture.dispose());
    const { db } = await addAccount(fixture, popAccountDraft(servers, user, 'tls'));
    await expectThreaded(db);
  });

  it('IMAP: what fetching References costs on 1,000 messages (bytes received, printed)', async () => {
    const user = await createUser(servers);
    const date = new Date(Date.UTC(2026, 0, 1));
    // Half of them replies with a References header of three ids, as a mailbox of conversations has.
    await seedMessages(
      servers,
      user,
      'INBOX',
      Array.from({ length: 1_000 }, (_, i) => ({
        raw: makeMessage({ subject: `Message ${i}`, date, messageId: id(`m${i}`), headers: i % 2 && i > 3 ? { 'In-Reply-To': id(`m${i - 1}`), References: `${id(`m${i - 3}`)} ${id(`m${i - 2}`)} ${id(`m${i - 1}`)}` } : {} }),
        internalDate: date,
      })),
    );
    const client = await otherImapClient(servers, user);
    cleanups.push(() => client.logout());
    const lock = await client.getMailboxLock('INBOX');
    const received = async (headers: boolean): Promise<number> => {
      client.stats(true);
      let rows = 0;
      for await (const message of client.fetch('1:*', { uid: true, flags: true, envelope: true, bodyStructure: true, size: true, internalDate: true, ...(headers ? { headers: ['references'] } : {}) }, { uid: true })) {
        rows++;
        if (headers && message.uid === 1_000) expect(message.headers?.toString()).toContain(id('m998'));
      }
      expect(rows).toBe(1_000);
      return client.stats(true).received;
    };
    try {
      const before = await received(false);
      const after = await received(true);
      console.log(`FETCH of 1,000 headers: ${before} bytes without References, ${after} with (+${after - before}, +${(((after - before) / before) * 100).toFixed(1)} %)`);
      // A small part of the answer: the ids are short next to ENVELOPE and BODYSTRUCTURE.
      expect(after - before).toBeLessThan(before * 0.3);
    } finally {
      lock.release();
    }
  });
});
