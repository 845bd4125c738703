import type { SwitchPreview } from '../../../common/model/switch';
import { count, modeName } from '../../app/format';

function folderList(folders: Array<{ path: string; messages: number }>): string {
  return folders.length ? folders.map((f) => `${f.path} (${f.messages})`).join(', ') : 'none';
}

/** What the switch will do, in numbers, before anything changes. */
export function SwitchPreviewNumbers({ preview }: { preview: SwitchPreview }) {
  return (
    <section className="switch-preview" aria-label="What the switch will do">
      <h4>
        What switching from {modeName(preview.from)} to {modeName(preview.to)} will do
      </h4>
      {preview.to === 'imap' ? (
        <dl className="facts words">
          <dt>Already on the server</dt>
          <dd data-testid="preview-matched">
            {count(preview.matched, 'message')} (by UIDL {preview.matchedBy.uidl}, by Message-ID {preview.matchedBy.messageId}, by content {preview.matchedBy.hash}): they
            become the server’s, with no duplicate
          </dd>
          <dt>Read or flag states</dt>
          <dd data-testid="preview-states">
            {count(preview.statesToPush, 'message')} read or flagged differently here and on the server{preview.statesToPush > 0 ? ': each is listed below with the way its states go' : ''}
          </dd>
          <dt>Only here</dt>
          <dd data-testid="preview-inbox-only">{count(preview.inboxOnlyHere, 'message')} in the local Inbox, no longer on the server</dd>
          <dt>Local folders</dt>
          <dd data-testid="preview-local-folders">{folderList(preview.localFolders)}</dd>
          <dt>To sync from the server</dt>
          <dd data-testid="preview-server-only">{count(preview.serverOnly, 'message')} in the server’s INBOX, not here yet</dd>
        </dl>
      ) : (
        <dl className="facts words">
          <dt>Already here whole</dt>
          <dd data-testid="preview-cached">{count(preview.cachedWhole, 'INBOX message')}: they become local as they are</dd>
          <dt>To download</dt>
          <dd data-testid="preview-download">{count(preview.toDownload, 'INBOX message')} to download whole during the switch</dd>
          <dt>Other server folders</dt>
          <dd data-testid="preview-server-folders">{folderList(preview.serverFolders)}</dd>
          <dt>Read or flag states</dt>
          <dd data-testid="preview-states">As on the server now (server → this device); nothing is changed on the server</dd>
        </dl>
      )}
      <p className="explanation" data-testid="preview-retention">
        {preview.retentionAfter}
      </p>
    </section>
  );
}
