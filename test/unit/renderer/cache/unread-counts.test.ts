import { describe, expect, it } from 'vitest';
import { LOCAL_FOLDER_IDS, type FolderRecord } from '../../../../common/model/mail';
import { unreadOf } from '../../../../renderer/cache/hooks';

function folder(fields: Partial<FolderRecord>): FolderRecord {
  return {
    id: 'server:INBOX',
    origin: 'server',
    path: 'INBOX',
    name: 'Inbox',
    delimiter: '/',
    parentPath: '',
    role: 'inbox',
    noSelect: false,
    serverTotal: null,
    serverUnseen: null,
    uidValidity: null,
    uidNext: null,
    highestModseq: null,
    backfillBelowUid: null,
    syncedAt: null,
    ...fields,
  };
}

describe('a folder’s unread count (issue 12, item 1)', () => {
  it('counts a POP device’s local folders from the cached messages: POP has no server unread figure', () => {
    // A local folder never has an IMAP UIDNEXT nor a STATUS answer.
    const popInbox = folder({ id: LOCAL_FOLDER_IDS.inbox, origin: 'local', path: 'Inbox', uidNext: null, serverUnseen: null });
    expect(unreadOf(popInbox, 13)).toBe(13);
  });

  it('counts a synced IMAP folder from the cache, and one not synced yet from the server’s STATUS', () => {
    expect(unreadOf(folder({ uidNext: 120, serverUnseen: 4 }), 3)).toBe(3);
    expect(unreadOf(folder({ id: 'server:Archive', uidNext: null, serverUnseen: 4 }), 0)).toBe(4);
  });
});
