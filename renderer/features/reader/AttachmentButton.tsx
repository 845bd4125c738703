import { FormattedMessage, useIntl } from 'react-intl';
import type { AttachmentMeta } from '../../../common/model/mail';
import { PaperclipIcon } from '../../ui/icons';
import { safeFilename } from './safe-filename';
import { sizeText } from '../../i18n/sizes';

/**
 * The real type of a file as the system will see it: its last extension, or nothing. Read from
 * the name with its invisible format and control characters removed and trailing dots,
 * underscores and spaces trimmed, so `photo\u2067gpj.exe\u2069` is an EXE (not "EXE_": the
 * shown name keeps its "_" marks, which reveal the trick).
 */
export function extensionOf(filename: string): string {
  const name = filename
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .split(/[\\/]/)
    .pop()!
    .replace(/[._\s]+$/u, '');
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 10 ? name.slice(dot + 1) : '';
  return /^[\p{L}\p{N}]+$/u.test(extension) ? extension.toUpperCase() : '';
}

/**
 * An attachment's save button. It shows the name the file will be saved under (no bidi or
 * zero-width characters: "invoice\u202Efdp.exe" would read "invoice…exe.pdf"), isolated from the
 * text around it, and the real extension on its own.
 */
export function AttachmentButton({ attachment, onSave }: { attachment: AttachmentMeta; onSave: () => void }) {
  const intl = useIntl();
  const name = safeFilename(attachment.filename);
  const extension = extensionOf(attachment.filename);
  const size = sizeText(attachment.size);
  const type = extension && (
    <span className="attachment-type" title={intl.formatMessage({ id: 'reader.attachment.type', defaultMessage: 'A .{extension} file' }, { extension: extension.toLowerCase() })}>
      {extension}
    </span>
  );
  const shownSize = (
    <span className="muted">
      <FormattedMessage id="reader.attachment.size" defaultMessage="({size})" values={{ size }} />
    </span>
  );
  return (
    <button type="button" className="attachment" onClick={onSave} aria-label={intl.formatMessage({ id: 'reader.attachment.save', defaultMessage: 'Save attachment {name}, {size}' }, { name, size })}>
      <PaperclipIcon /> <bdi className="attachment-name">{name}</bdi> {type} {shownSize}
    </button>
  );
}
