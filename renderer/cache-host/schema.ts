import Dexie, { type DexieOptions } from 'dexie';
import type { FolderRecord, MessageRecord } from '../../common/model/mail';
import type { ContactRecord, RecipientGroupRecord } from '../../common/compose/contacts';
import { messageSearchWords } from '../../common/model/search';
import { countCachedMail } from './contact-ops';
import { announceOpened } from '../cache/opened-by-host';
import { declareSchemaVersions, type CacheTables } from '../cache/schema-versions';

/**
 * One device's cache as its only writer, the cache host, opens it: one IndexedDB database, with
 * every version's tables (renderer/cache/schema-versions.ts) and the upgrades that bring older
 * databases' records up to date. UI windows open it through renderer/cache/read-db.ts, which runs
 * no upgrade and waits until this class opened the database.
 */
export class DeviceCache extends Dexie implements CacheTables {
  folders!: CacheTables['folders'];
  messages!: CacheTables['messages'];
  bodies!: CacheTables['bodies'];
  attachments!: CacheTables['attachments'];
  pendingOps!: CacheTables['pendingOps'];
  popState!: CacheTables['popState'];
  rawSources!: CacheTables['rawSources'];
  rawSourceChunks!: CacheTables['rawSourceChunks'];
  attachmentChunks!: CacheTables['attachmentChunks'];
  searchTerms!: CacheTables['searchTerms'];
  contacts!: CacheTables['contacts'];
  recipientGroups!: CacheTables['recipientGroups'];

  constructor(name: string, options: DexieOptions = {}) {
    // Strict durability: an acknowledged batch must survive a crash of the browser process.
    super(name, { chromeTransactionDurability: 'strict', ...options });
    declareSchemaVersions(this);
    // Version 3 indexes `words`: records made before it get theirs here.
    this.version(3).upgrade((tx) =>
      tx
        .table<MessageRecord, string>('messages')
        .toCollection()
        .modify((message) => {
          message.words = messageSearchWords(message);
        }),
    );
    // Version 8 adds the contacts store: the mail already cached is counted into it once.
    this.version(8).upgrade((tx) => countCachedMail(tx.table<FolderRecord, string>('folders'), tx.table<MessageRecord, string>('messages'), tx.table<ContactRecord, string>('contacts'), tx.table<RecipientGroupRecord, string>('recipientGroups')));
    // Made or upgraded, the database is now at this version: UI handles waiting for that may open it.
    this.on('ready', () => announceOpened(name), true);
  }
}
