import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serverFolderId } from '../../common/model/mail';
import type { TranscriptEntry } from '../../common/model/transcript';
import { createUser, seedMessages, startTestServers, type RunningTestServers } from '../servers';
import { accountDraft, addAccount, startCore, type CoreFixture } from '../support/core-fixture';
import { numberedMessages } from '../support/fixtures';
import { otherImapClient, serverSubjects } from '../support/other-client';
import { waitFor } from '../support/wait';

// Everything the normal test server offers that matters to sync, except MOVE (RFC 6851): the
// client must move with UID COPY, then \Deleted and UID EXPUNGE (RFC 4315, UIDPLUS), which
// removes only the moved messages even if others in the folder are marked \Deleted.
const WITHOUT_MOVE = `protocol imap {
  imap_capability = IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ UIDPLUS SPECIAL-USE NAMESPACE CONDSTORE QRESYNC ESEARCH LIST-STATUS
}`;

let own: RunningTestServers;
beforeAll(async () => {
  own = await startTestServers({ dovecotConfig: WITHOUT_MOVE });
});
afterAll(async () => {
  await own?.stop();
});
let fixture: CoreFixture | null = null;
afterEach(async () => {
  await fixture?.dispose();
  fixture = null;
});

function commandsSent(lines: TranscriptEntry[]): string[] {
  // "<tag> UID COPY ..." -> "UID COPY ..."
  return lines.filter((l) => l.service === 'imap' && l.direction === 'client' && l.connection.role === 'sync').map((l) => l.text.replace(/^\S+ /, ''));
}

describe('moving messages on a server without MOVE', () => {
  it('moves with UID COPY + UID EXPUNGE, and another client sees the message only in the target', async () => {
    const user = await createUser(own.info);
    await seedMessages(own.info, user, 'INBOX', numberedMessages(3));
    fixture = await startCore();
    const { db, ref, account } = await addAccount(fixture, accountDraft(own.info, user, 'tls'));
    await waitFor(async () => (await db.messages.count()) === 3, 'the initial sync');
    const other = await otherImapClient(own.info, user);
    try {
      expect(other.capabilities.has('MOVE')).toBe(false);
      expect(other.capabilities.has('UIDPLUS')).toBe(true);
      expect(await fixture.core.handle('folder:create', { ...ref, parentPath: null, name: 'Archive' })).toEqual({ ok: true, value: null });

      const toMove = (await db.messages.toArray()).find((m) => m.uid === 2)!;
      expect(await fixture.core.handle('messages:move', { ...ref, messageIds: [toMove.id], toPath: 'Archive' })).toMatchObject({ ok: true, value: { undoId: expect.any(String) as unknown } });
      await waitFor(async () => (await db.pendingOps.count()) === 0, 'the move to be replayed');
      expect(await serverSubjects(other, 'Archive')).toEqual([toMove.subject]);
      expect(await serverSubjects(other, 'INBOX')).toEqual(['Message 1', 'Message 3']);
      // COPYUID gave the copy its UID in the target: the cache has it there once, under that UID.
      const cached = await db.messages.toArray();
      expect(cached.filter((m) => m.subject === toMove.subject)).toMatchObject([{ folderId: serverFolderId('Archive'), uid: 1 }]);
      expect(cached.filter((m) => m.folderId === serverFolderId('INBOX')).map((m) => m.uid).sort()).toEqual([1, 3]);

      const transcript = await fixture.core.handle('transcript:get', { accountId: account.id });
      if (!transcript.ok) throw new Error('transcript:get failed');
      const sent = commandsSent(transcript.value);
      const copyAt = sent.indexOf('UID COPY 2 Archive');
      expect(copyAt, sent.join('\n')).toBeGreaterThanOrEqual(0);
      expect(sent.slice(copyAt)).toEqual(expect.arrayContaining(['UID STORE 2 +FLAGS.SILENT (\\Deleted)', 'UID EXPUNGE 2']));
      expect(sent.indexOf('UID STORE 2 +FLAGS.SILENT (\\Deleted)')).toBeGreaterThan(copyAt);
      expect(sent.indexOf('UID EXPUNGE 2')).toBeGreaterThan(sent.indexOf('UID STORE 2 +FLAGS.SILENT (\\Deleted)'));
      expect(sent.filter((c) => /\bMOVE\b/.test(c))).toEqual([]);
      expect(fixture.events.notice.filter((n) => n.level === 'error')).toEqual([]);
    } finally {
      await other.logout();
    }
  });
});
