import { LOCAL_FOLDER_IDS, type FolderRecord, type FolderRole } from '../../../common/model/mail';

export const LOCAL_DELIMITER = '/';

export function localFolder(id: string, path: string, role: FolderRole | null): FolderRecord {
  const slash = path.lastIndexOf(LOCAL_DELIMITER);
  return {
    id,
    origin: 'local',
    path,
    name: slash >= 0 ? path.slice(slash + 1) : path,
    delimiter: LOCAL_DELIMITER,
    parentPath: slash >= 0 ? path.slice(0, slash) : '',
    role,
    noSelect: false,
    serverTotal: null,
    serverUnseen: null,
    uidValidity: null,
    uidNext: null,
    highestModseq: null,
    backfillBelowUid: 0,
    syncedAt: null,
  };
}

/** The folders every POP device has from the start: the maildrop's mail lands in Inbox. */
export const DEFAULT_LOCAL_FOLDERS: FolderRecord[] = [
  localFolder(LOCAL_FOLDER_IDS.inbox, 'Inbox', 'inbox'),
  localFolder(LOCAL_FOLDER_IDS.drafts, 'Drafts', 'drafts'),
  localFolder(LOCAL_FOLDER_IDS.sent, 'Sent', 'sent'),
  localFolder(LOCAL_FOLDER_IDS.trash, 'Trash', 'trash'),
];

/** A folder name the user may choose: not empty, no delimiter, no control characters. */
export function validFolderName(name: string): boolean {
  return name.trim().length > 0 && !name.includes(LOCAL_DELIMITER) && !/\p{Cc}/u.test(name);
}
