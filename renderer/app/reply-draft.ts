import { draftFrom, forwardAsAttachmentDraft, type ComposeDraft } from '../../common/compose/reply';
import { identityAddressedBy, type Identity } from '../../common/model/identity';
import type { MessageRecord } from '../../common/model/mail';
import { readDb } from '../cache/read-db';

/**
 * The composer's draft for a reply, reply to all or forward of `message`, with its cached body
 * quoted, written from the identity the original was addressed to; null for a message that
 * could not be read (nothing to reply to or forward). The three panes and the views over every
 * account both write replies with it.
 */
export async function replyDraft(action: 'reply' | 'replyAll' | 'forward' | 'forwardAsAttachment', message: MessageRecord, dbName: string, identities: readonly Identity[]): Promise<ComposeDraft | null> {
  if (message.problem) return null;
  const draft = action === 'forwardAsAttachment' ? forwardAsAttachmentDraft(message) : draftFrom(action, message, (await readDb(dbName).bodies.get(message.id)) ?? null, identities.map((i) => i.address));
  return { ...draft, identityId: identityAddressedBy(identities, [...message.to, ...message.cc]).id };
}
