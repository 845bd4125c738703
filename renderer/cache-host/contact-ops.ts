import type { Table } from 'dexie';
import { countContacts, mergedContact, mergedGroup, type ContactRecord, type CountedMessage, type RecipientGroupRecord } from '../../common/compose/contacts';
import type { FolderRecord, FolderRole, MessageRecord } from '../../common/model/mail';

/**
 * The contacts store's part of the cache operations (apply-ops.ts): each message is counted once,
 * when it is first stored (a move or a mode switch re-keys it, apply-ops' renames, and counts
 * nothing), inside the same transaction as the message.
 */

type Tables = {
  folders: Table<FolderRecord, string>;
  contacts: Table<ContactRecord, string>;
  recipientGroups: Table<RecipientGroupRecord, string>;
};

/**
 * How a folder's mail counts: Sent holds what the user wrote (its recipients), Drafts nothing yet
 * (a draft was not sent), Junk nothing (spam senders are no one to complete), any other folder
 * what others wrote to the user (its senders).
 */
function countedAs(role: FolderRole | null | undefined): 'sent' | 'received' | null {
  if (role === 'sent') return 'sent';
  if (role === 'drafts' || role === 'junk') return null;
  return 'received';
}

type Counted = Pick<MessageRecord, 'folderId' | 'from' | 'to' | 'cc' | 'date'>;

function counted(messages: readonly Counted[], roles: ReadonlyMap<string, FolderRole | null | undefined>): CountedMessage[] {
  return messages.flatMap((message) => {
    const as = countedAs(roles.get(message.folderId));
    return as ? [{ message, sentByUser: as === 'sent' }] : [];
  });
}

async function store(tables: Pick<Tables, 'contacts' | 'recipientGroups'>, counts: ReturnType<typeof countContacts>): Promise<void> {
  const { contacts, groups } = counts;
  if (contacts.length) {
    const stored = await tables.contacts.bulkGet(contacts.map((c) => c.address));
    await tables.contacts.bulkPut(contacts.map((c, i) => mergedContact(stored[i], c)));
  }
  if (groups.length) {
    const stored = await tables.recipientGroups.bulkGet(groups.map((g) => g.key));
    await tables.recipientGroups.bulkPut(groups.map((g, i) => mergedGroup(stored[i], g)));
  }
}

/** Counts messages stored for the first time (new mail, a first sync's batch, a message sent). */
export async function countNewMessages(tables: Tables, added: readonly MessageRecord[]): Promise<void> {
  if (!added.length) return;
  const folderIds = [...new Set(added.map((m) => m.folderId))];
  const folders = await tables.folders.bulkGet(folderIds);
  const roles = new Map(folderIds.map((id, i) => [id, folders[i]?.role]));
  await store(tables, countContacts(counted(added, roles), Date.now()));
}

/** Counts every message a cache holds: once, when schema version 8 adds the store (schema.ts). */
export async function countCachedMail(folders: Table<FolderRecord, string>, messages: Table<MessageRecord, string>, contacts: Table<ContactRecord, string>, recipientGroups: Table<RecipientGroupRecord, string>): Promise<void> {
  const roles = new Map((await folders.toArray()).map((f) => [f.id, f.role]));
  const all: Counted[] = [];
  // Only what is counted is kept in memory, not the records' snippets and words.
  await messages.each((m) => void all.push({ folderId: m.folderId, from: m.from, to: m.to, cc: m.cc, date: m.date }));
  await store({ contacts, recipientGroups }, countContacts(counted(all, roles), Date.now()));
}
