import { describe, expect, it } from 'vitest';
import type { NotifySettings } from '../../../../common/contract';
import { announcementText as wordsOf, announcingDevice, folderAnnounces, plainLine } from '../../../../common/model/announcements';
import { announcementSay } from '../../../../main/notify/announcement-say';
import type { DeviceSummary } from '../../../../common/model/account';
import type { MessageRecord } from '../../../../common/model/mail';
import { NewMailAnnouncer } from '../../../../main/notify/announcer';
import { announcementOf, newToFolder, type Arrival } from '../../../../main/notify/new-mail';

function message(uid: number, overrides: Partial<MessageRecord> = {}): MessageRecord {
  return {
    id: `server:INBOX#${uid}`,
    folderId: 'server:INBOX',
    uid,
    messageId: `<m${uid}@example.test>`,
    inReplyTo: '',
    subject: `Subject ${uid}`,
    from: [{ name: `Sender ${uid}`, address: `s${uid}@example.test` }],
    to: [],
    cc: [],
    replyTo: [],
    date: 1_700_000_000_000 + uid * 1000,
    size: 100,
    flags: [],
    seen: 0,
    flagged: 0,
    hasAttachments: false,
    snippet: 'the body is never announced',
    popUidl: null,
    ...overrides,
  };
}

const INBOX = { path: 'INBOX', role: 'inbox' as const };
const LISTS = { path: 'Lists/rust', role: null };
const REF = { accountId: 'a1', deviceId: 'd1' };
const DEFAULTS: NotifySettings = { accounts: {} };

function device(id: string, mode: 'imap' | 'pop3'): DeviceSummary {
  return { id, name: id, mode, dbName: `porthole-a1-${id}`, pop: null };
}

describe('what a sync found new (main/notify/new-mail.ts newToFolder)', () => {
  it('keeps the UIDs at or above the UIDNEXT of before, and drops what the cache already had (moved in by this device)', () => {
    const fetched = [message(9), message(10), message(11), message(12)];
    expect(newToFolder(fetched, 10, new Set(['server:INBOX#12'])).map((m) => m.uid)).toEqual([10, 11]);
  });

  it('drops a record without a UID (an optimistic move still pending)', () => {
    expect(newToFolder([message(10, { uid: null, id: 'pending:1' })], 1, new Set())).toEqual([]);
  });
});

describe('which new mail is announced (announcementOf)', () => {
  it('announces unread mail in the inbox by default, newest first, naming sender and subject only', () => {
    const mail = announcementOf({ folder: INBOX, messages: [message(10), message(12), message(11)] }, REF, DEFAULTS);
    expect(mail).toEqual({
      ...REF,
      folderPath: 'INBOX',
      total: 3,
      messages: [12, 11, 10].map((uid) => ({ messageId: `server:INBOX#${uid}`, subject: `Subject ${uid}`, from: `Sender ${uid}`, date: 1_700_000_000_000 + uid * 1000 })),
    });
  });

  it('never announces mail already read elsewhere (\\Seen), nor a message that could not be read', () => {
    const arrival: Arrival = { folder: INBOX, messages: [message(10, { seen: 1, flags: ['\\Seen'] }), message(11, { problem: 'unreadable' })] };
    expect(announcementOf(arrival, REF, DEFAULTS)).toBeNull();
  });

  it('announces other folders only when turned on, and nothing of an account turned off', () => {
    const arrival = { folder: LISTS, messages: [message(10)] };
    expect(announcementOf(arrival, REF, DEFAULTS)).toBeNull();
    expect(announcementOf(arrival, REF, { accounts: { a1: { enabled: true, folders: { 'Lists/rust': true } } } })?.total).toBe(1);
    expect(announcementOf({ folder: INBOX, messages: [message(10)] }, REF, { accounts: { a1: { enabled: false, folders: {} } } })).toBeNull();
    expect(announcementOf({ folder: INBOX, messages: [message(10)] }, REF, { accounts: { a1: { enabled: true, folders: { INBOX: false } } } })).toBeNull();
    // Another account's choices are not this one's.
    expect(announcementOf({ folder: INBOX, messages: [message(10)] }, REF, { accounts: { a2: { enabled: false, folders: {} } } })?.total).toBe(1);
  });

  it('groups a large batch: one announcement, five named, the total counted', () => {
    const messages = Array.from({ length: 240 }, (_, i) => message(i + 1));
    const mail = announcementOf({ folder: INBOX, messages }, REF, DEFAULTS)!;
    expect(mail.total).toBe(240);
    expect(mail.messages.map((m) => m.messageId)).toEqual([240, 239, 238, 237, 236].map((uid) => `server:INBOX#${uid}`));
  });

  it('the inbox default holds for a POP device, whose inbox is a local folder', () => {
    expect(folderAnnounces(undefined, { path: 'Inbox', role: 'inbox' })).toBe(true);
    expect(folderAnnounces(undefined, { path: 'Sent', role: 'sent' })).toBe(false);
  });
});

