import type { AttachmentMeta } from '../../../common/model/mail';
import { formatSize } from '../../app/format';
import { PaperclipIcon } from '../../app/icons';
import { safeFilename } from './safe-filename';

/** The real type of a file as the system will see it: its last extension, or nothing. */
function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 && name.length - dot <= 10 ? name.slice(dot + 1).toUpperCase() : '';
}

/**
 * An attachment's save button. It shows the name the file will be saved under (no bidi or
 * zero-width characters: "invoice\u202Efdp.exe" would read "invoice…exe.pdf"), isolated from the
 * text around it, and the real extension on its own.
 */
export function AttachmentButton({ attachment, onSave }: { attachment: AttachmentMeta; onSave: () => void }) {
  const name = safeFilename(attachment.filename);
  const extension = extensionOf(name);
  return (
    <button type="button" className="attachment" onClick={onSave} aria-label={`Save attachment ${name}, ${formatSize(attachment.size)}`}>
      <PaperclipIcon /> <bdi className="attachment-name">{name}</bdi>{' '}
      {extension && (
        <span className="attachment-type" title={`A .${extension.toLowerCase()} file`}>
          {extension}
        </span>
      )}{' '}
      <span className="muted">({formatSize(attachment.size)})</span>
    </button>
  );
}
