import type { DeviceCacheAccess } from './backend';

/**
 * The cached versions of a composer's draft in a drafts folder: every message there whose
 * Message-ID is the draft key (common/compose/draft-key.ts). Drafts folders are small enough to
 * read whole. Both modes use it: IMAP for the optimistic removal, POP for the removal itself.
 */
export async function cachedDraftVersions(cache: DeviceCacheAccess, folderId: string, draftKey: string): Promise<string[]> {
  const drafts = await cache.query({ query: 'folderMessages', folderId });
  return drafts.filter((m) => m.messageId === draftKey).map((m) => m.id);
}
