import type { Dexie, Table } from 'dexie';
import type { AttachmentRecord, BodyRecord, FolderRecord, MessageRecord, PopStateRecord, RawSourceRecord } from '../../common/model/mail';
import type { PendingOpRecord } from '../../common/model/pending';
import type { AttachmentChunkRecord, RawSourceChunkRecord } from '../../common/model/raw-source';
import type { SearchTermsRecord } from '../../common/search/index-record';
import type { ContactRecord, RecipientGroupRecord } from '../../common/compose/contacts';

/** A device cache's tables: each one's records and primary key. */
export interface CacheTables {
  folders: Table<FolderRecord, string>;
  messages: Table<MessageRecord, string>;
  bodies: Table<BodyRecord, string>;
  attachments: Table<AttachmentRecord, string>;
  pendingOps: Table<PendingOpRecord, string>;
  popState: Table<PopStateRecord, string>;
  rawSources: Table<RawSourceRecord, string>;
  rawSourceChunks: Table<RawSourceChunkRecord, [string, number]>;
  attachmentChunks: Table<AttachmentChunkRecord, [string, number]>;
  searchTerms: Table<SearchTermsRecord, number>;
  contacts: Table<ContactRecord, string>;
  recipientGroups: Table<RecipientGroupRecord, string>;
}

/** Tables of every version: the current ones, and those a later version deleted. */
type Stores = { [Name in keyof CacheTables | 'searchIndex']?: string | null };

/**
 * Every schema version's tables and indexes, oldest first: what each version adds or changes
 * (a table's whole index list when it changes; null deletes a table). Never edit a version once
 * released: databases on users' machines were made by it. Only small fields are indexed; bodies,
 * sources and attachments sit in their own tables.
 *
 * Declared here, apart from the upgrades, because the UI and the cache host open the same database:
 * the host declares these with its upgrades (renderer/cache-host/schema.ts), the UI without any
 * (renderer/cache/read-db.ts).
 */
export const SCHEMA_VERSIONS: ReadonlyArray<{ version: number; stores: Stores }> = [
  {
    version: 1,
    stores: {
      folders: 'id, path',
      messages: 'id, [folderId+date], [folderId+uid], [folderId+seen], messageId, popUidl',
      bodies: 'messageId',
      attachments: 'id, messageId',
      pendingOps: 'id, seq',
    },
  },
  // POP: what the maildrop held and what became of it; the sources exactly as received.
  { version: 2, stores: { popState: 'uidl, messageId, contentHash, messageIdHeader', rawSources: 'messageId' } },
  // Local search: a multi-entry index of the sender and subject words (the host fills `words`).
  { version: 3, stores: { messages: 'id, [folderId+date], [folderId+uid], [folderId+seen], messageId, popUidl, *words' } },
  // Sources over the size limit, in pieces written while they download (issue 11).
  { version: 4, stores: { rawSourceChunks: '[messageId+index], messageId' } },
  // Attachments read out of such a source on request, in pieces too (issue 11).
  { version: 5, stores: { attachmentChunks: '[attachmentId+index], attachmentId, messageId' } },
  // Full-text search (issue 15): each message's header, body and attachment-name terms, apart from
  // the message records; `hasBody` finds the records whose body came later than they did.
  { version: 6, stores: { searchIndex: 'messageId, folderId, hasBody, *terms' } },
  // The same index with each message's terms under a number the message record carries, so a move
  // or a switch re-keys the message record only (common/search/index-record.ts). The records of
  // version 6 go: the host's background build makes the new ones, as it did for version 6.
  {
    version: 7,
    stores: {
      messages: 'id, [folderId+date], [folderId+uid], [folderId+seen], messageId, popUidl, *words, searchDoc',
      searchIndex: null,
      searchTerms: 'doc, hasBody, *terms',
    },
  },
  // Address completion (issue 16): who the user wrote to or heard from, and whom they wrote to
  // together (common/compose/contacts.ts); the host's upgrade counts the mail cached before it.
  { version: 8, stores: { contacts: 'address', recipientGroups: 'key' } },
];

/** Declares every version's tables on `db`, without upgrades; returns the newest version. */
export function declareSchemaVersions(db: Dexie): number {
  for (const { version, stores } of SCHEMA_VERSIONS) db.version(version).stores(stores);
  return db.verno;
}
