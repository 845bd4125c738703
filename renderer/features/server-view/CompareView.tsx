import { useMemo } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { DeviceSummary } from '../../../common/model/account';
import { DEFAULT_POP_SETTINGS } from '../../../common/model/account';
import { serverFolderId } from '../../../common/model/mail';
import type { ImapServerView, PopServerView } from '../../../common/model/server-view';
import { useFolders, usePendingOps, usePopStates, useUnreadCounts } from '../../cache/hooks';
import { compareImapFolders, compareImapMessages } from './compare-imap';
import { comparePop } from './compare-pop';
import { CompareTable } from './CompareTable';
import { useAllMessages, useFolderMessagesFromUid } from './use-compare-data';

function Loading() {
  return (
    <p className="muted pad">
      <FormattedMessage id="serverView.compare.loading" defaultMessage="Reading this device’s cache…" />
    </p>
  );
}

function ImapCompare({ device, view }: { device: DeviceSummary; view: ImapServerView }) {
  const intl = useIntl();
  const oldestShown = view.messages.reduce((min, m) => Math.min(min, m.uid), Number.POSITIVE_INFINITY);
  const fromUid = view.truncated && Number.isFinite(oldestShown) ? oldestShown : 0;
  const local = useFolderMessagesFromUid(device.dbName, serverFolderId(view.folderPath), fromUid);
  const pending = usePendingOps(device.dbName);
  const folders = useFolders(device.dbName);
  const unread = useUnreadCounts(device.dbName);
  const messageRows = useMemo(() => (local && pending ? compareImapMessages(view, local, pending, intl) : null), [view, local, pending, intl]);
  const folderRows = useMemo(() => (folders && unread ? compareImapFolders(view.folders, folders, unread, intl) : null), [view, folders, unread, intl]);
  if (!messageRows || !folderRows) return <Loading />;
  return (
    <>
      <CompareTable
        label={intl.formatMessage({ id: 'serverView.compare.imap.messagesLabel', defaultMessage: 'Messages in {folder}, here and on the server' }, { folder: view.folderPath })}
        rows={messageRows}
        hereName={device.name}
      />
      <CompareTable label={intl.formatMessage({ id: 'serverView.compare.imap.foldersLabel', defaultMessage: 'Folders, here and on the server' })} rows={folderRows} hereName={device.name} />
    </>
  );
}

function PopCompare({ device, view }: { device: DeviceSummary; view: PopServerView }) {
  const intl = useIntl();
  const messages = useAllMessages(device.dbName);
  const folders = useFolders(device.dbName);
  const states = usePopStates(device.dbName);
  const retention = (device.pop ?? DEFAULT_POP_SETTINGS).retention;
  const rows = useMemo(
    () => (messages && folders && states ? comparePop({ view, messages, folders, states, retention, now: view.at }, intl) : null),
    [view, messages, folders, states, retention, intl],
  );
  if (!rows) return <Loading />;
  return <CompareTable label={intl.formatMessage({ id: 'serverView.compare.pop.label', defaultMessage: 'This device’s mail and the maildrop' })} rows={rows} hereName={device.name} />;
}

/** Local vs server, row by row, for the device the panel is showing. */
export function CompareView({ device, view }: { device: DeviceSummary; view: ImapServerView | PopServerView }) {
  if (view.kind === 'imap') return device.mode === 'imap' ? <ImapCompare device={device} view={view} /> : null;
  return device.mode === 'pop3' ? <PopCompare device={device} view={view} /> : null;
}
