import type { ImapServerView } from '../../../common/model/server-view';
import { timeOfDay } from '../../app/format';
import { formatOctets } from '../../../common/model/raw-source';

function flagText(flags: string[]): string {
  const shown = flags.filter((f) => f !== '\\Recent');
  return shown.length ? shown.join(' ') : '—';
}

/** The IMAP server's own state: its folders with counts, and the watched folder message by message. */
export function ImapServerState({ view }: { view: ImapServerView }) {
  return (
    <div className="server-state">
      <dl className="facts" aria-label={`State of ${view.folderPath} on the server`}>
        <dt>Folder</dt>
        <dd>{view.folderPath}</dd>
        <dt>UIDVALIDITY</dt>
        <dd data-testid="server-uidvalidity">{view.uidValidity}</dd>
        <dt>UIDNEXT</dt>
        <dd data-testid="server-uidnext">{view.uidNext}</dd>
        <dt>HIGHESTMODSEQ</dt>
        <dd data-testid="server-highestmodseq">{view.highestModseq ?? 'not supported (no CONDSTORE)'}</dd>
        <dt>EXISTS</dt>
        <dd data-testid="server-exists">{view.exists}</dd>
        <dt>Seen at</dt>
        <dd>{timeOfDay(view.at)}</dd>
      </dl>
      <table className="data-table" aria-label="Folders on the server">
        <thead>
          <tr>
            <th scope="col">Folder</th>
            <th scope="col">Messages</th>
            <th scope="col">Unread</th>
          </tr>
        </thead>
        <tbody>
          {view.folders.map((f) => (
            <tr key={f.path} data-folder-path={f.path} className={f.path === view.folderPath ? 'current' : undefined}>
              <td>{f.path}</td>
              <td>{f.total ?? '—'}</td>
              <td>{f.unseen ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="data-table" aria-label={`Messages on the server in ${view.folderPath}`}>
        <thead>
          <tr>
            <th scope="col">UID</th>
            <th scope="col">Flags</th>
            <th scope="col">Size</th>
            <th scope="col">Subject</th>
          </tr>
        </thead>
        <tbody>
          {view.messages.map((m) => (
            <tr key={m.uid} data-uid={m.uid}>
              <td>{m.uid}</td>
              <td className="flags">{flagText(m.flags)}</td>
              <td className="size">{formatOctets(m.size)}</td>
              <td>{m.subject || '(no subject)'}</td>
            </tr>
          ))}
          {view.messages.length === 0 && (
            <tr>
              <td colSpan={4} className="muted">
                {view.folderPath} is empty on the server.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {view.truncated && <p className="muted">Showing the newest {view.messages.length} of {view.exists} messages.</p>}
    </div>
  );
}
