import { describe, expect, it } from 'vitest';
import type { WireError } from '../../../../../common/result';
import type { UnreadableReason } from '../../../../../common/model/mail';
import { ResponseIsolation } from '../../../../../main/sync/imap/response-isolation';

const INBOX = 'server:INBOX';
const stalled: WireError = { code: 'SERVER_STALLED', message: 'IMAP: The server stopped answering in the middle of a response.' };
const lost: WireError = { code: 'CONNECTION_LOST', message: 'IMAP: The connection to the server was lost.' };

/** Starts a fetch of `uids` that never settles (the connection breaks while it is on the wire). */
function onWire(isolation: ResponseIsolation, uids: number[], range = ''): void {
  void isolation.onTheWire(INBOX, uids, () => new Promise<never>(() => undefined), range);
}

describe('ResponseIsolation: finding the message whose answer breaks the connection', () => {
  it('plans one FETCH while nothing is suspect', () => {
    expect(new ResponseIsolation().plan(INBOX, [1, 2, 3])).toEqual([[1, 2, 3]]);
  });

  it('halves the UIDs that were on the wire, fetched before the rest, down to one unreadable UID', () => {
    const found: Array<[number, UnreadableReason]> = [];
    const isolation = new ResponseIsolation((_folder, uid, reason) => found.push([uid, reason]));
    onWire(isolation, [1, 2, 3, 4]);
    expect(isolation.connectionBroke(stalled)).toMatchObject({ kind: 'narrowing', fetch: { uids: [1, 2, 3, 4] } });
    expect(isolation.plan(INBOX, [1, 2, 3, 4, 5, 6])).toEqual([[1, 2], [3, 4], [5, 6]]);
    onWire(isolation, [3, 4]);
    isolation.connectionBroke(stalled);
    expect(isolation.plan(INBOX, [1, 2, 3, 4, 5, 6])).toEqual([[3], [4], [1, 2, 5, 6]]);
    onWire(isolation, [4]);
    expect(isolation.connectionBroke(stalled)).toMatchObject({ kind: 'unreadable', uid: 4, reason: { kind: 'stalled' } });
    expect(found).toEqual([[4, { kind: 'stalled' }]]);
    expect([...isolation.unreadableIn(INBOX)]).toEqual([[4, { kind: 'stalled' }]]);
    // The other suspect (3) is still fetched apart until it comes through.
    expect(isolation.plan(INBOX, [1, 2, 3, 5])).toEqual([[3], [1, 2, 5]]);
  });

  it('clears suspects that came through', async () => {
    const isolation = new ResponseIsolation();
    onWire(isolation, [1, 2]);
    isolation.connectionBroke(stalled);
    await isolation.onTheWire(INBOX, [1], () => Promise.resolve());
    await isolation.onTheWire(INBOX, [2], () => Promise.resolve());
    expect(isolation.plan(INBOX, [1, 2, 3])).toEqual([[1, 2, 3]]);
    expect(isolation.mustListRange(INBOX)).toBe(false);
  });

  it('blames a single UID for a plain connection loss only the second time (a network drop is not the message)', () => {
    const isolation = new ResponseIsolation();
    onWire(isolation, [7]);
    expect(isolation.connectionBroke(lost).kind).toBe('narrowing');
    onWire(isolation, [7]);
    expect(isolation.connectionBroke(lost)).toMatchObject({ kind: 'unreadable', uid: 7, reason: { kind: 'connectionLost' } });
  });

  it('blames nothing when no header fetch was on the wire', async () => {
    const isolation = new ResponseIsolation();
    await isolation.onTheWire(INBOX, [1, 2], () => Promise.resolve());
    expect(isolation.connectionBroke(stalled)).toEqual({ kind: 'none' });
  });

  it('has a range that broke listed first, then its UIDs are the suspects', () => {
    const isolation = new ResponseIsolation();
    onWire(isolation, [], '11:*');
    expect(isolation.connectionBroke(stalled)).toMatchObject({ kind: 'narrowing', fetch: { uids: [], range: '11:*' } });
    expect(isolation.mustListRange(INBOX)).toBe(true);
    isolation.rangeListed(INBOX, [11, 12, 13]);
    expect(isolation.plan(INBOX, [11, 12, 13])).toEqual([[11, 12], [13]]);
  });
});
