import type { AnnouncementWords, NOTIFY_COMMANDS } from '../../common/commands/notify-commands';
import type { PreferencesStore } from '../accounts/preferences-store';
import { refusedError } from '../protocols/protocol-error';
import type { DeviceRegistry } from './device-registry';
import type { HandlersFor } from './handler-types';

/** What announcing new mail needs: the stored choices, the accounts, and the app icon's count. */
export interface NotifyServices {
  preferences: Pick<PreferencesStore, 'notifySettings' | 'setNotifySetting' | 'setAnnouncementWords'>;
  registry: Pick<DeviceRegistry, 'get' | 'list'>;
  /** Electron's dock or taskbar count; a no-op in the harness, whose page shows the count itself. */
  setUnreadBadge: (count: number) => void;
  /** Keeps the window's words for the announcements main shows (Electron); the harness's page says its own. */
  setAnnouncementWords: (words: AnnouncementWords) => void;
}

/** New mail announcements (main/notify decides which) and the icon's unread count. */
export function notifyHandlers({ preferences, registry, setUnreadBadge, setAnnouncementWords }: NotifyServices): HandlersFor<keyof typeof NOTIFY_COMMANDS> {
  /** Choices of accounts removed since are not handed out. */
  const current = async () => {
    const settings = await preferences.notifySettings();
    const ids = new Set(registry.list().map((a) => a.id));
    return { accounts: Object.fromEntries(Object.entries(settings.accounts).filter(([id]) => ids.has(id))) };
  };
  return {
    'notify:settings': () => current(),
    'notify:setSettings': async ({ accountId, folderPath, enabled }) => {
      if (!registry.get(accountId)) throw refusedError('NOT_FOUND', { kind: 'accountNotFound' });
      await preferences.setNotifySetting(accountId, folderPath, enabled);
      return current();
    },
    'notify:setWords': async (words) => {
      setAnnouncementWords(words);
      await preferences.setAnnouncementWords(words);
      return null;
    },
    'app:setUnreadBadge': ({ count }) => {
      setUnreadBadge(count);
      return Promise.resolve(null);
    },
  };
}
