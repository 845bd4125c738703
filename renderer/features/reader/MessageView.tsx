import { FormattedMessage, useIntl } from 'react-intl';
import { isListedAttachment, type AttachmentMeta, type MessageRecord } from '../../../common/model/mail';
import { LARGE_MESSAGE_NOTICE_PREFIX } from '../../../common/model/raw-source';
import type { ComposeDraft } from '../../../common/compose/reply';
import { attachmentBlob, useBody } from '../../cache/hooks';
import { useInlineImages } from './inline-images';
import { AttachmentButton } from './AttachmentButton';
import { MailBody } from './MailBody';
import { MessageHeader } from './MessageHeader';
import { LargeMessageNotice } from './LargeMessageNotice';
import { saveBlob } from './save-blob';

export interface MessageViewProps {
  dbName: string;
  message: MessageRecord;
  openError: string | null;
  /** A mailto: link of the message opens the composer. */
  onCompose: (draft: ComposeDraft) => void;
  /** Search terms to highlight in the body (common/search/tokenize.ts terms). */
  highlight?: readonly string[];
  /** The subject as a heading: the reader shows it; a message inside a conversation leaves it to the conversation. */
  showSubject?: boolean;
}

async function saveAttachment(dbName: string, meta: AttachmentMeta): Promise<void> {
  const blob = await attachmentBlob(dbName, meta);
  if (!blob) return;
  saveBlob(blob, meta.filename);
}

/** One message's header, attachments, notices and body: the reader's, and each open message of a conversation's. */
export function MessageView({ dbName, message, openError, onCompose, highlight, showSubject = true }: MessageViewProps) {
  const intl = useIntl();
  const body = useBody(dbName, message.id);
  const inlineImages = useInlineImages(dbName, body);
  const attachments = body?.attachments.filter(isListedAttachment) ?? [];
  return (
    <>
      <MessageHeader message={message} showSubject={showSubject} />
      {attachments.length > 0 && (
        <ul className="attachments" aria-label={intl.formatMessage({ id: 'reader.attachments', defaultMessage: 'Attachments' })}>
          {attachments.map((a) => (
            <li key={a.id}>
              <AttachmentButton attachment={a} onSave={() => void saveAttachment(dbName, a)} />
            </li>
          ))}
        </ul>
      )}
      <LargeMessageNotice dbName={dbName} message={message} />
      {body?.parseWarnings.filter((warning) => warning !== body.text).map((warning) => (
        <p key={warning} className="warning" role="note">
          {warning}
        </p>
      ))}
      {openError && !body && (
        <p className="error-text" role="alert">
          {openError}
        </p>
      )}
      {body?.text.startsWith(LARGE_MESSAGE_NOTICE_PREFIX) ? (
        // A message too large to show: the notice says it all; its "body" is that notice.
        <p className="warning" role="note">
          {body.text}
        </p>
      ) : body ? (
        <MailBody key={message.id} body={body} sender={message.from[0]?.address ?? ''} onCompose={onCompose} highlight={highlight} inlineImages={inlineImages} />
      ) : (
        !openError && (
          <p className="muted pad">
            <FormattedMessage id="reader.loading" defaultMessage="Loading message…" />
          </p>
        )
      )}
    </>
  );
}
