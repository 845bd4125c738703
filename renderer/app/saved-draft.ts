import { draftFromSaved, type ComposeDraft } from '../../common/compose/reply';
import type { DeviceRef, OutgoingAttachment } from '../../common/contract';
import type { AttachmentMeta, BodyRecord, MessageRecord } from '../../common/model/mail';
import { fail, ok, type Result } from '../../common/result';
import { attachmentBlob } from '../cache/hooks';
import { contentIdKey, withCidSources } from '../features/reader/content-id';
import { loadInlineImages } from '../features/reader/inline-images';
import { bodyForComposer } from './reply-draft';

/** The parts a saved draft carries as files (every one its HTML does not show in place). */
function filesOf(body: BodyRecord, shownInPlace: ReadonlySet<string>): AttachmentMeta[] {
  return body.attachments.filter((meta) => !(meta.contentId && shownInPlace.has(contentIdKey(meta.contentId))));
}

/**
 * A saved draft opened for editing, whole: its text, its HTML with the pictures it shows (read
 * from its own parts), and its attached files, so that saving or sending it again loses nothing.
 * Fails, opening nothing, when a file it carries cannot be read from the cache: a composer
 * without it would save over the draft that has it.
 */
export async function savedDraftForComposer(device: DeviceRef, dbName: string, message: MessageRecord): Promise<Result<ComposeDraft>> {
  const body = await bodyForComposer(device, dbName, message.id);
  if (!body.ok) return body;
  const draft = draftFromSaved(message, body.value);
  const images = draft.html ? await loadInlineImages(dbName, body.value) : new Map<string, string>();
  const attachments: OutgoingAttachment[] = [];
  for (const meta of filesOf(body.value, new Set(images.keys()))) {
    const blob = await attachmentBlob(dbName, meta).catch(() => undefined);
    if (!blob) return fail({ code: 'NOT_FOUND', message: `This draft was not opened: its attachment “${meta.filename || 'unnamed'}” is not on this computer. Open the draft in the reader first, then Edit draft again.` });
    attachments.push({ filename: meta.filename || 'attachment', contentType: meta.contentType || 'application/octet-stream', content: new Uint8Array(await blob.arrayBuffer()) });
  }
  return ok({ ...draft, attachments, ...(draft.html !== undefined ? { html: withCidSources(draft.html, images) } : {}) });
}
