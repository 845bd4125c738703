import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AppInfo, DeviceStatus, Notice, SyncProgress } from '../../common/contract';
import type { AccountSummary, DeviceSummary } from '../../common/model/account';
import { FLAG_FLAGGED, FLAG_SEEN, type FolderRecord } from '../../common/model/mail';
import { draftFrom, draftFromSaved, emptyDraft, type ComposeDraft } from '../../common/compose/reply';
import { getApi } from '../bridge/api';
import { closeDbsExcept, readDb } from '../cache/read-db';
import { useFolders, useMessage, useMessageIds, useSearchIds } from '../cache/hooks';
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
import { AccountSection } from './AccountSection';
import { deviceKey } from './device-key';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { count } from './format';
import { useKeyboardShortcuts } from '../ui/keyboard-shortcuts';
import type { SelectedBy } from './mark-read';
import { invoke } from './use-command';
import { useMarkReadSetting } from './use-mark-read-setting';
import { useMessageOpener } from './use-message-opener';
import { loadView, saveView } from './view-memory';

interface Selection {
  accountId: string;
  deviceId: string;
  /** Null until the user picks one: the device's inbox. */
  folderId: string | null;
  messageId: string | null;
}

const MAX_NOTICES = 5;

/** The device an account shows until the user picks another: the one chosen before, else its first. */
function deviceOf(account: AccountSummary, chosenIds: Readonly<Record<string, string>>): DeviceSummary {
  return account.devices.find((d) => d.id === chosenIds[account.id]) ?? account.devices[0]!;
}

