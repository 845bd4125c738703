import { defineMessages, type IntlShape } from 'react-intl';
import { LOCAL_FOLDER_IDS, type FolderRecord, type FolderRole } from '../../common/model/mail';
import { intl } from './intl';

const names = defineMessages({
  inbox: { id: 'folders.name.inbox', defaultMessage: 'Inbox' },
  drafts: { id: 'folders.name.drafts', defaultMessage: 'Drafts' },
  sent: { id: 'folders.name.sent', defaultMessage: 'Sent' },
  trash: { id: 'folders.name.trash', defaultMessage: 'Trash' },
  junk: { id: 'folders.name.junk', defaultMessage: 'Junk' },
  archive: { id: 'folders.name.archive', defaultMessage: 'Archive' },
});

/** The server's special-use folders (RFC 6154) that Porthole says in the language shown when the server calls them by these English names. */
const SERVER_STANDARD: Partial<Record<FolderRole, keyof typeof names>> = { drafts: 'drafts', sent: 'sent', trash: 'trash', junk: 'junk', archive: 'archive' };

/** What naming a folder needs of its record. */
type ShownFolder = Pick<FolderRecord, 'id' | 'origin' | 'path' | 'name'> & { role?: FolderRecord['role'] };

const LOCAL_NAMES: ReadonlyMap<string, keyof typeof names> = new Map([
  [LOCAL_FOLDER_IDS.inbox, 'inbox'],
  [LOCAL_FOLDER_IDS.drafts, 'drafts'],
  [LOCAL_FOLDER_IDS.sent, 'sent'],
  [LOCAL_FOLDER_IDS.trash, 'trash'],
]);

/**
 * A folder's name as shown, in the language shown: the names Porthole gives (the IMAP INBOX, whose
 * name is fixed by RFC 3501, and a POP device's own Inbox, Drafts, Sent and Trash) are translated,
 * and so is a server's special-use folder (RFC 6154) that has the standard English name ("Sent"
 * marked \Sent is "Gesendet" in German), as Thunderbird does. Every other name is the one the
 * folder has on the server or was given by its owner ("Sent Items", "Gesendete Objekte"). `words`:
 * a component's own layer, or the one of the language shown now.
 */
export function folderName(folder: ShownFolder, words: IntlShape = intl()): string {
  const own = standardName(folder);
  return own ? words.formatMessage(names[own]) : folder.name;
}

/**
 * A folder as a notice names it: a standard folder as the folder list says it (folderName), any
 * other by its whole path, since two folders may share a name ("Work/2024", "Home/2024").
 */
export function folderPathName(folder: ShownFolder, words: IntlShape = intl()): string {
  const own = standardName(folder);
  return own ? words.formatMessage(names[own]) : folder.path;
}

/** The name Porthole says in the language shown, when the folder has one. */
function standardName(folder: ShownFolder): keyof typeof names | undefined {
  return folder.origin === 'server' ? serverStandardName(folder) : LOCAL_NAMES.get(folder.id);
}

function serverStandardName(folder: ShownFolder): keyof typeof names | undefined {
  if (folder.path.toUpperCase() === 'INBOX') return 'inbox';
  const standard = folder.role ? SERVER_STANDARD[folder.role] : undefined;
  // The English name exactly: in English nothing changes, and a name the user or server chose stays.
  return standard && folder.name === names[standard].defaultMessage ? standard : undefined;
}
