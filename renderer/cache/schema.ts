import Dexie, { type DexieOptions, type Table } from 'dexie';
import type { AttachmentRecord, BodyRecord, FolderRecord, MessageRecord, PopStateRecord, RawSourceRecord } from '../../common/model/mail';
import type { PendingOpRecord } from '../../common/model/pending';
import type { AttachmentChunkRecord, RawSourceChunkRecord } from '../../common/model/raw-source';
import { messageSearchWords } from '../../common/model/search';

/**
 * One device's cache: one IndexedDB database. Only the cache host writes it; UI windows read it.
 * Only small fields are indexed; bodies and attachments sit in their own tables.
 */
export class DeviceCache extends Dexie {
  folders!: Table<FolderRecord, string>;
  messages!: Table<MessageRecord, string>;
  bodies!: Table<BodyRecord, string>;
  attachments!: Table<AttachmentRecord, string>;
  pendingOps!: Table<PendingOpRecord, string>;
  popState!: Table<PopStateRecord, string>;
  rawSources!: Table<RawSourceRecord, string>;
  rawSourceChunks!: Table<RawSourceChunkRecord, [string, number]>;
  attachmentChunks!: Table<AttachmentChunkRecord, [string, number]>;

  constructor(name: string, options: DexieOptions = {}) {
    // Strict durability: an acknowledged batch must survive a crash of the browser process.
    super(name, { chromeTransactionDurability: 'strict', ...options });
    this.version(1).stores({
      folders: 'id, path',
      messages: 'id, [folderId+date], [folderId+uid], [folderId+seen], messageId, popUidl',
      bodies: 'messageId',
      attachments: 'id, messageId',
      pendingOps: 'id, seq',
    });
    // POP: what the maildrop held and what became of it; the sources exactly as received.
    this.version(2).stores({
      popState: 'uidl, messageId, contentHash, messageIdHeader',
      rawSources: 'messageId',
    });
    // Local search: a multi-entry index of the sender and subject words.
    this.version(3)
      .stores({ messages: 'id, [folderId+date], [folderId+uid], [folderId+seen], messageId, popUidl, *words' })
      .upgrade((tx) =>
        tx
          .table<MessageRecord, string>('messages')
          .toCollection()
          .modify((message) => {
            message.words = messageSearchWords(message);
          }),
      );
    // Sources over the size limit, in pieces written while they download (issue 11).
    this.version(4).stores({ rawSourceChunks: '[messageId+index], messageId' });
    // Attachments read out of such a source on request, in pieces too (issue 11).
    this.version(5).stores({ attachmentChunks: '[attachmentId+index], attachmentId, messageId' });
  }
}