export function App() {
  const api = getApi();
  // What this window showed before a reload; read once.
  const [remembered] = useState(loadView);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [accounts, setAccounts] = useState<AccountSummary[] | null>(null);
  const [adding, setAdding] = useState(false);
  const [chosen, setSelection] = useState<Selection | null>(() => (remembered.place ? { ...remembered.place, messageId: null } : null));
  const [statuses, setStatuses] = useState<Record<string, DeviceStatus>>({});
  const [progress, setProgress] = useState<Record<string, SyncProgress>>({});
  const [notices, setNotices] = useState<Notice[]>([]);
  const [composer, setComposer] = useState<ComposeDraft | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  const [settingsFor, setSettingsFor] = useState<string | null>(null);
  const [devicesFor, setDevicesFor] = useState<string | null>(null);
  const [chosenDevices, setChosenDevices] = useState<Readonly<Record<string, string>>>(remembered.chosenDevices);
  const [layout, setLayout] = useState(remembered.layout);
  const [serverPanelOpen, setServerPanelOpen] = useState(remembered.serverPanelOpen);
  const [sandboxPanelOpen, setSandboxPanelOpen] = useState(false);
  const [guideOpen, setGuideOpen] = useState(remembered.guideOpen);
  const [readingOpen, setReadingOpen] = useState(false);
  const [markReadSetting, setMarkReadSetting] = useMarkReadSetting();

  const addNotice = useCallback((notice: Notice) => setNotices((list) => [notice, ...list].slice(0, MAX_NOTICES)), []);
  const reportFailure = useCallback(
    (text: string) => addNotice({ id: crypto.randomUUID(), level: 'error', where: 'action', accountId: null, deviceId: null, text, code: null, at: Date.now() }),
    [addNotice],
  );

  useEffect(() => {
    void api.commands['app:info'](null).then((r) => r.ok && setInfo(r.value));
    void api.commands['accounts:list'](null).then((r) => r.ok && setAccounts(r.value));
    // A window opened (or reloaded) after the devices started has seen none of their events.
    void api.commands['device:statuses'](null).then((r) => r.ok && setStatuses((all) => ({ ...Object.fromEntries(r.value.map((s) => [deviceKey(s), s])), ...all })));
    const offs = [
      api.on('accounts:changed', setAccounts),
      api.on('device:status', (s) => setStatuses((all) => ({ ...all, [deviceKey(s)]: s }))),
      api.on('sync:progress', (p) => setProgress((all) => ({ ...all, [deviceKey(p)]: p }))),
      api.on('notice', addNotice),
      api.on('compose:request', (fields) => setComposer({ ...emptyDraft(), to: fields.to, cc: fields.cc, bcc: fields.bcc, subject: fields.subject, text: fields.body })),
    ];
    return () => offs.forEach((off) => off());
  }, [api, addNotice]);

  // A removed device's cache is deleted by main: stop reading it, so it is not created again.
  useEffect(() => {
    if (accounts) closeDbsExcept(new Set(accounts.flatMap((a) => a.devices.map((d) => d.dbName))));
  }, [accounts]);

  // Until the user chooses, and after their account or device is removed: the first account's inbox.
  const selection = useMemo((): Selection | null => {
    if (!accounts || accounts.length === 0) return null;
    const chosenAccount = chosen ? accounts.find((a) => a.id === chosen.accountId) : undefined;
    if (chosen && chosenAccount?.devices.some((d) => d.id === chosen.deviceId)) return chosen;
    const target = chosenAccount ?? accounts[0]!;
    return { accountId: target.id, deviceId: deviceOf(target, chosenDevices).id, folderId: null, messageId: null };
  }, [accounts, chosen, chosenDevices]);

  const account = accounts?.find((a) => a.id === selection?.accountId) ?? null;
  const device: DeviceSummary | null = account?.devices.find((d) => d.id === selection?.deviceId) ?? null;
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
  const message = useMessage(dbName, selection?.messageId ?? null);
  /** The selected message now, for work that finishes later: the user may have moved on meanwhile. */
  const selectedNow = useRef<string | null>(null);
  /** The message this window's reader shows now: none while Devices side by side covers it. */
  const readerShowsNow = useRef<string | null>(null);
  useEffect(() => {
    selectedNow.current = selection?.messageId ?? null;
    readerShowsNow.current = layout === 'three-pane' ? selectedNow.current : null;
  });

  const place = selection ? { accountId: selection.accountId, deviceId: selection.deviceId, folderId: selection.folderId } : null;
  const placeKey = JSON.stringify(place);
  useEffect(() => {
    saveView({ layout, serverPanelOpen, guideOpen, chosenDevices: { ...chosenDevices }, place: JSON.parse(placeKey) as typeof place });
  }, [layout, serverPanelOpen, guideOpen, chosenDevices, placeKey]);

  const openMessage = useMessageOpener(markReadSetting, (error, during) => (during === 'open' ? setOpenError(error.message) : reportFailure(error.message)));

  const chooseDevice = (accountId: string, deviceId: string): void => {
    setChosenDevices((ids) => ({ ...ids, [accountId]: deviceId }));
    setSelection({ accountId, deviceId, folderId: null, messageId: null });
  };

  /** An account main just returned (sandbox): shown at once, before its accounts:changed event arrives. */
  const openAccount = (opened: AccountSummary): void => {
    setAccounts((list) => (list?.some((a) => a.id === opened.id) ? list.map((a) => (a.id === opened.id ? opened : a)) : [...(list ?? []), opened]));
    setSelection({ accountId: opened.id, deviceId: deviceOf(opened, chosenDevices).id, folderId: null, messageId: null });
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
    if (target) setSelection({ accountId, deviceId: deviceOf(target, chosenDevices).id, folderId: null, messageId: null });
  };

  const selectFolder = (accountId: string, deviceId: string, target: FolderRecord): void => {
    setSelection({ accountId, deviceId, folderId: target.id, messageId: null });
    void invoke('folder:select', { accountId, deviceId, folderPath: target.path }).then((r) => !r.ok && reportFailure(r.error.message));
  };

  /** `selectedBy` 'app': the next message after a Delete or a Move, which nobody chose to read yet. */
  const selectMessage = useCallback(
    (messageId: string | null, selectedBy: SelectedBy = 'user') => {
      setOpenError(null);
      if (selection) setSelection({ ...selection, messageId });
      if (!deviceRef) return;
      openMessage(deviceRef, messageId, selectedBy, () => readerShowsNow.current);
    },
    [deviceRef, selection, openMessage],
  );

  /** After a message leaves the list, the next one (or the previous, at the end) is selected. */
  const neighbourOf = (messageId: string): string | null => {
    if (!ids) return null;
    const index = ids.indexOf(messageId);
    return ids[index + 1] ?? ids[index - 1] ?? null;
  };

  const act = async (action: ReaderAction): Promise<void> => {
    if (!deviceRef || !message || !account || !dbName) return;
    const body = (await readDb(dbName).bodies.get(message.id)) ?? null;
    const target = { ...deviceRef, messageIds: [message.id] };
    switch (action) {
      case 'reply':
      case 'replyAll':
      case 'forward':
        // A message that could not be read has nothing to reply to or forward.
        if (message.problem) return;
        setComposer(draftFrom(action, message, body, account.address));
        return;
      case 'editDraft':
        setComposer(draftFromSaved(message, body));
        return;
      case 'toggleRead': {
        const r = await invoke('messages:flag', message.seen ? { ...target, add: [], remove: [FLAG_SEEN] } : { ...target, add: [FLAG_SEEN], remove: [] });
        if (!r.ok) reportFailure(r.error.message);
        return;
      }
      case 'toggleFlag': {
        const r = await invoke('messages:flag', message.flagged ? { ...target, add: [], remove: [FLAG_FLAGGED] } : { ...target, add: [FLAG_FLAGGED], remove: [] });
        if (!r.ok) reportFailure(r.error.message);
        return;
      }
      case 'delete': {
        const next = neighbourOf(message.id);
        const r = await invoke('messages:delete', target);
        if (!r.ok) reportFailure(r.error.message);
        else if (selectedNow.current === message.id) selectMessage(next, 'app');
        return;
      }
      default: {
        const unknownAction: never = action;
        throw new Error(`Unknown action ${String(unknownAction)}`);
      }
    }
  };

  const move = async (messageIds: string[], toPath: string): Promise<void> => {
    if (!deviceRef) return;
    const before = selection?.messageId ?? null;
    const next = message && messageIds.includes(message.id) ? neighbourOf(message.id) : before;
    const r = await invoke('messages:move', { ...deviceRef, messageIds, toPath });
    if (!r.ok) reportFailure(r.error.message);
    else if (next !== before && selectedNow.current === before) selectMessage(next, 'app');
  };

  const step = (delta: 1 | -1): void => {
    if (!ids || ids.length === 0) return;
    const index = selection?.messageId ? ids.indexOf(selection.messageId) : -1;
    const next = ids[Math.min(ids.length - 1, Math.max(0, index + delta))];
    if (next) selectMessage(next);
  };

  // Preferences open from either layout, whatever else is shown, unless a dialog or the composer has the keys.
  useKeyboardShortcuts(!composer && !adding && !settingsFor && !devicesFor && !sandboxPanelOpen && !readingOpen, { ',': () => setReadingOpen(true) });
  useKeyboardShortcuts(layout === 'three-pane' && !composer && !adding && !settingsFor && !devicesFor && !sandboxPanelOpen && !readingOpen, {
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
  const noticeList = <Notices notices={notices} accounts={accounts.map((a) => ({ id: a.id, name: a.address }))} onDismiss={(id) => setNotices((list) => list.filter((n) => n.id !== id))} />;

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
          const d = selection?.accountId === a.id && device ? device : deviceOf(a, chosenDevices);
          return (
            <ErrorBoundary key={a.id} what={`The folders of ${a.address}`} resetKey={d.id}>
              <AccountSection
                account={a}
                device={d}
                selectedFolderId={selection?.accountId === a.id ? (folder?.id ?? null) : null}
                onChooseDevice={(deviceId) => chooseDevice(a.id, deviceId)}
                onSelectFolder={(f) => selectFolder(a.id, d.id, f)}
                onDropMessages={(messageIds, f) => void move(messageIds, f.path)}
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
            <Reader dbName={dbName} message={message} folders={folders ?? []} isDraft={isDraftFolder} openError={openError} onAction={(a) => void act(a)} onMove={(path) => void move([message.id], path)} onCompose={setComposer} />
          </ErrorBoundary>
        ) : (
          <p className="muted pad">Select a message to read it. Shortcuts: j/k next/previous, r reply, a reply all, f forward, # delete, u unread, s flag, c compose, comma reading preferences.</p>
        )}
      </section>
      {serverPanelOpen && account && device && <ServerPanel account={account} device={device} folder={folder} />}
      {noticeList}
      {readingDialog}
      <StatusBar status={status} progress={currentProgress} />
      {settingsAccount && <AccountSettings account={settingsAccount} device={deviceOf(settingsAccount, chosenDevices)} onClose={() => setSettingsFor(null)} />}
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
