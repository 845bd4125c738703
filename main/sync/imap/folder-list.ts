import type { ImapFlow, ListResponse } from 'imapflow';
import { serverFolderId, type FolderRecord, type FolderRole } from '../../../common/model/mail';

const ROLES: Record<string, FolderRole> = {
  '\\Inbox': 'inbox',
  '\\Sent': 'sent',
  '\\Drafts': 'drafts',
  '\\Trash': 'trash',
  '\\Junk': 'junk',
  '\\Archive': 'archive',
  '\\All': 'all',
  '\\Flagged': 'flagged',
};

export function emptyFolderRecord(path: string, overrides: Partial<FolderRecord> = {}): FolderRecord {
  return {
    id: serverFolderId(path),
    origin: 'server',
    path,
    name: path,
    delimiter: '/',
    parentPath: '',
    role: path.toUpperCase() === 'INBOX' ? 'inbox' : null,
    noSelect: false,
    serverTotal: null,
    serverUnseen: null,
    uidValidity: null,
    uidNext: null,
    highestModseq: null,
    backfillBelowUid: null,
    syncedAt: null,
    ...overrides,
  };
}

function toFolderRecord(entry: ListResponse, known: FolderRecord | undefined): FolderRecord {
  const base = known ?? emptyFolderRecord(entry.path);
  return {
    ...base,
    name: entry.path.toUpperCase() === 'INBOX' ? 'Inbox' : entry.name,
    delimiter: entry.delimiter,
    parentPath: entry.parentPath,
    role: entry.specialUse ? (ROLES[entry.specialUse] ?? null) : entry.path.toUpperCase() === 'INBOX' ? 'inbox' : null,
    noSelect: entry.flags.has('\\Noselect') || entry.flags.has('\\NonExistent'),
    serverTotal: entry.status?.messages ?? base.serverTotal,
    serverUnseen: entry.status?.unseen ?? base.serverUnseen,
  };
}

/**
 * The server's folders (LIST with SPECIAL-USE roles and STATUS counts), merged with what the
 * cache knows (sync state is kept), and the ids of cached folders the server no longer has.
 */
export async function listServerFolders(client: ImapFlow, cached: ReadonlyMap<string, FolderRecord>): Promise<{ folders: FolderRecord[]; removedIds: string[] }> {
  const entries = await client.list({ statusQuery: { messages: true, unseen: true } });
  const folders = entries.map((entry) => toFolderRecord(entry, cached.get(entry.path)));
  const present = new Set(folders.map((f) => f.id));
  const removedIds = [...cached.values()].filter((f) => f.origin === 'server' && !present.has(f.id)).map((f) => f.id);
  return { folders, removedIds };
}
