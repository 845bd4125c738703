import type { BlobStore } from './blob-store';
import { newFolder } from './folder-ops';
import { addMessage } from './message-ops';
import type { SeedFolder, UidlFormat, UserMailbox } from './types';

/**
 * A fresh mailbox holding `seed` (INBOX first, every folder subscribed). Each folder gets a new
 * UIDVALIDITY above any `previous` one, so IMAP clients see a reset as a new mailbox (RFC 3501
 * §2.3.1.1). POP: with "stable" UIDLs the seeded INBOX messages get back the UIDLs they had
 * when first seeded, so a POP client does not download them again; with "changes-on-reset"
 * they get new ones, as a server that rebuilt its maildrop would give them.
 */
export async function seededMailbox(previous: UserMailbox | undefined, seed: readonly SeedFolder[], blobs: BlobStore, uidlFormat: UidlFormat): Promise<UserMailbox> {
  const mailbox: UserMailbox = { folders: [], subscriptions: [], lastUidValidity: previous?.lastUidValidity ?? 0, sampleUidls: previous?.sampleUidls ?? [] };
  const folders = [...seed];
  if (!folders.some((folder) => folder.name === 'INBOX')) folders.unshift({ name: 'INBOX', specialUse: null, messages: [] });
  folders.sort((a, b) => Number(b.name === 'INBOX') - Number(a.name === 'INBOX'));
  for (const seedFolder of folders) {
    const folder = newFolder(mailbox, seedFolder.name, seedFolder.specialUse);
    for (const message of seedFolder.messages) {
      const blobId = await blobs.put(message.raw);
      const internalDate = (message.internalDate ?? new Date()).getTime();
      addMessage(folder, { blobId, size: message.raw.length, flags: message.flags ?? [], internalDate }, 'sandbox');
    }
    mailbox.folders.push(folder);
    mailbox.subscriptions.push(folder.name);
  }
  const inbox = mailbox.folders[0]!.messages;
  if (uidlFormat === 'stable' && mailbox.sampleUidls.length === inbox.length) {
    inbox.forEach((message, index) => (message.popUidl = mailbox.sampleUidls[index]!));
  } else {
    mailbox.sampleUidls = inbox.map((message) => message.popUidl!);
  }
  return mailbox;
}
