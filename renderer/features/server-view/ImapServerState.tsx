import { FormattedMessage, useIntl } from 'react-intl';
import type { ImapServerView } from '../../../common/model/server-view';
import { timeOfDay } from '../../app/format';
import { ServerMessageTable } from './ServerMessageTable';

/** IMAP's own names for what the server reports (RFC 3501, RFC 7162), and the dash of a value it did not give: the same in every language. */
const IMAP_WORDS = { uidValidity: 'UIDVALIDITY', uidNext: 'UIDNEXT', highestModseq: 'HIGHESTMODSEQ', exists: 'EXISTS', uid: 'UID' } as const;
const NO_VALUE = '—';

function flagText(flags: string[]): string {
  const shown = flags.filter((f) => f !== '\\Recent');
  return shown.length ? shown.join(' ') : NO_VALUE;
}

/** The IMAP server's own state: its folders with counts, and the watched folder message by message. */
export function ImapServerState({ view }: { view: ImapServerView }) {
  const intl = useIntl();
  return (
    <div className="server-state">
      <dl className="facts" aria-label={intl.formatMessage({ id: 'serverView.imap.stateLabel', defaultMessage: 'State of {folder} on the server' }, { folder: view.folderPath })}>
        <dt>
          <FormattedMessage id="serverView.imap.folder" defaultMessage="Folder" />
        </dt>
        <dd>{view.folderPath}</dd>
        <dt>{IMAP_WORDS.uidValidity}</dt>
        <dd data-testid="server-uidvalidity">{view.uidValidity}</dd>
        <dt>{IMAP_WORDS.uidNext}</dt>
        <dd data-testid="server-uidnext">{view.uidNext}</dd>
        <dt>{IMAP_WORDS.highestModseq}</dt>
        <dd data-testid="server-highestmodseq">{view.highestModseq ?? intl.formatMessage({ id: 'serverView.imap.noCondstore', defaultMessage: 'not supported (no CONDSTORE)' })}</dd>
        <dt>{IMAP_WORDS.exists}</dt>
        <dd data-testid="server-exists">{view.exists}</dd>
        <dt>
          <FormattedMessage id="serverView.imap.seenAt" defaultMessage="Seen at" />
        </dt>
        <dd>{timeOfDay(view.at)}</dd>
      </dl>
      <table className="data-table" aria-label={intl.formatMessage({ id: 'serverView.imap.foldersLabel', defaultMessage: 'Folders on the server' })}>
        <thead>
          <tr>
            <th scope="col">
              <FormattedMessage id="serverView.imap.folder" defaultMessage="Folder" />
            </th>
            <th scope="col">
              <FormattedMessage id="serverView.imap.messages" defaultMessage="Messages" />
            </th>
            <th scope="col">
              <FormattedMessage id="serverView.imap.unread" defaultMessage="Unread" />
            </th>
          </tr>
        </thead>
        <tbody>
          {view.folders.map((f) => (
            <tr key={f.path} data-folder-path={f.path} className={f.path === view.folderPath ? 'current' : undefined}>
              <td>{f.path}</td>
              <td>{f.total ?? NO_VALUE}</td>
              <td>{f.unseen ?? NO_VALUE}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ServerMessageTable
        label={intl.formatMessage({ id: 'serverView.imap.messagesLabel', defaultMessage: 'Messages on the server in {folder}' }, { folder: view.folderPath })}
        leading={[
          { header: IMAP_WORDS.uid, cell: (m) => m.uid },
          { header: <FormattedMessage id="serverView.imap.flags" defaultMessage="Flags" />, cell: (m) => flagText(m.flags), className: 'flags' },
        ]}
        messages={view.messages}
        keyOf={(m) => String(m.uid)}
        rowData={(m) => ({ 'data-uid': String(m.uid) })}
        empty={<FormattedMessage id="serverView.imap.empty" defaultMessage="{folder} is empty on the server." values={{ folder: view.folderPath }} />}
        truncatedFrom={view.truncated ? view.exists : null}
      />
    </div>
  );
}
