import type { CacheOp } from '../../../common/cache-protocol';
import { FLAG_DRAFT, FLAG_SEEN } from '../../../common/model/mail';
import type { PendingChange } from '../../../common/model/pending';
import type { DeviceCacheAccess } from '../backend';

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

  async saveDraft(raw: Uint8Array, replacesDraftId: string | null): Promise<void> {
    const previous = replacesDraftId ? await this.deps.cache.query({ query: 'message', id: replacesDraftId }) : null;
    const folderPath = this.deps.pathForRole('drafts') ?? 'Drafts';
    const optimistic: CacheOp[] = previous ? [{ op: 'deleteMessages', ids: [previous.id] }] : [];
    await this.deps.enqueue(optimistic, [{ kind: 'append', folderPath, raw, flags: [FLAG_DRAFT, FLAG_SEEN], replacesUid: previous?.uid ?? null }]);
  }

  async discardDraft(draftId: string): Promise<void> {
    const byFolder = await this.deps.serverMessages([draftId]);
    const changes: PendingChange[] = [...byFolder].map(([folderPath, messages]) => ({ kind: 'expunge', folderPath, uids: messages.map((m) => m.uid!) }));
    await this.deps.enqueue([{ op: 'deleteMessages', ids: [draftId] }], changes);
  }
}
