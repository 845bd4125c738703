import Dexie from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { defineMessages, type MessageDescriptor } from 'react-intl';
import type { FolderRecord, FolderRole, MessageRecord } from '../../common/model/mail';
import { readDb } from './read-db';
import type { ReadonlyDeviceCache } from './readonly-cache';
import type { Identity } from '../../common/model/identity';

/** The views over every account: their inboxes, and what is unread or flagged anywhere. */
export type UnifiedKind = 'inbox' | 'unread' | 'flagged';

/** One account as a unified view reads it: the device shown for it on this computer. */
export interface UnifiedSource {
  accountId: string;
  deviceId: string;
  address: string;
  /** The addresses the account writes from: a reply is written from the one the message was sent to. */
  identities: Identity[];
  dbName: string;
}

/** A message of a unified view, with the account and cache it is in. */
export interface UnifiedEntry {
  /** Unique across accounts: the cache's name and the message's id. */
  key: string;
  source: UnifiedSource;
  message: MessageRecord;
}

export interface UnifiedList {
  entries: UnifiedEntry[];
  /** Accounts that had more than UNIFIED_PER_ACCOUNT messages for the view (the newest are shown). */
  cutAccounts: string[];
  /** Accounts whose cache could not be read here (left out; the others are shown). */
  failed: string[];
}

/** An entry's key: unique across accounts, where message ids are not (`server:INBOX#1` is in every IMAP account). */
export function entryKey(source: Pick<UnifiedSource, 'dbName'>, messageId: string): string {
  return `${source.dbName}\n${messageId}`;
}

/**
 * The newest messages read per account. A view holds whole records (it reads several caches, so
 * a row cannot read its record from one), and the newest 2,000 of each account is what a person
 * reads in a unified view; the account's own folders show everything.
 */
export const UNIFIED_PER_ACCOUNT = 2_000;

/** Folders Unread and Flagged leave out: what is there was thrown away, written by the user, or unsent. */
const NOT_IN_UNREAD_OR_FLAGGED: ReadonlySet<FolderRole> = new Set(['trash', 'junk', 'sent', 'drafts']);

/** The views' names, formatted where they are shown. */
export const UNIFIED_TITLES: Record<UnifiedKind, MessageDescriptor> = defineMessages({
  inbox: { id: 'unified.title.inbox', defaultMessage: 'All inboxes' },
  unread: { id: 'unified.title.unread', defaultMessage: 'Unread' },
  flagged: { id: 'unified.title.flagged', defaultMessage: 'Flagged' },
});

/** Whether a message of the view's folders belongs in the view (unread, flagged, or any in an inbox). */
export function belongsTo(kind: UnifiedKind): (message: MessageRecord) => boolean {
  if (kind === 'unread') return (m) => m.seen === 0;
  if (kind === 'flagged') return (m) => m.flagged === 1;
  return () => true;
}

/** The folders a view reads: the inbox, or for Unread and Flagged every folder but trash, junk, sent and drafts. */
export function viewFolders<F extends Pick<FolderRecord, 'role'>>(kind: UnifiedKind, folders: readonly F[]): F[] {
  return folders.filter((f) => (kind === 'inbox' ? f.role === 'inbox' : !(f.role && NOT_IN_UNREAD_OR_FLAGGED.has(f.role))));
}

/** One account's messages for the view, newest first, at most `limit` (and whether there were more). */
export async function accountEntries(db: ReadonlyDeviceCache, kind: UnifiedKind, limit = UNIFIED_PER_ACCOUNT): Promise<{ messages: MessageRecord[]; cut: boolean }> {
  const folders = await db.folders.toArray();
  const chosen = viewFolders(kind, folders);
  const keep = belongsTo(kind);
  const messages: MessageRecord[] = [];
  for (const folder of chosen) {
    if (kind === 'unread') {
      // The unread records alone, by their index, when they are few (a large folder read to the end
      // would otherwise be walked whole); many unread are found soon walking by date instead.
      const unread = db.messages.where('[folderId+seen]').equals([folder.id, 0]);
      if ((await unread.count()) <= limit) {
        messages.push(...(await unread.toArray()));
        continue;
      }
    }
    // Each folder newest first by its date index, stopping after `limit + 1`: one more says "cut".
    const range = db.messages.where('[folderId+date]').between([folder.id, Dexie.minKey], [folder.id, Dexie.maxKey]).reverse();
    messages.push(...(await (kind === 'inbox' ? range : range.filter(keep)).limit(limit + 1).toArray()));
  }
  messages.sort((a, b) => b.date - a.date || (a.id < b.id ? -1 : 1));
  return { messages: messages.slice(0, limit), cut: messages.length > limit };
}

/** The entries of every source, newest first (an account whose cache cannot be read is left out, named in `failed`). */
export async function unifiedList(sources: readonly UnifiedSource[], kind: UnifiedKind, limit = UNIFIED_PER_ACCOUNT, open: (dbName: string) => ReadonlyDeviceCache = readDb): Promise<UnifiedList> {
  const entries: UnifiedEntry[] = [];
  const cutAccounts: string[] = [];
  const failed: string[] = [];
  for (const source of sources) {
    try {
      const { messages, cut } = await accountEntries(open(source.dbName), kind, limit);
      if (cut) cutAccounts.push(source.address);
      for (const message of messages) entries.push({ key: entryKey(source, message.id), source, message });
    } catch {
      failed.push(source.address);
    }
  }
  entries.sort((a, b) => b.message.date - a.message.date || (a.key < b.key ? -1 : 1));
  return { entries, cutAccounts, failed };
}

/** A unified view, live: it follows every change of any of the caches it reads. Undefined while loading. */
export function useUnifiedList(sources: readonly UnifiedSource[], kind: UnifiedKind | null): (UnifiedList & { kind: UnifiedKind }) | undefined {
  const sourcesKey = sources.map((s) => `${s.accountId}/${s.deviceId}/${s.dbName}`).join('\n');
  const result = useLiveQuery(async () => (kind ? { kind, key: sourcesKey, ...(await unifiedList(sources, kind)) } : undefined), [kind, sourcesKey]);
  return result && result.kind === kind && result.key === sourcesKey ? result : undefined;
}
