import { describe, expect, it } from 'vitest';
import { popDecision } from '../../../common/model/pop-retention';
import type { PopStateRecord } from '../../../common/model/mail';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 11, 3);

function state(overrides: Partial<PopStateRecord>): PopStateRecord {
  return { uidl: 'u1', messageId: 'local:1', size: 100, contentHash: 'h', messageIdHeader: '<a@b>', firstSeenAt: NOW - DAY, downloadedAt: NOW - DAY, headersOnly: false, deleteRequested: false, serverDeletedAt: null, serverDeletedBy: null, ...overrides };
}

describe('popDecision: what this device decided about one maildrop message (the server panel words it)', () => {
  it('says a message a check could not store is kept on the server and not fetched again (not "only the header")', () => {
    expect(popDecision(state({ downloadedAt: null, contentHash: '' }), { kind: 'keep' }, NOW)).toEqual({ kind: 'not-stored' });
  });

  it('still says "only the header is here" for a headers-only download', () => {
    expect(popDecision(state({ downloadedAt: null, headersOnly: true }), { kind: 'keep' }, NOW)).toEqual({ kind: 'headers-only' });
  });

  it('a downloaded message kept on the server, and one not downloaded yet', () => {
    expect(popDecision(state({}), { kind: 'keep' }, NOW)).toEqual({ kind: 'kept', downloadedAt: NOW - DAY, untilDeletedHere: false });
    expect(popDecision(state({}), { kind: 'delete-when-deleted-here' }, NOW)).toEqual({ kind: 'kept', downloadedAt: NOW - DAY, untilDeletedHere: true });
    expect(popDecision(undefined, { kind: 'keep' }, NOW)).toEqual({ kind: 'not-downloaded' });
  });

  it('when the retention deletes it: at the next check, or on the first check after its day', () => {
    expect(popDecision(state({ deleteRequested: true }), { kind: 'delete-when-deleted-here' }, NOW)).toEqual({ kind: 'deleted-at-next-check', downloadedAt: NOW - DAY, deletedHere: true });
    expect(popDecision(state({}), { kind: 'delete-after-download' }, NOW)).toEqual({ kind: 'deleted-at-next-check', downloadedAt: NOW - DAY, deletedHere: false });
    expect(popDecision(state({}), { kind: 'delete-after-days', days: 7 }, NOW)).toEqual({ kind: 'deleted-after', downloadedAt: NOW - DAY, dueAt: NOW + 6 * DAY });
  });

  it('a deletion names the setting in force then; one the maildrop lists again is decided by today’s setting', () => {
    const deleted = state({ serverDeletedAt: NOW - 2 * DAY, serverDeletedBy: 'this-device', deletedUnder: { kind: 'delete-after-download' } });
    expect(popDecision(deleted, { kind: 'keep' }, NOW)).toEqual({ kind: 'deleted-by-this-device', deletedAt: NOW - 2 * DAY, deletedUnder: { kind: 'delete-after-download' } });
    expect(popDecision({ ...deleted, deletedUnder: undefined }, { kind: 'keep' }, NOW)).toMatchObject({ deletedUnder: null });
    expect(popDecision(deleted, { kind: 'keep' }, NOW, true)).toEqual({ kind: 'kept', downloadedAt: NOW - DAY, untilDeletedHere: false });
    expect(popDecision(state({ serverDeletedAt: NOW - DAY, serverDeletedBy: 'elsewhere' }), { kind: 'keep' }, NOW)).toEqual({ kind: 'deleted-elsewhere', goneAt: NOW - DAY });
  });
});
