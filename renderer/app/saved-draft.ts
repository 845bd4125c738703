import { draftFromSaved, type ComposeDraft } from '../../common/compose/reply';
import type { DeviceRef, OutgoingAttachment } from '../../common/contract';
import type { MessageRecord } from '../../common/model/mail';
import { fail, ok, type Result } from '../../common/result';
import { attachmentBlob } from '../cache/hooks';
import { intl } from '../i18n/intl';
import { EDITOR_IMAGE_URL } from '../features/composer/rich-html';
import { contentIdKey, withCidSources } from '../features/reader/content-id';
import { loadInlineImages } from '../features/reader/inline-images';
import { bodyForComposer } from './reply-draft';

/**
 * A saved draft opened for editing, whole: its text, its HTML with the pictures it shows (read
 * from its own parts), and every other part as an attached file, so that saving or sending it
 * again loses nothing: a picture the editor cannot show, one the HTML names in a way not read
 * here, an attachment that merely has a Content-ID, and all of them when the draft is written
 * from an address that writes plain text only (`keepsHtml` false). Fails, opening nothing, when a
 * part cannot be read from the cache: a composer without it would save over the draft that has it.
 */
export async function savedDraftForComposer(device: DeviceRef, dbName: string, message: MessageRecord, keepsHtml: boolean): Promise<Result<ComposeDraft>> {
  const body = await bodyForComposer(device, dbName, message.id);
  if (!body.ok) return body;
  const draft = draftFromSaved(message, body.value);
  const loaded = draft.html !== undefined && keepsHtml ? await loadInlineImages(dbName, body.value) : new Map<string, string>();
  const shown = withCidSources(draft.html ?? '', new Map([...loaded].filter(([, url]) => EDITOR_IMAGE_URL.test(url))));
  const attachments: OutgoingAttachment[] = [];
  for (const meta of body.value.attachments.filter((m) => !(m.contentId && shown.used.has(contentIdKey(m.contentId))))) {
    const blob = await attachmentBlob(dbName, meta).catch(() => undefined);
    if (!blob) {
      const message = intl().formatMessage(
        {
          id: 'app.composer.draftAttachmentMissing',
          defaultMessage:
            '{named, select, yes {This draft was not opened: its attachment “{name}” is not on this computer. Open the draft in the reader first, then Edit draft again.} other {This draft was not opened: its attachment “unnamed” is not on this computer. Open the draft in the reader first, then Edit draft again.}}',
        },
        { named: meta.filename ? 'yes' : 'no', name: meta.filename },
      );
      return fail({ code: 'NOT_FOUND', message });
    }
    attachments.push({ filename: meta.filename || 'attachment', contentType: meta.contentType || 'application/octet-stream', content: new Uint8Array(await blob.arrayBuffer()) });
  }
  return ok({ ...draft, attachments, ...(draft.html !== undefined ? { html: shown.html } : {}) });
}
