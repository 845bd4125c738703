import { afterEach, describe, expect, inject, it } from 'vitest';
import type { NewMail } from '../../common/contract';
import { DEFAULT_POP_SETTINGS } from '../../common/model/account';
import { LOCAL_FOLDER_IDS, serverFolderId } from '../../common/model/mail';
import type { DeviceCache } from '../../renderer/cache-host/schema';
import { createUser, makeMessage, seedMessages, type MailUser } from '../servers';
import { accountDraft, addAccount, popAccountDraft, startCore, type CoreFixture } from '../support/core-fixture';
import { numberedMessages } from '../support/fixtures';
import { openCacheForReading } from '../support/in-process-cache-host';
import { otherImapClient } from '../support/other-client';
import { waitFor } from '../support/wait';

const servers = inject('servers');
const INBOX = serverFolderId('INBOX');
const cleanups: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

/** An IMAP account whose inbox already holds `seeded` messages, fully synced, and another client of the same user. */
async function imapAccount(seeded: number) {
  const user = await createUser(servers);
  if (seeded) await seedMessages(servers, user, 'INBOX', numberedMessages(seeded));
  const fixture = await startCore();
  cleanups.push(() => fixture.dispose());
  const added = await addAccount(fixture, accountDraft(servers, user, 'tls'));
  await waitFor(async () => ((await added.db.folders.get(INBOX))?.backfillBelowUid === 0 && (await cachedCount(added.db)) === seeded) || undefined, 'the first sync of the inbox');
  const other = await otherImapClient(servers, user);
  cleanups.push(() => other.logout());
  return { user, fixture, other, ...added };
}

function cachedCount(db: DeviceCache, folderId = INBOX): Promise<number> {
  return db.messages.where('[folderId+date]').between([folderId, -Infinity], [folderId, Infinity]).count();
}

async function cachedId(db: DeviceCache, subject: string, folderId = INBOX): Promise<string | undefined> {
  return (await db.messages.toArray()).find((m) => m.folderId === folderId && m.subject === subject)?.id;
}

/** The announcement naming `subject`, once it came. */
function announcementOf(fixture: CoreFixture, subject: string): Promise<NewMail> {
  return waitFor(() => fixture.events['mail:new'].find((m) => m.messages.some((n) => n.subject === subject)), `the announcement of "${subject}"`);
}

const subjectsAnnounced = (fixture: CoreFixture): string[] => fixture.events['mail:new'].flatMap((m) => m.messages.map((n) => n.subject));

