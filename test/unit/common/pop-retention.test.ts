import { describe, expect, it } from 'vitest';
import { describePopDecision } from '../../../common/model/pop-retention';
import type { PopStateRecord } from '../../../common/model/mail';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 11, 3);

function state(overrides: Partial<PopStateRecord>): PopStateRecord {
  return { uidl: 'u1', messageId: 'local:1', size: 100, contentHash: 'h', messageIdHeader: '<a@b>', firstSeenAt: NOW - DAY, downloadedAt: NOW - DAY, headersOnly: false, deleteRequested: false, serverDeletedAt: null, serverDeletedBy: null, ...overrides };
}

describe('describePopDecision: the server panel words for one maildrop message', () => {
  it('says a message a check could not store is kept on the server and not fetched again (not "only the header")', () => {
    expect(describePopDecision(state({ downloadedAt: null, contentHash: '' }), { kind: 'keep' }, NOW)).toBe('could not be stored here; kept on the server and not downloaded again');
  });

  it('still says "only the header is here" for a headers-only download', () => {
    expect(describePopDecision(state({ downloadedAt: null, headersOnly: true }), { kind: 'keep' }, NOW)).toMatch(/^only the header is here/);
  });

  it('words a downloaded message kept on the server', () => {
    expect(describePopDecision(state({}), { kind: 'keep' }, NOW)).toMatch(/^downloaded .*; kept on the server$/);
  });
});