describe('which device of an account announces (announcingDevice)', () => {
  it('its first running IMAP device, else its first running device', () => {
    const account = { devices: [device('pop', 'pop3'), device('laptop', 'imap'), device('phone', 'imap')] };
    expect(announcingDevice(account)?.id).toBe('laptop');
    expect(announcingDevice(account, (d) => d.id !== 'laptop')?.id).toBe('phone');
    expect(announcingDevice(account, (d) => d.mode === 'pop3')?.id).toBe('pop');
    expect(announcingDevice({ devices: [] })).toBeNull();
  });

  it('two devices of one account reporting the same mail announce it once (NewMailAnnouncer)', async () => {
    const announced: unknown[] = [];
    const account = { id: 'a1', displayName: 'Bob', address: 'bob@example.test', imap: null, pop3: null, smtp: null, devices: [device('laptop', 'imap'), device('phone', 'imap')] };
    const announcer = new NewMailAnnouncer({
      accountOf: () => account as never,
      running: () => true,
      settings: () => Promise.resolve(DEFAULTS),
      announce: (mail) => announced.push(mail),
      failed: (error) => {
        throw error;
      },
    });
    announcer.arrived('phone', { folder: INBOX, messages: [message(10)] });
    announcer.arrived('laptop', { folder: INBOX, messages: [message(10)] });
    await new Promise((resolve) => setImmediate(resolve));
    expect(announced).toEqual([expect.objectContaining({ deviceId: 'laptop', total: 1 })]);
  });
});

describe('the words of an announcement (announcementText)', () => {
  const where = { folderPath: 'INBOX', accountAddress: 'bob@example.com' };
  const announcementText = (mail: Parameters<typeof wordsOf>[0], at: Parameters<typeof wordsOf>[1]) => wordsOf(mail, at, announcementSay(null));

  it('one message: "New mail from Ann" and its subject', () => {
    expect(announcementText({ total: 1, messages: [{ from: 'Ann', subject: 'Lunch?' }] }, where)).toEqual({ title: 'New mail from Ann', body: 'Lunch?' });
    expect(announcementText({ total: 1, messages: [{ from: '', subject: '' }] }, where)).toEqual({ title: 'New mail from an unknown sender', body: '(no subject)' });
  });

  it('several: the count, the folder and the account, the newest subjects one a line, and how many more', () => {
    const messages = Array.from({ length: 5 }, (_, i) => ({ from: `S${i}`, subject: `Re: ${i}` }));
    expect(announcementText({ total: 7, messages }, where)).toEqual({
      title: '7 new messages in Inbox — bob@example.com',
      body: 'S0: Re: 0\nS1: Re: 1\nS2: Re: 2\nS3: Re: 3\nS4: Re: 4\nand 2 more',
    });
  });

  it('a header cannot add lines or turn text around: controls and bidi overrides become spaces; long text is cut', () => {
    expect(plainLine('Invoice\r\nPaid: yes\u202Egpj.exe')).toBe('Invoice Paid: yes gpj.exe');
    expect(plainLine('x'.repeat(500))).toHaveLength(120);
    expect(plainLine('x'.repeat(500)).endsWith('…')).toBe(true);
    // Right-to-left text itself stays as it is.
    expect(plainLine('שלום עולם')).toBe('שלום עולם');
  });
});
