import { useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { ComposeDraft } from '../../../common/compose/reply';
import { isListedAttachment, type AttachmentMeta } from '../../../common/model/mail';
import type { MessageFile } from '../../../common/model/message-file';
import { LARGE_MESSAGE_NOTICE_PREFIX } from '../../../common/model/raw-source';
import { Dialog } from '../../ui/Dialog';
import { PrinterIcon } from '../../ui/icons';
import { useKeyboardShortcuts } from '../../ui/keyboard-shortcuts';
import { AttachmentButton } from './AttachmentButton';
import { loadInlineImagesFrom } from './inline-images';
import { MailBody } from './MailBody';
import { MessageHeader } from './MessageHeader';
import { printDocument, printSheet } from './print-message';
import { ToolButton } from './Reader';
import { saveBlob } from './save-blob';

interface MessageFileViewerProps {
  file: MessageFile;
  onClose: () => void;
  /** A mailto: link of the message opens the composer (when an account can write). */
  onCompose: (draft: ComposeDraft) => void;
}

const NO_IMAGES: ReadonlyMap<string, string> = new Map();

/** A part's bytes, from the file as read (a message file keeps its parts in memory, not in the cache). */
function partBlob(file: MessageFile, meta: AttachmentMeta): Blob | undefined {
  const record = file.attachments.find((a) => a.id === meta.id);
  return record && new Blob([record.content as Uint8Array<ArrayBuffer>], { type: meta.contentType });
}

/**
 * A message opened from a file (.eml), read-only, over the window: the reader's header, attachments
 * and body with the same defences as cached mail (sanitized HTML in the script-less frame, remote
 * images blocked until asked), its own images shown, Print. Nothing of it is stored anywhere.
 */
export function MessageFileViewer({ file, onClose, onCompose }: MessageFileViewerProps) {
  const intl = useIntl();
  const [images, setImages] = useState<{ file: MessageFile; images: ReadonlyMap<string, string> } | null>(null);
  useEffect(() => {
    let current = true;
    void loadInlineImagesFrom((meta) => Promise.resolve(partBlob(file, meta)), file.body, () => current).then((loaded) => current && setImages({ file, images: loaded }));
    return () => {
      current = false;
    };
  }, [file]);
  const inlineImages = images?.file === file ? images.images : NO_IMAGES;
  const print = (): void => void printSheet(printDocument(file, file.body, inlineImages));
  useKeyboardShortcuts(true, { 'Mod+p': print });
  const attachments = file.body.attachments.filter(isListedAttachment);
  return (
    <Dialog label={intl.formatMessage({ id: 'reader.file.label', defaultMessage: 'Message file {name}' }, { name: file.fileName })} className="message-file" onClose={onClose}>
      <article className="reader" aria-label={intl.formatMessage({ id: 'reader.article', defaultMessage: 'Message' })}>
        <div className="reader-toolbar message-file-bar" role="toolbar" aria-label={intl.formatMessage({ id: 'reader.file.actions', defaultMessage: 'Message file actions' })}>
          <span className="message-file-name">
            <FormattedMessage id="reader.file.openedFrom" defaultMessage="Opened from <bdi>{name}</bdi> · read only" values={{ name: file.fileName, bdi: (chunks) => <bdi>{chunks}</bdi> }} />
          </span>
          <ToolButton icon={<PrinterIcon />} label={intl.formatMessage({ id: 'reader.print', defaultMessage: 'Print' })} shortcut="Control+P" iconOnly onClick={print} />
          <button type="button" onClick={onClose}>
            <FormattedMessage id="common.close" defaultMessage="Close" />
          </button>
        </div>
        <MessageHeader message={file} />
        {attachments.length > 0 && (
          <ul className="attachments" aria-label={intl.formatMessage({ id: 'reader.attachments', defaultMessage: 'Attachments' })}>
            {attachments.map((a) => (
              <li key={a.id}>
                <AttachmentButton attachment={a} onSave={() => {
                  const blob = partBlob(file, a);
                  if (blob) saveBlob(blob, a.filename);
                }} />
              </li>
            ))}
          </ul>
        )}
        {file.body.parseWarnings.filter((warning) => warning !== file.body.text).map((warning) => (
          <p key={warning} className="warning" role="note">
            {warning}
          </p>
        ))}
        {file.body.text.startsWith(LARGE_MESSAGE_NOTICE_PREFIX) ? (
          <p className="warning" role="note">
            {file.body.text}
          </p>
        ) : (
          <MailBody body={file.body} sender={file.from[0]?.address ?? ''} onCompose={onCompose} inlineImages={inlineImages} />
        )}
      </article>
    </Dialog>
  );
}
