import { useEffect, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import type { NotifySettings } from '../../../common/contract';
import { accountAnnounces, announcingDevice, folderAnnounces } from '../../../common/model/announcements';
import type { AccountSummary } from '../../../common/model/account';
import type { WireError } from '../../../common/result';
import { invoke, useCommand } from '../../app/use-command';
import { currentTransport } from '../../bridge/api';
import { useFolders } from '../../cache/hooks';
import { ErrorText } from '../../ui/ErrorText';
import { depth, sortFolders } from '../folder-list/FolderList';
import { useNotificationPermission } from '../notifications/notification-permission';
import '../notifications/notifications.css';

/** The browser's permission, in words, and the button that asks for it (the harness only: Electron's main shows its own). */
function BrowserPermission() {
  const { permission, ask } = useNotificationPermission();
  if (permission === 'granted') return null;
  if (permission === 'unsupported')
    return (
      <p className="muted notify-permission">
        <FormattedMessage id="settings.notifications.unsupported" defaultMessage="This browser cannot show desktop notifications." />
      </p>
    );
  if (permission === 'denied')
    return (
      <p className="muted notify-permission">
        <FormattedMessage
          id="settings.notifications.denied"
          defaultMessage="This browser blocks notifications from Porthole. Allow them in the site settings (the icon left of the address), then come back here."
        />
      </p>
    );
  return (
    <p className="notify-permission">
      <button type="button" onClick={() => void ask()}>
        <FormattedMessage id="settings.notifications.turnOn" defaultMessage="Turn on desktop notifications" />
      </button> <span className="muted"><FormattedMessage id="settings.notifications.askOnce" defaultMessage="Your browser asks once whether Porthole may show them." /></span>
    </p>
  );
}

/**
 * Which new mail the account announces: on or off for the account, and a checkbox a folder (the
 * inbox ticked unless the user unticked it). Each change is saved at once (notify:setSettings).
 */
export function NotificationFields({ account }: { account: AccountSummary }) {
  const device = announcingDevice(account);
  const folders = useFolders(device?.dbName ?? null);
  const [settings, setSettings] = useState<NotifySettings | null>(null);
  const [loadError, setLoadError] = useState<WireError | null>(null);
  const save = useCommand('notify:setSettings');
  const [savedNote, setSavedNote] = useState(false);
  useEffect(() => {
    void invoke('notify:settings', null).then((r) => (r.ok ? setSettings(r.value) : setLoadError(r.error)));
  }, []);
  const mine = settings?.accounts[account.id];
  const enabled = accountAnnounces(mine);
  /** Shown at once, saved at once; a refused save puts the box back as main has it. */
  const change = async (folderPath: string | null, on: boolean): Promise<void> => {
    if (!settings) return;
    const before = settings;
    const current = before.accounts[account.id] ?? { enabled: true, folders: {} };
    const next = folderPath === null ? { ...current, enabled: on } : { ...current, folders: { ...current.folders, [folderPath]: on } };
    setSettings({ accounts: { ...before.accounts, [account.id]: next } });
    setSavedNote(false);
    const value = await save.run({ accountId: account.id, folderPath, enabled: on });
    setSettings(value ?? before);
    setSavedNote(value !== null);
  };
  const choices = sortFolders((folders ?? []).filter((f) => !f.noSelect));
  return (
    <div className="notify-fields">
      <label className="checkbox">
        <input type="checkbox" checked={enabled} disabled={!settings} onChange={(e) => void change(null, e.target.checked)} />
        <FormattedMessage id="settings.notifications.enabled" defaultMessage="Tell me when new mail arrives for {address}" values={{ address: account.address }} />
      </label>
      {device?.mode === 'pop3' ? (
        <p className="muted notify-note">
          <FormattedMessage id="settings.notifications.popNote" defaultMessage="New mail is announced after each check, when it lands in the Inbox (not at the first check of a new device)." />
        </p>
      ) : (
        <fieldset className="notify-folders" disabled={!enabled || !settings}>
          <legend>
            <FormattedMessage id="settings.notifications.foldersLegend" defaultMessage="Folders to announce" />
          </legend>
          {choices.length === 0 && (
            <p className="muted">
              <FormattedMessage id="settings.notifications.noFolders" defaultMessage="The folders show once the account has synced." />
            </p>
          )}
          {choices.map((folder) => (
            <label key={folder.id} className="checkbox" style={{ paddingInlineStart: `${depth(folder) * 1.1}rem` }}>
              <input type="checkbox" checked={folderAnnounces(mine ? { ...mine, enabled: true } : undefined, folder)} onChange={(e) => void change(folder.path, e.target.checked)} />
              <span dir="auto">{folder.role === 'inbox' ? <FormattedMessage id="settings.notifications.inbox" defaultMessage="Inbox" /> : folder.name}</span>
            </label>
          ))}
        </fieldset>
      )}
      {device?.mode !== 'pop3' && (
        <p className="muted notify-note">
          <FormattedMessage
            id="settings.notifications.unreadNote"
            defaultMessage="Only unread mail is announced: a message already read on another device never is. Folders that are not watched are announced when they are next synced."
          />
        </p>
      )}
      {currentTransport() === 'web' && enabled && <BrowserPermission />}
      <ErrorText error={save.error ?? loadError} />
      {savedNote && (
        <p role="status" className="saved-note">
          <FormattedMessage id="settings.save.saved" defaultMessage="Saved." />
        </p>
      )}
    </div>
  );
}