describe('new mail announced by main (mail:new) against a real Dovecot', () => {
  it('the first sync of a full inbox announces nothing; mail delivered while the device runs is announced once, with its sender and subject', async () => {
    const { fixture, other, db, ref } = await imapAccount(40);
    expect(fixture.events['mail:new']).toEqual([]);

    await other.append('INBOX', makeMessage({ subject: 'Lunch on Friday?', from: 'Ann Example <ann@example.test>' }));
    const mail = await announcementOf(fixture, 'Lunch on Friday?');

    const id = await cachedId(db, 'Lunch on Friday?');
    expect(mail).toEqual({ ...ref, folderPath: 'INBOX', total: 1, messages: [{ messageId: id, subject: 'Lunch on Friday?', from: 'Ann Example', date: expect.any(Number) as unknown }] });
    expect(fixture.events['mail:new']).toHaveLength(1);
  });

  it('mail already read elsewhere (\\Seen when it arrives) is never announced', async () => {
    const { fixture, other, db } = await imapAccount(2);

    await other.append('INBOX', makeMessage({ subject: 'Read on the phone' }), ['\\Seen']);
    await waitFor(() => cachedId(db, 'Read on the phone'), 'the read message in the cache');
    // A later unread message is announced: the read one, synced before it, was not.
    await other.append('INBOX', makeMessage({ subject: 'Still unread' }));
    await announcementOf(fixture, 'Still unread');

    expect(subjectsAnnounced(fixture)).toEqual(['Still unread']);
  });

  it('an account turned off, or its inbox unticked, announces nothing; ticked again, it does', async () => {
    const { fixture, other, db, account } = await imapAccount(1);
    expect(await fixture.core.handle('notify:setSettings', { accountId: account.id, folderPath: null, enabled: false })).toEqual({ ok: true, value: { accounts: { [account.id]: { enabled: false, folders: {} } } } });
    await other.append('INBOX', makeMessage({ subject: 'While the account is off' }));
    await waitFor(() => cachedId(db, 'While the account is off'), 'the first message in the cache');

    await fixture.core.handle('notify:setSettings', { accountId: account.id, folderPath: null, enabled: true });
    await fixture.core.handle('notify:setSettings', { accountId: account.id, folderPath: 'INBOX', enabled: false });
    await other.append('INBOX', makeMessage({ subject: 'While the inbox is off' }));
    await waitFor(() => cachedId(db, 'While the inbox is off'), 'the second message in the cache');

    const back = await fixture.core.handle('notify:setSettings', { accountId: account.id, folderPath: 'INBOX', enabled: true });
    expect(back).toEqual({ ok: true, value: { accounts: { [account.id]: { enabled: true, folders: { INBOX: true } } } } });
    await other.append('INBOX', makeMessage({ subject: 'Back on' }));
    await announcementOf(fixture, 'Back on');
    expect(subjectsAnnounced(fixture)).toEqual(['Back on']);
  });

  it('an unread message this device moves into the inbox is not new mail', async () => {
    const { fixture, other, db, ref } = await imapAccount(1);
    await other.mailboxCreate('Archive');
    await other.append('Archive', makeMessage({ subject: 'Filed away, unread' }));
    expect(await fixture.core.handle('folder:select', { ...ref, folderPath: 'Archive' })).toEqual({ ok: true, value: null });
    const archived = await waitFor(() => cachedId(db, 'Filed away, unread', serverFolderId('Archive')), 'the archived message in the cache');

    expect(await fixture.core.handle('messages:move', { ...ref, messageIds: [archived], toPath: 'INBOX' })).toMatchObject({ ok: true });
    await waitFor(async () => ((await cachedId(db, 'Filed away, unread'))?.startsWith(`${INBOX}#`) ? true : undefined), 'the moved message under its inbox UID');
    // The inbox's next sync (new mail after it) sees the moved message above its old UIDNEXT.
    await other.append('INBOX', makeMessage({ subject: 'Really new' }));
    await announcementOf(fixture, 'Really new');
    expect(subjectsAnnounced(fixture)).toEqual(['Really new']);
  });

  it('a second IMAP device of the same account does not announce the same mail again', async () => {
    const { fixture, other, account } = await imapAccount(1);
    const added = await fixture.core.handle('device:add', { accountId: account.id, name: 'Phone', mode: 'imap', pop: null, incoming: null });
    if (!added.ok) throw new Error(added.error.message);
    const phone = openCacheForReading(added.value.devices.find((d) => d.name === 'Phone')!.dbName);
    await waitFor(async () => (await cachedCount(phone)) === 1 || undefined, 'the phone’s first sync');

    await other.append('INBOX', makeMessage({ subject: 'Seen by both devices' }));
    await waitFor(() => cachedId(phone, 'Seen by both devices'), 'the message on the phone');
    const mail = await announcementOf(fixture, 'Seen by both devices');

    expect(mail.deviceId).toBe(account.devices[0]!.id);
    expect(subjectsAnnounced(fixture)).toEqual(['Seen by both devices']);
  });
});

describe('new mail announced by a POP check', () => {
  async function popAccount(user: MailUser) {
    const fixture = await startCore();
    cleanups.push(() => fixture.dispose());
    const added = await addAccount(fixture, popAccountDraft(servers, user, 'tls', { ...DEFAULT_POP_SETTINGS, checkEveryMinutes: null }));
    await waitFor(() => fixture.events['device:status'].at(-1)?.detail.kind === 'checked' || undefined, 'the first check');
    return { fixture, ...added };
  }

  it('the first check of a new device (the whole maildrop) announces nothing; a later check with new mail announces it, grouped', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', numberedMessages(12));
    const { fixture, ref, db } = await popAccount(user);
    expect(await cachedCount(db, LOCAL_FOLDER_IDS.inbox)).toBe(12);
    expect(fixture.events['mail:new']).toEqual([]);

    const later = Array.from({ length: 7 }, (_, i) => ({ raw: makeMessage({ subject: `Later ${i + 1}`, date: new Date(Date.UTC(2030, 0, 1, 0, i)) }) }));
    await seedMessages(servers, user, 'INBOX', later);
    expect(await fixture.core.handle('device:sync', ref)).toEqual({ ok: true, value: null });

    const mail = await announcementOf(fixture, 'Later 7');
    expect(fixture.events['mail:new']).toHaveLength(1);
    expect(mail).toMatchObject({ ...ref, folderPath: 'Inbox', total: 7 });
    expect(mail.messages.map((m) => m.subject)).toEqual(['Later 7', 'Later 6', 'Later 5', 'Later 4', 'Later 3']);
    expect((await db.messages.get(mail.messages[0]!.messageId))?.subject).toBe('Later 7');
  });

  it('a device whose first check found an empty maildrop announces the first mail that comes', async () => {
    const user = await createUser(servers);
    const { fixture, ref } = await popAccount(user);
    await seedMessages(servers, user, 'INBOX', [{ raw: makeMessage({ subject: 'The very first' }) }]);
    await fixture.core.handle('device:sync', ref);
    await announcementOf(fixture, 'The very first');
    expect(subjectsAnnounced(fixture)).toEqual(['The very first']);
  });
});
