import { useMemo, useRef, useState } from 'react';
import type { AccountSummary } from '../../common/model/account';
import type { FolderRecord } from '../../common/model/mail';
import { draftFrom, draftFromSaved, emptyDraft, type ComposeDraft } from '../../common/compose/reply';
import { readDb } from '../cache/read-db';
import { useFolders, useMessageIds, useSearchIds } from '../cache/hooks';
import { AccountForm } from '../features/account-setup/AccountForm';
import { AccountSettings } from '../features/settings/AccountSettings';
import { Composer } from '../features/composer/Composer';
import { DeviceManager } from '../features/devices/DeviceManager';
import { SideBySide } from '../features/devices/SideBySide';
import { MessageList } from '../features/message-list/MessageList';
import { Reader, type ReaderAction } from '../features/reader/Reader';
import { Notices } from '../features/status/Notices';
import { StatusBar } from '../features/status/StatusBar';
import { ServerPanel } from '../features/server-view/ServerPanel';
import { ReadingPreferences } from '../features/settings/ReadingPreferences';
import { GuidedSteps } from '../features/sandbox/GuidedSteps';
import { SandboxOffer, SandboxShortcuts } from '../features/sandbox/SandboxLaunch';
import { SandboxPanel } from '../features/sandbox/SandboxPanel';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { useKeyboardShortcuts } from '../ui/keyboard-shortcuts';
import { AccountSection } from './AccountSection';
import { deviceKey } from './device-key';
import { count } from './format';
import { invoke } from './use-command';
import { useDeviceView } from './use-device-view';
import { useMainState } from './use-main-state';
import { useMarkReadSetting } from './use-mark-read-setting';
import { useViewState } from './use-view-state';

