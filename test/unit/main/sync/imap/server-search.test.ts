import type { ImapFlow, SearchObject } from 'imapflow';
import { searchCompiler } from 'imapflow/lib/search-compiler.js';
import { describe, expect, it } from 'vitest';
import { emptyFolderRecord } from '../../../../../main/sync/imap/folder-list';
import { FolderStates } from '../../../../../main/sync/imap/folder-states';
import { foldersToSearch } from '../../../../../main/sync/imap/server-search';
import { allOf, serverCriteria } from '../../../../../main/sync/imap/server-search-query';
import type { MessageRecord } from '../../../../../common/model/mail';
import { emptyQuery, type SearchQuery } from '../../../../../common/search/query';

/** The capabilities of the test Dovecot that change what imapflow compiles (WITHIN would turn dates into OLDER/YOUNGER). */
const connection = { capabilities: new Map<string, boolean>([['IMAP4rev1', true]]), enabled: new Set<string>() } as unknown as ImapFlow;

interface Attribute {
  type: string;
  value: unknown;
}

/** The compiled search keys as the command line shows them; a literal (non-ASCII text) as {text}. */
function render(attributes: Array<Attribute | Attribute[]>): string {
  return attributes
    .map((a) => {
      if (Array.isArray(a)) return `(${render(a)})`;
      if (a.type === 'LITERAL') return `{${Buffer.from(a.value as Uint8Array).toString('utf8')}}`;
      const text = String(a.value);
      return /[\s()"]/.test(text) || text === '' ? JSON.stringify(text) : text;
    })
    .join(' ');
}

function wire(search: SearchObject): string {
  return render(searchCompiler(connection, search) as unknown as Attribute[]);
}

function query(parts: Partial<SearchQuery>): SearchQuery {
  return { ...emptyQuery(), ...parts };
}

const word = (text: string, exclude = false, phrase = false) => ({ text, exclude, phrase });

function record(overrides: Partial<MessageRecord>): MessageRecord {
  return { id: 'server:INBOX#1', folderId: 'server:INBOX', uid: 1, messageId: '', inReplyTo: '', subject: '', from: [], to: [], cc: [], replyTo: [], date: 0, size: 0, flags: [], seen: 0, flagged: 0, hasAttachments: false, snippet: '', popUidl: null, ...overrides };
}

describe('a search box query as IMAP SEARCH keys (RFC 3501 §6.4.4)', () => {
  it('searches words and phrases anywhere with TEXT, every one of them required', () => {
    const criteria = serverCriteria(query({ anywhere: [word('invoice'), word('lunch plans', false, true), word('tomorrow')] }))!;
    expect(wire(criteria.search)).toBe('TEXT invoice (TEXT "lunch plans" TEXT tomorrow)');
    expect(criteria.termCount).toBe(3);
  });

  it('sends fields to their own keys and an excluded word or field as NOT', () => {
    const criteria = serverCriteria(
      query({
        anywhere: [word('spam', true)],
        fields: [
          { ...word('ann'), field: 'from' },
          { ...word('bob'), field: 'to' },
          { ...word('carol'), field: 'cc' },
          { ...word('lunch plans', false, true), field: 'subject' },
          { ...word('agenda'), field: 'body' },
          { ...word('dave', true), field: 'from' },
        ],
      }),
    )!;
    expect(wire(criteria.search)).toBe('NOT TEXT spam (FROM ann (TO bob (CC carol (SUBJECT "lunch plans" (BODY agenda NOT FROM dave)))))');
  });

  it('asks for unread, read, flagged and unflagged by flag, and sizes in bytes', () => {
    expect(wire(serverCriteria(query({ unread: true, flagged: true }))!.search)).toBe('UNSEEN FLAGGED');
    expect(wire(serverCriteria(query({ unread: false, flagged: false }))!.search)).toBe('SEEN UNFLAGGED');
    expect(wire(serverCriteria(query({ largerThan: 2 * 1024 * 1024 }))!.search)).toBe('LARGER 2097152');
    // A SEARCH number is 32 bits: no message is larger than that, so nothing matches.
    expect(wire(serverCriteria(query({ largerThan: 1e13 }))!.search)).toBe('LARGER 4294967295');
  });

  it('sends non-ASCII words as literals under CHARSET UTF-8 (German, Arabic, CJK)', () => {
    const criteria = serverCriteria(query({ anywhere: [word('Grüße'), word('مرحبا'), word('会議')] }))!;
    expect(wire(criteria.search)).toBe('CHARSET UTF-8 TEXT {Grüße} (TEXT {مرحبا} TEXT {会議})');
  });

  it('widens dates by a day on the server (it compares the Date header’s day as written) and checks each hit’s date exactly', () => {
    const after = new Date(2026, 2, 10).getTime();
    const before = new Date(2026, 2, 12).getTime();
    const criteria = serverCriteria(query({ after, before }))!;
    const DAY = 86_400_000;
    const imapDay = (ms: number) => {
      const [year, month, day] = new Date(ms).toISOString().slice(0, 10).split('-');
      return `${day}-${'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ')[Number(month) - 1]}-${year}`;
    };
    // In any time zone the server's days cover the local ones: from the UTC day before `after`'s
    // to (excluded) at least the UTC day after `before`'s.
    const beforeDay = before + DAY;
    const expectedBefore = imapDay(new Date(beforeDay).toISOString().endsWith('T00:00:00.000Z') ? beforeDay : beforeDay + DAY);
    expect(wire(criteria.search)).toBe(`SENTBEFORE ${expectedBefore} SENTSINCE ${imapDay(after - DAY)}`);
    expect(criteria.keeps(record({ date: after }))).toBe(true);
    expect(criteria.keeps(record({ date: before - 1 }))).toBe(true);
    expect(criteria.keeps(record({ date: before }))).toBe(false);
    expect(criteria.keeps(record({ date: after - 1 }))).toBe(false);
  });

  it('approximates has:attachment by the Content-Type header, then keeps only hits whose structure has one', () => {
    const criteria = serverCriteria(query({ hasAttachment: true }))!;
    expect(wire(criteria.search)).toBe('HEADER CONTENT-TYPE multipart/mixed');
    expect(criteria.keeps(record({ hasAttachments: true }))).toBe(true);
    expect(criteria.keeps(record({ hasAttachments: false }))).toBe(false);
    expect(criteria.notes).toEqual([{ kind: 'attachmentByType' }]);
  });

  it('searches filename: as text and keeps only hits with an attachment', () => {
    const criteria = serverCriteria(query({ fields: [{ ...word('report.pdf'), field: 'filename' }] }))!;
    expect(wire(criteria.search)).toBe('TEXT report.pdf');
    expect(criteria.keeps(record({ hasAttachments: false }))).toBe(false);
    expect(criteria.keeps(record({ hasAttachments: true }))).toBe(true);
    expect(criteria.notes).toEqual([{ kind: 'filenameAsText', name: 'report.pdf' }]);
    // What the server searches exactly has no note.
    expect(serverCriteria(query({ fields: [{ ...word('ann'), field: 'from' }] }))!.notes).toEqual([]);
  });

  it('has nothing to ask the server for an empty query or one that only names a folder', () => {
    expect(serverCriteria(emptyQuery())).toBeNull();
    expect(serverCriteria(query({ inFolder: 'Archive' }))).toBeNull();
    expect(serverCriteria(query({ anywhere: [word('')] }))).toBeNull();
  });

  it('chains any number of terms one level deeper each, one key per level', () => {
    expect(allOf([])).toEqual({});
    expect(allOf([{ text: 'a' }])).toEqual({ text: 'a' });
    expect(wire(allOf([{ text: 'a' }, { text: 'b' }, { seen: false }, { not: { from: 'x' } }]))).toBe('TEXT a (TEXT b (UNSEEN NOT FROM x))');
  });
});

describe('the folders a server search covers', () => {
  function states(selected: string): FolderStates {
    const folders = new FolderStates();
    folders.replaceAll([
      emptyFolderRecord('Archive'),
      emptyFolderRecord('INBOX'),
      emptyFolderRecord('Sent'),
      { ...emptyFolderRecord('Lists'), noSelect: true },
      { ...emptyFolderRecord('Projects/2026'), name: '2026' },
    ]);
    folders.selectedPath = selected;
    return folders;
  }

  it('starts with the selected folder, then INBOX, then the rest by path, skipping folders that hold no mail', () => {
    expect(foldersToSearch(states('Sent'), null, null).map((f) => f.path)).toEqual(['Sent', 'INBOX', 'Archive', 'Projects/2026']);
    expect(foldersToSearch(states('INBOX'), ['Archive', 'INBOX', 'Archive'], null).map((f) => f.path)).toEqual(['INBOX', 'Archive']);
  });

  it('narrows to in: by name or path, in any case', () => {
    expect(foldersToSearch(states('INBOX'), null, 'archive').map((f) => f.path)).toEqual(['Archive']);
    expect(foldersToSearch(states('INBOX'), null, '2026').map((f) => f.path)).toEqual(['Projects/2026']);
    expect(foldersToSearch(states('INBOX'), null, 'projects/2026').map((f) => f.path)).toEqual(['Projects/2026']);
    expect(foldersToSearch(states('INBOX'), null, 'Nowhere')).toEqual([]);
  });

  it('refuses a folder the account does not have, naming it', () => {
    expect(() => foldersToSearch(states('INBOX'), ['INBOX', 'Gone'], null)).toThrow(/no folder “Gone”/);
  });
});
