import type { FolderRecord, MessageRecord } from '../../../common/model/mail';
import type { ComposeDraft } from '../../../common/compose/reply';
import { useState, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { EnvelopeIcon, FlagIcon, ForwardIcon, MoreIcon, PencilIcon, ReplyAllIcon, ReplyIcon, TrashIcon } from '../../ui/icons';
import { MenuButton } from '../../ui/MenuButton';
import { useKeyboardShortcuts } from '../../ui/keyboard-shortcuts';
import { printMessage } from './print-message';
import { MessageView } from './MessageView';
import { folderName } from '../../i18n/folder-names';

export type ReaderAction = 'reply' | 'replyAll' | 'forward' | 'forwardAsAttachment' | 'delete' | 'toggleRead' | 'toggleFlag' | 'editDraft' | 'saveSource';

export interface ReaderProps {
  dbName: string;
  message: MessageRecord;
  folders: FolderRecord[];
  isDraft: boolean;
  openError: string | null;
  onAction: (action: ReaderAction) => void;
  /** A mailto: link of the message opens the composer. */
  onCompose: (draft: ComposeDraft) => void;
  onMove: (folderPath: string) => void;
  /** Search terms to highlight in the body (common/search/tokenize.ts terms). */
  highlight?: readonly string[];
}

/**
 * A toolbar button: icon and word. Where the reader is narrow (1024 px windows and below) the word
 * is hidden and shown as a tooltip, so the toolbar stays one row; screen readers hear the word always.
 */
export function ToolButton({ icon, label, shortcut, pressed, iconOnly, onClick }: { icon: ReactNode; label: string; shortcut?: string; pressed?: boolean; iconOnly?: boolean; onClick: () => void }) {
  const intl = useIntl();
  return (
    <button
      type="button"
      className="tool-button"
      onClick={onClick}
      aria-keyshortcuts={shortcut}
      aria-pressed={pressed}
      title={shortcut ? intl.formatMessage({ id: 'reader.toolButton.title', defaultMessage: '{label} ({shortcut})' }, { label, shortcut }) : label}
    >
      {icon}
      <span className={iconOnly ? 'visually-hidden' : 'tool-label'}>{label}</span>
    </button>
  );
}

export function Reader({ dbName, message, folders, isDraft, openError, onAction, onMove, onCompose, highlight }: ReaderProps) {
  const intl = useIntl();
  const moveTargets = folders.filter((f) => !f.noSelect && f.id !== message.folderId);
  const [printProblem, setPrintProblem] = useState<{ messageId: string; text: string } | null>(null);
  const print = (): void => {
    void printMessage(dbName, message).then((text) => setPrintProblem(text ? { messageId: message.id, text } : null));
  };
  // Ctrl/Cmd+P prints the message, not the window (the browser's own print would take the app);
  // with a dialog over the reader (a message file), the key is the dialog's.
  useKeyboardShortcuts(true, { 'Mod+p': () => (document.querySelector('[aria-modal="true"]') ? false : print()) });
  return (
    <article className="reader" aria-label={intl.formatMessage({ id: 'reader.article', defaultMessage: 'Message' })} data-message-id={message.id}>
      <div className="reader-toolbar" role="toolbar" aria-label={intl.formatMessage({ id: 'reader.toolbar', defaultMessage: 'Message actions' })}>
        {isDraft ? (
          <ToolButton icon={<PencilIcon />} label={intl.formatMessage({ id: 'reader.editDraft', defaultMessage: 'Edit draft' })} onClick={() => onAction('editDraft')} />
        ) : message.problem ? null : (
          <>
            <ToolButton icon={<ReplyIcon />} label={intl.formatMessage({ id: 'reader.reply', defaultMessage: 'Reply' })} shortcut="r" onClick={() => onAction('reply')} />
            <ToolButton icon={<ReplyAllIcon />} label={intl.formatMessage({ id: 'reader.replyAll', defaultMessage: 'Reply all' })} shortcut="a" onClick={() => onAction('replyAll')} />
            <ToolButton icon={<ForwardIcon />} label={intl.formatMessage({ id: 'reader.forward', defaultMessage: 'Forward' })} shortcut="f" onClick={() => onAction('forward')} />
          </>
        )}
        <ToolButton
          icon={<EnvelopeIcon />}
          label={message.seen ? intl.formatMessage({ id: 'reader.markUnread', defaultMessage: 'Mark unread' }) : intl.formatMessage({ id: 'reader.markRead', defaultMessage: 'Mark read' })}
          shortcut="u"
          onClick={() => onAction('toggleRead')}
        />
        <ToolButton
          icon={<FlagIcon />}
          label={message.flagged ? intl.formatMessage({ id: 'reader.unflag', defaultMessage: 'Unflag' }) : intl.formatMessage({ id: 'reader.flag', defaultMessage: 'Flag' })}
          shortcut="s"
          pressed={message.flagged === 1}
          onClick={() => onAction('toggleFlag')}
        />
        <ToolButton icon={<TrashIcon />} label={intl.formatMessage({ id: 'reader.delete', defaultMessage: 'Delete' })} shortcut="#" onClick={() => onAction('delete')} />
        {!message.problem && (
          <MenuButton
            label={intl.formatMessage({ id: 'reader.more', defaultMessage: 'More actions' })}
            icon={<MoreIcon />}
            items={[
              { label: intl.formatMessage({ id: 'reader.print', defaultMessage: 'Print' }), shortcut: 'Control+P', onSelect: print },
              { label: intl.formatMessage({ id: 'reader.saveSource', defaultMessage: 'Save as .eml' }), onSelect: () => onAction('saveSource') },
              ...(isDraft ? [] : [{ label: intl.formatMessage({ id: 'reader.forwardAsAttachment', defaultMessage: 'Forward as attachment' }), onSelect: () => onAction('forwardAsAttachment') }]),
            ]}
          />
        )}
        <label className="move-to">
          <span className="visually-hidden">
            <FormattedMessage id="reader.moveToFolder" defaultMessage="Move to folder" />
          </span>
          <select aria-label={intl.formatMessage({ id: 'reader.moveToFolder', defaultMessage: 'Move to folder' })} value="" onChange={(e) => e.target.value && onMove(e.target.value)}>
            <option value="">{intl.formatMessage({ id: 'reader.moveTo', defaultMessage: 'Move to…' })}</option>
            {moveTargets.map((f) => (
              <option key={f.id} value={f.path}>
                {folderName(f)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {printProblem?.messageId === message.id && (
        <p className="error-text pad" role="alert">
          {printProblem.text}
        </p>
      )}
      <MessageView dbName={dbName} message={message} openError={openError} onCompose={onCompose} highlight={highlight} />
    </article>
  );
}
