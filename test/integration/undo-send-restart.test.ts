import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImapFlow } from 'imapflow';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { OutgoingMessage } from '../../common/contract';
import type { OutboxItem } from '../../common/commands/mail-commands';
import { LOCAL_FOLDER_IDS } from '../../common/model/mail';
import type { DeviceCache } from '../../renderer/cache-host/schema';
import { createUser, type MailUser } from '../servers';
import { accountDraft, addAccount, popAccountDraft, startCore, type CoreFixture } from '../support/core-fixture';
import { openCacheForReading } from '../support/in-process-cache-host';
import { noticeEnglish } from '../support/main-words';
import { otherImapClient, serverSubjects } from '../support/other-client';
import { waitFor } from '../support/wait';
import { outgoingMessage } from '../support/outgoing';

/**
 * Undo send across the app's end (issue 16), with the real core, SMTP server and Dovecot: a
 * message in its wait when the app dies goes at the next start, once; one whose upload had begun
 * is never sent again but kept as a draft, the user told. The outbox's own logic is unit-tested
 * (test/unit/main/core/outbox.test.ts) with stand-ins; here the sending, the Sent copy and the
 * draft are the product's.
 */

const servers = inject('servers');
const cleanups: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

type Mode = 'imap' | 'pop';

interface Sender {
  alice: MailUser;
  bob: MailUser;
  first: CoreFixture;
  ref: { accountId: string; deviceId: string };
  db: DeviceCache;
  bobServer: ImapFlow;
  message: (subject: string) => OutgoingMessage;
}

async function sender(mode: Mode, delaySeconds: 5 | 30): Promise<Sender> {
  const alice = await createUser(servers);
  const bob = await createUser(servers);
  const first = await startCore();
  cleanups.push(() => first.dispose());
  const { ref, db } = await addAccount(first, mode === 'imap' ? accountDraft(servers, alice, 'starttls') : popAccountDraft(servers, alice, 'starttls'));
  // As a user turns undo send on in Preferences.
  expect(await first.core.handle('send:setDelay', { seconds: delaySeconds })).toMatchObject({ ok: true });
  const bobServer = await otherImapClient(servers, bob);
  cleanups.push(() => bobServer.logout());
  const message = (subject: string): OutgoingMessage => outgoingMessage(ref, bob.address, { subject, text: 'The figures are in.\n', draftKey: `<draft-${mode}-${subject.length}@${alice.address.split('@')[1]}>` });
  return { alice, bob, first, ref, db, bobServer, message };
}

/** Subjects in the sender's Sent or Drafts: the server's (IMAP) or the local one (POP). */
async function subjectsIn(kind: 'sent' | 'drafts', mode: Mode, alice: MailUser, db: DeviceCache): Promise<string[]> {
  if (mode === 'pop') return (await openCacheForReading(db.name).messages.toArray()).filter((m) => m.folderId === LOCAL_FOLDER_IDS[kind]).map((m) => m.subject);
  const client = await otherImapClient(servers, alice);
  try {
    return await serverSubjects(client, kind === 'sent' ? 'Sent' : 'Drafts');
  } finally {
    await client.logout();
  }
}

const sentSubjects = (mode: Mode, alice: MailUser, db: DeviceCache): Promise<string[]> => subjectsIn('sent', mode, alice, db);
const draftSubjects = (mode: Mode, alice: MailUser, db: DeviceCache): Promise<string[]> => subjectsIn('drafts', mode, alice, db);

const outboxEmptied = (fixture: CoreFixture): true | undefined => (fixture.events['outbox:changed'].at(-1)?.length === 0 ? true : undefined);