export function App() {
  const [composer, setComposer] = useState<ComposeDraft | null>(null);
  const { info, accounts, statuses, progress, notices, reportFailure, showAccount, dismissNotice } = useMainState((fields) =>
    setComposer({ ...emptyDraft(), to: fields.to, cc: fields.cc, bcc: fields.bcc, subject: fields.subject, text: fields.body }),
  );
  const view = useViewState(accounts);
  const { selection, layout, setLayout, serverPanelOpen, setServerPanelOpen, guideOpen, setGuideOpen } = view;
  const [adding, setAdding] = useState(false);
  const [settingsFor, setSettingsFor] = useState<string | null>(null);
  const [devicesFor, setDevicesFor] = useState<string | null>(null);
  const [sandboxPanelOpen, setSandboxPanelOpen] = useState(false);
  const [readingOpen, setReadingOpen] = useState(false);
  const [markReadSetting, setMarkReadSetting] = useMarkReadSetting();

  const account = accounts?.find((a) => a.id === selection?.accountId) ?? null;
  const device = account?.devices.find((d) => d.id === selection?.deviceId) ?? null;
  const dbName = device?.dbName ?? null;
  const deviceRef = useMemo(() => (account && device ? { accountId: account.id, deviceId: device.id } : null), [account, device]);
  const folders = useFolders(dbName);
  const folder = folders?.find((f) => f.id === selection?.folderId) ?? folders?.find((f) => f.role === 'inbox') ?? null;
  const folderIds = useMessageIds(dbName, folder?.id ?? null);
  const [search, setSearch] = useState('');
  const searchBox = useRef<HTMLInputElement>(null);
  const found = useSearchIds(dbName, folder?.id ?? null, search);
  const searching = search.trim().length > 0;
  const ids = searching ? found : folderIds;
  const { message, openError, select: selectMessage, step, act: actOnMessage, move } = useDeviceView({
    device: deviceRef,
    dbName,
    ids,
    selectedId: selection?.messageId ?? null,
    onSelected: view.selectMessageId,
    afterLeaving: 'next',
    readerShows: layout === 'three-pane',
    onFailure: (error) => reportFailure(error.message),
  });

  /** An account main just returned (sandbox): shown at once, before its accounts:changed event arrives. */
  const openAccount = (opened: AccountSummary): void => {
    showAccount(opened);
    view.chooseAccount(opened);
    setAdding(false);
  };

  /** The sandbox as Laptop and Phone side by side with the server panel, and the guided steps beside them. */
  const openDemonstration = (opened: AccountSummary): void => {
    openAccount(opened);
    setSandboxPanelOpen(false);
    setLayout('side-by-side');
    setGuideOpen(true);
  };

  const chooseAccount = (accountId: string): void => {
    const target = accounts?.find((a) => a.id === accountId);
    if (target) view.chooseAccount(target);
  };

  const selectFolder = (accountId: string, deviceId: string, target: FolderRecord): void => {
    view.chooseFolder(accountId, deviceId, target.id);
    void invoke('folder:select', { accountId, deviceId, folderPath: target.path }).then((r) => !r.ok && reportFailure(r.error.message));
  };

  /** The reader's actions: the composer's here, the rest shared with the device columns (useDeviceView). */
  const act = async (action: ReaderAction): Promise<void> => {
    if (!deviceRef || !message || !account || !dbName) return;
    switch (action) {
      case 'reply':
      case 'replyAll':
      case 'forward':
        // A message that could not be read has nothing to reply to or forward.
        if (message.problem) return;
        setComposer(draftFrom(action, message, (await readDb(dbName).bodies.get(message.id)) ?? null, account.address));
        return;
      case 'editDraft':
        setComposer(draftFromSaved(message, (await readDb(dbName).bodies.get(message.id)) ?? null));
        return;
      default:
        actOnMessage(action);
    }
  };

  const keysTaken = Boolean(composer) || adding || Boolean(settingsFor) || Boolean(devicesFor) || sandboxPanelOpen || readingOpen;
  // Preferences open from either layout, whatever else is shown, unless a dialog or the composer has the keys.
  useKeyboardShortcuts(!keysTaken, { ',': () => setReadingOpen(true) });
  useKeyboardShortcuts(layout === 'three-pane' && !keysTaken, {
    j: () => step(1),
    k: () => step(-1),
    r: () => void act('reply'),
    a: () => void act('replyAll'),
    f: () => void act('forward'),
    '#': () => void act('delete'),
    Delete: () => void act('delete'),
    u: () => void act('toggleRead'),
    s: () => void act('toggleFlag'),
    c: () => setComposer(emptyDraft()),
    '/': () => searchBox.current?.focus(),
  });

  if (accounts === null) return <p className="pad">Starting Porthole…</p>;
  const sandboxAccount = accounts.find((a) => a.sandbox) ?? null;
  if (accounts.length === 0 || adding) {
    return (
      <main className="setup">
        {!sandboxAccount && <SandboxOffer onOpened={openAccount} />}
        <AccountForm
          onAdded={() => setAdding(false)}
          onCancel={accounts.length ? () => setAdding(false) : null}
          weakSecretStorage={info?.secretStorageNeedsConsent ? { warning: info.secretStorageWarning ?? '' } : null}
        />
      </main>
    );
  }

  const status = deviceRef ? (statuses[deviceKey(deviceRef)] ?? null) : null;
  const currentProgress = deviceRef ? (progress[deviceKey(deviceRef)] ?? null) : null;
  const isDraftFolder = folder?.role === 'drafts';
  const settingsAccount = accounts.find((a) => a.id === settingsFor) ?? null;
  const devicesAccount = accounts.find((a) => a.id === devicesFor) ?? null;
  const readingButton = (
    <button type="button" className="small" onClick={() => setReadingOpen(true)} aria-keyshortcuts="," title="When messages are marked read ( , )">
      Reading…
    </button>
  );
  const readingDialog = readingOpen && <ReadingPreferences setting={markReadSetting} onChange={setMarkReadSetting} onClose={() => setReadingOpen(false)} />;
  const noticeList = <Notices notices={notices} accounts={accounts.map((a) => ({ id: a.id, name: a.address }))} onDismiss={dismissNotice} />;

  if (layout === 'side-by-side' && account) {
    return (
      <div className="app-side-by-side">
        <SideBySide
          key={account.id}
          account={account}
          statuses={statuses}
          progress={progress}
          guide={account.sandbox && guideOpen ? (showServerAs) => <GuidedSteps account={account} onShowServerAs={showServerAs} onClose={() => setGuideOpen(false)} /> : undefined}
          toolbar={
            <>
              <button type="button" aria-pressed="true" onClick={() => setLayout('three-pane')} title="Back to the three panes of one device">
                Devices side by side
              </button>
              <select aria-label="Account" value={account.id} onChange={(e) => chooseAccount(e.target.value)}>
                {accounts.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.address}
                  </option>
                ))}
              </select>
              {account.sandbox && (
                <button type="button" aria-pressed={guideOpen} onClick={() => setGuideOpen(!guideOpen)}>
                  Guided steps
                </button>
              )}
            </>
          }
        />
        {noticeList}
        {readingDialog}
      </div>
    );
  }

  return (
    <div className={`app${serverPanelOpen ? ' with-server' : ''}`}>
      <aside className="sidebar">
        <div className="sidebar-actions">
          <button type="button" className="primary" onClick={() => setComposer(emptyDraft())} aria-keyshortcuts="c" disabled={!deviceRef}>
            Compose
          </button>
          <button type="button" onClick={() => deviceRef && void invoke('device:sync', deviceRef).then((r) => !r.ok && reportFailure(r.error.message))}>
            Check mail
          </button>
        </div>
        <div className="sidebar-actions view-toggles">
          <button type="button" className="small" aria-pressed={serverPanelOpen} onClick={() => setServerPanelOpen(!serverPanelOpen)} disabled={!deviceRef}>
            What the server sees
          </button>
          <button type="button" className="small" aria-pressed="false" onClick={() => setLayout('side-by-side')} disabled={!deviceRef}>
            Devices side by side
          </button>
          {readingButton}
        </div>
        {accounts.map((a) => {
          const d = selection?.accountId === a.id && device ? device : view.deviceOf(a);
          return (
            <ErrorBoundary key={a.id} what={`The folders of ${a.address}`} resetKey={d.id}>
              <AccountSection
                account={a}
                device={d}
                selectedFolderId={selection?.accountId === a.id ? (folder?.id ?? null) : null}
                onChooseDevice={(deviceId) => view.chooseDevice(a.id, deviceId)}
                onSelectFolder={(f) => selectFolder(a.id, d.id, f)}
                onDropMessages={(messageIds, f) => move(messageIds, f.path)}
                onSettings={() => setSettingsFor(a.id)}
                onDevices={() => setDevicesFor(a.id)}
                onSandbox={a.sandbox ? () => setSandboxPanelOpen(true) : null}
              />
            </ErrorBoundary>
          );
        })}
        <div className="add-account">
          <button type="button" onClick={() => setAdding(true)}>
            Add account
          </button>
          <SandboxShortcuts hasSandbox={sandboxAccount !== null} onOpened={openAccount} onDemonstrating={openDemonstration} />
        </div>
      </aside>
      <section className="list-pane" aria-label="Message list">
        <header className="pane-header">
          <h1>{folder?.name ?? 'Inbox'}</h1>
          <span className="muted">{folderIds ? count(folderIds.length, 'message') : ''}</span>
        </header>
        <form className="search" role="search" onSubmit={(e) => e.preventDefault()}>
          <input
            ref={searchBox}
            type="search"
            aria-label="Search sender or subject"
            aria-keyshortcuts="/"
            placeholder="Search sender or subject  ( / )"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                setSearch('');
                e.currentTarget.blur();
              }
            }}
          />
          {/* Nothing found is said in the list's place, with the words searched. */}
          {searching && found?.length !== 0 && (
            <span className="muted search-count" role="status" data-testid="search-count">
              {found ? `${found.length.toLocaleString()} found` : 'Searching…'}
            </span>
          )}
        </form>
        {searching && found?.length === 0 ? (
          <div className="pad" role="status" data-testid="no-matches">
            <p className="muted">
              Nothing in {folder?.name ?? 'this folder'} matches “<bdi>{search.trim()}</bdi>”.
            </p>
            <button type="button" className="small" onClick={() => setSearch('')}>
              Clear search
            </button>
          </div>
        ) : dbName && (
          <ErrorBoundary what="The message list" resetKey={`${dbName}/${folder?.id ?? ''}`}>
            <MessageList dbName={dbName} folderName={folder?.name ?? 'this folder'} ids={ids} selectedId={selection?.messageId ?? null} onSelect={selectMessage} onOpen={selectMessage} />
          </ErrorBoundary>
        )}
      </section>
      <section className="reader-pane" aria-label="Reading pane">
        {message && dbName ? (
          <ErrorBoundary what="This message" resetKey={message.id}>
            <Reader dbName={dbName} message={message} folders={folders ?? []} isDraft={isDraftFolder} openError={openError} onAction={(a) => void act(a)} onMove={(path) => move([message.id], path)} onCompose={setComposer} />
          </ErrorBoundary>
        ) : (
          <p className="muted pad">Select a message to read it. Shortcuts: j/k next/previous, r reply, a reply all, f forward, # delete, u unread, s flag, c compose, comma reading preferences.</p>
        )}
      </section>
      {serverPanelOpen && account && device && <ServerPanel account={account} device={device} folder={folder} />}
      {noticeList}
      {readingDialog}
      <StatusBar status={status} progress={currentProgress} />
      {settingsAccount && <AccountSettings account={settingsAccount} device={view.deviceOf(settingsAccount)} onClose={() => setSettingsFor(null)} />}
      {devicesAccount && <DeviceManager account={devicesAccount} onClose={() => setDevicesFor(null)} />}
      {sandboxPanelOpen && sandboxAccount && <SandboxPanel account={sandboxAccount} onDemonstrating={openDemonstration} onClose={() => setSandboxPanelOpen(false)} />}
      {composer && deviceRef && account && (
        <Composer
          device={deviceRef}
          fromLabel={`${account.displayName} <${account.address}>`}
          initial={composer}
          onClose={() => setComposer(null)}
        />
      )}
    </div>
  );
}
