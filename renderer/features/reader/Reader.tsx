import type { FolderRecord, MessageRecord } from '../../../common/model/mail';
import type { ComposeDraft } from '../../../common/compose/reply';
import { useState, type ReactNode } from 'react';
import { EnvelopeIcon, FlagIcon, ForwardIcon, MoreIcon, PencilIcon, ReplyAllIcon, ReplyIcon, TrashIcon } from '../../ui/icons';
import { MenuButton } from '../../ui/MenuButton';
import { useKeyboardShortcuts } from '../../ui/keyboard-shortcuts';
import { printMessage } from './print-message';
import { MessageView } from './MessageView';

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
  return (
    <button type="button" className="tool-button" onClick={onClick} aria-keyshortcuts={shortcut} aria-pressed={pressed} title={shortcut ? `${label} (${shortcut})` : label}>
      {icon}
      <span className={iconOnly ? 'visually-hidden' : 'tool-label'}>{label}</span>
    </button>
  );
}

export function Reader({ dbName, message, folders, isDraft, openError, onAction, onMove, onCompose, highlight }: ReaderProps) {
  const moveTargets = folders.filter((f) => !f.noSelect && f.id !== message.folderId);
  const [printProblem, setPrintProblem] = useState<{ messageId: string; text: string } | null>(null);
  const print = (): void => {
    void printMessage(dbName, message).then((text) => setPrintProblem(text ? { messageId: message.id, text } : null));
  };
  // Ctrl/Cmd+P prints the message, not the window (the browser's own print would take the app);
  // with a dialog over the reader (a message file), the key is the dialog's.
  useKeyboardShortcuts(true, { 'Mod+p': () => (document.querySelector('[aria-modal="true"]') ? false : print()) });
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
        {!message.problem && (
          <MenuButton
            label="More actions"
            icon={<MoreIcon />}
            items={[
              { label: 'Print', shortcut: 'Control+P', onSelect: print },
              { label: 'Save as .eml', onSelect: () => onAction('saveSource') },
              ...(isDraft ? [] : [{ label: 'Forward as attachment', onSelect: () => onAction('forwardAsAttachment') }]),
            ]}
          />
        )}
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
      {printProblem?.messageId === message.id && (
        <p className="error-text pad" role="alert">
          {printProblem.text}
        </p>
      )}
      <MessageView dbName={dbName} message={message} openError={openError} onCompose={onCompose} highlight={highlight} />
    </article>
  );
}
