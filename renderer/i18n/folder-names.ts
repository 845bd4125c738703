import { defineMessages } from 'react-intl';
import { LOCAL_FOLDER_IDS, type FolderRecord } from '../../common/model/mail';
import { intl } from './intl';

const names = defineMessages({
  inbox: { id: 'folders.name.inbox', defaultMessage: 'Inbox' },
  drafts: { id: 'folders.name.drafts', defaultMessage: 'Drafts' },
  sent: { id: 'folders.name.sent', defaultMessage: 'Sent' },
  trash: { id: 'folders.name.trash', defaultMessage: 'Trash' },
});

const LOCAL_NAMES: ReadonlyMap<string, keyof typeof names> = new Map([
  [LOCAL_FOLDER_IDS.inbox, 'inbox'],
  [LOCAL_FOLDER_IDS.drafts, 'drafts'],
  [LOCAL_FOLDER_IDS.sent, 'sent'],
  [LOCAL_FOLDER_IDS.trash, 'trash'],
]);

/**
 * A folder's name as shown, in the language shown: the names Porthole gives (the IMAP INBOX, whose
 * name is fixed by RFC 3501, and a POP device's own Inbox, Drafts, Sent and Trash) are translated;
 * every other name is the one the folder has on the server or was given by its owner, as in
 * Thunderbird for folders it did not create.
 */
export function folderName(folder: Pick<FolderRecord, 'id' | 'origin' | 'path' | 'name'>): string {
  const own = folder.origin === 'server' ? (folder.path.toUpperCase() === 'INBOX' ? 'inbox' : undefined) : LOCAL_NAMES.get(folder.id);
  return own ? intl().formatMessage(names[own]) : folder.name;
}
