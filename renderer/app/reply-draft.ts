import { draftFrom, forwardAsAttachmentDraft, type ComposeDraft } from '../../common/compose/reply';
import type { DeviceRef } from '../../common/contract';
import { identityAddressedBy, type Identity } from '../../common/model/identity';
import type { BodyRecord, MessageRecord } from '../../common/model/mail';
import { fail, ok, type Result } from '../../common/result';
import { readDb } from '../cache/read-db';
import { intl } from '../i18n/intl';
import { quoteWords } from './quote-words';
import { invoke } from './use-command';
import { errorText } from '../i18n/error-words';

/**
 * A message's body for the composer: the cached one, or, when it is not here yet (IMAP fetches a
 * body when its message is opened, and Reply or Edit draft can be quicker), fetched by main first.
 * Never a composer without it: a reply would quote nothing, a forward lose its attachments, and a
 * reopened draft save an empty text over the one on the server.
 */
export async function bodyForComposer(device: DeviceRef, dbName: string, messageId: string): Promise<Result<BodyRecord>> {
  const db = readDb(dbName);
  const cached = await db.bodies.get(messageId);
  if (cached) return ok(cached);
  const opened = await invoke('message:open', { ...device, messageId, markSeen: false });
  if (!opened.ok) {
    return fail({
      ...opened.error,
      refusal: undefined,
      message: intl().formatMessage({ id: 'app.composer.bodyNotFetchedBecause', defaultMessage: 'This message’s text could not be fetched, so it was not opened in the composer: {reason}' }, { reason: errorText(opened.error) }),
    });
  }
  const fetched = await db.bodies.get(messageId);
  if (fetched) return ok(fetched);
  return fail({ code: 'NOT_FOUND', message: intl().formatMessage({ id: 'app.composer.bodyNotFetched', defaultMessage: 'This message’s text could not be fetched, so it was not opened in the composer.' }) });
}

/**
 * The composer's draft for a reply, reply to all or forward of `message`, with its body quoted,
 * written from the identity the original was addressed to; null for a message that could not be
 * read (nothing to reply to or forward). The three panes and the views over every account both
 * write replies with it.
 */
export async function replyDraft(
  action: 'reply' | 'replyAll' | 'forward' | 'forwardAsAttachment',
  message: MessageRecord,
  device: DeviceRef,
  dbName: string,
  identities: readonly Identity[],
): Promise<Result<ComposeDraft | null>> {
  if (message.problem) return ok(null);
  const identityId = identityAddressedBy(identities, [...message.to, ...message.cc]).id;
  if (action === 'forwardAsAttachment') return ok({ ...forwardAsAttachmentDraft(message), identityId });
  const body = await bodyForComposer(device, dbName, message.id);
  if (!body.ok) return body;
  return ok({ ...draftFrom(action, message, body.value, identities.map((i) => i.address), quoteWords(intl())), identityId });
}
