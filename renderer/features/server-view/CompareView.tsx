import { useMemo } from 'react';
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
  return <p className="muted pad">Reading this device’s cache…</p>;
}

function ImapCompare({ device, view }: { device: DeviceSummary; view: ImapServerView }) {
  const oldestShown = view.messages.reduce((min, m) => Math.min(min, m.uid), Number.POSITIVE_INFINITY);
  const fromUid = view.truncated && Number.isFinite(oldestShown) ? oldestShown : 0;
  const local = useFolderMessagesFromUid(device.dbName, serverFolderId(view.folderPath), fromUid);
  const pending = usePendingOps(device.dbName);
  const folders = useFolders(device.dbName);
  const unread = useUnreadCounts(device.dbName);
  const messageRows = useMemo(() => (local && pending ? compareImapMessages(view, local, pending) : null), [view, local, pending]);
  const folderRows = useMemo(() => (folders && unread ? compareImapFolders(view.folders, folders, unread) : null), [view, folders, unread]);
  if (!messageRows || !folderRows) return <Loading />;
  return (
    <>
      <CompareTable label={`Messages in ${view.folderPath}, here and on the server`} rows={messageRows} hereName={device.name} />
      <CompareTable label="Folders, here and on the server" rows={folderRows} hereName={device.name} />
    </>
  );
}

function PopCompare({ device, view }: { device: DeviceSummary; view: PopServerView }) {
  const messages = useAllMessages(device.dbName);
  const folders = useFolders(device.dbName);
  const states = usePopStates(device.dbName);
  const retention = (device.pop ?? DEFAULT_POP_SETTINGS).retention;
  const rows = useMemo(
    () => (messages && folders && states ? comparePop({ view, messages, folders, states, retention, now: view.at }) : null),
    [view, messages, folders, states, retention],
  );
  if (!rows) return <Loading />;
  return <CompareTable label="This device’s mail and the maildrop" rows={rows} hereName={device.name} />;
}

/** Local vs server, row by row, for the device the panel is showing. */
export function CompareView({ device, view }: { device: DeviceSummary; view: ImapServerView | PopServerView }) {
  if (view.kind === 'imap') return device.mode === 'imap' ? <ImapCompare device={device} view={view} /> : null;
  return device.mode === 'pop3' ? <PopCompare device={device} view={view} /> : null;
}
