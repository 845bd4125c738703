import { isListedAttachment, type AttachmentMeta, type MessageRecord } from '../../../common/model/mail';
import { LARGE_MESSAGE_NOTICE_PREFIX } from '../../../common/model/raw-source';
import { formatAddressList, formatSender, type ComposeDraft } from '../../../common/compose/reply';
import { attachmentBlob, useBody } from '../../cache/hooks';
import { useInlineImages } from './inline-images';
import { AttachmentButton } from './AttachmentButton';
import { MailBody } from './MailBody';
import { LargeMessageNotice } from './LargeMessageNotice';
import { safeFilename } from './safe-filename';

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
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = safeFilename(meta.filename);
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** One message's header, attachments, notices and body: the reader's, and each open message of a conversation's. */
export function MessageView({ dbName, message, openError, onCompose, highlight, showSubject = true }: MessageViewProps) {
  const body = useBody(dbName, message.id);
  const inlineImages = useInlineImages(dbName, body);
  const attachments = body?.attachments.filter(isListedAttachment) ?? [];
  return (
    <>
      <header className="reader-header">
        {/* Each field runs in its own text's direction and is isolated by its dir (an Arabic subject from the right); the labels stay where they are. */}
        {showSubject && <h2 dir="auto">{message.subject || '(no subject)'}</h2>}
        <dl>
          <dt>From</dt>
          <dd dir="auto">
            {formatSender(message.from)}
          </dd>
          <dt>To</dt>
          <dd dir="auto">
            {formatAddressList(message.to)}
          </dd>
          {message.cc.length > 0 && (
            <>
              <dt>Cc</dt>
              <dd dir="auto">
                {formatAddressList(message.cc)}
              </dd>
            </>
          )}
          {message.date > 0 && (
            <>
              <dt>Date</dt>
              <dd>{new Date(message.date).toLocaleString()}</dd>
            </>
          )}
        </dl>
      </header>
      {attachments.length > 0 && (
        <ul className="attachments" aria-label="Attachments">
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
        !openError && <p className="muted pad">Loading message…</p>
      )}
    </>
  );
}
