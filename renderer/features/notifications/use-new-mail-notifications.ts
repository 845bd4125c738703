import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useIntl } from 'react-intl';
import type { DeviceRef, Events, NewMail } from '../../../common/contract';
import { announcingDevice } from '../../../common/model/announcements';
import type { AccountSummary } from '../../../common/model/account';
import { LOCAL_FOLDER_IDS, serverFolderId } from '../../../common/model/mail';
import { invoke } from '../../app/use-command';
import { currentTransport, getApi } from '../../bridge/api';
import { unreadOf } from '../../cache/hooks';
import { readDb } from '../../cache/read-db';
import { intl } from '../../i18n/intl';
import { announcementWords, announcementWordsForMain } from './announcement-words';

/** Where an announcement the user clicked leads: the message, and the folder (by id) it is in. */
export type OpenRequest = DeviceRef & { messageId: string; folderPath: string; folderId: string };

/** The page's title without a count: the product's name, in every language. */
const TITLE = 'Porthole';

/** The icon's count follows the cache at most this often: a sync marks thousands read in bursts. */
const BADGE_DEBOUNCE_MS = 400;

/**
 * The folder a message is in, as the cache has it; before the cache has it (or for a message gone
 * meanwhile), the folder its announcement named: `server:<path>` over IMAP, the local inbox over POP.
 */
async function openRequestFor(accounts: readonly AccountSummary[], request: Events['mail:openRequest']): Promise<OpenRequest> {
  const device = accounts.find((a) => a.id === request.accountId)?.devices.find((d) => d.id === request.deviceId);
  const record = device ? await readDb(device.dbName).messages.get(request.messageId).catch(() => undefined) : undefined;
  const folderId = record?.folderId ?? (device?.mode === 'pop3' ? LOCAL_FOLDER_IDS.inbox : serverFolderId(request.folderPath));
  return { ...request, folderId };
}

/** A browser notification for `mail` in the language shown: grouped, sender and subject only, plain text (the API has no markup). */
function showInBrowser(mail: NewMail, account: AccountSummary | undefined, open: () => void): void {
  const text = announcementWords(mail, { folderPath: mail.folderPath, accountAddress: account?.address ?? '' });
  // One tag per batch: several tabs of the harness hear the same event, and show it once.
  const newest = mail.messages[0]?.messageId ?? '';
  const notification = new Notification(text.title, { body: text.body, tag: `porthole:${mail.accountId}:${mail.deviceId}:${newest}` });
  notification.onclick = () => {
    window.focus();
    notification.close();
    open();
  };
}

/**
 * Announces new mail (the browser's Notification API in the web harness, once the user allowed it
 * from the Notifications settings; Electron's main shows its own) and opens the message an
 * announcement was clicked for, wherever the click happened.
 */
export function useNewMailNotifications(accounts: AccountSummary[] | null, onOpen: (request: OpenRequest) => void): void {
  const shown = useIntl();
  // Electron's main shows its announcements in these words: it does not know the window's language.
  useEffect(() => {
    if (currentTransport() === 'electron') void invoke('notify:setWords', announcementWordsForMain(shown));
  }, [shown]);
  const latest = useRef({ accounts: accounts ?? [], onOpen });
  useLayoutEffect(() => {
    latest.current = { accounts: accounts ?? [], onOpen };
  });
  useEffect(() => {
    const api = getApi();
    const open = (request: Events['mail:openRequest']): void => {
      void openRequestFor(latest.current.accounts, request).then((resolved) => latest.current.onOpen(resolved));
    };
    const offs = [api.on('mail:openRequest', open)];
    // Electron's main shows its own notifications (and sends mail:openRequest on a click).
    if (currentTransport() === 'web') {
      offs.push(
        api.on('mail:new', (mail) => {
          const newest = mail.messages[0];
          if (typeof Notification === 'undefined' || Notification.permission !== 'granted' || !newest) return;
          const account = latest.current.accounts.find((a) => a.id === mail.accountId);
          try {
            showInBrowser(mail, account, () => open({ accountId: mail.accountId, deviceId: mail.deviceId, messageId: newest.messageId, folderPath: mail.folderPath }));
          } catch (error) {
            // A browser that refuses (no notification service) costs the announcement, never the page.
            console.warn('Porthole: a notification could not be shown:', error instanceof Error ? error.message : error);
          }
        }),
      );
    }
    return () => offs.forEach((off) => off());
  }, []);
}

/**
 * Keeps the unread count on the app's icon and in the page's title ("(3) Porthole"): the unread
 * messages of every account's inbox, as the cache has them (each account's announcing device:
 * one device per account, so an account with two devices is not counted twice), live. Electron's
 * main draws it on the dock or taskbar (app:setUnreadBadge); the harness's page uses the Badging
 * API where the browser has it.
 */
export function useUnreadBadge(accounts: AccountSummary[] | null): void {
  const dbNames = useMemo(() => (accounts ?? []).flatMap((a) => announcingDevice(a)?.dbName ?? []).join('\n'), [accounts]);
  const count = useLiveQuery(async () => {
    let total = 0;
    for (const dbName of dbNames.split('\n').filter(Boolean)) {
      const db = readDb(dbName);
      const inbox = (await db.folders.toArray()).find((f) => f.role === 'inbox');
      if (inbox) total += unreadOf(inbox, await db.messages.where('[folderId+seen]').equals([inbox.id, 0]).count());
    }
    return total;
  }, [dbNames]);
  useEffect(() => {
    if (count === undefined) return;
    document.title = count > 0 ? intl().formatMessage({ id: 'notifications.title.unread', defaultMessage: '({count}) Porthole' }, { count }) : TITLE;
    const timer = setTimeout(() => {
      void invoke('app:setUnreadBadge', { count });
      if (currentTransport() !== 'web') return;
      // The Badging API: an installed web app's icon (absent in most browsers, and in a plain tab).
      const badging = navigator as Navigator & { setAppBadge?: (n: number) => Promise<void>; clearAppBadge?: () => Promise<void> };
      void (count > 0 ? badging.setAppBadge?.(count) : badging.clearAppBadge?.())?.catch(() => undefined);
    }, BADGE_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [count]);
}
