import { useState, type ReactNode } from 'react';
import { defineMessages, FormattedMessage, useIntl, type MessageDescriptor } from 'react-intl';
import { incomingFor, type AccountSummary, type DeviceSummary } from '../../../common/model/account';
import type { FolderRecord } from '../../../common/model/mail';
import { ErrorBoundary } from '../../ui/ErrorBoundary';
import { ErrorText } from '../../ui/ErrorText';
import { useFolders } from '../../cache/hooks';
import { modeName } from '../../app/format';
import { CompareView } from './CompareView';
import { ServerState } from './ServerState';
import { TranscriptView } from './TranscriptView';
import { useServerView } from './use-server-view';

type Tab = 'server' | 'compare' | 'transcript';

const TABS: Record<Tab, MessageDescriptor> = defineMessages({
  server: { id: 'serverView.tab.server', defaultMessage: 'Server' },
  compare: { id: 'serverView.tab.compare', defaultMessage: 'Compare' },
  transcript: { id: 'serverView.tab.transcript', defaultMessage: 'Transcript' },
});

/** The server folder an IMAP panel watches for the folder shown here: local folders have none, so INBOX. */
export function watchedPath(device: DeviceSummary, folder: FolderRecord | null): string | null {
  if (device.mode !== 'imap') return null;
  return folder && folder.origin === 'server' ? folder.path : 'INBOX';
}

interface ServerPanelProps {
  account: AccountSummary;
  /** The device whose mode, folder and decisions the panel shows. */
  device: DeviceSummary;
  folder: FolderRecord | null;
  /** A control to pick that device, where several are on screen. */
  deviceChooser?: ReactNode;
}

/**
 * "What the server sees" for one account, through its own read-only observer: the server's state,
 * the comparison with this device's cache, and the protocol transcript.
 */
export function ServerPanel(props: ServerPanelProps) {
  const intl = useIntl();
  const title = intl.formatMessage({ id: 'serverView.panel.title', defaultMessage: 'What the server sees' });
  return (
    <ErrorBoundary what={title} className="server-panel" label={title} resetKey={`${props.account.id}/${props.device.id}/${props.folder?.id ?? ''}`}>
      <ServerPanelContent {...props} />
    </ErrorBoundary>
  );
}

function ServerPanelContent({ account, device, folder, deviceChooser }: ServerPanelProps) {
  const intl = useIntl();
  const [tab, setTab] = useState<Tab>('server');
  const folderPath = watchedPath(device, folder);
  // The observer follows one folder live, not the folder list: look again when this device's folders change.
  const folders = useFolders(device.dbName);
  const folderSet = device.mode !== 'imap' ? '' : folders ? folders.map((f) => f.id).sort().join('\n') : null;
  const server = useServerView(account.id, device.mode, folderPath, folderSet);
  const endpoint = incomingFor(account, device.mode);
  const view = server.view;
  const mode = modeName(device.mode);
  const address = endpoint ? `${endpoint.host}:${endpoint.port}` : '';
  return (
    <section className="server-panel" aria-label={intl.formatMessage({ id: 'serverView.panel.title', defaultMessage: 'What the server sees' })}>
      <header className="pane-header">
        <h2>
          <FormattedMessage id="serverView.panel.title" defaultMessage="What the server sees" />
        </h2>
        {deviceChooser}
      </header>
      <p className="muted server-source">
        {folderPath ? (
          <FormattedMessage id="serverView.source.folder" defaultMessage="{mode} {endpoint} · {folder} · its own read-only connection" values={{ mode, endpoint: address, folder: folderPath }} />
        ) : (
          <FormattedMessage id="serverView.source.maildrop" defaultMessage="{mode} {endpoint} · maildrop · its own read-only connection" values={{ mode, endpoint: address }} />
        )}
      </p>
      <div className="tabs" role="tablist" aria-label={intl.formatMessage({ id: 'serverView.panel.tabsLabel', defaultMessage: 'Server panel views' })}>
        {(Object.keys(TABS) as Tab[]).map((t) => (
          <button key={t} type="button" role="tab" id={`server-tab-${t}`} aria-selected={tab === t} aria-controls={`server-tabpanel-${t}`} className={tab === t ? 'selected' : undefined} onClick={() => setTab(t)}>
            {intl.formatMessage(TABS[t])}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel" id={`server-tabpanel-${tab}`} aria-labelledby={`server-tab-${tab}`}>
        <ErrorText error={server.error} />
        {tab === 'transcript' ? (
          <TranscriptView key={account.id} account={account} />
        ) : !view ? (
          <p className="muted pad">{server.busy ? <FormattedMessage id="serverView.panel.asking" defaultMessage="Asking the server…" /> : <FormattedMessage id="serverView.panel.waiting" defaultMessage="Waiting for the server…" />}</p>
        ) : tab === 'compare' && view.kind !== 'error' ? (
          <CompareView device={device} view={view} />
        ) : (
          <ServerState account={account} device={device} view={view} refreshing={server.busy} onRefresh={server.refresh} />
        )}
      </div>
    </section>
  );
}
