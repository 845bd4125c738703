import { describe, expect, it } from 'vitest';
import type { PendingChange, PendingOpRecord } from '../../../../common/model/pending';
import { PendingOverlay } from '../../../../main/sync/pending-overlay';
import { pendingOp } from '../../factories';

function overlayOf(...changes: PendingChange[]): PendingOverlay {
  const records: PendingOpRecord[] = changes.map((change, i) => pendingOp({ id: `op-${i}`, seq: i, change }));
  return new PendingOverlay(() => records);
}

describe('PendingOverlay.flags', () => {
  it('returns the server flags when nothing is pending for the message', () => {
    const overlay = overlayOf(
      { kind: 'flags', folderPath: 'INBOX', uids: [2], add: ['\\Seen'], remove: [] },
      { kind: 'flags', folderPath: 'Archive', uids: [1], add: ['\\Seen'], remove: [] },
    );
    expect(overlay.flags('INBOX', 1, ['\\Answered'])).toEqual(['\\Answered']);
  });

  it('applies pending adds and removes over the server flags, in order', () => {
    const overlay = overlayOf(
      { kind: 'flags', folderPath: 'INBOX', uids: [1, 2], add: ['\\Seen', '\\Flagged'], remove: [] },
      { kind: 'flags', folderPath: 'INBOX', uids: [1], add: [], remove: ['\\Flagged', '\\Answered'] },
    );
    expect(overlay.flags('INBOX', 1, ['\\Answered']).sort()).toEqual(['\\Seen']);
    expect(overlay.flags('INBOX', 2, []).sort()).toEqual(['\\Flagged', '\\Seen']);
  });

  it('ignores moves and expunges', () => {
    const overlay = overlayOf({ kind: 'expunge', folderPath: 'INBOX', uids: [1] });
    expect(overlay.flags('INBOX', 1, ['\\Seen'])).toEqual(['\\Seen']);
  });

  it('reads the pending list on every call', () => {
    const records: PendingOpRecord[] = [];
    const overlay = new PendingOverlay(() => records);
    expect(overlay.flags('INBOX', 1, [])).toEqual([]);

    records.push(pendingOp({ change: { kind: 'flags', folderPath: 'INBOX', uids: [1], add: ['\\Seen'], remove: [] } }));
    expect(overlay.flags('INBOX', 1, [])).toEqual(['\\Seen']);
  });
});

describe('PendingOverlay.leaving', () => {
  it('collects the UIDs of pending moves and expunges of that folder only', () => {
    const overlay = overlayOf(
      { kind: 'move', folderPath: 'INBOX', uids: [1, 2], toPath: 'Archive', placeholderIds: ['p1', 'p2'] },
      { kind: 'expunge', folderPath: 'INBOX', uids: [2, 5] },
      { kind: 'expunge', folderPath: 'Trash', uids: [9] },
      { kind: 'flags', folderPath: 'INBOX', uids: [7], add: ['\\Deleted'], remove: [] },
      { kind: 'append', folderPath: 'INBOX', raw: new Uint8Array(), flags: [], replacesUid: 8 },
    );
    expect([...overlay.leaving('INBOX')].sort((a, b) => a - b)).toEqual([1, 2, 5]);
    expect([...overlay.leaving('Trash')]).toEqual([9]);
    expect(overlay.leaving('Archive').size).toBe(0);
  });
});
