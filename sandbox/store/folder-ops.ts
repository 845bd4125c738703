import { randomBytes } from 'node:crypto';
import { isSameOrBelow, normalizeFolderName, superiorNames, validFolderName, HIERARCHY_DELIMITER } from './folder-names';
import { StoreError, type ChangeOrigin, type FolderRecord, type SpecialUse, type StoreEvent, type UserMailbox } from './types';

/**
 * Folder mutations on one user's in-memory mailbox (RFC 3501 §6.3.3-6.3.5). They return the
 * events they caused; MailStore emits them and makes the change durable.
 */

/** RFC 3501 §2.3.1.1: a folder name that comes back gets a new, larger UIDVALIDITY. */
export function nextUidValidity(mailbox: UserMailbox): number {
  mailbox.lastUidValidity = Math.max(mailbox.lastUidValidity + 1, Math.floor(Date.now() / 1000));
  return mailbox.lastUidValidity;
}

/** A new, empty folder record; it is not part of any mailbox yet. */
export function newFolder(mailbox: UserMailbox, name: string, specialUse: SpecialUse | null): FolderRecord {
  return {
    id: randomBytes(8).toString('hex'),
    name,
    specialUse,
    uidValidity: nextUidValidity(mailbox),
    uidNext: 1,
    highestModseq: 1,
    messages: [],
    expunged: [],
  };
}

/** The folder of that name (INBOX in any case). */
export function findFolder(mailbox: UserMailbox, name: string): FolderRecord | undefined {
  const wanted = normalizeFolderName(name);
  return mailbox.folders.find((folder) => folder.name === wanted);
}

/** Whether any folder is below `name` in the hierarchy. */
export function hasChildren(mailbox: UserMailbox, name: string): boolean {
  return mailbox.folders.some((folder) => folder.name.startsWith(name + HIERARCHY_DELIMITER));
}

/** CREATE: the folder and any missing superior folders; fails if the name exists. */
export function createFolder(mailbox: UserMailbox, input: string): FolderRecord {
  const name = validFolderName(input);
  if (findFolder(mailbox, name)) throw new StoreError('ALREADYEXISTS', 'Mailbox already exists');
  for (const superior of superiorNames(name)) {
    if (!findFolder(mailbox, superior)) mailbox.folders.push(newFolder(mailbox, superior, null));
  }
  const folder = newFolder(mailbox, name, null);
  mailbox.folders.push(folder);
  return folder;
}

/** RENAME: the folder and everything below it keep their UIDVALIDITY and messages. */
export function renameFolder(mailbox: UserMailbox, fromInput: string, toInput: string, origin: ChangeOrigin): StoreEvent[] {
  const from = normalizeFolderName(fromInput);
  const to = validFolderName(toInput);
  // RFC 3501 §6.3.5 would move INBOX's messages into a new folder; the sandbox does not offer that.
  if (from === 'INBOX' || to === 'INBOX') throw new StoreError('CANNOT', 'INBOX cannot be renamed here');
  if (!findFolder(mailbox, from)) throw new StoreError('NONEXISTENT', 'No such mailbox');
  if (findFolder(mailbox, to)) throw new StoreError('ALREADYEXISTS', 'Target mailbox already exists');
  if (isSameOrBelow(to, from)) throw new StoreError('CANNOT', 'Cannot rename a mailbox below itself');
  const events: StoreEvent[] = [];
  const moved = mailbox.folders.filter((folder) => isSameOrBelow(folder.name, from));
  for (const folder of moved) {
    folder.name = to + folder.name.slice(from.length);
    events.push({ kind: 'folder-renamed', folderId: folder.id, name: folder.name, origin });
  }
  mailbox.subscriptions = mailbox.subscriptions.map((name) => (isSameOrBelow(name, from) ? to + name.slice(from.length) : name));
  for (const superior of superiorNames(to)) {
    if (!findFolder(mailbox, superior)) mailbox.folders.push(newFolder(mailbox, superior, null));
  }
  return events;
}

/** DELETE: not INBOX, and not a folder with folders below it (RFC 9051 §7.1 HASCHILDREN). */
export function deleteFolder(mailbox: UserMailbox, input: string, origin: ChangeOrigin): StoreEvent[] {
  const name = normalizeFolderName(input);
  if (name === 'INBOX') throw new StoreError('CANNOT', 'INBOX cannot be deleted');
  const folder = findFolder(mailbox, name);
  if (!folder) throw new StoreError('NONEXISTENT', 'No such mailbox');
  if (hasChildren(mailbox, name)) throw new StoreError('HASCHILDREN', 'Delete the mailboxes below it first');
  mailbox.folders = mailbox.folders.filter((candidate) => candidate !== folder);
  return [{ kind: 'folder-deleted', folderId: folder.id, origin }];
}
