import { describe, expect, it } from 'vitest';
import type { FolderRecord, MessageRecord } from '../../../../../common/model/mail';
import { emptyFolderRecord } from '../../../../../main/sync/imap/folder-list';
import { FolderStates } from '../../../../../main/sync/imap/folder-states';
import { backfillBatchSize } from '../../../../../main/sync/imap/header-sync';
import { byServerFolder } from '../../../../../main/sync/imap/message-actions';
import type { MoveChange } from '../../../../../main/sync/imap/offline-queue';
import { movedOutcome } from '../../../../../main/sync/imap/replay-change';

const move: MoveChange = { kind: 'move', folderPath: 'INBOX', uids: [4, 5, 6], toPath: 'Archive', placeholderIds: ['pending:k:4', 'pending:k:5', 'pending:k:6'] };

describe('movedOutcome: placeholders of a move once the server answered', () => {
  it('renames each placeholder to the UID the server gave it (COPYUID, RFC 4315)', () => {
    const outcome = movedOutcome(move, new Map([[4, 40], [5, 41], [6, 42]]));
    expect(outcome).toEqual({
      ops: [
        {
          op: 'renameMessages',
          renames: [
            { from: 'pending:k:4', to: 'server:Archive#40', folderId: 'server:Archive', uid: 40 },
            { from: 'pending:k:5', to: 'server:Archive#41', folderId: 'server:Archive', uid: 41 },
            { from: 'pending:k:6', to: 'server:Archive#42', folderId: 'server:Archive', uid: 42 },
          ],
        },
      ],
      resync: [],
    });
  });

  it('drops a placeholder the answer does not name, and syncs the target to bring it in', () => {
    const outcome = movedOutcome(move, new Map([[5, 41]]));
    expect(outcome.ops).toEqual([
      { op: 'renameMessages', renames: [{ from: 'pending:k:5', to: 'server:Archive#41', folderId: 'server:Archive', uid: 41 }] },
      { op: 'deleteMessages', ids: ['pending:k:4', 'pending:k:6'] },
    ]);
    expect(outcome.resync).toEqual(['Archive']);
  });

  it('without COPYUID (no UIDPLUS): every placeholder goes and the target is synced', () => {
    expect(movedOutcome(move, undefined)).toEqual({ ops: [{ op: 'deleteMessages', ids: move.placeholderIds }], resync: ['Archive'] });
  });
});

describe('backfillBatchSize: the growing header batches of a backfill', () => {
  const folder = (backfillBelowUid: number | null, uidNext: number | null): Pick<FolderRecord, 'backfillBelowUid' | 'uidNext'> => ({ backfillBelowUid, uidNext });

  it('starts with a screenful when nothing below UIDNEXT is cached yet, whatever step it was at', () => {
    expect(backfillBatchSize(folder(500, 500), 4)).toEqual({ size: 100, step: 0 });
  });

  it('grows step by step, then stays at the largest batch', () => {
    expect([1, 2, 3, 4, 5, 9].map((step) => backfillBatchSize(folder(200, 500), step).size)).toEqual([400, 1_000, 2_500, 5_000, 5_000, 5_000]);
  });
});

describe('byServerFolder', () => {
  const message = (id: string, folderId: string, uid: number | null): MessageRecord => ({ id, folderId, uid }) as MessageRecord;

  it('groups server messages by folder path, leaving out local ones and moves in flight', () => {
    const grouped = byServerFolder([message('a', 'server:INBOX', 1), message('b', 'local:inbox', null), message('c', 'server:Work/2026', 7), message('d', 'server:INBOX', 2), message('p', 'server:Archive', null)]);
    expect([...grouped].map(([path, messages]) => [path, messages.map((m) => m.id)])).toEqual([
      ['INBOX', ['a', 'd']],
      ['Work/2026', ['c']],
    ]);
  });
});

describe('FolderStates', () => {
  it('knows the server folders, their roles and the delimiter (INBOX’s first)', () => {
    const folders = new FolderStates();
    folders.load([
      emptyFolderRecord('Projects', { delimiter: '/' }),
      emptyFolderRecord('INBOX', { delimiter: '.' }),
      emptyFolderRecord('Papierkorb', { role: 'trash' }),
      { ...emptyFolderRecord('Local'), origin: 'local' },
    ]);
    expect(folders.has('Local')).toBe(false);
    expect(folders.delimiter()).toBe('.');
    expect(folders.pathForRole('trash')).toBe('Papierkorb');
    expect(folders.pathForRole('sent')).toBeNull();
    expect(folders.state('Unlisted')).toEqual(emptyFolderRecord('Unlisted'));
    folders.replaceAll([emptyFolderRecord('Other', { delimiter: '/' })]);
    expect([...folders.all().keys()]).toEqual(['Other']);
    expect(folders.delimiter()).toBe('/');
  });
});