describe('undo send across a restart, with the real servers', () => {
  it.each(['imap', 'pop'] as const)('%s: a message in its wait when the app dies goes at the next start, once, with one copy in Sent', async (mode) => {
    const { alice, first, db, bobServer, message } = await sender(mode, 30);
    const sent = await first.core.handle('message:send', message('Figures for Monday'));
    if (!sent.ok) throw new Error(sent.error.message);
    expect(sent.value.queued).toMatchObject({ subject: 'Figures for Monday', state: 'waiting' });
    first.crash();
    expect(await serverSubjects(bobServer, 'INBOX')).toEqual([]);

    // The next start, after the wait would have ended: it goes at once.
    const second = await startCore(first.profileDir, { clockOffsetMs: 60_000 });
    cleanups.push(() => second.dispose());
    await waitFor(() => second.events.notice.find((n) => n.words.kind === 'sent'), 'the notice that it was sent', 30_000);
    await waitFor(() => outboxEmptied(second), 'the outbox emptied');
    expect(noticeEnglish(second.events.notice.find((n) => n.words.kind === 'sent')!)).toContain('Figures for Monday');
    await waitFor(async () => ((await serverSubjects(bobServer, 'INBOX')).length ? true : undefined), 'the message at Bob’s');
    expect(await serverSubjects(bobServer, 'INBOX')).toEqual(['Figures for Monday']);
    await waitFor(async () => ((await sentSubjects(mode, alice, db)).length ? true : undefined), 'the copy in Sent');
    expect(await sentSubjects(mode, alice, db)).toEqual(['Figures for Monday']);
    expect(await draftSubjects(mode, alice, db)).toEqual([]);
    await second.stop();

    // A third start sends nothing again.
    const third = await startCore(first.profileDir, { clockOffsetMs: 120_000 });
    cleanups.push(() => third.dispose());
    expect(await third.core.handle('outbox:list', null)).toEqual({ ok: true, value: [] });
    expect(await serverSubjects(bobServer, 'INBOX')).toEqual(['Figures for Monday']);
  });

  it.each(['imap', 'pop'] as const)('%s: a message whose upload had begun when the app died is kept as a draft at the next start, never sent twice', async (mode) => {
    const { alice, first, db, bobServer, message } = await sender(mode, 5);
    // The outbox as the disk held it the moment the upload began: the windows hear of a state once
    // it is on disk, and the upload starts only after that.
    const outboxFile = join(first.profileDir, 'outbox.json');
    const atUpload = join(first.profileDir, 'outbox.at-upload.json');
    const upload: { copied: Promise<void> | null } = { copied: null };
    first.core.on('outbox:changed', (items: OutboxItem[]) => {
      if (items.some((i) => i.state === 'uploading')) upload.copied ??= copyFile(outboxFile, atUpload);
    });
    const sent = await first.core.handle('message:send', message('Quarterly numbers'));
    expect(sent).toMatchObject({ ok: true });
    await waitFor(() => first.events.notice.find((n) => n.words.kind === 'sent'), 'the first run’s send', 30_000);
    expect(upload.copied, 'the outbox copied as the upload began').not.toBeNull();
    await upload.copied;
    expect(await serverSubjects(bobServer, 'INBOX')).toEqual(['Quarterly numbers']);
    // The app dies right after the server took it, before the outbox said so on disk.
    first.crash();
    await copyFile(atUpload, outboxFile);

    const second = await startCore(first.profileDir, { clockOffsetMs: 60_000 });
    cleanups.push(() => second.dispose());
    const told = await waitFor(() => second.events.notice.find((n) => n.words.kind === 'stoppedWhileSending'), 'the notice that it may have gone', 30_000);
    expect(told.level).toBe('warning');
    expect(noticeEnglish(told)).toMatch(/Quarterly numbers/);
    await waitFor(() => outboxEmptied(second), 'the outbox emptied');
    await waitFor(async () => ((await draftSubjects(mode, alice, db)).length ? true : undefined), 'the draft kept');
    expect(await draftSubjects(mode, alice, db)).toEqual(['Quarterly numbers']);
    expect(second.events.notice.some((n) => n.words.kind === 'sent')).toBe(false);
    expect(await serverSubjects(bobServer, 'INBOX')).toEqual(['Quarterly numbers']);
    expect(await sentSubjects(mode, alice, db)).toEqual(['Quarterly numbers']);
  });
});
