import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import type { SwitchPreview } from '../../../common/model/switch';
import { modeName } from '../../app/format';
import { retentionDetail, retentionTitle } from '../../i18n/retention-words';

function folderList(folders: Array<{ path: string; messages: number }>, intl: IntlShape): string {
  return folders.length ? folders.map((f) => `${f.path} (${f.messages})`).join(', ') : intl.formatMessage({ id: 'devices.preview.noFolders', defaultMessage: 'none' });
}

/** What the switch will do, in numbers, before anything changes. */
export function SwitchPreviewNumbers({ preview }: { preview: SwitchPreview }) {
  const intl = useIntl();
  return (
    <section className="switch-preview" aria-label={intl.formatMessage({ id: 'devices.preview.label', defaultMessage: 'What the switch will do' })}>
      <h4>
        <FormattedMessage id="devices.preview.title" defaultMessage="What switching from {from} to {to} will do" values={{ from: modeName(preview.from), to: modeName(preview.to) }} />
      </h4>
      {preview.to === 'imap' ? (
        <dl className="facts words">
          <dt>
            <FormattedMessage id="devices.preview.matched" defaultMessage="Already on the server" />
          </dt>
          <dd data-testid="preview-matched">
            <FormattedMessage
              id="devices.preview.matched.count"
              defaultMessage="{count, plural, one {# message} other {# messages}} (by UIDL {uidl}, by Message-ID {messageId}, by content {hash}): they become the server’s, with no duplicate"
              values={{ count: preview.matched, uidl: preview.matchedBy.uidl, messageId: preview.matchedBy.messageId, hash: preview.matchedBy.hash }}
            />
          </dd>
          <dt>
            <FormattedMessage id="devices.preview.states" defaultMessage="Read or flag states" />
          </dt>
          <dd data-testid="preview-states">
            <FormattedMessage
              id="devices.preview.states.toImap"
              defaultMessage="{count, plural, =0 {# messages read or flagged differently here and on the server} one {# message read or flagged differently here and on the server: each is listed below with the way its states go} other {# messages read or flagged differently here and on the server: each is listed below with the way its states go}}"
              values={{ count: preview.statesToPush }}
            />
          </dd>
          <dt>
            <FormattedMessage id="devices.preview.inboxOnly" defaultMessage="Only here" />
          </dt>
          <dd data-testid="preview-inbox-only">
            <FormattedMessage
              id="devices.preview.inboxOnly.count"
              defaultMessage="{count, plural, one {# message} other {# messages}} in the local Inbox, no longer on the server"
              values={{ count: preview.inboxOnlyHere }}
            />
          </dd>
          <dt>
            <FormattedMessage id="devices.preview.localFolders" defaultMessage="Local folders" />
          </dt>
          <dd data-testid="preview-local-folders">{folderList(preview.localFolders, intl)}</dd>
          <dt>
            <FormattedMessage id="devices.preview.serverOnly" defaultMessage="To sync from the server" />
          </dt>
          <dd data-testid="preview-server-only">
            <FormattedMessage
              id="devices.preview.serverOnly.count"
              defaultMessage="{count, plural, one {# message} other {# messages}} in the server’s INBOX, not here yet"
              values={{ count: preview.serverOnly }}
            />
          </dd>
        </dl>
      ) : (
        <dl className="facts words">
          <dt>
            <FormattedMessage id="devices.preview.cached" defaultMessage="Already here whole" />
          </dt>
          <dd data-testid="preview-cached">
            <FormattedMessage
              id="devices.preview.cached.count"
              defaultMessage="{count, plural, one {# INBOX message} other {# INBOX messages}}: they become local as they are"
              values={{ count: preview.cachedWhole }}
            />
          </dd>
          <dt>
            <FormattedMessage id="devices.preview.download" defaultMessage="To download" />
          </dt>
          <dd data-testid="preview-download">
            <FormattedMessage
              id="devices.preview.download.count"
              defaultMessage="{count, plural, one {# INBOX message} other {# INBOX messages}} to download whole during the switch"
              values={{ count: preview.toDownload }}
            />
          </dd>
          <dt>
            <FormattedMessage id="devices.preview.serverFolders" defaultMessage="Other server folders" />
          </dt>
          <dd data-testid="preview-server-folders">{folderList(preview.serverFolders, intl)}</dd>
          <dt>
            <FormattedMessage id="devices.preview.states" defaultMessage="Read or flag states" />
          </dt>
          <dd data-testid="preview-states">
            <FormattedMessage id="devices.preview.states.toPop" defaultMessage="As on the server now (server → this device); nothing is changed on the server" />
          </dd>
        </dl>
      )}
      <p className="explanation" data-testid="preview-retention">
        {preview.retentionAfter.kind === 'imap-keeps-all' ? (
          <FormattedMessage
            id="devices.preview.retention.imap"
            defaultMessage="With IMAP the server keeps every message: there is no retention setting. Deleting a message here deletes it on the server (through Trash)."
          />
        ) : (
          <FormattedMessage
            id="devices.preview.retention.pop"
            defaultMessage="{rule}, until you choose otherwise. {detail}"
            values={{ rule: retentionTitle(preview.retentionAfter.retention, intl), detail: retentionDetail(preview.retentionAfter.retention, intl) }}
          />
        )}
      </p>
    </section>
  );
}
