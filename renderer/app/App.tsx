import { useEffect, useMemo, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { AccountSummary } from '../../common/model/account';
import type { FolderRecord } from '../../common/model/mail';
import { draftFromOutgoing, emptyDraft, type ComposeDraft } from '../../common/compose/reply';
import { useFolderMessageIds, useFolders } from '../cache/hooks';
import { UNIFIED_PER_ACCOUNT, UNIFIED_TITLES, useUnifiedList, type UnifiedKind, type UnifiedSource } from '../cache/unified';
import { AccountForm } from '../features/account-setup/AccountForm';
import { AccountSettings } from '../features/settings/AccountSettings';
import { Composer } from '../features/composer/Composer';
import { DeviceManager } from '../features/devices/DeviceManager';
import { SideBySide } from '../features/devices/SideBySide';
import { ConversationList } from '../features/conversations/ConversationList';
import { ConversationReader } from '../features/conversations/ConversationReader';
import { ListModeToggle } from '../features/conversations/ListModeToggle';
import { useListMode } from '../features/conversations/use-list-mode';
import { BulkPanel, BulkProgressLine } from '../features/message-list/BulkPanel';
import { MessageList } from '../features/message-list/MessageList';
import { useNewMailNotifications, useUnreadBadge, type OpenRequest } from '../features/notifications/use-new-mail-notifications';
import { NoMatches, SearchBar } from '../features/search/SearchBar';
import { useSearch } from '../features/search/use-search';
import { useUndo } from '../features/undo/use-undo';
import { SendingToast } from '../features/outbox/SendingToast';
import { UnifiedList } from '../features/unified/UnifiedList';
import { UnifiedNav } from '../features/unified/UnifiedNav';
import { UnifiedReader } from '../features/unified/UnifiedReader';
import { useUnifiedSelection } from '../features/unified/use-unified-selection';
import type { DeviceRef } from '../../common/contract';
import { Reader, type ReaderAction } from '../features/reader/Reader';
import { Notices } from '../features/status/Notices';
import { StatusBar } from '../features/status/StatusBar';
import { ServerPanel } from '../features/server-view/ServerPanel';
import { Preferences } from '../features/settings/Preferences';
import { WelcomeLanguage } from '../features/settings/LanguageChoice';
import { keyName } from '../i18n/key-names';
import { GuidedSteps } from '../features/sandbox/GuidedSteps';
import { SandboxOffer, SandboxShortcuts } from '../features/sandbox/SandboxLaunch';
import { SandboxPanel } from '../features/sandbox/SandboxPanel';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { useKeyboardShortcuts } from '../ui/keyboard-shortcuts';
import { AccountSection } from './AccountSection';
import { deviceKey } from './device-key';
import { folderName } from '../i18n/folder-names';
import { replyDraft } from './reply-draft';
import { savedDraftForComposer } from './saved-draft';
import { invoke } from './use-command';
import { useDeviceView } from './use-device-view';
import { useMainState } from './use-main-state';
import { secretStorageText } from './use-secret-storage-warning';
import { themeSetting } from './theme';
import { useMarkReadSetting } from './use-mark-read-setting';
import { useViewState } from './use-view-state';
import { useMessageFiles } from './use-message-files';
import { MessageFileViewer } from '../features/reader/MessageFileViewer';
import { saveMessageSource } from '../features/reader/save-message-source';
import { identitiesOf, identityAddressedBy } from '../../common/model/identity';
import { errorText } from '../i18n/error-words';

export function App() {
  const intl = useIntl();
  const [composer, setComposer] = useState<ComposeDraft | null>(null);
  // A device column's composer (side by side) is open: undo send does not open a second one over it.
  const [columnComposing, setColumnComposing] = useState(false);
  const { info, accounts, statuses, progress, notices, reportFailure, showAccount, dismissNotice } = useMainState((fields) =>
    setComposer({ ...emptyDraft(), to: fields.to, cc: fields.cc, bcc: fields.bcc, subject: fields.subject, text: fields.body }),
  );
  const view = useViewState(accounts);
  const messageFiles = useMessageFiles(reportFailure);
  const messageFileInput = useRef<HTMLInputElement>(null);
  const { selection, layout, setLayout, serverPanelOpen, setServerPanelOpen, guideOpen, setGuideOpen } = view;
  const [adding, setAdding] = useState(false);
  const [settingsFor, setSettingsFor] = useState<string | null>(null);
  const [devicesFor, setDevicesFor] = useState<string | null>(null);
  const [sandboxPanelOpen, setSandboxPanelOpen] = useState(false);
  const [readingOpen, setReadingOpen] = useState(false);
  const [markReadSetting, setMarkReadSetting] = useMarkReadSetting();
  const [theme, setTheme] = themeSetting.use();
  useEffect(() => {
    void invoke('app:setTheme', { theme });
  }, [theme]);
  // Where the focus goes once the setup screen has made way for the app: the next thing to do there.
  const focusAfterSetup = useRef<'add-button' | 'message-list' | null>(null);
  const addAccountButton = useRef<HTMLButtonElement>(null);

  const account = accounts?.find((a) => a.id === selection?.accountId) ?? null;
  const device = account?.devices.find((d) => d.id === selection?.deviceId) ?? null;
  const dbName = device?.dbName ?? null;
  const deviceRef = useMemo(() => (account && device ? { accountId: account.id, deviceId: device.id } : null), [account, device]);
  const folders = useFolders(dbName);
  const folder = folders?.find((f) => f.id === selection?.folderId) ?? folders?.find((f) => f.role === 'inbox') ?? null;
  const { ids: folderIds, complete: folderIdsComplete } = useFolderMessageIds(dbName, folder?.id ?? null);
  const undo = useUndo((error) => reportFailure(errorText(error)));
  // A view over every account (All inboxes, Unread, Flagged) shown instead of one folder.
  const [unified, setUnified] = useState<UnifiedKind | null>(null);
  // Each visit to a view starts with nothing selected: a selection left there is not waiting on return.
  const [unifiedVisit, setUnifiedVisit] = useState(0);
  const unifiedSources = useMemo(
    (): UnifiedSource[] =>
      (accounts ?? []).map((a) => {
        const d = view.deviceOf(a);
        return { accountId: a.id, deviceId: d.id, address: a.address, identities: identitiesOf(a), dbName: d.dbName };
      }),
    [accounts, view],
  );
  const unifiedList = useUnifiedList(unifiedSources, unified);
  const search = useSearch({ dbName, folder, within: unified, sources: unifiedSources });
  const searchBox = useRef<HTMLInputElement>(null);
  const [listMode, setListMode] = useListMode();
  const conversations = listMode === 'conversations' && !search.active;
  // What a search of every account found is listed apart (below): the folder's own list stays as it was.
  const searchingHere = search.active && !search.everywhere;
  const ids = searchingHere ? search.ids : folderIds;
  // A list over every account is shown: a view, or what a search of every account found. One
  // selection model for it (by entry key), the same as a folder's.
  const searchingEverywhere = search.active && search.everywhere;
  const unifiedShown = unified !== null || searchingEverywhere;
  // The name of the view shown (null for what a search of every account found).
  const unifiedTitle = unified ? intl.formatMessage(UNIFIED_TITLES[unified]) : null;
  const shownFolderName = folder ? folderName(folder) : null;
  // How many messages are listed, said beside the heading (nothing for a search of every account: under its box).
  const listedCount = unified ? (unifiedList?.entries.length ?? null) : searchingEverywhere ? null : (folderIds?.length ?? null);
  const unifiedEntries = useMemo(() => (searchingEverywhere ? (search.entries ?? []) : (unifiedList?.entries ?? [])), [searchingEverywhere, search.entries, unifiedList]);
  const unifiedSelection = useUnifiedSelection({
    entries: unifiedEntries,
    listKey: searchingEverywhere ? `search\n${unifiedVisit}\n${unified ?? ''}\n${search.text}` : `view\n${unifiedVisit}\n${unified ?? ''}`,
    onFailure: (error) => reportFailure(errorText(error)),
    onUndoable: undo.offer,
  });
  const unifiedEntry = unifiedEntries.find((e) => e.key === unifiedSelection.readerKey) ?? null;
  const unifiedPicked = unifiedSelection.many ? unifiedEntries.filter((e) => unifiedSelection.isSelected(e.key)) : [];
  const unifiedOneAccount = unifiedPicked.length > 0 && unifiedPicked.every((e) => e.source.dbName === unifiedPicked[0]!.source.dbName) ? unifiedPicked[0]!.source : null;
  const unifiedBulkFolders = useFolders(unifiedOneAccount?.dbName ?? null);
  /** The account a reply from a unified view is written from (otherwise the account shown). */
  const [composerFrom, setComposerFrom] = useState<DeviceRef | null>(null);
  const archivePath = folders?.find((f) => f.role === 'archive')?.path ?? null;
  const deviceView = useDeviceView({
    device: deviceRef,
    dbName,
    ids,
    listKey: searchingHere ? `search\n${search.text}` : `folder\n${folder?.id ?? ''}`,
    archivePath,
    selectedId: selection?.messageId ?? null,
    onSelected: view.selectMessageId,
    afterLeaving: 'next',
    readerShows: layout === 'three-pane',
    onFailure: (error) => reportFailure(errorText(error)),
    onUndoable: undo.offer,
  });
  const { message, openError, select: selectMessage, step, act: actOnMessage, move, bulk } = deviceView;
  const manySelected = deviceView.selection.count > 1;
  // The reader shows the focused message only while it is the one selected (not one Ctrl/Cmd+clicked out).
  const readerMessage = message && !manySelected && deviceView.selection.isSelected(message.id) ? message : null;

  // A new-mail announcement the user clicked is opened as the user's own choice (downloaded, marked
  // read as the setting says) once its folder is the one shown: the device view of the folder before cannot.
  const pendingOpen = useRef<OpenRequest | null>(null);
  const openRequested = (request: OpenRequest): void => {
    setUnified(null);
    view.chooseFolder(request.accountId, request.deviceId, request.folderId);
    view.selectMessageId(request.messageId);
    pendingOpen.current = request;
  };
  const shownMessageId = selection?.messageId ?? null;
  useEffect(() => {
    const request = pendingOpen.current;
    if (!request || deviceRef?.accountId !== request.accountId || deviceRef.deviceId !== request.deviceId || folder?.id !== request.folderId) return;
    pendingOpen.current = null;
    selectMessage(request.messageId);
  }, [deviceRef, folder?.id, shownMessageId, selectMessage]);
  useNewMailNotifications(accounts, openRequested);
  useUnreadBadge(accounts);

  /** An account main just returned (sandbox): shown at once, before its accounts:changed event arrives. */
  const openAccount = (opened: AccountSummary): void => {
    showAccount(opened);
    view.chooseAccount(opened);
    setAdding(false);
  };

  /** An account the form just added: its Inbox opens, and the focus is in its message list. */
  const openAdded = (added: AccountSummary): void => {
    openAccount(added);
    focusAfterSetup.current = 'message-list';
  };

  const cancelAdding = (): void => {
    focusAfterSetup.current = 'add-button';
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
    setUnified(null);
    const target = accounts?.find((a) => a.id === accountId);
    if (target) view.chooseAccount(target);
  };

  const selectFolder = (accountId: string, deviceId: string, target: FolderRecord): void => {
    setUnified(null);
    view.chooseFolder(accountId, deviceId, target.id);
    void invoke('folder:select', { accountId, deviceId, folderPath: target.path }).then((r) => !r.ok && reportFailure(errorText(r.error)));
  };

  /** The reader's actions: the composer's here, the rest shared with the device columns (useDeviceView). */
  const act = async (action: ReaderAction): Promise<void> => {
    if (!deviceRef || !message || !account || !dbName) return;
    switch (action) {
      case 'reply':
      case 'replyAll':
      case 'forward':
      case 'forwardAsAttachment': {
        const draft = await replyDraft(action, message, deviceRef, dbName, identitiesOf(account));
        if (!draft.ok) reportFailure(errorText(draft.error));
        else if (draft.value) setComposer(draft.value);
        return;
      }
      case 'editDraft': {
        const identity = identityAddressedBy(identitiesOf(account), message.from);
        const draft = await savedDraftForComposer(deviceRef, dbName, message, !identity.plainTextOnly);
        if (!draft.ok) reportFailure(errorText(draft.error));
        else setComposer({ ...draft.value, identityId: identity.id });
        return;
      }
      case 'saveSource': {
        const problem = await saveMessageSource(deviceRef, message);
        if (problem) reportFailure(problem.message);
        return;
      }
      default:
        actOnMessage(action);
    }
  };

  useEffect(() => {
    if (focusAfterSetup.current === 'add-button' && addAccountButton.current) {
      addAccountButton.current.focus();
      focusAfterSetup.current = null;
    }
    if (focusAfterSetup.current === 'message-list') {
      // The new account's list appears once its first sync has mail: focused then, unless the user went
      // elsewhere. Until then (or for an empty Inbox) its heading, beside "0 messages", holds the focus.
      const heading = document.querySelector<HTMLElement>('.list-pane h1');
      const free = document.activeElement === document.body || document.activeElement === null || document.activeElement === heading;
      const list = document.querySelector<HTMLElement>('.list-pane [role="listbox"]');
      if (list) {
        if (free) list.focus();
        focusAfterSetup.current = null;
      } else if (free) heading?.focus();
    }
  }, [adding, dbName, folder?.id, ids]);

  const keysTaken = Boolean(composer) || Boolean(messageFiles.openFile) || adding || Boolean(settingsFor) || Boolean(devicesFor) || sandboxPanelOpen || readingOpen;
  // Preferences open from either layout, whatever else is shown, unless a dialog or the composer has the keys.
  useKeyboardShortcuts(!keysTaken, { ',': () => setReadingOpen(true), 'Mod+o': () => messageFileInput.current?.click() });
  useKeyboardShortcuts(layout === 'three-pane' && !keysTaken && unifiedShown, {
    j: () => unifiedSelection.step(1),
    k: () => unifiedSelection.step(-1),
    J: () => unifiedSelection.extend(1),
    K: () => unifiedSelection.extend(-1),
    'Shift+ArrowDown': () => unifiedSelection.extend(1),
    'Shift+ArrowUp': () => unifiedSelection.extend(-1),
    'Mod+a': () => (inMessageList() ? unifiedSelection.selectAll() : false),
    Escape: () => unifiedSelection.collapse(),
    c: () => setComposer(emptyDraft()),
    '/': () => searchBox.current?.focus(),
  });
  // On the selection when no reader shows one message (then the keys are its reader's, UnifiedReader).
  useKeyboardShortcuts(layout === 'three-pane' && !keysTaken && unifiedShown && unifiedSelection.count > 0 && unifiedSelection.readerKey === null, {
    '#': () => unifiedSelection.bulk('delete'),
    Delete: () => unifiedSelection.bulk('delete'),
    u: () => unifiedSelection.toggleOnSelection('read'),
    s: () => unifiedSelection.toggleOnSelection('flag'),
    e: () => unifiedSelection.bulk('archive'),
  });
  useKeyboardShortcuts(layout === 'three-pane' && !keysTaken && !unifiedShown, {
    j: () => step(1),
    k: () => step(-1),
    J: () => deviceView.extend(1),
    K: () => deviceView.extend(-1),
    'Shift+ArrowDown': () => deviceView.extend(1),
    'Shift+ArrowUp': () => deviceView.extend(-1),
    // Text in the reader (or anywhere but the list) is selected by Ctrl/Cmd+A as in any page.
    'Mod+a': () => (inMessageList() ? deviceView.selectAll() : false),
    Escape: () => deviceView.collapse(),
    r: () => !manySelected && void act('reply'),
    a: () => !manySelected && void act('replyAll'),
    f: () => !manySelected && void act('forward'),
    '#': () => deviceView.actOnSelection('delete'),
    Delete: () => deviceView.actOnSelection('delete'),
    u: () => deviceView.actOnSelection('toggleRead'),
    s: () => deviceView.actOnSelection('toggleFlag'),
    e: () => deviceView.actOnSelection('archive'),
    c: () => setComposer(emptyDraft()),
    '/': () => searchBox.current?.focus(),
  });

  // Ctrl/Cmd+O and the system's "open with" show a message file over whatever layout is on screen.
  const messageFile = (
    <>
      <input ref={messageFileInput} type="file" accept=".eml,message/rfc822" className="visually-hidden" tabIndex={-1} aria-label={intl.formatMessage({ id: 'app.messageFile.choose', defaultMessage: 'Open a message file' })} onChange={(e) => {
        void messageFiles.open(e.target.files ?? []);
        e.target.value = '';
      }} />
      {messageFiles.openFile && <MessageFileViewer file={messageFiles.openFile} onClose={messageFiles.close} onCompose={(draft) => deviceRef && setComposer(draft)} />}
    </>
  );

  if (accounts === null) {
    return (
      <p className="pad">
        <FormattedMessage id="app.starting" defaultMessage="Starting Porthole…" />
      </p>
    );
  }
  const sandboxAccount = accounts.find((a) => a.sandbox) ?? null;
  if (accounts.length === 0 || adding) {
    return (
      <main className="setup">
        {/* The language and the sandbox are offered on the first-run screen only: adding a second account is just the form. */}
        {accounts.length === 0 && <WelcomeLanguage />}
        {accounts.length === 0 && <SandboxOffer onOpened={openAccount} />}
        <AccountForm
          onAdded={openAdded}
          onCancel={accounts.length ? cancelAdding : null}
          existingAddresses={accounts.map((a) => a.address)}
          weakSecretStorage={info?.secretStorageNeedsConsent ? { warning: info.secretStorageWarning ? secretStorageText(info.secretStorageWarning, intl) : '' } : null}
        />
        {messageFile}
      </main>
    );
  }

  const status = deviceRef ? (statuses[deviceKey(deviceRef)] ?? null) : null;
  const currentProgress = deviceRef ? (progress[deviceKey(deviceRef)] ?? null) : null;
  const isDraftFolder = folder?.role === 'drafts';
  const settingsAccount = accounts.find((a) => a.id === settingsFor) ?? null;
  const composerDevice = composerFrom ?? deviceRef;
  const composerAccount = accounts.find((a) => a.id === composerDevice?.accountId) ?? null;
  const devicesAccount = accounts.find((a) => a.id === devicesFor) ?? null;
  const readingButton = (
    <button
      type="button"
      className="small"
      onClick={() => setReadingOpen(true)}
      aria-keyshortcuts=","
      title={intl.formatMessage({ id: 'app.preferences.title', defaultMessage: 'When messages are marked read, light or dark ( , )' })}
    >
      <FormattedMessage id="app.preferences.button" defaultMessage="Preferences…" />
    </button>
  );
  const readingDialog = readingOpen && (
    <Preferences setting={markReadSetting} onChange={setMarkReadSetting} theme={theme} onThemeChange={setTheme} onClose={() => setReadingOpen(false)} />
  );
  // Undo send and the composer it reopens, in both layouts: a message sent from a device column
  // comes back into the composer of the device that sent it.
  const sendingToast = (
    <SendingToast
      composing={composer !== null || columnComposing}
      onTakenBack={(message) => {
        setComposerFrom({ accountId: message.accountId, deviceId: message.deviceId });
        setComposer(draftFromOutgoing(message));
      }}
    />
  );
  const composerView = composer && composerAccount && composerDevice && (
    <Composer
      device={composerDevice}
      dbName={composerAccount.devices.find((d) => d.id === composerDevice.deviceId)?.dbName ?? null}
      account={composerAccount}
      initial={composer}
      onClose={() => {
        setComposer(null);
        setComposerFrom(null);
      }}
    />
  );
  const noticeList = <Notices notices={notices} accounts={accounts.map((a) => ({ id: a.id, name: a.address }))} onDismiss={dismissNotice} />;

  if (layout === 'side-by-side' && account) {
    return (
      <div className="app-side-by-side">
        <SideBySide
          key={account.id}
          onComposingChange={setColumnComposing}
          account={account}
          statuses={statuses}
          progress={progress}
          guide={account.sandbox && guideOpen ? (showServerAs) => <GuidedSteps account={account} onShowServerAs={showServerAs} onClose={() => setGuideOpen(false)} /> : undefined}
          toolbar={
            <>
              <button type="button" aria-pressed="true" onClick={() => setLayout('three-pane')} title={intl.formatMessage({ id: 'app.layout.backToThreePanes', defaultMessage: 'Back to the three panes of one device' })}>
                <FormattedMessage id="app.layout.sideBySide" defaultMessage="Devices side by side" />
              </button>
              <select aria-label={intl.formatMessage({ id: 'app.layout.account', defaultMessage: 'Account' })} value={account.id} onChange={(e) => chooseAccount(e.target.value)}>
                {accounts.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.address}
                  </option>
                ))}
              </select>
              {account.sandbox && (
                <button type="button" aria-pressed={guideOpen} onClick={() => setGuideOpen(!guideOpen)}>
                  <FormattedMessage id="app.layout.guidedSteps" defaultMessage="Guided steps" />
                </button>
              )}
            </>
          }
        />
        {noticeList}
        {readingDialog}
        {messageFile}
        {sendingToast}
        {composerView}
      </div>
    );
  }

  return (
    <div className={`app${serverPanelOpen ? ' with-server' : ''}`}>
      <aside className="sidebar">
        <div className="sidebar-actions">
          <button type="button" className="primary" onClick={() => setComposer(emptyDraft())} aria-keyshortcuts="c" disabled={!deviceRef}>
            <FormattedMessage id="app.sidebar.compose" defaultMessage="Compose" />
          </button>
          <button type="button" onClick={() => deviceRef && void invoke('device:sync', deviceRef).then((r) => !r.ok && reportFailure(errorText(r.error)))}>
            <FormattedMessage id="app.sidebar.checkMail" defaultMessage="Check mail" />
          </button>
        </div>
        <div className="sidebar-actions view-toggles">
          <button type="button" className="small" aria-pressed={serverPanelOpen} onClick={() => setServerPanelOpen(!serverPanelOpen)} disabled={!deviceRef}>
            <FormattedMessage id="app.sidebar.serverView" defaultMessage="What the server sees" />
          </button>
          <button type="button" className="small" aria-pressed="false" onClick={() => setLayout('side-by-side')} disabled={!deviceRef}>
            <FormattedMessage id="app.layout.sideBySide" defaultMessage="Devices side by side" />
          </button>
          {readingButton}
        </div>
        {accounts.length > 1 && (
          <UnifiedNav
            current={unified}
            onChoose={(kind) => {
              setUnified(kind);
              setUnifiedVisit((n) => n + 1);
            }}
          />
        )}
        {accounts.map((a) => {
          const d = selection?.accountId === a.id && device ? device : view.deviceOf(a);
          return (
            <ErrorBoundary key={a.id} what={intl.formatMessage({ id: 'app.pane.folders', defaultMessage: 'The folders of {account}' }, { account: a.address })} resetKey={d.id}>
              <AccountSection
                account={a}
                device={d}
                selectedFolderId={selection?.accountId === a.id && !unified ? (folder?.id ?? null) : null}
                onChooseDevice={(deviceId) => view.chooseDevice(a.id, deviceId)}
                onSelectFolder={(f) => selectFolder(a.id, d.id, f)}
                onDropMessages={(messageIds, f) => (unifiedShown ? unifiedSelection.moveIn({ accountId: a.id, deviceId: d.id }, messageIds, f.path) : move(messageIds, f.path))}
                onSettings={() => setSettingsFor(a.id)}
                onDevices={() => setDevicesFor(a.id)}
                onSandbox={a.sandbox ? () => setSandboxPanelOpen(true) : null}
              />
            </ErrorBoundary>
          );
        })}
        <div className="add-account">
          <button type="button" ref={addAccountButton} onClick={() => setAdding(true)}>
            <FormattedMessage id="app.sidebar.addAccount" defaultMessage="Add account" />
          </button>
          <SandboxShortcuts hasSandbox={sandboxAccount !== null} onOpened={openAccount} onDemonstrating={openDemonstration} />
        </div>
      </aside>
      <section className="list-pane" aria-label={intl.formatMessage({ id: 'app.pane.list', defaultMessage: 'Message list' })}>
        <header className="pane-header">
          {/* What is listed: a view, what a search of every account found (its count is under the box), or the folder. */}
          <h1 tabIndex={-1}>
            {unifiedTitle ??
              (searchingEverywhere ? <FormattedMessage id="unified.everyAccount" defaultMessage="Every account" /> : (shownFolderName ?? <FormattedMessage id="app.list.inbox" defaultMessage="Inbox" />))}
          </h1>
          <span className="muted">{listedCount === null ? '' : <FormattedMessage id="app.list.count" defaultMessage="{count, plural, one {# message} other {# messages}}" values={{ count: listedCount }} />}</span>
          {!unified && <ListModeToggle mode={listMode} onChange={setListMode} />}
        </header>
        <SearchBar search={search} inputRef={searchBox} within={unifiedTitle ?? undefined} />
        <BulkProgressLine progress={unifiedShown ? unifiedSelection.progress : deviceView.progress} />
        {unified && !search.active && unifiedList && (unifiedList.cutAccounts.length > 0 || unifiedList.failed.length > 0) && (
          <p className="muted unified-note" role="status">
            {unifiedList.cutAccounts.length > 0 && (
              <>
                <FormattedMessage
                  id="app.unified.cut"
                  defaultMessage="The newest {count, number} of each of {accounts} are shown; the account’s own folders have the rest."
                  values={{ count: UNIFIED_PER_ACCOUNT, accounts: unifiedList.cutAccounts.join(', ') }}
                />{' '}
              </>
            )}
            {unifiedList.failed.length > 0 && <FormattedMessage id="app.unified.failed" defaultMessage="Could not be read here: {accounts}." values={{ accounts: unifiedList.failed.join(', ') }} />}
          </p>
        )}
        {search.active && search.ids?.length === 0 ? (
          <NoMatches search={search} folderName={shownFolderName} within={unifiedTitle ?? undefined} />
        ) : unifiedShown ? (
          <ErrorBoundary what={intl.formatMessage({ id: 'app.pane.listError', defaultMessage: 'The message list' })} resetKey={`${unified ?? ''}/${String(searchingEverywhere)}`}>
            {(searchingEverywhere ? search.entries : unifiedList) ? (
              <UnifiedList title={unifiedTitle} entries={unifiedEntries} selection={unifiedSelection} highlight={searchingEverywhere ? search.highlight : undefined} />
            ) : (
              <p className="muted pad">{searchingEverywhere ? <FormattedMessage id="search.searching" defaultMessage="Searching…" /> : <FormattedMessage id="app.list.loading" defaultMessage="Loading…" />}</p>
            )}
          </ErrorBoundary>
        ) : (
          dbName && (
            <ErrorBoundary what={intl.formatMessage({ id: 'app.pane.listError', defaultMessage: 'The message list' })} resetKey={`${dbName}/${folder?.id ?? ''}`}>
              {conversations && folder ? (
                <ConversationList dbName={dbName} folder={folder} ids={folderIds} idsComplete={folderIdsComplete} selectedId={selection?.messageId ?? null} onSelect={selectMessage} ownAddress={account?.address ?? null} />
              ) : (
                <MessageList
                  dbName={dbName}
                  folderName={shownFolderName ?? intl.formatMessage({ id: 'app.list.thisFolder', defaultMessage: 'this folder' })}
                  ids={ids}
                  selectedId={selection?.messageId ?? null}
                  onSelect={selectMessage}
                  onOpen={selectMessage}
                  selection={deviceView.selection}
                  onClickRow={deviceView.clickRow}
                  dragIds={deviceView.dragIds}
                  onListKey={deviceView.onListKey}
                  highlight={search.active ? search.highlight : undefined}
                />
              )}
            </ErrorBoundary>
          )
        )}
      </section>
      <section className="reader-pane" aria-label={intl.formatMessage({ id: 'app.pane.reader', defaultMessage: 'Reading pane' })}>
        {unifiedShown ? (
          unifiedSelection.many ? (
            <BulkPanel
              count={unifiedSelection.count}
              folders={unifiedBulkFolders ?? []}
              folderId={unifiedOneAccount && unifiedPicked.every((e) => e.message.folderId === unifiedPicked[0]!.message.folderId) ? unifiedPicked[0]!.message.folderId : null}
              busy={unifiedSelection.busy}
              onBulk={unifiedSelection.bulk}
              onMove={unifiedSelection.moveSelection}
              onClear={unifiedSelection.collapse}
              withKeys
              acrossAccounts={unifiedOneAccount ? null : new Set(unifiedPicked.map((e) => e.source.dbName)).size}
              noDrag
            />
          ) : unifiedEntry ? (
            <ErrorBoundary what={intl.formatMessage({ id: 'app.pane.messageError', defaultMessage: 'This message' })} resetKey={unifiedEntry.key}>
              <UnifiedReader
                key={unifiedEntry.key}
                entry={unifiedEntry}
                highlight={searchingEverywhere ? search.highlight : undefined}
                onFailure={(error) => reportFailure(errorText(error))}
                onUndoable={undo.offer}
                keysEnabled={!keysTaken}
                onCompose={(draft, from) => {
                  setComposerFrom(from);
                  setComposer(draft);
                }}
              />
            </ErrorBoundary>
          ) : (
            <p className="muted pad">
              <FormattedMessage
                id="app.reader.emptyUnified"
                defaultMessage="Select a message to read it. Each row names its account; j/k move through the list, {shift}+click or {mod}+click select several."
                values={{ shift: keyName('Shift', { intl }), mod: keyName('Mod', { intl }) }}
              />
            </p>
          )
        ) : manySelected ? (
          <BulkPanel
            count={deviceView.selection.count}
            folders={folders ?? []}
            folderId={folder?.id ?? null}
            busy={deviceView.busy}
            onBulk={deviceView.bulkOnSelection}
            onMove={deviceView.moveSelection}
            onClear={deviceView.collapse}
            withKeys
          />
        ) : readerMessage && message && dbName ? (
          <ErrorBoundary what={intl.formatMessage({ id: 'app.pane.messageError', defaultMessage: 'This message' })} resetKey={message.id}>
            {conversations ? (
              <ConversationReader dbName={dbName} message={message} folders={folders ?? []} isDraft={isDraftFolder} openError={openError} onAction={(a) => void act(a)} onMove={(path) => move([message.id], path)} onCompose={setComposer} onBulk={bulk} />
            ) : (
              <Reader dbName={dbName} message={message} folders={folders ?? []} isDraft={isDraftFolder} openError={openError} onAction={(a) => void act(a)} onMove={(path) => move([message.id], path)} onCompose={setComposer} highlight={search.active ? search.highlight : undefined} />
            )}
          </ErrorBoundary>
        ) : (
          <p className="muted pad">
            <FormattedMessage
              id="app.reader.empty"
              defaultMessage="Select a message to read it. Shortcuts: j/k next/previous, {shift}+J/K extend the selection, {shift}+click or {mod}+click select several, r reply, a reply all, f forward, # delete, e archive, u unread, s flag, c compose, comma reading preferences."
              values={{ shift: keyName('Shift', { intl }), mod: keyName('Mod', { intl }) }}
            />
          </p>
        )}
      </section>
      {serverPanelOpen && account && device && <ServerPanel account={account} device={device} folder={folder} />}
      {noticeList}
      {readingDialog}
      {messageFile}
      {undo.toast}
      {sendingToast}
      <StatusBar status={status} progress={currentProgress} />
      {settingsAccount && <AccountSettings account={settingsAccount} device={view.deviceOf(settingsAccount)} onClose={() => setSettingsFor(null)} />}
      {devicesAccount && <DeviceManager account={devicesAccount} onClose={() => setDevicesFor(null)} />}
      {sandboxPanelOpen && sandboxAccount && <SandboxPanel account={sandboxAccount} onDemonstrating={openDemonstration} onClose={() => setSandboxPanelOpen(false)} />}
      {composerView}
    </div>
  );
}

/** Whether the keyboard focus is in the message list, or nowhere in particular (the page itself). */
function inMessageList(): boolean {
  const active = document.activeElement;
  return active === null || active === document.body || active.closest('.list-pane') !== null;
}
