import type { AttachmentMeta } from '../../common/model/mail';

/** What mailparser says of an attachment, whole (simpleParser) or streamed (MailParser). */
export interface ParsedAttachmentFacts {
  filename?: string;
  contentType: string;
  cid?: string;
  related?: boolean;
  contentDisposition?: string;
}

/**
 * An attachment's entry in the body record: id `<messageId>/<index>` (the same every time the
 * same source is read), a name even when it has none, inline when the HTML shows it.
 */
export function attachmentMeta(messageId: string, index: number, attachment: ParsedAttachmentFacts, size: number): AttachmentMeta {
  return {
    id: `${messageId}/${index}`,
    filename: attachment.filename ?? `attachment-${index + 1}`,
    contentType: attachment.contentType,
    size,
    contentId: attachment.cid ?? null,
    inline: attachment.related === true || attachment.contentDisposition === 'inline',
  };
}
