import { isListedAttachment, type AttachmentMeta, type FolderRecord, type MessageRecord } from '../../../common/model/mail';
import { LARGE_MESSAGE_NOTICE_PREFIX } from '../../../common/model/raw-source';
import { formatAddressList, formatSender, type ComposeDraft } from '../../../common/compose/reply';
import type { ReactNode } from 'react';
import { EnvelopeIcon, FlagIcon, ForwardIcon, PencilIcon, ReplyAllIcon, ReplyIcon, TrashIcon } from '../../ui/icons';
import { attachmentBlob, useBody } from '../../cache/hooks';
import { AttachmentButton } from './AttachmentButton';
import { MailBody } from './MailBody';
import { LargeMessageNotice } from './LargeMessageNotice';
import { safeFilename } from './safe-filename';

export type ReaderAction = 'reply' | 'replyAll' | 'forward' | 'delete' | 'toggleRead' | 'toggleFlag' | 'editDraft';

interface ReaderProps {
  dbName: string;
  message: MessageRecord;
  folders: FolderRecord[];
  isDraft: boolean;
  openError: string | null;
  onAction: (action: ReaderAction) => void;
  /** A mailto: link of the message opens the composer. */
  onCompose: (draft: ComposeDraft) => void;
  onMove: (folderPath: string) => void;
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

/**
 * A toolbar button: icon and word. Where the reader is narrow (1024 px windows and below) the word
 * is hidden and shown as a tooltip, so the toolbar stays one row; screen readers hear the word always.
 */
function ToolButton({ icon, label, shortcut, pressed, onClick }: { icon: ReactNode; label: string; shortcut?: string; pressed?: boolean; onClick: () => void }) {
  return (
    <button type="button" className="tool-button" onClick={onClick} aria-keyshortcuts={shortcut} aria-pressed={pressed} title={shortcut ? `${label} (${shortcut})` : label}>
      {icon}
      <span className="tool-label">{label}</span>
    </button>
  );
}

export function Reader({ dbName, message, folders, isDraft, openError, onAction, onMove, onCompose }: ReaderProps) {
  const body = useBody(dbName, message.id);
  const moveTargets = folders.filter((f) => !f.noSelect && f.id !== message.folderId);
  const attachments = body?.attachments.filter(isListedAttachment) ?? [];
  return (
    <article className="reader" aria-label="Message" data-message-id={message.id}>
      <div className="reader-toolbar" role="toolbar" aria-label="Message actions">
        {isDraft ? (
          <ToolButton icon={<PencilIcon />} label="Edit draft" onClick={() => onAction('editDraft')} />
        ) : message.problem ? null : (
          <>
            <ToolButton icon={<ReplyIcon />} label="Reply" shortcut="r" onClick={() => onAction('reply')} />
            <ToolButton icon={<ReplyAllIcon />} label="Reply all" shortcut="a" onClick={() => onAction('replyAll')} />
            <ToolButton icon={<ForwardIcon />} label="Forward" shortcut="f" onClick={() => onAction('forward')} />
          </>
        )}
        <ToolButton icon={<EnvelopeIcon />} label={message.seen ? 'Mark unread' : 'Mark read'} shortcut="u" onClick={() => onAction('toggleRead')} />
        <ToolButton icon={<FlagIcon />} label={message.flagged ? 'Unflag' : 'Flag'} shortcut="s" pressed={message.flagged === 1} onClick={() => onAction('toggleFlag')} />
        <ToolButton icon={<TrashIcon />} label="Delete" shortcut="#" onClick={() => onAction('delete')} />
        <label className="move-to">
          <span className="visually-hidden">Move to folder</span>
          <select aria-label="Move to folder" value="" onChange={(e) => e.target.value && onMove(e.target.value)}>
            <option value="">Move to…</option>
            {moveTargets.map((f) => (
              <option key={f.id} value={f.path}>
                {f.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <header className="reader-header">
        {/* Each field runs in its own text's direction and is isolated by its dir (an Arabic subject from the right); the labels stay where they are. */}
        <h2 dir="auto">{message.subject || '(no subject)'}</h2>
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
        <MailBody key={message.id} body={body} sender={message.from[0]?.address ?? ''} onCompose={onCompose} />
      ) : (
        !openError && <p className="muted pad">Loading message…</p>
      )}
    </article>
  );
}
