import type { CacheOp } from '../../../common/cache-protocol';
import { FLAG_DRAFT, FLAG_SEEN, serverFolderId } from '../../../common/model/mail';
import type { PendingChange } from '../../../common/model/pending';
import type { DeviceCacheAccess } from '../backend';
import { cachedDraftVersions } from '../draft-versions';

export interface SentDraftsDeps {
  cache: DeviceCacheAccess;
  /** The folder with this special-use role (RFC 6154), or null. */
  pathForRole(role: 'sent' | 'drafts'): string | null;
  enqueue(optimistic: CacheOp[], changes: PendingChange[]): Promise<void>;
  serverMessages(messageIds: string[]): Promise<Map<string, Array<{ uid: number | null }>>>;
}

/**
 * Sent mail and drafts on the server: uploads (APPEND) queued like any change, so they survive
 * being offline; a draft saved again replaces the earlier one (APPEND, then the old UID is
 * expunged: replay-change.ts). Without a Sent or Drafts role the folder is "Sent" / "Drafts".
 */
export class SentDrafts {
  constructor(private readonly deps: SentDraftsDeps) {}

  async storeSent(raw: Uint8Array): Promise<void> {
    await this.deps.enqueue([], [{ kind: 'append', folderPath: this.deps.pathForRole('sent') ?? 'Sent', raw, flags: [FLAG_SEEN], replacesUid: null }]);
  }

  /**
   * With `draftKey` (the Message-ID every version of one composer's draft has), the upload also
   * replaces every earlier version on the server, uploaded or still queued (replay-change.ts).
   */
  async saveDraft(raw: Uint8Array, replacesDraftId: string | null, draftKey: string | null = null): Promise<void> {
    const previous = replacesDraftId ? await this.deps.cache.query({ query: 'message', id: replacesDraftId }) : null;
    const folderPath = this.deps.pathForRole('drafts') ?? 'Drafts';
    const versions = draftKey ? await cachedDraftVersions(this.deps.cache, serverFolderId(folderPath), draftKey) : [];
    const gone = [...new Set([...(previous ? [previous.id] : []), ...versions])];
    const optimistic: CacheOp[] = gone.length ? [{ op: 'deleteMessages', ids: gone }] : [];
    await this.deps.enqueue(optimistic, [{ kind: 'append', folderPath, raw, flags: [FLAG_DRAFT, FLAG_SEEN], replacesUid: previous?.uid ?? null, ...(draftKey ? { messageId: draftKey } : {}) }]);
  }

  /** Removes every saved version of a composer's draft (it was sent, or discarded), after the uploads still queued. */
  async discardDraftVersions(draftKey: string): Promise<void> {
    const folderPath = this.deps.pathForRole('drafts') ?? 'Drafts';
    const versions = await cachedDraftVersions(this.deps.cache, serverFolderId(folderPath), draftKey);
    await this.deps.enqueue(versions.length ? [{ op: 'deleteMessages', ids: versions }] : [], [{ kind: 'expunge', folderPath, uids: [], messageId: draftKey }]);
  }

  async discardDraft(draftId: string): Promise<void> {
    const byFolder = await this.deps.serverMessages([draftId]);
    const changes: PendingChange[] = [...byFolder].map(([folderPath, messages]) => ({ kind: 'expunge', folderPath, uids: messages.map((m) => m.uid!) }));
    await this.deps.enqueue([{ op: 'deleteMessages', ids: [draftId] }], changes);
  }
}
