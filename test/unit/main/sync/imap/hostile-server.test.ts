import { afterEach, describe, expect, it } from 'vitest';
import type { MessageRecord } from '../../../../../common/model/mail';
import { MAX_LINE_BYTES } from '../../../../../main/protocols/imap/imap-connection';
import { FakeImapServer, fakeMessages, type FakeImapFaults } from '../../../../support/fake-imap-server';
import { waitFor } from '../../../../support/wait';
import { startBackendOnFakeServer, type BackendOnFakeServer } from './backend-on-fake-server';
import { noticeEnglish, statusEnglish } from '../../../../support/main-words';

let server: FakeImapServer | null = null;
let device: BackendOnFakeServer | null = null;

afterEach(async () => {
  await device?.stop();
  await server?.stop();
  device = null;
  server = null;
});

async function start(faults: FakeImapFaults, count = 10, stalledAfterMs?: number): Promise<{ server: FakeImapServer; device: BackendOnFakeServer }> {
  server = await new FakeImapServer({ messages: fakeMessages(count), faults }).start();
  device = await startBackendOnFakeServer(server, stalledAfterMs === undefined ? {} : { stalledAfterMs });
  return { server, device };
}

/** Waits until the cached INBOX holds `count` messages, and returns them by UID. */
async function inboxOf(on: BackendOnFakeServer, count: number, timeoutMs = 30_000): Promise<Map<number, MessageRecord>> {
  const records = await waitFor(async () => {
    const inbox = await on.inbox();
    return inbox.length === count && inbox;
  }, `${count} messages in the INBOX`, timeoutMs);
  return new Map(records.map((r) => [r.uid!, r]));
}

function expectGoodMessages(inbox: Map<number, MessageRecord>, uids: number[]): void {
  for (const uid of uids) {
    expect(inbox.get(uid)?.subject).toBe(`Message ${uid}`);
    expect(inbox.get(uid)?.problem).toBeUndefined();
  }
}

describe('IMAP sync against a server whose answers break (issue 11, items 2 and 3)', () => {
  it('narrows a FETCH answer that never ends down to its one message, shows the others, and stops reconnecting', async () => {
    const { server, device } = await start({ unterminatedLiteralUid: 5 });
    const inbox = await inboxOf(device, 10);
    const loginsWhenDone = server.logins;
    expectGoodMessages(inbox, [1, 2, 3, 4, 6, 7, 8, 9, 10]);
    // The UID leads the text (a row cut short still says which message), and the row is dated when
    // it was found, not 1/1/1970 below all mail (review of issue 11).
    expect(inbox.get(5)?.problem).toMatch(/^UID 5: the server's answer for this message could not be read: .+\.$/);
    expect(Math.abs(inbox.get(5)!.date - Date.now())).toBeLessThan(5 * 60_000);
    // Halving 10 suspects takes four tries and the single one two (a plain hang-up is retried
    // once): two logins a try (sync and IDLE). Before: a login a second, for ever.
    expect(loginsWhenDone).toBeLessThanOrEqual(16);
    expect(device.statuses.some((s) => /\(FETCH of UID 5\); that message is shown as unreadable/.test(statusEnglish(s.detail)))).toBe(true);
  });

  it('narrows down a broken answer among new mail (a FETCH of "11:*") the same way', async () => {
    const { server, device } = await start({});
    await inboxOf(device, 10);
    server.faults.unterminatedLiteralUid = 12;
    for (const uid of [11, 12, 13]) server.deliver({ uid, subject: `Message ${uid}`, from: `New <new${uid}@fake.test>`, body: 'New mail.' });
    await device.backend.syncNow().catch(() => undefined);
    const inbox = await inboxOf(device, 13);
    expectGoodMessages(inbox, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13]);
    expect(inbox.get(12)?.problem).toMatch(/^UID 12: the server's answer for this message could not be read: the server closed the connection in the middle of it\.$/);
    expect(inbox.get(12)?.problemWords).toEqual({ kind: 'unreadable', uid: 12, reason: { kind: 'connectionLost' } });
    expect(inbox.get(12)!.date).toBeGreaterThan(0);
    expect(device.statuses.some((s) => /\(FETCH of UID 11:\*\); finding the message that causes it/.test(statusEnglish(s.detail)))).toBe(true);
  });

  it('lists a row the parser refuses as unreadable, with the reason, among the good ones', async () => {
    const { server, device } = await start({ unparsableRowUid: 5 });
    const inbox = await inboxOf(device, 10);
    expectGoodMessages(inbox, [1, 2, 3, 4, 6, 7, 8, 9, 10]);
    expect(inbox.get(5)?.problem).toMatch(/^UID 5: the server's answer for this message could not be read: its FETCH response is malformed \(.+\)\.$/);
    expect(inbox.get(5)!.date).toBeGreaterThan(0);
    expect(device.notices.some((n) => n.level === 'warning' && n.words.kind === 'unreadableResponse' && /FETCH of UID 5 in Inbox/.test(noticeEnglish(n)))).toBe(true);
    // Refused on a working connection: no reconnect (one login for sync, one for IDLE).
    expect(server.logins).toBe(2);
  });

  it('keeps the row whose literal swallows the next one, and fetches the swallowed one again', async () => {
    const { device } = await start({ swallowingLiteralUid: 5 });
    const inbox = await inboxOf(device, 10);
    expectGoodMessages(inbox, [1, 2, 3, 4, 6, 7, 8, 9, 10]);
  });

  it.each([1_000, 100_000])('shows a message whose BODYSTRUCTURE is nested %i deep (imapflow drops that item) with the others', async (depth) => {
    const { server, device } = await start({ deepBodyStructure: { uid: 5, depth } });
    const inbox = await inboxOf(device, 10);
    expectGoodMessages(inbox, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(server.logins).toBe(2);
  });

  it('backs off when every session breaks outside any FETCH, instead of reconnecting every second', async () => {
    const { server, device } = await start({ breakAfterSelect: true });
    const backedOff = await device.statusMatching((s) => /Retrying in 8 s/.test(statusEnglish(s.detail)));
    // 1 + 2 + 4 s of waiting: four sync logins, and the IDLE watcher backs off the same way.
    expect(server.logins).toBeLessThanOrEqual(10);
    expect(backedOff.connection).not.toBe('online');
  });

  it('says "the server stopped answering" when a FETCH stalls, instead of "Connected", and recovers', async () => {
    const { device } = await start({ stallInFetch: true }, 10, 1_500);
    const stalled = await device.statusMatching((s) => /stopped answering/.test(statusEnglish(s.detail)));
    expect(stalled.connection).toBe('error');
    expect(stalled.detail).toMatchObject({ kind: 'brokenFetch', error: { code: 'SERVER_STALLED' }, outcome: 'isolating' });
    expect(statusEnglish(stalled.detail)).toMatch(/^The server stopped answering in the middle of a response \(FETCH of 10 messages \(UID 1 to 10\)\)/);
    expectGoodMessages(await inboxOf(device, 10), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('closes the connection after the line limit when a line never ends, and says why', async () => {
    const { server, device } = await start({ endlessLine: true });
    const refused = await device.statusMatching((s) => /far larger than any mail server sends/.test(statusEnglish(s.detail)));
    expect(refused.connection).toBe('error');
    // The connection was closed after the limit, not after a gigabyte.
    expect(server.bytesSent).toBeLessThan(MAX_LINE_BYTES + 16 * 1024 * 1024);
    expectGoodMessages(await inboxOf(device, 10), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});
