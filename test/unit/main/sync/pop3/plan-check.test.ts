import { describe, expect, it } from 'vitest';
import type { PopRetention, PopSettings } from '../../../../../common/model/account';
import type { PopStateRecord } from '../../../../../common/model/mail';
import { uidlsToDelete } from '../../../../../common/model/pop-retention';
import { planCheck, type MaildropEntry } from '../../../../../main/sync/pop3/pop-check';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 11, 4);

function state(uidl: string, overrides: Partial<PopStateRecord> = {}): PopStateRecord {
  return { uidl, messageId: `local:${uidl}`, size: 100, contentHash: 'h', messageIdHeader: '', firstSeenAt: NOW - 3 * DAY, downloadedAt: NOW - 3 * DAY, headersOnly: false, deleteRequested: false, serverDeletedAt: null, serverDeletedBy: null, ...overrides };
}
const entry = (number: number, uidl: string | null, size = 100): MaildropEntry => ({ number, uidl, size });
const settings = (retention: PopRetention, headersOnlyOverBytes: number | null = null): PopSettings => ({ retention, checkEveryMinutes: null, headersOnlyOverBytes });
const states = (...records: PopStateRecord[]): Map<string, PopStateRecord> => new Map(records.map((r) => [r.uidl, r]));
const numbers = (entries: MaildropEntry[]): number[] => entries.map((e) => e.number);

describe('planCheck: what a POP check will do (the dry run shows the same)', () => {
  it('downloads only what this device has no record of, and counts the rest as already here', () => {
    const plan = planCheck([entry(1, 'a'), entry(2, 'b'), entry(3, 'c')], states(state('b')), settings({ kind: 'keep' }), NOW);
    expect(numbers(plan.download)).toEqual([1, 3]);
    expect(plan.headersOnly).toEqual([]);
    expect(plan.deletions).toEqual([]);
    expect(plan.alreadyHere).toBe(1);
  });

  it('takes only the header of a new message over the size limit', () => {
    const plan = planCheck([entry(1, 'a', 50), entry(2, 'b', 5_000)], states(), settings({ kind: 'keep' }, 1_000), NOW);
    expect(numbers(plan.download)).toEqual([1]);
    expect(numbers(plan.headersOnly)).toEqual([2]);
  });

  it('fetches a headers-only message whole once it fits under the limit, and leaves it while it does not', () => {
    const known = states(state('a', { headersOnly: true, downloadedAt: null, size: 5_000 }));
    expect(numbers(planCheck([entry(1, 'a', 5_000)], known, settings({ kind: 'keep' }, 10_000), NOW).download)).toEqual([1]);
    const stillLarge = planCheck([entry(1, 'a', 5_000)], known, settings({ kind: 'keep' }, 1_000), NOW);
    expect(stillLarge.download).toEqual([]);
    expect(stillLarge.headersOnly).toEqual([]);
    expect(stillLarge.alreadyHere).toBe(1);
  });

  it('"delete right after download" deletes this check’s downloads too, never a headers-only one', () => {
    const plan = planCheck([entry(1, 'a'), entry(2, 'b', 5_000), entry(3, 'c')], states(state('c')), settings({ kind: 'delete-after-download' }, 1_000), NOW);
    expect(numbers(plan.download)).toEqual([1]);
    expect(numbers(plan.deletions)).toEqual([1, 3]);
  });

  it('without UIDL, downloads everything, and deletes only under "delete right after download"', () => {
    const maildrop = [entry(1, null), entry(2, null)];
    expect(numbers(planCheck(maildrop, states(), settings({ kind: 'keep' }), NOW).download)).toEqual([1, 2]);
    expect(planCheck(maildrop, states(), settings({ kind: 'delete-after-days', days: 1 }), NOW).deletions).toEqual([]);
    expect(numbers(planCheck(maildrop, states(), settings({ kind: 'delete-after-download' }), NOW).deletions)).toEqual([1, 2]);
  });

  it('deletes after N days those downloaded N days ago, not this check’s downloads', () => {
    const plan = planCheck([entry(1, 'old'), entry(2, 'new')], states(state('old', { downloadedAt: NOW - 2 * DAY })), settings({ kind: 'delete-after-days', days: 2 }), NOW);
    expect(numbers(plan.deletions)).toEqual([1]);
  });

  it('keeps a user’s "deleted here" wish on a message downloaded again', () => {
    const known = states(state('a', { headersOnly: true, downloadedAt: null, deleteRequested: true }));
    const plan = planCheck([entry(1, 'a')], known, settings({ kind: 'delete-when-deleted-here' }), NOW);
    expect(numbers(plan.download)).toEqual([1]);
    expect(numbers(plan.deletions)).toEqual([1]);
  });
});

describe('uidlsToDelete: which server copies a check deletes', () => {
  const onServer = new Set(['a', 'b', 'c', 'd']);

  it('only messages downloaded whole that the server still lists and has not seen deleted', () => {
    const all = [state('a'), state('b', { headersOnly: true }), state('c', { downloadedAt: null }), state('d', { serverDeletedAt: NOW - DAY }), state('gone')];
    expect(uidlsToDelete(all, onServer, { kind: 'delete-after-download' }, NOW)).toEqual(['a']);
  });

  it('never under "keep"', () => {
    expect(uidlsToDelete([state('a'), state('b')], onServer, { kind: 'keep' }, NOW)).toEqual([]);
  });

  it('after N days: due on the day, not before', () => {
    const all = [state('a', { downloadedAt: NOW - 7 * DAY }), state('b', { downloadedAt: NOW - 7 * DAY + 1 })];
    expect(uidlsToDelete(all, onServer, { kind: 'delete-after-days', days: 7 }, NOW)).toEqual(['a']);
  });

  it('"when deleted here": only what the user deleted on this device', () => {
    expect(uidlsToDelete([state('a', { deleteRequested: true }), state('b')], onServer, { kind: 'delete-when-deleted-here' }, NOW)).toEqual(['a']);
  });
});
