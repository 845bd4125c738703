import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLAG_FLAGGED, serverFolderId } from '../../common/model/mail';
import { createUser, makeMessage, seedMessages, startTestServers, type RunningTestServers } from '../servers';
import { accountDraft, addAccount, startCore } from '../support/core-fixture';
import { numberedMessages } from '../support/fixtures';
import { otherImapClient } from '../support/other-client';
import { waitFor } from '../support/wait';

// A server without CONDSTORE, QRESYNC and ESEARCH (Dovecot told to advertise less): the client
// must fall back to comparing flags and UIDs (RFC 4549 §6.1).
const SMALL_CAPABILITY = `protocol imap {
  imap_capability = IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ UIDPLUS MOVE SPECIAL-USE NAMESPACE
}`;

let own: RunningTestServers;
beforeAll(async () => {
  own = await startTestServers({ dovecotConfig: SMALL_CAPABILITY });
});
afterAll(async () => {
  await own?.stop();
});

describe('IMAP sync with a server that has no CONDSTORE/QRESYNC', () => {
  it('still sees flag changes, expunges and new mail made by another client', async () => {
    const user = await createUser(own.info);
    await seedMessages(own.info, user, 'INBOX', numberedMessages(5));
    const fixture = await startCore();
    try {
      const { db, ref } = await addAccount(fixture, accountDraft(own.info, user, 'tls'));
      await waitFor(async () => (await db.messages.count()) === 5, 'the initial sync');
      expect((await db.folders.get(serverFolderId('INBOX')))?.highestModseq).toBeNull();
      const other = await otherImapClient(own.info, user);
      try {
        expect(other.capabilities.has('CONDSTORE')).toBe(false);
        const lock = await other.getMailboxLock('INBOX');
        try {
          await other.messageFlagsAdd('1', [FLAG_FLAGGED], { uid: true });
          await other.messageDelete('2', { uid: true });
        } finally {
          lock.release();
        }
        await other.append('INBOX', makeMessage({ subject: 'New without CONDSTORE' }));
      } finally {
        await other.logout();
      }
      await fixture.core.handle('device:sync', ref);
      await waitFor(async () => {
        const all = await db.messages.toArray();
        return all.length === 5 && all.find((m) => m.uid === 1)?.flagged === 1 && !all.some((m) => m.uid === 2) && all.some((m) => m.subject === 'New without CONDSTORE');
      }, 'the flag, the expunge and the new message in the cache');
    } finally {
      await fixture.dispose();
    }
  });
});
